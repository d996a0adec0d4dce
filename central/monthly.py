"""The facts summed by month and court (``monthly_facts``), and the categories counted by
month and court (``monthly_categories``), kept in step with the facts.

Every change of one assessment's facts moves its contribution: out of the (kind of date,
month, court) rows of its old facts, into those of its new ones, in the same transaction
(an upsert adding the difference; rows touched in a fixed order, so two writers on
PostgreSQL cannot deadlock). ``rebuild`` sums them again from the facts, from scratch.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, func, insert, literal, select
from sqlalchemy.orm import Session

from central.definitions import CATEGORY_FACTS
from central.models import (
    MONTHLY_MEANS,
    MONTHLY_SUMS,
    CaseFacts,
    MonthlyCategory,
    MonthlyFacts,
)

KINDS = {"assessed": "assessed_on", "sentenced": "sentenced_on", "ended": "ended_on"}
KIND_OF_DATE = {date: kind for kind, date in KINDS.items()}
COUNTED = (*MONTHLY_SUMS, *(f"{m}_{p}" for m in MONTHLY_MEANS for p in ("sum", "n")))
Key = tuple[str, str, str]


def _values(facts: dict[str, Any]) -> dict[str, int]:
    out = {name: int(facts.get(name) or 0) for name in MONTHLY_SUMS}
    for name in MONTHLY_MEANS:
        value = facts.get(name)
        out[f"{name}_sum"] = int(value or 0)
        out[f"{name}_n"] = int(value is not None)
    return out


def _contributions(facts: dict[str, Any] | None) -> dict[Key, dict[str, int]]:
    if not facts:
        return {}
    values = _values(facts)
    return {(kind, facts[date][:7], facts["court_key"]): values
            for kind, date in KINDS.items() if facts.get(date)}


CategoryKey = tuple[str, str, str, str, str]


def _categories(facts: dict[str, Any] | None) -> list[CategoryKey]:
    if not facts:
        return []
    return [(kind, facts[date][:7], facts["court_key"], name, str(facts[name])[:40])
            for kind, date in KINDS.items() if facts.get(date)
            for name in sorted(CATEGORY_FACTS) if facts.get(name)]


def _apply_categories(session: Session, old: dict[str, Any] | None,
                      new: dict[str, Any] | None, upsert) -> None:
    deltas: dict[CategoryKey, int] = defaultdict(int)
    for sign, facts in ((-1, old), (1, new)):
        for key in _categories(facts):
            deltas[key] += sign
    table = MonthlyCategory.__table__.c
    for key in sorted(k for k, v in deltas.items() if v):
        statement = upsert(MonthlyCategory).values(
            kind=key[0], month=key[1], court_key=key[2], category=key[3], value=key[4],
            n=deltas[key])
        session.execute(statement.on_conflict_do_update(
            index_elements=["kind", "month", "court_key", "category", "value"],
            set_={"n": table.n + statement.excluded.n}))


def apply(session: Session, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
    """Move one assessment's contribution from its old facts to its new ones."""
    deltas: dict[Key, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTED, 0))
    for sign, facts in ((-1, old), (1, new)):
        for key, values in _contributions(facts).items():
            for name, value in values.items():
                deltas[key][name] += sign * value
    name = (new or old or {}).get("court_name")
    if session.get_bind().dialect.name == "postgresql":  # imported here: a read needs neither
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    for key in sorted(deltas):
        change = {k: v for k, v in deltas[key].items() if v}
        if not change:
            continue
        statement = upsert(MonthlyFacts).values(
            kind=key[0], month=key[1], court_key=key[2], court_name=name,
            **{k: change.get(k, 0) for k in COUNTED})
        table = MonthlyFacts.__table__.c
        session.execute(statement.on_conflict_do_update(
            index_elements=["kind", "month", "court_key"],
            set_={k: table[k] + statement.excluded[k] for k in change}))
    _apply_categories(session, old, new, upsert)


def as_dict(row: CaseFacts | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {c.name: getattr(row, c.name) for c in CaseFacts.__table__.columns}


def rebuild(session: Session) -> None:
    """Every month's sums and counts again, from the facts."""
    session.execute(delete(MonthlyFacts))
    session.execute(delete(MonthlyCategory))
    facts = CaseFacts.__table__.c
    for kind, date in KINDS.items():
        month = func.substr(facts[date], 1, 7)
        columns = [literal(kind), month, facts.court_key, func.max(facts.court_name)]
        columns += [func.coalesce(func.sum(facts[n]), 0) for n in MONTHLY_SUMS]
        for name in MONTHLY_MEANS:
            columns += [func.coalesce(func.sum(facts[name]), 0), func.count(facts[name])]
        names = ["kind", "month", "court_key", "court_name", *MONTHLY_SUMS,
                 *(f"{m}_{p}" for m in MONTHLY_MEANS for p in ("sum", "n"))]
        session.execute(insert(MonthlyFacts).from_select(names, select(*columns).where(
            facts[date].is_not(None)).group_by(month, facts.court_key)))
        for category in sorted(CATEGORY_FACTS):
            value = func.substr(facts[category], 1, 40)
            session.execute(insert(MonthlyCategory).from_select(
                ["kind", "month", "court_key", "category", "value", "n"],
                select(literal(kind), month, facts.court_key, literal(category), value,
                       func.count()).where(facts[date].is_not(None),
                                           facts[category].is_not(None))
                .group_by(month, facts.court_key, value)))
