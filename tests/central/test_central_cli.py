"""``cstr-central`` commands (contract.md section 5), on SQLite and PostgreSQL.

Most run ``central.cli.main`` in this process (the same code the console script runs,
with the server's data folder and DATABASE_URL); a few run the installed command.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from central_factory import make_record, tampered
from central_fixtures import CentralServer, run_cli

from central import bundle
from central.canonical import public_key, signature_ok
from central.cli import main

CENTRAL = str(Path(sys.executable).parent / "cstr-central")


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run a command against a server's database: (exit code, stdout, stderr)."""

    def run(server: CentralServer | None, *args: str, data_dir: Path | None = None):
        monkeypatch.delenv("DATABASE_URL", raising=False)
        if server is not None and server.database_env:
            monkeypatch.setenv("DATABASE_URL", server.database_env)
        folder = data_dir or server.data_dir
        code = main([*args, "--data-dir", str(folder)])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_device_add_prints_the_code_alone_on_its_line(server, cli):
    code, out, err = cli(server, "device", "add", "Cardiff laptop 12")
    assert code == 0
    assert re.fullmatch(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){3}\n", out)
    assert "works once" in err and "24 hours" in err
    code, out, err = cli(server, "device", "add", "Cardiff laptop 12")
    assert code == 2
    assert err == "cstr-central: error: a device named 'Cardiff laptop 12' already exists\n"


def test_user_add_checks_its_input(server, cli, monkeypatch):
    monkeypatch.setenv("CSTR_NEW_PASSWORD", "short")
    assert cli(server, "user", "add", "bob", "--role", "office")[2] == \
        "cstr-central: error: the password must be at least 10 characters\n"
    monkeypatch.setenv("CSTR_NEW_PASSWORD", "a long enough password")
    code, out, _ = cli(server, "user", "add", "Bob.Jones", "--role", "manager")
    assert code == 0 and out == "cstr-central: user bob.jones added (manager)\n"
    assert cli(server, "user", "add", "BOB.JONES", "--role", "office")[0] == 2


def test_records_verify_and_export(server, enrolled, cli, tmp_path):
    laptop = enrolled(server)
    good = make_record(laptop.store, n=1)
    bad = tampered(make_record(laptop.store, n=2), lambda r: r["answers"].update(phq9_1=0))
    assert laptop.put_record(good).status_code == 201
    assert laptop.put_record(bad).status_code == 422

    code, out, _ = cli(server, "records", "--json")
    assert code == 0
    rows = {r["uuid"]: r for r in json.loads(out)}
    assert {"uuid", "version", "content_hash", "case_number", "received_at", "status"} <= \
        set(rows[good["assessment_id"]])
    assert rows[good["assessment_id"]]["status"] == "accepted"
    assert rows[good["assessment_id"]]["case_number"] == good["case_number"]
    assert rows[good["assessment_id"]]["content_hash"] == good["content_hash"]
    assert rows[bad["assessment_id"]]["status"] == "quarantined"

    typed = good["verification_codes"]["court/cy"].lower().replace(" ", "-")
    code, out, _ = cli(server, "verify", typed)
    assert code == 0
    assert "court/cy copy of Okafor, Daniel, case CR-2026-01001" in out
    assert "version 1, countersigned by reviewer" in out
    code, out, _ = cli(server, "verify", bad["verification_codes"]["court/en"])
    assert code == 1 and "QUARANTINED" in out
    code, out, _ = cli(server, "verify", "AAAA BBBB CCCC DDDD")
    assert code == 1 and out == "No record at central has the code AAAA-BBBB-CCCC-DDDD.\n"
    code, _, err = cli(server, "verify", "not-a-code")
    assert code == 2 and err.startswith("cstr-central: error: not a verification code")

    target = tmp_path / "export.jsonl"
    code, _, _ = cli(server, "export", "--out", str(target))
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0 and all(line["status"] == "accepted" for line in lines)
    mine = [line for line in lines if line["uuid"] == good["assessment_id"]]
    assert len(mine) == 1
    assert mine[0]["record"]["answers"] == good["answers"]
    assert "pdfs" not in mine[0]["record"]
    assert laptop.receipt_ok(mine[0]["receipt"], good)
    code, out, _ = cli(server, "export", "--all")
    assert bad["assessment_id"] in out


