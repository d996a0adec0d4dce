"""Who signs, and how reports are marked: account profiles and the protective marking.

A repository of the store (:class:`cstr_desktop.store.session.Store` puts it together).
"""

from __future__ import annotations

from typing import Any

from cstr_desktop.errors import StoreError
from cstr_desktop.store.accounts import Accounts
from cstr_desktop.store.unit import Repository, UnitOfWork

# The profile printed where an account signs a report, and the markings offered.
PROFILE_FIELDS = ("full_name", "profession", "registration", "supervisor")
MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL")
DEFAULT_MARKING = MARKINGS[0]


class Profiles(Repository):
    """Account profiles (who signs) and the protective marking."""

    def __init__(self, unit: UnitOfWork, accounts: Accounts):
        super().__init__(unit)
        self.accounts = accounts

    def set_profile(self, username: str, **profile: str | None) -> Any:
        """Set an account's profile (full name, profession, registration, supervising
        clinician): an administrator for anyone, anyone for themselves."""
        unknown = sorted(set(profile) - set(PROFILE_FIELDS))
        if unknown:
            raise StoreError(f"unknown profile field '{unknown[0]}' (one of: "
                             f"{', '.join(PROFILE_FIELDS)})")
        row = self.accounts.account_row(username)
        if row is None:
            raise StoreError(f"no account named '{username}'")
        if row["id"] != self.unit.user.id:
            self.unit.require("admin")
        values = {}
        for field, value in profile.items():
            text = (value or "").strip()
            if len(text) > 120 or any(ord(ch) < 32 for ch in text):
                raise StoreError(f"the {field.replace('_', ' ')} must be one line of at most "
                                 "120 characters")
            values[field] = text or None
        old = {f: row.get(f) for f in values}
        if old == values:
            return next(a for a in self.accounts.all() if a.id == row["id"])
        with self.unit.transaction():
            self.unit.db["accounts"].update(row["id"], values)
            self.unit.audit("profile_changed", "account", row["id"], old=old, new=values)
        return next(a for a in self.accounts.all() if a.id == row["id"])

    def marking(self) -> str:
        """The protective marking printed on every page (default OFFICIAL-SENSITIVE)."""
        return _meta_value(self.unit.db, "protective_marking") or DEFAULT_MARKING

    def set_marking(self, marking: str) -> None:
        """Set the protective marking for this laptop's reports (administrators)."""
        self.unit.require("admin")
        text = " ".join(marking.split()).upper()
        if not text or len(text) > 40 or not all(ch.isalnum() or ch in " -" for ch in text):
            raise StoreError("a protective marking is 1 to 40 letters, digits, spaces or "
                             f"hyphens, such as {' or '.join(MARKINGS)}")
        old = self.marking()
        if text == old:
            return
        with self.unit.transaction():
            self.unit.db["meta"].upsert({"key": "protective_marking", "value": text}, pk="key")
            self.unit.audit("marking_changed", new=text, old=old, entity=None, entity_id=None)



def _meta_value(db: Any, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None
