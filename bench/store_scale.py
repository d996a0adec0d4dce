"""Build a store holding 50,000 assessments, for the open/list and search benchmarks.

The data is generated in bulk through sqlite-utils on the store's own
connection (going through save_answer 500,000 times would take minutes and
measure nothing new). Names are drawn from Welsh, Vietnamese, Irish, Polish
and English spellings.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import date, timedelta
from pathlib import Path

from cstr_desktop.canonical import content_hash
from cstr_desktop.forms.loader import load_bundle
from cstr_desktop.store.cases import _search_text
from cstr_desktop.store.court_list import ListedCase
from cstr_desktop.store.session import Store

FAMILY = ["Gwilym", "Nguyễn", "O'Brien", "Jones", "Williams", "Davies", "Evans", "Kowalczyk",
          "Trần", "Lê", "Phạm", "Murphy", "Smith", "Ahmed", "Okonkwo", "Llewellyn", "Price",
          "Hughes", "Morgan", "Nowak", "Walsh", "Brown", "Taylor", "Roberts", "Thomas"]
GIVEN = ["Siân", "Dafydd", "Thị Minh", "Seán", "Zofia", "Rhys", "Ffion", "Aoife", "Văn Hùng",
         "Megan", "Owain", "Chidi", "Yusuf", "Kerry", "Cerys", "Niamh", "Tomasz", "Bethan"]
PASSWORD = "bench password 1"


def build(folder: Path, count: int = 50_000, per_day: int = 50, seed: int = 1) -> date:
    """Fill a new store; returns the busiest recent day (for the day-list benchmark)."""
    rng = random.Random(seed)
    bundle = load_bundle()
    store = Store.create(folder, "bench", PASSWORD)
    first = date(2024, 1, 1)
    now = "2026-11-25T09:00:00+00:00"
    cases, assessments, answers = [], [], []
    for i in range(count):
        day = first + timedelta(days=i // per_day)
        case = ListedCase(day.isoformat(), "Cardiff Magistrates' Court", str(1 + i % 4),
                          f"{9 + (i % per_day) // 8:02d}:{(i % 8) * 7:02d}", f"CF-{i:07d}",
                          rng.choice(FAMILY), rng.choice(GIVEN),
                          f"{rng.randint(1950, 2005)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
        cases.append({"id": str(uuid.uuid4()), "case_number": case.case_number,
                      **case.listing(), "listing": "listed", "search_text": _search_text(case),
                      "created_at": now, "updated_at": now})
        ident = str(uuid.uuid4())
        values = {"person_family_name": case.family_name, "person_given_names": case.given_names,
                  "person_dob": case.date_of_birth, "hearing_date": case.hearing_date,
                  "case_number": case.case_number, "convicted": "yes",
                  **{f"phq9_{k}": rng.randint(0, 3) for k in range(1, 10)}}
        assessments.append({"id": ident, "case_number": case.case_number,
                            "form_id": bundle.id, "form_version": bundle.version, "version": 1,
                            "status": rng.choice(["draft", "awaiting_review", "approved"]),
                            "content_hash": content_hash(values), "created_by": store.user.id,
                            "created_at": now, "updated_at": now})
        answers.extend({"assessment_id": ident, "name": k, "value": json.dumps(v),
                        "updated_at": now, "updated_by": store.user.id}
                       for k, v in values.items())
    with store.db.atomic():
        store.db["cases"].insert_all(cases, batch_size=2000)
        store.db["assessments"].insert_all(assessments, batch_size=2000)
        store.db["answers"].insert_all(answers, batch_size=5000)
    store.close(backup=False)
    return first + timedelta(days=(count - 1) // per_day)
