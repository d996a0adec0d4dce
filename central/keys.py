"""Central's own keys: Ed25519 to sign receipts, X25519 for bundles sealed to it.

Both live as PKCS#8 PEM files (mode 0600) in the key folder, made on first use. Several
hosts share one database and so must share one key folder: the public halves are kept in
the database too, and a host whose keys differ refuses to start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from central.canonical import b64, canonical, fingerprint

SIGNING_FILE = "central-signing.pem"
BUNDLE_FILE = "central-bundle.pem"


@dataclass(frozen=True)
class CentralKeys:
    signing: Ed25519PrivateKey
    bundle: X25519PrivateKey

    @property
    def signing_public(self) -> str:
        return b64(_raw(self.signing.public_key()))

    @property
    def signing_fingerprint(self) -> str:
        return fingerprint(_raw(self.signing.public_key()))

    @property
    def bundle_public(self) -> str:
        return b64(_raw(self.bundle.public_key()))

    @property
    def bundle_fingerprint(self) -> str:
        return fingerprint(_raw(self.bundle.public_key()))

    def sign(self, payload: dict) -> dict:
        """A signed object (trust-model): the signer is central's key fingerprint."""
        return {"payload": payload, "signer": f"central:{self.signing_fingerprint}",
                "signature": b64(self.signing.sign(canonical(payload)))}


def _raw(public) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _read_or_make(path: Path, make):
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        return key
    key = make()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
        out.flush()
        os.fsync(out.fileno())
    try:
        os.link(tmp, path)  # never replaces a key another process made meanwhile
    except FileExistsError:
        tmp.unlink()
        return _read_or_make(path, make)
    tmp.unlink()
    return key


def load_keys(key_dir: Path) -> CentralKeys:
    signing = _read_or_make(Path(key_dir) / SIGNING_FILE, Ed25519PrivateKey.generate)
    bundle = _read_or_make(Path(key_dir) / BUNDLE_FILE, X25519PrivateKey.generate)
    if not isinstance(signing, Ed25519PrivateKey) or not isinstance(bundle, X25519PrivateKey):
        raise ValueError(f"the key files in {key_dir} are not central's keys")
    return CentralKeys(signing=signing, bundle=bundle)
