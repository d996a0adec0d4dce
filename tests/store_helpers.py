"""Stores for tests: an administrator makes the accounts; assessors and reviewers do the work.

Duties are separate (an administrator writes no assessment), so a test that
interviews signs in as an assessor made by the administrator.
"""

from __future__ import annotations

from pathlib import Path

from cstr_desktop.store.session import Store
from cstr_desktop.trust.key_slots import FAST_KDF_FOR_TESTS

KDF = FAST_KDF_FOR_TESTS
ADMIN, ADMIN_PASSWORD = "admin", "admin password"


def make_store(folder: Path, accounts: dict[str, tuple[str, str]] | None = None) -> None:
    """A store at ``folder`` with an administrator and the given accounts
    (``{name: (password, role)}``)."""
    with Store.create(folder, ADMIN, ADMIN_PASSWORD, kdf=KDF) as admin:
        for name, (password, role) in (accounts or {}).items():
            admin.add_account(name, password, role)


def assessor_store(folder: Path, name: str = "ann", password: str = "correct horse battery",
                   **more: tuple[str, str]) -> Store:
    """A new store and the session of its assessor ``name``."""
    make_store(folder, {name: (password, "assessor"), **more})
    return Store.open(folder, name, password, kdf=KDF)


def admin_session(folder: Path) -> Store:
    return Store.open(folder, ADMIN, ADMIN_PASSWORD, kdf=KDF)
