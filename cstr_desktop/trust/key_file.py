"""The key file (``keyslots.json``): its format, checked field by field, and safe writing.

Every read checks the whole file (a pydantic model, extra fields forbidden, sizes and
costs bounded), so a damaged or edited file is one clear line, never a traceback or
an argon2id cost of a million passes. Every change is a read-modify-write under an
exclusive lock (``fcntl``), written to a unique temporary file, flushed to disk,
renamed over the old one, and the folder flushed too: a crash or a second process
leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from cstr_desktop.errors import KeyFileDamaged, LegacyStore
from cstr_desktop.store.faults import fault
from cstr_desktop.trust.key_wrap import KDF_LIMITS
from cstr_desktop.trust.signatures import fingerprint, unb64

SLOTS_FILE = "keyslots.json"
LOCK_FILE = "keyslots.lock"
FORMAT = "cstr-keyslots/2"
LEGACY_FORMAT = "cstr-keyslots/1"
MAX_BYTES = 1024 * 1024
MAX_SLOTS = 1000
MAX_COUNT = 64  # a failure counter never grows past this
MAX_ROLLBACKS = 20
HEX64 = re.compile(r"^[0-9a-f]{64}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _b64_of(length: int | None):
    def check(value: Any) -> str:
        unb64(value, length)
        return value
    return BeforeValidator(check)


def _matching(pattern: re.Pattern, what: str):
    def check(value: Any) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            raise ValueError(f"not {what}")
        return value
    return BeforeValidator(check)


B64_12 = Annotated[str, _b64_of(12)]
B64_16 = Annotated[str, _b64_of(16)]
B64_32 = Annotated[str, _b64_of(32)]
B64 = Annotated[str, _b64_of(None)]
Hex64 = Annotated[str, _matching(HEX64, "64 hex characters")]
Uuid = Annotated[str, _matching(UUID, "a UUID")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Kdf(_Model):
    time_cost: int = Field(ge=KDF_LIMITS["time_cost"][0], le=KDF_LIMITS["time_cost"][1])
    memory_cost: int = Field(ge=KDF_LIMITS["memory_cost"][0], le=KDF_LIMITS["memory_cost"][1])
    parallelism: int = Field(ge=KDF_LIMITS["parallelism"][0], le=KDF_LIMITS["parallelism"][1])


class Wrapped(_Model):
    nonce: B64_12
    data: B64


class Sealed(_Model):
    ephemeral: B64_32
    nonce: B64_12
    data: B64


class Slot(_Model):
    account_id: Uuid
    kdf: Kdf
    salt: B64_16
    keys: Wrapped  # the account's signing and box private keys, under its password
    box_public: B64_32
    db_key: Sealed  # the database key, sealed to box_public
    db_key_next: Sealed | None = None  # during a re-key


class Recovery(_Model):
    box_public: B64_32
    db_key: Sealed
    db_key_next: Sealed | None = None
    root_key: Sealed  # the root administrator's signing key


def _clamp_count(value: Any) -> Any:
    return min(value, MAX_COUNT) if isinstance(value, int) and not isinstance(value, bool) \
        else value


class Failure(_Model):
    count: Annotated[int, BeforeValidator(_clamp_count), Field(ge=0)]
    last: float = Field(allow_inf_nan=False)

    @field_validator("last", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


class AuditMark(_Model):
    count: int = Field(ge=0)
    head: Hex64


class Rollback(_Model):
    seen_at: str = Field(max_length=40)
    recorded_count: int = Field(ge=0)
    recorded_head: Hex64
    found_count: int = Field(ge=0)
    found_head: Hex64 | None


class KeyFile(_Model):
    format: Literal["cstr-keyslots/2"]
    store_id: Uuid
    root_public_key: B64_32
    root_fingerprint: str
    name_salt: B64_16
    name_kdf: Kdf
    slots: dict[Hex64, Slot] = Field(max_length=MAX_SLOTS)
    recovery: Recovery
    failures: dict[str, Failure] = Field(max_length=MAX_SLOTS + 1)
    audit: AuditMark | None = None
    rollbacks: list[Rollback] = Field(default_factory=list, max_length=MAX_ROLLBACKS)
    generation: int = Field(ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> KeyFile:
        if fingerprint(self.root_public_key) != self.root_fingerprint:
            raise ValueError("root_fingerprint is not the root key's fingerprint")
        ids = [s.account_id for s in self.slots.values()]
        if len(ids) != len(set(ids)):
            raise ValueError("two slots name the same account")
        # Counters only for known accounts, and one for every name not known.
        self.failures = {k: v for k, v in self.failures.items()
                         if k in self.slots or k == UNKNOWN}
        return self


UNKNOWN = "unknown"  # the one failure counter shared by every name that is not an account


def _describe(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "the file"
    return f"{where}: {err['msg']}" + (f" (and {exc.error_count() - 1} more)"
                                       if exc.error_count() > 1 else "")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key '{key}' appears twice")
        seen[key] = value
    return seen


class KeyFileStore:
    """Reading and writing one folder's key file."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.path = self.folder / SLOTS_FILE

    def exists(self) -> bool:
        return self.path.exists()

    def raw(self) -> dict:
        """The file's JSON object, size-bounded and with no key given twice."""
        try:
            with open(self.path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise KeyFileDamaged(self.path, "it is missing") from None
        except OSError as exc:
            raise KeyFileDamaged(self.path, exc.strerror or str(exc)) from None
        if len(data) > MAX_BYTES:
            raise KeyFileDamaged(self.path, f"it is larger than {MAX_BYTES // 1024} KiB")
        try:
            obj = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
        except (UnicodeDecodeError, ValueError) as exc:
            raise KeyFileDamaged(self.path, f"not JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise KeyFileDamaged(self.path, "not a JSON object")
        return obj

    def format(self) -> str | None:
        obj = self.raw()
        return obj.get("format") if isinstance(obj.get("format"), str) else None

    def read(self) -> KeyFile:
        obj = self.raw()
        if obj.get("format") == LEGACY_FORMAT:
            raise LegacyStore(self.folder)
        try:
            return KeyFile.model_validate(obj)
        except ValidationError as exc:
            raise KeyFileDamaged(self.path, _describe(exc)) from None
        except ValueError as exc:
            raise KeyFileDamaged(self.path, str(exc)) from None

    def write(self, data: KeyFile | dict, path: Path | None = None) -> None:
        """Write atomically and durably (unique temp file, fsync, rename, folder fsync)."""
        path = path or self.path
        obj = data.model_dump(mode="json") if isinstance(data, KeyFile) else data
        if isinstance(data, KeyFile):
            obj["rollbacks"] = obj["rollbacks"][-MAX_ROLLBACKS:]
        text = json.dumps(obj, indent=1, sort_keys=True)
        fd, tmp = -1, ""
        try:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".keyslots-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fd = -1
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
            tmp = ""
            sync_folder(path.parent)
        except OSError as exc:
            raise fault(exc, path.parent) from None
        finally:
            if fd >= 0:
                os.close(fd)
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's key-file lock (exclusive) for a read-modify-write."""
        try:
            fd = os.open(self.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise fault(exc, self.folder) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @contextlib.contextmanager
    def update(self) -> Iterator[KeyFile]:
        """``with kf.update() as data:`` change ``data``; it is written when the block ends."""
        with self.locked():
            data = self.read()
            yield data
            self.write(data)


def sync_folder(folder: Path) -> None:
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
