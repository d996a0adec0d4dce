"""The one way the tests make a store (``new_store``; the ``fresh_store`` fixture in
conftest wraps it, like sqlite-utils' ``fresh_db``).

An administrator (``ADMIN``) makes the store and its accounts; duties being separate
(an administrator writes no assessment), a test that interviews signs in as an assessor
the administrator made. Every store here uses the fast key derivation made for tests.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import sqlcipher3

from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store

KDF = FAST_KDF_FOR_TESTS
ADMIN, ADMIN_PASSWORD = "admin", "admin password"
ASSESSOR, ASSESSOR_PASSWORD = "ann", "correct horse battery"
# The usual review team: an assessor who writes and a reviewer who countersigns.
TEAM = {"sam": ("assessor password", "assessor"), "rita": ("reviewer password", "reviewer")}


def new_store(folder: Path, accounts: dict[str, tuple[str, str]] | None = None, *,
              sign_in: str | None = None, admin: tuple[str, str] = (ADMIN, ADMIN_PASSWORD)
              ) -> Store | Path:
    """A new store at ``folder`` made by the administrator ``admin`` (name, password) with
    ``accounts`` (``{name: (password, role)}``). Returns the session of ``sign_in`` (an
    account's name, or the administrator's) when given, else the folder.

    Each kind of store is made once per test run, by ``Store.create`` and the
    administrator, closed, and copied for every test that asks for one (a copy is what a
    new store is, made in a millisecond rather than in the hundreds its key files,
    fsyncs and backup take)."""
    folder = Path(folder)
    key = (admin, tuple(sorted((accounts or {}).items())))
    template = _TEMPLATES.get(key)
    if template is None:
        template = Path(tempfile.mkdtemp(prefix="cstr-test-store-")) / "data"
        with Store.create(template, admin[0], admin[1], kdf=KDF) as session:
            for name, (password, role) in (accounts or {}).items():
                session.add_account(name, password, role)
        _TEMPLATES[key] = template
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(template, folder, symlinks=True)
    if sign_in is None:
        return folder
    passwords = {admin[0]: admin[1], **{n: p for n, (p, _) in (accounts or {}).items()}}
    return Store.open(folder, sign_in, passwords[sign_in], kdf=KDF)


_TEMPLATES: dict[tuple, Path] = {}


def remove_templates() -> None:
    """At the end of a run: the stores copied from go too."""
    for template in _TEMPLATES.values():
        shutil.rmtree(template.parent, ignore_errors=True)
    _TEMPLATES.clear()


def open_store(folder: Path, name: str, password: str) -> Store:
    """Sign in to an existing store made here."""
    return Store.open(folder, name, password, kdf=KDF)


# The names the tests used before there was one factory; each is new_store.
def make_store(folder: Path, accounts: dict[str, tuple[str, str]] | None = None) -> None:
    new_store(folder, accounts)


def assessor_store(folder: Path, name: str = ASSESSOR, password: str = ASSESSOR_PASSWORD,
                   **more: tuple[str, str]) -> Store:
    """A new store and the session of its assessor ``name``."""
    return new_store(folder, {name: (password, "assessor"), **more}, sign_in=name)


def admin_session(folder: Path) -> Store:
    return open_store(folder, ADMIN, ADMIN_PASSWORD)


def raw_db(folder: Path | None, key: bytes, path: Path | None = None):
    """``store.db`` opened with the raw key, as an insider would (no Store, no rules)."""
    conn = sqlcipher3.connect(str(path or Path(folder) / "store.db"), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.row_factory = sqlcipher3.Row
    return conn


def opens_with(path: Path, key: bytes) -> bool:
    """Whether the database file at ``path`` opens, whole, with ``key``."""
    try:
        conn = raw_db(None, key, path)
        ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        conn.close()
        return ok
    except sqlcipher3.DatabaseError:
        return False
