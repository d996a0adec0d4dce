"""Checking many Ed25519 signatures, spread over the machine's cores.

``audit-verify`` checks every entry's signature; at hundreds of thousands of entries
that is most of its time, and each check is independent of the others. Small sets
are checked here; large ones in worker processes started afresh ("spawn": nothing of
the store, its keys or its open database is carried into them).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

# (seq, 32-byte public key, 64-byte signature, signed bytes)
Item = tuple[int, bytes, bytes, bytes]
PARALLEL_FROM = 20_000
CHUNK = 10_000


def failing(items: Sequence[Item]) -> list[int]:
    """The seq of every item whose signature does not verify."""
    keys: dict[bytes, Ed25519PublicKey] = {}
    bad = []
    for seq, public, signature, message in items:
        key = keys.get(public)
        if key is None:
            try:
                key = keys[public] = Ed25519PublicKey.from_public_bytes(public)
            except ValueError:
                bad.append(seq)
                continue
        try:
            key.verify(signature, message)
        except InvalidSignature:
            bad.append(seq)
    return bad


def failing_in_parallel(items: Sequence[Item]) -> list[int]:
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        return failing(items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) \
                as pool:
            return sorted(seq for bad in pool.map(failing, chunks) for seq in bad)
    except (OSError, RuntimeError):  # no processes to be had: do it here
        return failing(items)
