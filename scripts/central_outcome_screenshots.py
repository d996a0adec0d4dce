"""Screenshots of the outcome pages at central (issue 13) for docs/ and the README: the
dashboard in English, in Welsh and at 200% zoom, a record's outcome and what happened
next, the CSV import refusing a bad file, and the steering report's pages (pdftoppm).

Starts ``cstr-central serve`` over TLS on a temporary folder, fills it with a fictional
year at five courts (tests/central/central_outcome_demo.py), and drives Debian's chromium
through Playwright.

    .venv/bin/python scripts/central_outcome_screenshots.py [OUT_DIR]    # default: docs/
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "central"))
sys.path.insert(0, str(ROOT / "scripts"))

from central_fixtures import CentralServer  # noqa: E402
from central_outcome_demo import demo_year  # noqa: E402
from central_screenshots import FLAGS, make_tls, shoot, sign_in  # noqa: E402
from central_seed import seed  # noqa: E402
from sqlalchemy import select  # noqa: E402

from central.keys import load_keys  # noqa: E402
from central.models import OutcomeAddendum, Record  # noqa: E402

BAD_CSV = """case_number,requirement,first_appointment_date,first_appointment_attended,warnings
CR-2026-00040,mhtr,2026-02-30,yes,
CR-2099-99999,,,,1
CR-2026-00041,atr,2026-03-02,maybe,
"""


def to_top(page, anchor: str) -> None:
    """Scroll so that the element with this id starts the view (a little space above)."""
    page.evaluate("id => { const e = document.getElementById(id); "
                  "window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 16); }",
                  anchor)


def main() -> int:
    from playwright.sync_api import sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cstr-central-outcome-shots-"))
    tls = make_tls(work)
    (work / "data").mkdir()
    server = CentralServer(work / "data", tls, None).start()
    try:
        seeded = seed(server, tls.ca_file)
        db = server.db()
        demo_year(db, load_keys(server.settings.key_dir))
        with db.read() as session:
            with_addendum = session.scalar(
                select(Record.id).join(OutcomeAddendum, OutcomeAddendum.assessment_id ==
                                       Record.assessment_id)
                .where(OutcomeAddendum.result == "sentenced").limit(1))
        db.dispose()
        (work / "bad.csv").write_text(BAD_CSV, encoding="utf-8")
        base = server.base_url
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS,
                                        env={**os.environ, "LANG": "en_GB.UTF-8"})
            wide = browser.new_context(ignore_https_errors=True, locale="en-GB",
                                       viewport={"width": 1280, "height": 900},
                                       accept_downloads=True)
            page = wide.new_page()
            sign_in(page, base, "mared")
            page.goto(f"{base}/dashboard?period=2026-11")
            shoot(page, out, "dashboard", full=False)
            to_top(page, "trend")
            shoot(page, out, "dashboard-charts", full=False)
            to_top(page, "breakdowns")
            shoot(page, out, "dashboard-breakdowns", full=False)
            to_top(page, "steering")
            page.get_by_label("Commentary (optional)").fill(
                "Sentenced on the day is close to the pilots' 80%. Attendance at first "
                "appointments fell at Mold in the autumn: the provider is looking into it.")
            to_top(page, "steering")
            shoot(page, out, "dashboard-steering", full=False)
            with page.expect_download() as download:
                page.get_by_role("button", name="Make the steering report (PDF)").click()
            pdf = work / "steering.pdf"
            download.value.save_as(pdf)
            page.goto(f"{base}/records/{with_addendum}#outcome")
            shoot(page, out, "record-outcome", full=False)
            to_top(page, "next")
            shoot(page, out, "record-next", full=False)
            page.goto(f"{base}/follow-ups/import")
            page.set_input_files("#import-file", str(work / "bad.csv"))
            page.get_by_role("button", name="Check and import").click()
            page.wait_for_url(re.compile("/follow-ups/import"))
            shoot(page, out, "follow-up-import", full=False)
            page.goto(f"{base}/language?set=cy&next=/dashboard")
            page.goto(f"{base}/dashboard?period=2026-11")
            shoot(page, out, "dashboard-cy", full=False)
            wide.close()

            zoomed = browser.new_context(ignore_https_errors=True, device_scale_factor=2,
                                         locale="en-GB", viewport={"width": 640, "height": 760})
            page = zoomed.new_page()
            sign_in(page, base, "mared")
            page.goto(f"{base}/dashboard?period=2026-11")
            shoot(page, out, "dashboard-200", full=False)
            to_top(page, "trend")
            shoot(page, out, "dashboard-charts-200", full=False)
            zoomed.close()
            browser.close()
        for stale in out.glob("steering-page-*.png"):
            stale.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf),
                        str(out / "steering-page")], check=True)
        for page_png in sorted(out.glob("steering-page-*.png")):
            print(f"  {page_png}")
        seeded.laptop.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
