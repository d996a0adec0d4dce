"""The shared primitives of docs/trust-model.md: canonical JSON, hashes, keys, codes, times.

Pure functions only. Canonical JSON and the hashes and codes made from it are the
laptop's own (``cstr_desktop.canonical``, a module of the standard library only),
so the bytes cannot drift apart; tests still hold them to the laptop's functions.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

import cstr_desktop.canonical as laptop
from cstr_desktop.canonical import (  # noqa: F401  (central's names for them)
    AUDIT_HASHED_FIELDS,
    audit_entry_hash,
    canonical,
    content_hash,
    sha256_hex,
    show_code,
    snapshot_hash,
)

HEX64_RE = re.compile(r"^[0-9a-f]{64}$")
HEX32_RE = re.compile(r"^[0-9a-f]{32}$")
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes:
    """Standard base64 to bytes; ValueError for anything else."""
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("not base64 text") from exc


def fingerprint(public_raw: bytes) -> str:
    return sha256_hex(public_raw)[:32]


def show_fingerprint(fp: str) -> str:
    return " ".join(fp[i:i + 4] for i in range(0, len(fp), 4))


def public_key(text: Any) -> Ed25519PublicKey:
    raw = unb64(text)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def signature_ok(key: Ed25519PublicKey, payload: Any, signature_b64: Any) -> bool:
    try:
        key.verify(unb64(signature_b64), canonical(payload))
    except (InvalidSignature, ValueError):
        return False
    return True


def verification_code(countersignature_b64: str, snapshot: Mapping[str, Any]) -> str:
    """The printed code of a report, from its countersignature and snapshot."""
    return laptop.verification_code(countersignature_b64, snapshot_hash(snapshot))


def normalise_code(text: str) -> str | None:
    """A typed code without spaces or dashes, upper case; None if it cannot be a code."""
    code = "".join(ch for ch in text.upper() if ch not in " -\t")
    if len(code) != 16 or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def now() -> str:
    return stamp(datetime.now(UTC))


def stamp(moment: datetime) -> str:
    """UTC, fixed width, so that text order is time order in either database."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.microsecond // 1000:03d}Z"


def parse_time(text: Any) -> datetime:
    """An ISO 8601 time with its zone; ValueError otherwise."""
    if not isinstance(text, str):
        raise ValueError("not a time")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a time without its zone")
    return moment


def search_form(text: str | None) -> str:
    """Folded for search: accents removed, case folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


CASE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TERM_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz"


def case_form(text: str | None) -> str:
    """A case number for search: its letters (upper case) and digits only, which sort the
    same way in every collation (a linguistic one ignores dashes)."""
    folded = unicodedata.normalize("NFKD", text or "").upper()
    return "".join(ch for ch in folded if ch in CASE_CHARS)


def search_terms(text: str | None) -> list[str]:
    """The words of a name or a court for search: accents removed, lower case, letters
    and digits only (which sort the same in every collation), at most 40 characters."""
    plain = search_form(text)
    words = "".join(ch if ch in TERM_CHARS else " " for ch in plain).split()
    return list(dict.fromkeys(word[:40] for word in words))


def prefix_end(prefix: str, alphabet: str = CASE_CHARS) -> str | None:
    """The least string after every one that starts with ``prefix`` (None: no end)."""
    chars = list(prefix)
    while chars:
        last = alphabet.index(chars[-1])
        if last + 1 < len(alphabet):
            chars[-1] = alphabet[last + 1]
            return "".join(chars)
        chars.pop()
    return None
