"""The records page's search, the same on SQLite and PostgreSQL (collations differ:
the search forms are chosen so that they sort alike in both)."""

from __future__ import annotations

import pytest
from central_factory import LaptopStore, make_record, sample_answers, tampered

from central.audit import Actor
from central.config import Settings, database_url
from central.db import Database
from central.devices import add_device
from central.ingest import receive
from central.keys import load_keys
from central.models import Device
from central.search import Filters, search


@pytest.fixture(params=["sqlite", "postgresql"])
def filled(request, tmp_path):
    url = None if request.param == "sqlite" else request.getfixturevalue("pg").new_database()
    db = Database(Settings(data_dir=tmp_path, database_url=database_url(tmp_path, url),
                           key_dir=tmp_path / "keys"))
    db.migrate()
    keys = load_keys(tmp_path / "keys")
    store = LaptopStore()
    with db.write() as session:
        device, _code = add_device(session, "search laptop", Actor("test", "cli"))
        device.status, device.public_key = "active", store.device_public
        device.root_fingerprint, device.store_id = store.root_fingerprint, store.store_id
    with db.read() as session:
        device = session.get(Device, device.id)
    for n in range(5):
        hearing = "2026-11-23" if n < 3 else "2026-11-24"
        receive(db, keys, make_record(store, n=n, answers=sample_answers(n, hearing)), device)
    receive(db, keys, tampered(make_record(store, n=2), lambda r: r["answers"].update(
        phq9_1=0)), device)
    yield db
    db.dispose()


def names(db: Database, **query) -> list[str]:
    with db.read() as session:
        rows, total = search(session, Filters.from_query({k: str(v) for k, v in
                                                           query.items()}))
    assert total == len(rows)
    return sorted(f"{r.family_name}, {r.given_names}" for r in rows)


def test_search_by_each_field(filled):
    assert len(names(filled)) == 6
    assert names(filled, name="sian") == ["Hughes, Siân", "Hughes, Siân"]
    assert names(filled, name="HUGH") == ["Hughes, Siân", "Hughes, Siân"]
    assert names(filled, name="elin mair") == ["Pritchard, Elin Mair"]
    assert names(filled, name="mair elin") == ["Pritchard, Elin Mair"]
    assert names(filled, name="ritchard") == []  # words match from their start
    assert names(filled, court="magistrates") == ["Ahmed, Yasmin", "Kowalski, Tomasz",
                                                  "Okafor, Daniel"]
    assert names(filled, court="cardiff", name="yasmin") == ["Ahmed, Yasmin"]
    assert names(filled, court="nowhere") == []
    assert names(filled, case="cr-2026-01003") == ["Kowalski, Tomasz"]
    assert names(filled, case="CR 2026 0100") == sorted(names(filled))
    assert names(filled, date="2026-11-24") == ["Ahmed, Yasmin", "Kowalski, Tomasz"]
    assert names(filled, status="quarantined") == ["Hughes, Siân"]
    assert names(filled, status="quarantined", name="hughes", court="mold") == \
        ["Hughes, Siân"]
    assert names(filled, status="accepted", name="hughes") == ["Hughes, Siân"]


def test_pages(filled):
    with filled.read() as session:
        first, total = search(session, Filters.from_query({}), per_page=4)
        second, _ = search(session, Filters.from_query({"page": "2"}), per_page=4)
        named, named_total = search(session, Filters.from_query({"name": "hughes",
                                                                 "page": "2"}), per_page=1)
    assert total == 6 and len(first) == 4 and len(second) == 2
    assert not {r.id for r in first} & {r.id for r in second}
    assert [r.received_at for r in first + second] == \
        sorted((r.received_at for r in first + second), reverse=True)
    assert named_total == 2 and len(named) == 1
