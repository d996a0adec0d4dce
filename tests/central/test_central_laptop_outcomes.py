"""The laptop's own outcome addenda (issue 13), sent over real HTTPS to central on loopback:
accepted once with a signed receipt the laptop keeps, the same again a duplicate with the
same receipt. Runs once central's outcomes (issue 13, central half) are on the branch."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("central.outcomes", reason="central's outcomes (issue 13, central half) "
                                                "are not on this branch yet")

from central_fixtures import add_device_code  # noqa: E402
from central_laptop import Laptop  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from cstr_desktop.outcomes.addendum import root_hex  # noqa: E402
from cstr_desktop.trust import public_b64  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from outcome_helpers import (  # noqa: E402
    ADJOURNED,
    SENTENCED,
    approve,
    list_cases,
    make_folder,
    sign_in,
)


class Device:
    """What the test laptop enrols with: the real store's id and root key, a device key."""

    def __init__(self, store):
        self.store_id = store.store_id
        self.root_fingerprint = root_hex(store.book.root_public_key)
        self.device_key = Ed25519PrivateKey.generate()
        self.device_public = public_b64(self.device_key)


def test_the_laptop_s_addenda_are_received_once_with_receipts_it_keeps(tmp_path, bundle,
                                                                        make_server, tls):
    server = make_server("sqlite")
    folder = make_folder(tmp_path)
    list_cases(folder, "CF-1", "CF-3")
    approve(folder, bundle, "CF-3")
    with sign_in(folder, "sam") as sam:
        sam.record_outcome(bundle, "CF-3", ADJOURNED)
        sam.record_outcome(bundle, "CF-3", {**SENTENCED, "outcome_date": "2026-12-01"})
        laptop = Laptop(server.base_url, tls.ca_file, Device(sam))
        try:
            assert laptop.enrol(add_device_code(server)).status_code == 201
            pending = sam.pending_outcome_addenda()
            assert len(pending) == 2
            for item in pending:
                answer = laptop.send("PUT", item["path"], item["body"])
                assert answer.status_code == 201, answer.text
                result = answer.json()
                assert result["status"] == "accepted" and result["reason"] is None
                assert result["content_hash"] == item["content_hash"]
                sam.mark_outcome_sent(item["outcome_id"], result["receipt"], laptop.central_key)
                again = laptop.send("PUT", item["path"], item["body"])
                assert again.status_code == 200 and again.json()["status"] == "duplicate"
                assert again.json()["receipt"] == result["receipt"]
            assert sam.pending_outcome_addenda() == []
            assert all(o["sent_at"] for o in sam.outcomes("CF-3"))
            assert sam.verify_audit().ok
        finally:
            laptop.close()
