"""The validated form library, kept on disk between runs of the program.

Validating every form file (pydantic models with discriminated unions, and
every cross-reference) costs a few hundred milliseconds at each start, which a
command such as ``assess`` would pay every time. The library is therefore kept
in the user cache folder, keyed by the SHA-256 of every form file's name and
bytes, the package's version, the source of the schema and loader modules, and
the versions of Python and pydantic: any
change to any of them makes a new key, so a stale library is never used.

The cache is a pickle, so it is only read from a folder this user owns that no
one else can write (0700), from a file this user owns that no one else can
write; anything else, or any fault reading it, means the files are validated
again (and the cache rewritten). ``CSTR_FORM_CACHE=off`` turns it off;
``CSTR_FORM_CACHE=DIR`` puts it elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

ENV = "CSTR_FORM_CACHE"


def cache_dir() -> Path | None:
    setting = os.environ.get(ENV, "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cstr-desktop", appauthor=False)) / "forms"


def form_texts(folder: Path) -> dict[str, bytes]:
    """Every ``*.yaml`` file below the folder, by its display path, in a stable order."""
    from .form_loader import _display_path

    return {_display_path(path, folder): path.read_bytes()
            for path in sorted(folder.rglob("*.yaml"))}


def _code_parts() -> list[bytes]:
    """The source of the modules whose classes are pickled and whose checks made them: a
    change there (in development) makes a new key. A bundle has no sources beside its
    code, and its version fixes them."""
    from . import (
        condition_checks,
        criteria_checks,
        criteria_schema,
        form_loader,
        form_schema,
        layout_checks,
        layout_schema,
        schema_base,
    )
    from .outcomes import definitions as outcome_definitions

    parts = []
    for module in (schema_base, form_schema, criteria_schema, layout_schema, form_loader,
                   condition_checks, criteria_checks, layout_checks, outcome_definitions):
        try:
            parts.append(hashlib.sha256(Path(module.__file__).read_bytes()).digest())
        except (OSError, TypeError):
            parts.append(b"frozen")
    return parts


def cache_key(texts: dict[str, bytes]) -> str:
    import pydantic

    digest = hashlib.sha256()
    for part in (__version__, sys.version, pydantic.VERSION):
        digest.update(part.encode() + b"\0")
    for part in _code_parts():
        digest.update(part)
    for name, content in texts.items():
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def _safe_to_read(path: Path) -> bool:
    """Owned by this user and writable by no one else, the file and its folder."""
    if not hasattr(os, "getuid"):  # Windows: the user profile's own ACLs protect it
        return path.is_file()
    try:
        for p in (path.parent, path):
            st = p.lstat()
            if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return False
            if p is path and not stat.S_ISREG(st.st_mode):
                return False
    except OSError:
        return False
    return True


def load_library(folder: Path, library_class: Any) -> Any:
    """The library of the form files in ``folder``: from the cache when it holds this
    exact set of files, otherwise validated now (and cached for next time)."""
    texts = form_texts(folder)
    where = cache_dir()
    if where is None:
        return library_class.from_texts(texts, folder)
    path = where / f"library-{cache_key(texts)}.pickle"
    if _safe_to_read(path):
        try:
            with path.open("rb") as f:
                library = pickle.load(f)  # noqa: S301 - our own file, checked above
            if isinstance(library, library_class):
                library.folder = folder
                return library
        except Exception:  # noqa: BLE001 - any fault: validate the files again
            pass
    library = library_class.from_texts(texts, folder)
    _write(where, path, library)
    return library


def _write(where: Path, path: Path, library: Any) -> None:
    """Write atomically; a cache that cannot be written is only slower, never an error."""
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(where, 0o700)
        for old in where.glob("library-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".library-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(library, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
