"""Key slots: the database key, wrapped once for each account.

The store's key is 32 random bytes. Each account holds a copy of it encrypted
(AES-256-GCM) under a key derived from that account's password with argon2id
and a salt of its own. Signing in unwraps the slot; a wrong password fails the
GCM tag, so nothing is readable without a valid sign-in. A password change
re-wraps one slot (the database is not re-encrypted); removing an account
removes its slot.

The slots live in ``keyslots.json`` beside the database: it must be readable
before the database can be opened. It holds no account names, only a salted
hash of each name, and no personal data.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SLOTS_FILE = "keyslots.json"
FORMAT = "cstr-keyslots/1"
# Failures before sign-in slows down, and the longest wait.
FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 300


class SignInError(Exception):
    """Wrong account or password (never says which)."""


class TooManyAttempts(SignInError):
    def __init__(self, wait_seconds: int):
        self.wait_seconds = wait_seconds
        super().__init__(f"too many wrong passwords: try again in {wait_seconds} seconds")


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost, kept in each slot (a slot always unlocks with its own cost).

    The default, 32 MiB over 2 passes on 2 lanes, is above OWASP's baseline for
    argon2id (19 MiB, 2 passes) and takes about 30 ms on the 2-core reference
    laptop, so signing in and listing the day stays under its 100 ms budget.
    The wrong-password back-off slows guessing at the sign-in; this cost is
    what slows guessing against a copied key-slot file.
    """

    time_cost: int = 2
    memory_cost: int = 32 * 1024  # KiB
    parallelism: int = 2


DEFAULT_KDF = KdfParams()
FAST_KDF_FOR_TESTS = KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_cost, parallelism=params.parallelism,
                           hash_len=32, type=Type.ID)


class KeySlots:
    """The key slot file of one data folder."""

    def __init__(self, folder: Path, kdf: KdfParams = DEFAULT_KDF,
                 clock: Callable[[], float] = time.time):
        self.path = Path(folder) / SLOTS_FILE
        self.kdf = kdf
        self.clock = clock

    # -- file ---------------------------------------------------------------

    def exists(self) -> bool:
        return self.path.exists()

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SignInError("there is no store in this folder") from None
        except (OSError, ValueError) as exc:
            raise SignInError(f"the key file {self.path} cannot be read: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SignInError(f"the key file {self.path} is not a CSTR key file")
        return data

    def _write(self, data: dict) -> None:
        """Write atomically: a crash leaves the old file or the new one, never half of one."""
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        dir_fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def create(self) -> bytes:
        """A new, empty slot file; returns the new random database key."""
        if self.path.exists():
            raise FileExistsError(self.path)
        self._write({"format": FORMAT, "name_salt": _b64(secrets.token_bytes(16)),
                     "slots": {}, "failures": {}})
        return secrets.token_bytes(32)

    def _tag(self, data: dict, username: str) -> str:
        salt = _unb64(data["name_salt"])
        return hashlib.sha256(salt + username.casefold().encode("utf-8")).hexdigest()

    # -- slots --------------------------------------------------------------

    def add(self, username: str, password: str, db_key: bytes) -> None:
        """Wrap the database key for an account (replacing any slot it had)."""
        data = self._read()
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        tag = self._tag(data, username)
        kek = _derive(password, salt, self.kdf)
        wrapped = AESGCM(kek).encrypt(nonce, db_key, tag.encode("ascii"))
        data["slots"][tag] = {"salt": _b64(salt), "nonce": _b64(nonce),
                              "wrapped": _b64(wrapped), "kdf": asdict(self.kdf)}
        data["failures"].pop(tag, None)
        self._write(data)

    def remove(self, username: str) -> bool:
        data = self._read()
        tag = self._tag(data, username)
        removed = data["slots"].pop(tag, None) is not None
        data["failures"].pop(tag, None)
        self._write(data)
        return removed

    def has(self, username: str) -> bool:
        data = self._read()
        return self._tag(data, username) in data["slots"]

    def unlock(self, username: str, password: str) -> bytes:
        """The database key, if the password is right; otherwise SignInError.

        After a few wrong passwords for an account, each further attempt must
        wait, doubling each time (up to five minutes).
        """
        data = self._read()
        tag = self._tag(data, username)
        failure = data["failures"].get(tag)
        now = self.clock()
        if failure and failure["count"] >= FREE_ATTEMPTS:
            delay = min(MAX_DELAY_SECONDS, 2 ** (failure["count"] - FREE_ATTEMPTS + 1))
            wait = failure["last"] + delay - now
            if wait > 0:
                raise TooManyAttempts(math.ceil(wait))
        slot = data["slots"].get(tag)
        key = None
        if slot is not None:
            params = KdfParams(**slot["kdf"])
            kek = _derive(password, _unb64(slot["salt"]), params)
            try:
                key = AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]),
                                          tag.encode("ascii"))
            except InvalidTag:
                key = None
        else:
            # Spend the same effort, so timing does not tell which accounts exist.
            _derive(password, b"\0" * 16, self.kdf)
        if key is None:
            count = (failure or {}).get("count", 0) + 1
            data["failures"][tag] = {"count": count, "last": now}
            self._write(data)
            raise SignInError("wrong account name or password")
        if failure:
            data["failures"].pop(tag, None)
            self._write(data)
        return key
