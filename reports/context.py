"""What a report needs beyond the answers: the record's status and the people who wrote
and signed it (:class:`ReportContext`), and how they are printed in a snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class ReportContext:
    """What the report needs beyond the answers: the record and the people."""

    assessment_id: str | None = None
    version: int = 1
    status: str = "draft"
    assessor: str | None = None
    assessor_role: str | None = None  # the profession, in the assessor's profile
    countersigned_by: str | None = None
    countersigned_at: str | None = None
    amendment_reason: str | None = None
    marking: str = DEFAULT_MARKING
    assessor_registration: str | None = None
    assessor_supervisor: str | None = None
    countersigner_role: str | None = None
    # The signed countersign step (base64 signature) and where the audit trail stood
    # when it was made: entries before it, and the newest entry's hash.
    countersignature: str | None = None
    audit_entries: int | None = None
    audit_head: str | None = None


def signatures(context: ReportContext, approved: bool) -> dict[str, Any]:
    """Who wrote the report and, once it is approved, who countersigned it and when."""
    return {"assessor": context.assessor, "assessor_role": context.assessor_role,
            "assessor_registration": context.assessor_registration,
            "assessor_supervisor": context.assessor_supervisor,
            "countersigned_by": context.countersigned_by if approved else None,
            "countersigner_role": context.countersigner_role if approved else None,
            "countersigned_at": context.countersigned_at if approved else None,
            "countersignature": context.countersignature if approved else None,
            "audit": ({"entries": context.audit_entries, "head": context.audit_head}
                      if approved and context.audit_head else None)}
