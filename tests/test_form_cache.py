"""The validated form library kept between runs: used only when it is exactly right."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import ROOT

from cstr_desktop.form_cache import cache_dir, load_library
from cstr_desktop.form_loader import FormLibrary, default_forms_dir

PROBE = """
import sys
from cstr_desktop.form_loader import load_bundle
bundle = load_bundle()
print(bundle.version, "yaml" in sys.modules)
"""


def probe(cache: Path, forms: Path | None = None) -> list[str]:
    code = PROBE if forms is None else PROBE.replace("load_bundle()",
                                                    f"load_bundle(folder={str(forms)!r})")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={**os.environ, "CSTR_FORM_CACHE": str(cache)})
    return out.stdout.split()


def test_the_second_start_reads_the_cache_and_never_parses_yaml(tmp_path):
    cache = tmp_path / "cache"
    first = probe(cache)
    assert first[:2] == ["2", "True"]            # validated: the YAML parser was needed
    files = list(cache.glob("library-*.pickle"))
    assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == "0o600"
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    assert probe(cache)[:2] == ["2", "False"]    # from the cache: no YAML at all


def test_a_changed_form_file_is_validated_again_and_its_fault_found(tmp_path, monkeypatch):
    from cstr_desktop.form_errors import FormError

    monkeypatch.setenv("CSTR_FORM_CACHE", str(tmp_path / "cache"))
    forms = tmp_path / "forms"
    shutil.copytree(default_forms_dir(), forms, ignore=shutil.ignore_patterns("__pycache__"))
    assert load_library(forms, FormLibrary).bundle().version == 2
    criteria = forms / "criteria" / "cstr_criteria.v2.yaml"
    criteria.write_text(criteria.read_text().replace("considered_by: requirements_considered",
                                                     "considered_by: requirements_consider"))
    with pytest.raises(FormError, match="requirements_consider"):
        load_library(forms, FormLibrary)


@pytest.mark.parametrize("spoil", ["group_writable_folder", "garbage", "someone_elses_type"])
def test_a_cache_that_cannot_be_trusted_is_not_used(tmp_path, monkeypatch, spoil):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CSTR_FORM_CACHE", str(cache))
    load_library(default_forms_dir(), FormLibrary)
    (path,) = cache.glob("library-*.pickle")
    if spoil == "group_writable_folder":
        os.chmod(cache, 0o777)
    elif spoil == "garbage":
        path.write_bytes(b"not a pickle")
    else:
        import pickle

        path.write_bytes(pickle.dumps({"not": "a library"}))
    library = load_library(default_forms_dir(), FormLibrary)
    assert isinstance(library, FormLibrary) and library.bundle().version == 2
    # ... and the cache was written afresh, private again.
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    (again,) = cache.glob("library-*.pickle")
    import pickle

    assert isinstance(pickle.loads(again.read_bytes()), FormLibrary)


def test_the_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("CSTR_FORM_CACHE", "off")
    assert cache_dir() is None
    assert load_library(default_forms_dir(), FormLibrary).bundle().version == 2
