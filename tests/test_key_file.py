"""The key file, damaged or edited field by field: always one clear line, never a traceback,
never an argon2id cost the file asks for beyond its bounds."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from support.stores import ADMIN, ADMIN_PASSWORD, KDF, make_store

from cstr_desktop.cli import main
from cstr_desktop.key_file import MAX_BYTES, KeyFile
from cstr_desktop.key_slots import KeySlots, SignInError
from cstr_desktop.store_errors import KeyFileDamaged


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kf") / "data"
    make_store(folder, {"sam": ("assessor password", "assessor")})
    with pytest.raises(SignInError):
        KeySlots(folder, KDF).unlock("sam", "a wrong guess")  # a failure counter too
    return folder, (folder / "keyslots.json").read_text()


def leaves(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, (*path, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from leaves(v, (*path, i))
    else:
        yield path


def set_at(obj, path, value):
    for p in path[:-1]:
        obj = obj[p]
    obj[path[-1]] = value


def cases(folder):
    out, err = io.StringIO(), io.StringIO()
    code = main(["cases", "--data-dir", str(folder), "--user", ADMIN], out=out, err=err)
    return code, err.getvalue()


def test_every_field_wrong_in_turn_is_one_clear_line(original, tmp_path, monkeypatch):
    folder, text = original
    monkeypatch.setenv("CSTR_PASSWORD", ADMIN_PASSWORD)
    data = json.loads(text)
    paths = list(leaves(data))
    assert len(paths) > 40
    target = tmp_path / "data"
    shutil.copytree(folder, target)
    checked = 0
    for path in paths:
        for wrong in ("x", -1, None, [], {"a": 1}, 10 ** 6):
            broken = json.loads(text)
            set_at(broken, path, wrong)
            if broken == data:
                continue
            (target / "keyslots.json").write_text(json.dumps(broken))
            try:
                KeyFile.model_validate(broken)
                valid = True
            except ValueError:
                valid = False
            code, err = cases(target)
            assert "Traceback" not in err and len(err.splitlines()) <= 1, (path, wrong, err)
            if not valid:  # a damaged file never lets anyone in, and says so
                assert code == 2 and "key file" in err and "damaged" in err, (path, wrong, err)
            else:  # a value still within bounds: a sign-in that works, or fails in words
                assert code in (0, 3), (path, wrong, err)
            checked += 1
    assert checked > 200


def test_an_argon2_cost_of_a_million_passes_is_refused_at_once(original, tmp_path, monkeypatch):
    import time

    folder, text = original
    shutil.copytree(folder, tmp_path / "data")
    data = json.loads(text)
    for slot in data["slots"].values():
        slot["kdf"]["time_cost"] = 10 ** 6
    (tmp_path / "data" / "keyslots.json").write_text(json.dumps(data))
    monkeypatch.setenv("CSTR_PASSWORD", ADMIN_PASSWORD)
    start = time.perf_counter()
    code, err = cases(tmp_path / "data")
    assert time.perf_counter() - start < 5
    assert code == 2 and "key file" in err and "time_cost" in err and "damaged" in err


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b"\xff\xfe", b'{"format": 1}',
                                     b'{"format": "cstr-keyslots/2", "format": "x"}',
                                     b" " * (MAX_BYTES + 1)])
def test_a_file_that_is_not_a_key_file(original, tmp_path, content):
    folder, _ = original
    shutil.copytree(folder, tmp_path / "data")
    (tmp_path / "data" / "keyslots.json").write_bytes(content)
    with pytest.raises(KeyFileDamaged) as exc:
        KeySlots(tmp_path / "data", KDF).read()
    assert "damaged" in str(exc.value) and "\n" not in str(exc.value)


def test_failure_counts_past_the_bound_are_read_as_the_bound(original, tmp_path):
    folder, text = original
    shutil.copytree(folder, tmp_path / "data")
    data = json.loads(text)
    (tag, failure), = data["failures"].items()
    failure["count"] = 10 ** 9
    (tmp_path / "data" / "keyslots.json").write_text(json.dumps(data))
    assert KeySlots(tmp_path / "data", KDF).read().failures[tag].count == 64
