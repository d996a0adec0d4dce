"""Screenshots of sync to central records on the laptop (issue 12), in English and Welsh:
the status bar and File › Central records… with its pinned fingerprints and outbox.

A real central is started on loopback over TLS (a trustme certificate), the laptop is
enrolled and syncs two countersigned assessments, a third waits, a fourth (tampered in
the outbox) is quarantined at central.

Run: xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/sync_screenshots.py
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "central")]
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

import httpx  # noqa: E402
import trustme  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from support.sync_stores import ADMIN, ADMIN_PW, KDF, admin, approve, make_laptop  # noqa: E402

from cstr_desktop.sync import enrolment, outbox  # noqa: E402
from cstr_desktop.sync.sender import SyncReport, prepare, sync_once  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402


def start_central(folder: Path) -> tuple[subprocess.Popen, str, str, str]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    paths = {n: str(folder / n) for n in ("ca.pem", "cert.pem", "key.pem")}
    ca.cert_pem.write_to_path(paths["ca.pem"])
    cert.private_key_pem.write_to_path(paths["key.pem"])
    Path(paths["cert.pem"]).write_bytes(b"".join(b.bytes() for b in cert.cert_chain_pems))
    port = 48000 + os.getpid() % 1000
    proc = subprocess.Popen([sys.executable, "-m", "central", "serve", "--data-dir",
                             str(folder / "central"), "--host", "127.0.0.1", "--port",
                             str(port), "--tls-cert", paths["cert.pem"], "--tls-key",
                             paths["key.pem"]], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"https://127.0.0.1:{port}"
    context = ssl.create_default_context(cafile=paths["ca.pem"])
    for _ in range(200):
        try:
            if httpx.get(url + "/api/v1/health", verify=context).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    code = subprocess.run([sys.executable, "-m", "central", "device", "add",
                           "Cardiff court laptop 3", "--data-dir", str(folder / "central")],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return proc, url, code.strip().splitlines()[-1], paths["ca.pem"]


def main() -> None:
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    laptop = tmp / "laptop"
    make_laptop(laptop)
    central, url, code, ca_file = start_central(tmp)
    try:
        approve(laptop, range(4))
        with admin(laptop) as store:
            enrolment.enrol(store, url, code, ca_file)
            rows = outbox.rows(store.db)
            prepare(store.db, rows, None, SyncReport())
            tampered = json.loads(outbox.payload(store.db, rows[3]["id"]) and json.dumps(
                outbox.payload(store.db, rows[3]["id"])))
            tampered["answers"]["courtroom"] = "7"
            outbox.set_payload(store.db, rows[3]["id"], tampered)
            store.db.execute("UPDATE outbox SET state = 'waiting' WHERE id = ?",
                             [rows[2]["id"]])  # kept back from this run
            found = enrolment.require(store.db)
            sync_once(store.db, found, found.device_key(store._key(), store.store_id))
            store.db.execute("UPDATE outbox SET state = 'queued' WHERE id = ?", [rows[2]["id"]])
        for lang in ("en", "cy"):
            settings = QSettings(str(tmp / f"s-{lang}.ini"), QSettings.Format.IniFormat)
            settings.setValue("language", lang)
            window = MainWindow(Session(data_dir=laptop, lang=lang, kdf=KDF), settings,
                                idle_minutes=60)
            window.resize(1280, 800)
            window.show()
            window.sign_in_submitted("sign_in", ADMIN, ADMIN_PW)
            window.sync.stop()  # the picture shows the state above, not a new run
            window.sync.refresh()
            for _ in range(20):
                app.processEvents()
            window.grab().save(str(ROOT / "docs" / f"app-sync-status-{lang}.png"))
            window.show_central_records()
            dialog = window.central_dialog
            for _ in range(20):
                app.processEvents()
            dialog.grab().save(str(ROOT / "docs" / f"app-central-records-{lang}.png"))
            dialog.close()
            window.close()
            app.processEvents()
    finally:
        central.terminate()
        central.wait(10)


if __name__ == "__main__":
    main()
