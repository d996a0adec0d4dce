"""Laptop stores with approved (countersigned) assessments, for the sync tests and bench.

Each assessment is a real one: imported answers, submitted by an assessor, countersigned
by a reviewer with the password, and its final copies kept, as the app does. Family
names are unique (``Pritchard-0007``), so a test can look for one in the raw file.
"""

from __future__ import annotations

import json
from pathlib import Path

from cstr_desktop.forms.loader import load_bundle
from cstr_desktop.store.session import Store
from cstr_desktop.trust.key_slots import FAST_KDF_FOR_TESTS
from support.paths import EXAMPLES

EXAMPLE = EXAMPLES / "example_mhtr_atr_dual.json"
ADMIN, ADMIN_PW = "admin", "admin password 1"
ASSESSOR, ASSESSOR_PW = "sam", "assessor password"
REVIEWER, REVIEWER_PW = "rita", "reviewer password"
KDF = FAST_KDF_FOR_TESTS


def approved_answers(n: int) -> dict:
    from support.reporting import ARRANGEMENTS, REASONS

    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]
    return {**answers, **REASONS, **ARRANGEMENTS, "requirements_considered": ["mhtr", "atr"],
            "person_family_name": f"Pritchard-{n:04d}", "person_given_names": "Elin Mair",
            "case_number": case_number(n)}


def case_number(n: int) -> str:
    return f"CF-2026-{n:04d}"


def family_name(n: int) -> str:
    return f"Pritchard-{n:04d}"


def make_laptop(folder: Path) -> None:
    with Store.create(folder, ADMIN, ADMIN_PW, kdf=KDF) as admin:
        admin.add_account(ASSESSOR, ASSESSOR_PW, "assessor")
        admin.add_account(REVIEWER, REVIEWER_PW, "reviewer")


def approve(folder: Path, numbers, freeze: bool = True) -> list[str]:
    """Approve one assessment per number (new cases); returns their ids."""
    from reports.record import freeze_final_reports

    bundle = load_bundle()
    ids = []
    with Store.open(folder, ASSESSOR, ASSESSOR_PW, kdf=KDF) as sam:
        for n in numbers:
            ident = sam.create_assessment(bundle, case_number(n))
            sam.import_answers(bundle, ident, approved_answers(n))
            sam.submit_for_review(ident)
            ids.append(ident)
    with Store.open(folder, REVIEWER, REVIEWER_PW, kdf=KDF) as rita:
        for ident in ids:
            row = rita.countersign(ident, REVIEWER_PW)
            if freeze:
                freeze_final_reports(rita, row, "2026-11-25T12:00:00+00:00")
    return ids


def admin(folder: Path) -> Store:
    return Store.open(folder, ADMIN, ADMIN_PW, kdf=KDF)


def renderer():
    from cstr_desktop.sync.record import Renderer
    from reports.court_report import render

    return Renderer(pdf=render)


def decrypted_pages(path: Path, key: bytes, page_size: int = 4096) -> bytes:
    """Every page of a SQLCipher 4 file decrypted with its raw key (AES-256-CBC, the IV in
    each page's reserved tail), free pages included: what a thief with the key would see."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    data = Path(path).read_bytes()
    reserve = 80  # IV (16) + HMAC-SHA512 (64)
    out = []
    for start in range(0, len(data) - page_size + 1, page_size):
        page = data[start:start + page_size]
        offset = 16 if start == 0 else 0  # page 1 begins with the salt
        iv = page[page_size - reserve:page_size - reserve + 16]
        body = page[offset:page_size - reserve]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(decryptor.update(body) + decryptor.finalize())
    return b"".join(out)


def render_pdf(snapshot: dict) -> bytes:
    from reports.court_report import render

    return render(snapshot)


def cli(*args: str, user: str = ADMIN, password: str = ADMIN_PW) -> tuple[int, str, str]:
    """``cstr-desktop`` in this process, with the entry point's renderer: (exit, out, err)."""
    import io
    import os

    from cli.main import Commands
    from cli.main import main as cli_main

    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("CSTR_PASSWORD")
    os.environ["CSTR_PASSWORD"] = password
    try:
        code = cli_main([*args, "--user", user], commands=Commands(render_pdf=render_pdf),
                        out=out, err=err)
    finally:
        if old is None:
            os.environ.pop("CSTR_PASSWORD", None)
        else:
            os.environ["CSTR_PASSWORD"] = old
    return code, out.getvalue(), err.getvalue()
