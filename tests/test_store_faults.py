"""A save that cannot be written is StoreUnavailable, naming the cause, and changes
nothing: tested against real faults (another program's write lock, a full disk,
files made read-only, a file system failing with I/O errors), never a mock."""

from __future__ import annotations

import subprocess

import pytest
from support.disks import failing_disk, fill, read_only, small_disk, write_lock
from support.stores import assessor_store

from cstr_desktop.folder_lock import FolderLock
from cstr_desktop.store import StoreError
from cstr_desktop.store_errors import DiskFull, ReadOnly, StoreBusy, StoreUnavailable

PASSWORD = "correct horse battery"


def new_store(folder):
    """An assessor's session (duties are separate: only assessors write answers)."""
    store = assessor_store(folder, "ann", PASSWORD)
    store.set_busy_timeout(0.2)
    return store


def test_busy_another_programs_write_lock_is_waited_for_then_reported(tmp_path, bundle):
    store = new_store(tmp_path / "data")
    a = store.create_assessment(bundle, "CF-1")
    store.save_answer(bundle, a, "mh_history", "first")
    with write_lock(tmp_path / "data", store._key()):
        with pytest.raises(StoreUnavailable) as caught:
            store.save_answer(bundle, a, "mh_history", "second")
    assert caught.value.cause == "busy" and isinstance(caught.value, StoreBusy)
    assert isinstance(caught.value, StoreError)  # one of the store's own errors
    assert str(caught.value) == (f"the store in {tmp_path / 'data'} is busy: another window "
                                 "or program is using it; try again in a moment (nothing "
                                 "was lost)")
    assert store.answers(a)["mh_history"] == "first"  # nothing half-written
    store.save_answer(bundle, a, "mh_history", "second")  # the same save, once free
    assert store.answers(a)["mh_history"] == "second"
    assert store.verify_audit().ok
    store.close()


def test_full_a_full_disk_is_reported_and_the_save_works_once_there_is_room(tmp_path, bundle):
    with small_disk(tmp_path / "disk") as disk:
        store = new_store(disk / "data")
        try:
            a = store.create_assessment(bundle, "CF-1")
            store.save_answer(bundle, a, "mh_history", "before")
            filler = fill(disk)
            big = "x" * 19_000
            with pytest.raises(StoreUnavailable) as caught:
                for i in range(20):  # the WAL may have room left in its pages; then full
                    store.save_answer(bundle, a, "mh_history", f"{i} {big}")
            assert caught.value.cause == "full" and isinstance(caught.value, DiskFull)
            assert "is full: nothing more can be saved" in str(caught.value)
            filler.unlink()
            store.save_answer(bundle, a, "mh_history", "after")
            assert store.answers(a)["mh_history"] == "after"
            assert store.verify_audit().ok
        finally:
            store.close()


def test_read_only_files_are_reported_as_read_only(tmp_path, bundle):
    store = new_store(tmp_path / "data")
    a = store.create_assessment(bundle, "CF-1")
    store.save_answer(bundle, a, "mh_history", "before")
    with read_only(tmp_path / "data"):
        with pytest.raises(StoreUnavailable) as caught:
            store.save_answer(bundle, a, "mh_history", "while read-only")
    assert caught.value.cause == "read_only" and isinstance(caught.value, ReadOnly)
    assert "read-only" in str(caught.value)
    store.save_answer(bundle, a, "mh_history", "after")
    assert store.answers(a)["mh_history"] == "after"
    store.close()


def test_io_error_a_failing_disk_is_an_input_output_error_and_close_still_ends(tmp_path,
                                                                              bundle):
    with failing_disk(tmp_path / "ext4") as (disk, shut_down):
        store = new_store(disk / "data")
        try:
            a = store.create_assessment(bundle, "CF-1")
            store.save_answer(bundle, a, "mh_history", "before")
            shut_down()
            with pytest.raises(StoreUnavailable) as caught:
                store.save_answer(bundle, a, "mh_history", "after")
            assert caught.value.cause == "io"
            assert "input/output error" in str(caught.value)
        finally:
            assert store.close() is None  # no backup, but the connection is closed
        assert store.close_problem is not None


def test_one_program_per_folder_names_the_holder_and_frees_on_release(tmp_path):
    folder = tmp_path / "data"
    first = FolderLock(folder, "CSTR Court Day").acquire()
    with pytest.raises(StoreBusy) as caught:
        FolderLock(folder, "the command 'cstr-desktop cases'").acquire()
    holder = caught.value.holder
    assert holder["program"] == "CSTR Court Day" and holder["pid"] > 0 and holder["host"]
    assert "is open in CSTR Court Day (process" in str(caught.value)
    assert FolderLock(folder, "x").holder()["program"] == "CSTR Court Day"
    first.release()
    assert FolderLock(folder, "x").holder() is None
    with FolderLock(folder, "again"):
        pass


def test_the_lock_goes_with_a_process_that_dies(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    child = subprocess.Popen(
        ["python3", "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], "
         "os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True);"
         " time.sleep(60)", str(folder / "cstr-desktop.lock")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusy):
            FolderLock(folder, "app").acquire()
    finally:
        child.kill()
        child.wait()
    FolderLock(folder, "app").acquire().release()
