"""The Alembic migrations build exactly the tables the models describe, on both
databases; every page text exists in English and Welsh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from central.config import Settings, database_url
from central.db import Database
from central.models import Base
from central.text import TEXT

TEMPLATES = Path(__file__).resolve().parents[2] / "central" / "templates"


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_db(request, tmp_path):
    url = None if request.param == "sqlite" else request.getfixturevalue("pg").new_database()
    db = Database(Settings(data_dir=tmp_path, database_url=database_url(tmp_path, url),
                           key_dir=tmp_path / "keys"))
    yield db
    db.dispose()


def test_migrations_build_the_models_tables(fresh_db):
    assert not fresh_db.is_current()
    assert fresh_db.migrate() == fresh_db.head() == "0002"
    assert fresh_db.migrate() == "0002"  # again: nothing to do
    with fresh_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_the_head_read_without_alembic_is_alembics_own(fresh_db):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from central.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert fresh_db.head() == ScriptDirectory.from_config(cfg).get_current_head()
    assert fresh_db.revision() is None
    fresh_db.migrate()
    with fresh_db.engine.connect() as conn:
        assert fresh_db.revision() == MigrationContext.configure(conn).get_current_revision()


def test_every_text_is_in_english_and_welsh():
    for key, (english, welsh) in TEXT.items():
        assert english.strip() and welsh.strip(), key
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", welsh)), key


def test_the_pages_use_only_known_texts():
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"\bt\('(\w+)'[,)]", template.read_text()))
    assert used, "no texts found: the pattern is wrong"
    assert used - set(TEXT) == set()
    prefixed = {k for k in TEXT if k.startswith(("status_", "role_", "device_status_",
                                                 "action_", "reader_", "lang_", "signin_",
                                                 "resolve_", "verify_", "error_",
                                                 # outcomes and follow-ups (issue 13)
                                                 "outcome_", "result_", "reason_",
                                                 "sentence_", "followed_", "end_", "fu_",
                                                 "csv_", "csvcol_", "steer_", "dash_"))}
    unused = set(TEXT) - used - prefixed - {"csrf_failed", "signed_out", "records_count_one",
                                            "import_refused"}
    assert unused == set(), unused


def test_a_database_from_before_outcomes_gets_its_facts_when_migrated(tmp_path, capsys):
    """Records received at revision 0001 count in the figures after ``migrate``."""
    import json
    import uuid

    from alembic import command
    from central_factory import LaptopStore, make_record, sample_answers

    from central.canonical import now
    from central.cli import main
    from central.models import CaseFacts, Record, RecordBody

    db = Database(Settings(data_dir=tmp_path, database_url=database_url(tmp_path, None),
                           key_dir=tmp_path / "keys"))
    with db.engine.connect() as conn:
        command.upgrade(db._alembic(conn), "0001")
        conn.commit()
    answers = {**sample_answers(0, "2026-11-20"), "outcome_result": "sentenced",
               "outcome_sentence": "community_order", "outcome_requirements": ["mhtr"]}
    record = make_record(LaptopStore(), answers=answers, pdfs=False)
    with db.write() as session:
        row = Record(id=str(uuid.uuid4()), assessment_id=record["assessment_id"], version=1,
                     copy_no=0, content_hash=record["content_hash"], status="accepted",
                     conflict=False, via="api", central_version=1, received_at=now(),
                     court_name=answers["court_name"], hearing_date="2026-11-20",
                     family_name=answers["person_family_name"],
                     given_names=answers["person_given_names"])
        session.add(row)
        session.flush()
        session.add(RecordBody(record_id=row.id, body=json.dumps(record)))
    db.dispose()
    assert main(["migrate", "--data-dir", str(tmp_path)]) == 0
    assert "facts worked out for 1 assessments" in capsys.readouterr().err
    db = Database(Settings(data_dir=tmp_path, database_url=database_url(tmp_path, None),
                           key_dir=tmp_path / "keys"))
    try:
        with db.read() as session:
            facts = session.get(CaseFacts, record["assessment_id"])
        assert (facts.sentenced_on_day, facts.mhtr, facts.assessed_on) == (1, 1, "2026-11-20")
    finally:
        db.dispose()
