"""Real faults for the store's folder: a small disk that fills up, files made read-only,
a file system that fails with input/output errors, another program's write lock.

These need root (to mount and to set the immutable flag, which stops even root
from writing, where a chmod would not); without it the tests that use them are
skipped, saying why.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

# EXT4_IOC_SHUTDOWN: the file system stops, and every read and write fails with EIO.
EXT4_IOC_SHUTDOWN = 0x8004587D
EXT4_GOING_FLAGS_NOLOGFLUSH = 2


def need_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root: mounting a small disk and the immutable flag (chattr +i)")


@contextlib.contextmanager
def small_disk(where: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where`` (a real disk that can fill up)."""
    need_root()
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        for path in where.rglob("*"):
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte with a file; returns it (delete it to free space)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for block in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * block)
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make the store's database and its write-ahead log immutable (chattr +i): no
    process, root included, may write them, as on a folder whose permissions were taken
    away. Undone on leaving. (Not the -shm index: SQLite maps it into memory, and a
    mapped page of an immutable file faults with SIGBUS, which no program survives.)"""
    need_root()
    files = [folder / "store.db", folder / "store.db-wal"]
    done = subprocess.run(["chattr", "+i", *map(str, files)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this file system has no immutable flag: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, files)], capture_output=True)


@contextlib.contextmanager
def failing_disk(where: Path, size: str = "16M") -> Iterator[tuple[Path, callable]]:
    """An ext4 file system in a loop file at ``where``; the function given shuts it down,
    after which every read and write fails with an input/output error."""
    need_root()
    image = where.with_suffix(".img")
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["truncate", "-s", size, str(image)], check=True)
    made = subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make an ext4 file system: {made.stderr.strip()}")
    done = subprocess.run(["mount", "-o", "loop", str(image), str(where)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a loop device here: {done.stderr.strip()}")

    def shut_down() -> None:
        fd = os.open(where, os.O_RDONLY)
        try:
            fcntl.ioctl(fd, EXT4_IOC_SHUTDOWN, struct.pack("I", EXT4_GOING_FLAGS_NOLOGFLUSH))
        finally:
            os.close(fd)

    try:
        yield where, shut_down
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
        image.unlink(missing_ok=True)


@contextlib.contextmanager
def write_lock(folder: Path, key: bytes) -> Iterator[None]:
    """Another connection to the store holding its write lock (BEGIN IMMEDIATE), as a
    second program writing would."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(folder / "store.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()
