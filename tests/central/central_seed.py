"""A believable office day at central for the browser tests and the screenshots:
three office accounts, one enrolled laptop, accepted records (one amended to a second
version), one tampered record and one conflict, all fictional."""

from __future__ import annotations

from dataclasses import dataclass, field

from central_factory import make_record, tampered
from central_laptop import Laptop

from central.audit import Actor
from central.devices import add_device
from central.users import add_user

PASSWORDS = {"olwen": "office-password-1", "mared": "manager-password-1",
             "aled": "admin-password-1"}
ROLES = {"olwen": "office", "mared": "manager", "aled": "admin"}


@dataclass
class Seeded:
    laptop: Laptop
    records: list[dict] = field(default_factory=list)
    amended: dict | None = None
    tampered: dict | None = None
    conflict: dict | None = None


def add_users(server) -> None:
    db = server.db()
    try:
        with db.write() as session:
            for name, role in ROLES.items():
                add_user(session, name, role, PASSWORDS[name], Actor("seed", "cli"))
    finally:
        db.dispose()


def seed(server, ca_file: str, device_name: str = "Cardiff laptop 07") -> Seeded:
    add_users(server)
    db = server.db()
    try:
        with db.write() as session:
            _device, code = add_device(session, device_name, Actor("seed", "cli"))
            add_device(session, "Swansea laptop 02", Actor("seed", "cli"))
    finally:
        db.dispose()
    laptop = Laptop(server.base_url, ca_file)
    assert laptop.enrol(code).status_code == 201
    out = Seeded(laptop)
    for n in range(5):
        hearing = "2026-11-23" if n < 3 else "2026-11-24"
        from central_factory import sample_answers

        record = make_record(laptop.store, n=n, answers=sample_answers(n, hearing))
        out.records.append(record)
    amended_answers = {**out.records[0]["answers"], "phq9_2": 3}
    out.amended = make_record(laptop.store, version=2,
                              assessment_id=out.records[0]["assessment_id"],
                              answers=amended_answers)
    out.tampered = tampered(make_record(laptop.store, n=1),
                            lambda r: r["snapshots"]["court/en"].update(person="SOMEONE, Else"))
    out.conflict = make_record(laptop.store, assessment_id=out.records[3]["assessment_id"],
                               answers={**out.records[3]["answers"], "phq9_1": 0})
    for record in (*out.records, out.amended):
        assert laptop.put_record(record).status_code == 201
    assert laptop.put_record(out.tampered).status_code == 422
    assert laptop.put_record(out.conflict).status_code == 409
    return out
