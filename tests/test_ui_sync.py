"""The window's side of sync (issue 12): File › Central records… enrols off the window's
thread, the status bar says what waits and when it last synced, Sync now sends in the
background, the window keeps working while central is slow, English and Welsh."""

from __future__ import annotations

import pytest
from central_fixtures import add_device_code
from support.sync_checks import check_invariants
from support.sync_proxy import STALL, FaultProxy
from support.sync_stores import ADMIN, ADMIN_PW, approve, make_laptop
from support.ui_driver import make_window, sign_in_by_keys

from cstr_desktop.sync.tls_pin import fingerprint_of

pytestmark = pytest.mark.timeout(240)


def pem_of(cert_file: str) -> str:
    text = open(cert_file, encoding="ascii").read()
    return text[:text.index("-----END CERTIFICATE-----") + len("-----END CERTIFICATE-----")]


def enrol_in_dialog(qtbot, window, url: str, code: str, cert_file: str):
    window.show_central_records()
    dialog = window.central_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.url.setText(url)
    dialog.code.setText(code)
    dialog.tls_fingerprint.setText(fingerprint_of(pem_of(cert_file)))
    dialog.enrol_button.click()
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=20000)
    assert dialog.pins_box.isVisible(), dialog.enrol_message.text()
    return dialog


def test_enrol_status_bar_and_sync_now(qtbot, make_server, tls, tmp_path):
    server = make_server("sqlite")
    laptop = tmp_path / "laptop"
    make_laptop(laptop)
    approve(laptop, range(2))
    window = make_window(qtbot, laptop, tmp_path)
    sign_in_by_keys(window, ADMIN, ADMIN_PW)
    qtbot.waitUntil(lambda: window.sync_label.text() != "", timeout=5000)
    assert window.sync_label.text() == "Not enrolled with central records"

    dialog = enrol_in_dialog(qtbot, window, server.base_url, add_device_code(server),
                             tls.cert_file)
    assert dialog.enrol_message.text().startswith("Enrolled."), dialog.enrol_message.text()
    assert dialog.pins_box.isVisible() and len(dialog.signing.text().split()) == 8
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "Waiting"
    qtbot.waitUntil(lambda: "2 waiting to sync" in window.sync_label.text(), timeout=5000)
    assert "not synced yet" in window.sync_label.text()

    window.sync_button.click()
    qtbot.waitUntil(lambda: "All sent to central records" in window.sync_label.text(),
                    timeout=60000)
    assert "last synced" in window.sync_label.text()
    qtbot.waitUntil(lambda: dialog.table.item(0, 2).text() == "Received", timeout=5000)
    check_invariants(server, laptop)
    dialog.close()
    # Quitting clears what central has held for the grace period (0 days here).
    window.session.store.db["meta"].upsert({"key": "sync_grace_days", "value": "0"},
                                           pk="key")
    window.close()
    rows = check_invariants(server, laptop)
    assert {r["state"] for r in rows} == {"purged"}


def test_a_slow_central_never_blocks_the_window(qtbot, make_server, tls, tmp_path):
    server = make_server("sqlite")
    proxy = FaultProxy(server.base_url, tls.cert_file, tls.key_file, tls.ca_file)
    try:
        laptop = tmp_path / "laptop"
        make_laptop(laptop)
        approve(laptop, range(1))
        window = make_window(qtbot, laptop, tmp_path, lang="cy")
        sign_in_by_keys(window, ADMIN, ADMIN_PW)
        enrol_in_dialog(qtbot, window, proxy.url, add_device_code(server), tls.cert_file)
        window.central_dialog.close()
        proxy.then(STALL)
        window.sync_now()
        qtbot.waitUntil(lambda: window.sync.running, timeout=3000)
        # While central says nothing, the window goes on: timers fire, the language shows.
        ticks = []
        from PySide6.QtCore import QTimer

        timer = QTimer(window, interval=50)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()
        qtbot.wait(1500)
        timer.stop()
        assert len(ticks) >= 20 and window.sync.running
        assert window.sync_label.text().startswith("Wrthi'n cysoni…")
        assert "1 yn aros i'w cysoni" in window.sync_label.text()
    finally:
        proxy.close()