def test_import_bundle_writes_receipts_exactly_once(server, enrolled, cli, tmp_path):
    laptop = enrolled(server)
    records = [make_record(laptop.store, n=n) for n in range(3)]
    records.append(tampered(make_record(laptop.store, n=3),
                            lambda r: r["answers"].update(phq9_9=3)))
    sealed = bundle.seal(laptop.bundle_key, laptop.store.device_key, laptop.device_id,
                         records)
    path = tmp_path / "court-day.cstr-bundle"
    path.write_bytes(sealed)
    assert b"Pritchard" not in sealed  # sealed: no personal data readable

    code, out, _ = cli(server, "import-bundle", str(path))
    assert code == 1  # one record was quarantined
    assert "3 accepted, 1 quarantined" in out
    receipts_path = tmp_path / "court-day.cstr-bundle.receipts.json"
    receipts = json.loads(receipts_path.read_text())
    key = public_key(laptop.central_key)
    assert signature_ok(key, receipts["payload"], receipts["signature"])
    results = receipts["payload"]["results"]
    assert [r["status"] for r in results] == ["accepted"] * 3 + ["quarantined"]
    for record, result in zip(records[:3], results, strict=False):
        assert laptop.receipt_ok(result["receipt"], record)

    again = tmp_path / "again.json"
    code, out, _ = cli(server, "import-bundle", str(path), "--receipts", str(again))
    assert "3 duplicate, 1 quarantined" in out
    second = json.loads(again.read_text())["payload"]["results"]
    assert [r["receipt"] for r in second] == [r["receipt"] for r in results]
    # And the API agrees: the same versions sent over the network are duplicates.
    assert [r["status"] for r in laptop.send_batch(records[:3]).json()["results"]] == \
        ["duplicate"] * 3


def test_a_damaged_or_foreign_bundle_is_refused(server, enrolled, cli, tmp_path):
    laptop = enrolled(server)
    sealed = json.loads(bundle.seal(laptop.bundle_key, laptop.store.device_key,
                                    laptop.device_id, [make_record(laptop.store)]))
    damaged = dict(sealed, ciphertext=sealed["ciphertext"][:-8] + "AAAAAAA=")
    (tmp_path / "damaged").write_text(json.dumps(damaged))
    code, _, err = cli(server, "import-bundle", str(tmp_path / "damaged"))
    assert code == 2
    assert err == ("cstr-central: error: the bundle does not decrypt: it was damaged or "
                   "altered\n")

    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from central.canonical import b64
    from central.keys import _raw

    elsewhere = b64(_raw(X25519PrivateKey.generate().public_key()))
    (tmp_path / "foreign").write_bytes(bundle.seal(
        elsewhere, laptop.store.device_key, laptop.device_id, [make_record(laptop.store)]))
    code, _, err = cli(server, "import-bundle", str(tmp_path / "foreign"))
    assert code == 2 and "sealed to another central key" in err

    impostor = enrolled(server)  # enrolled, but signs as the first laptop
    (tmp_path / "impostor").write_bytes(bundle.seal(
        laptop.bundle_key, impostor.store.device_key, laptop.device_id,
        [make_record(laptop.store)]))
    code, _, err = cli(server, "import-bundle", str(tmp_path / "impostor"))
    assert code == 2 and "not signed by the device it names" in err
    (tmp_path / "text").write_text("hello")
    assert cli(server, "import-bundle", str(tmp_path / "text"))[2] == \
        "cstr-central: error: not a bundle: the file is not JSON\n"
    assert cli(server, "import-bundle", str(tmp_path / "missing"))[0] == 2


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_revoked_devices_bundle_is_refused(server, enrolled, cli, tmp_path):
    laptop = enrolled(server, name="bundle-then-revoked")
    (tmp_path / "b").write_bytes(bundle.seal(laptop.bundle_key, laptop.store.device_key,
                                             laptop.device_id, [make_record(laptop.store)]))
    assert cli(server, "device", "revoke", "bundle-then-revoked")[0] == 0
    code, _, err = cli(server, "import-bundle", str(tmp_path / "b"))
    assert code == 2 and "which is revoked: it is refused" in err


def test_serve_needs_tls_off_loopback(tmp_path, cli, tls):
    code, _, err = cli(None, "serve", "--host", "0.0.0.0", data_dir=tmp_path)
    assert code == 2 and err == (
        "cstr-central: error: plain HTTP is only allowed on a loopback address, not "
        "0.0.0.0: give --tls-cert and --tls-key\n")
    code, _, err = cli(None, "serve", "--host", "10.1.2.3", "--tls-cert", tls.cert_file,
                       data_dir=tmp_path)
    assert code == 2 and "give both --tls-cert and --tls-key" in err
    code, _, err = cli(None, "serve", "--host", "0.0.0.0", "--tls-cert", tls.cert_file,
                       "--tls-key", tls.other_key_file, data_dir=tmp_path)
    assert code == 2 and "do not load together" in err


def test_the_installed_command(tmp_path):
    done = subprocess.run([CENTRAL, "migrate", "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("cstr-central: database at revision 0002 (SQLite ")
    version = subprocess.run([CENTRAL, "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == "cstr-central 0.1.0"


@pytest.mark.parametrize("backend", ["postgresql"])
def test_migrate_on_postgresql(server):
    done = run_cli(server, "migrate")
    assert done.returncode == 0 and "database at revision 0002 (PostgreSQL 127.0.0.1:" in \
        done.stdout
