"""Central's own audit trail: who did what, and who saw whose record.

Events are only ever added, in the same transaction as what they describe (a record
shown is audited before its page is sent).
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.canonical import now
from central.models import AuditEvent, Record


@dataclass(frozen=True)
class Actor:
    """Who acts: an office user (their role), a device, or the command line."""

    name: str
    role: str

    @staticmethod
    def command_line() -> Actor:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return Actor(f"cli:{user}", "cli")


def subject_of(record: Record) -> str:
    person = ", ".join(p for p in (record.family_name, record.given_names) if p)
    return f"{person} ({record.case_number or 'no case number'})"


def record_event(session: Session, actor: Actor, action: str, record: Record | None = None,
                 detail: dict[str, Any] | None = None, subject: str | None = None) -> None:
    session.add(AuditEvent(
        at=now(), actor=actor.name, actor_role=actor.role, action=action,
        record_id=record.id if record is not None else None,
        subject=subject if subject is not None else
        (subject_of(record) if record is not None else None),
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None))


def events(session: Session, record_id: str | None = None, actor: str | None = None,
           limit: int = 200) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if record_id:
        query = query.where(AuditEvent.record_id == record_id)
    if actor:
        query = query.where(AuditEvent.actor == actor)
    return list(session.scalars(query))
