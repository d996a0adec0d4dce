"""The form's report bindings a renderer needs, read from the form a snapshot was made from.

A snapshot freezes what a copy prints (its hash makes the verification code), not how
the form groups it. That is data in the form's layout: which section holds each
requirement's own criteria (an opinion part's ``requirement_sections``), and which
questions the summary card of a copy kept before readers' copies existed reads
(``kept_card``). Both are looked up here by the form id and version the snapshot
names, in the shipped forms, so no question or section id is written in the reports.
"""

from __future__ import annotations

from typing import Any

from cstr_desktop.forms.loader import load_bundle


def _layout(snapshot: dict) -> Any:
    form = snapshot["form"]
    return load_bundle(form["id"], form["version"]).layout


def requirement_sections(snapshot: dict, part_key: str) -> dict[str, str]:
    """The section of each requirement's own criteria (by requirement id) in the part
    ``part_key`` of the snapshot's layout; none when the part binds none."""
    part = next((p for p in _layout(snapshot).parts if p.key == part_key), None)
    return dict(part.requirement_sections) if part is not None else {}


def kept_card(snapshot: dict) -> Any:
    """The questions a kept (snapshot schema 1) copy's summary card reads, or None."""
    return _layout(snapshot).kept_card


def role(snapshot: dict, name: str) -> str | None:
    """The question that plays a role (``offence``, ...) in the snapshot's form."""
    return getattr(_layout(snapshot).roles, name)
