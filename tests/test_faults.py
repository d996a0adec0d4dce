"""Faults named as what they are: busy, disk full, read-only and damaged are four different
one-line messages, and only damage suggests ``restore``; busy exits 4 (try again), the
others 2. Real files, a real second
connection, a real small disk (tmpfs) and a real read-only mount."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import sqlcipher3
from support.cli import clean_env, cstr_desktop
from support.stores import ADMIN, ADMIN_PASSWORD, KDF, make_store

from cstr_desktop.key_slots import KeySlots

LIST = ("hearing_date,court_name,courtroom,list_time,case_number,family_name,given_names,"
        "date_of_birth\n2026-11-23,Cardiff,1,10:00,CF-1,Ali,Sara,1990-01-01\n")


def cli(folder, *args):
    return cstr_desktop(*args, "--data-dir", str(folder), "--user", ADMIN,
                        env=clean_env(CSTR_PASSWORD=ADMIN_PASSWORD))


def one_line(proc, code: int = 2) -> str:
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return proc.stderr


@pytest.fixture
def mount(tmp_path):
    point = tmp_path / "disk"
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(point)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "data"
    make_store(folder)
    return folder


def busy(store) -> str:
    key = KeySlots(store, KDF).unlock(ADMIN, ADMIN_PASSWORD).db_keys[0]
    other = sqlcipher3.connect(str(store / "store.db"), isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        return one_line(cli(store, "cases"), 4)  # exit 4: busy, try again
    finally:
        other.execute("ROLLBACK")
        other.close()


def disk_full(store, mount) -> str:
    folder = mount / "data"
    shutil.copytree(store, folder)
    csv = mount / "list.csv"
    csv.write_text(LIST)
    (mount / "filler").write_bytes(b"\0" * shutil.disk_usage(mount).free)
    return one_line(cli(folder, "import-list", str(csv)))


def read_only(store, mount) -> str:
    folder = mount / "data"
    shutil.copytree(store, folder)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    return one_line(cli(folder, "cases"))


def damaged(store) -> str:
    path = store / "store.db"
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 100] ^= 0xFF  # one flipped byte in every page after the first
    path.write_bytes(bytes(data))
    return one_line(cli(store, "cases"))


def test_four_faults_four_messages_and_only_damage_suggests_restore(store, tmp_path, mount):
    messages = {"busy": busy(store)}
    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    messages["full"] = disk_full(copy, mount)
    subprocess.run(["umount", "-l", str(mount)], check=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], check=True)
    messages["read-only"] = read_only(copy, mount)
    messages["damaged"] = damaged(store)
    for word, message in messages.items():
        assert word in message, (word, message)
    assert len(set(messages.values())) == 4
    assert [w for w, m in messages.items() if "restore" in m] == ["damaged"]
