"""The cryptography of the key file: password keys, wrapping, sealing, the recovery key.

Nothing hand-made: argon2id (argon2-cffi) derives a key from a password; AES-256-GCM
(``cryptography``) wraps; a sealed box is X25519 + HKDF-SHA256 + AES-256-GCM, so
the database key can be wrapped afresh for an account (at a re-key) without
knowing its password.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from cstr_desktop.errors import RecoveryKeyError
from cstr_desktop.trust.signatures import b64, unb64


class Unwrap(Exception):
    """A wrapped or sealed value did not open (wrong key, or altered)."""


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost, kept beside what it protects (it always unlocks with its own cost).

    The default, 32 MiB over 2 passes on 2 lanes, is above OWASP's baseline for
    argon2id (19 MiB, 2 passes) and takes about 30 ms on the 2-core reference
    laptop, so signing in and listing the day stays under its 100 ms budget.
    The wrong-password back-off slows guessing at the sign-in; this cost is
    what slows guessing against a copied key file.
    """

    time_cost: int = 2
    memory_cost: int = 32 * 1024  # KiB
    parallelism: int = 2


DEFAULT_KDF = KdfParams()
FAST_KDF_FOR_TESTS = KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
# Account names are hashed with a cheaper cost: enough that a copied key file does
# not give them up to a lookup table, cheap enough to run at every sign-in.
NAME_KDF = KdfParams(time_cost=1, memory_cost=4 * 1024, parallelism=1)
# What a key file may ask for: a file asking for more is damaged, never obeyed.
KDF_LIMITS = {"time_cost": (1, 10), "memory_cost": (1024, 256 * 1024), "parallelism": (1, 8)}


def derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(secret.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_cost, parallelism=params.parallelism,
                           hash_len=32, type=Type.ID)


def wrap(key: bytes, plaintext: bytes, aad: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {"nonce": b64(nonce), "data": b64(AESGCM(key).encrypt(nonce, plaintext, aad))}


def unwrap(key: bytes, wrapped: dict[str, str], aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(unb64(wrapped["nonce"], 12), unb64(wrapped["data"]), aad)
    except (InvalidTag, ValueError):
        raise Unwrap("does not open") from None


def box_public(private: X25519PrivateKey) -> str:
    return b64(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def box_private_raw(private: X25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    return private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _box_key(shared: bytes, ephemeral: bytes, recipient: bytes, aad: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient,
                info=b"cstr-sealed-box/1|" + aad).derive(shared)


def seal(recipient_b64: str, plaintext: bytes, aad: bytes) -> dict[str, str]:
    """Encrypt for the holder of an X25519 private key (an anonymous sealed box)."""
    recipient = unb64(recipient_b64, 32)
    ephemeral = X25519PrivateKey.generate()
    eph_pub = unb64(box_public(ephemeral), 32)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    return {"ephemeral": b64(eph_pub),
            **wrap(_box_key(shared, eph_pub, recipient, aad), plaintext, aad)}


def open_sealed(private: X25519PrivateKey, sealed: dict[str, str], aad: bytes) -> bytes:
    try:
        eph_pub = unb64(sealed["ephemeral"], 32)
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    except ValueError:
        raise Unwrap("does not open") from None
    recipient = unb64(box_public(private), 32)
    return unwrap(_box_key(shared, eph_pub, recipient, aad), sealed, aad)


# -- the recovery key --------------------------------------------------------------------

def recovery_key_text(private: X25519PrivateKey) -> str:
    """The recovery key as printed: 32 bytes and a 2-byte check, base32, groups of 4."""
    raw = box_private_raw(private)
    text = base64.b32encode(raw + hashlib.sha256(raw).digest()[:2]).decode("ascii").rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def recovery_key_from_text(text: str) -> X25519PrivateKey:
    """The recovery key as typed (any case, spaces or dashes); RecoveryKeyError (a
    ValueError) if mistyped."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        data = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except ValueError:
        raise RecoveryKeyError("that is not a recovery key (letters A-Z and digits 2-7)") from None
    if len(data) != 34 or hashlib.sha256(data[:32]).digest()[:2] != data[32:]:
        raise RecoveryKeyError("that is not the recovery key: check each group of four")
    return X25519PrivateKey.from_private_bytes(data[:32])
