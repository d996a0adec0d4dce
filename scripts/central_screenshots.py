"""Screenshots of every central records office page, for docs/ and the README.

Starts ``cstr-central serve`` over TLS (certificates from trustme) on a temporary data
folder, fills it with a fictional office day (tests/central/central_seed.py), and takes
each page in Debian's chromium through Playwright, at 1280 px and at 200% zoom (a
1280 px window at 200% is 640 CSS px wide), in English and in Welsh.

    .venv/bin/python scripts/central_screenshots.py [OUT_DIR]    # default: docs/
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "central"))

from central_fixtures import CentralServer, Tls  # noqa: E402
from central_seed import PASSWORDS, seed  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--lang=en-GB"]


def make_tls(folder: Path) -> Tls:
    import trustme

    ca, other = trustme.CA(), trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    cert.private_key_pem.write_to_path(str(folder / "key.pem"))
    (folder / "cert.pem").write_bytes(b"".join(b.bytes() for b in cert.cert_chain_pems))
    other.cert_pem.write_to_path(str(folder / "other.pem"))
    return Tls(folder, str(folder / "ca.pem"), str(folder / "cert.pem"),
               str(folder / "key.pem"), str(folder / "other.pem"), "", "")


def sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/signin")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile("/records$"))


def shoot(page, out: Path, name: str, full: bool = True) -> None:
    page.wait_for_timeout(400)
    page.screenshot(path=str(out / f"central-{name}.png"), full_page=full)
    print(f"  {out / f'central-{name}.png'}")


def main() -> int:
    from playwright.sync_api import sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cstr-central-shots-"))
    tls = make_tls(work)
    (work / "data").mkdir()
    server = CentralServer(work / "data", tls, None).start()
    try:
        seeded = seed(server, tls.ca_file)
        base = server.base_url
        first = seeded.records[0]
        with sync_playwright() as p:
            # The date fields follow the browser's locale, which chromium takes from LANG.
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS,
                                        env={**os.environ, "LANG": "en_GB.UTF-8"})
            wide = browser.new_context(ignore_https_errors=True, locale="en-GB",
                                       viewport={"width": 1280, "height": 860})
            page = wide.new_page()
            page.goto(f"{base}/signin")
            shoot(page, out, "sign-in", full=False)
            sign_in(page, base, "aled")
            shoot(page, out, "records")
            page.goto(f"{base}/records?court=cardiff&status=accepted")
            shoot(page, out, "records-search")
            page.goto(f"{base}/records?name=pritchard")
            page.locator("tbody a").first.click()
            shoot(page, out, "record", full=False)
            page.locator("iframe").first.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -140)")
            page.wait_for_timeout(3000)
            shoot(page, out, "record-copies", full=False)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.get_by_role("heading", name="Every version of this assessment")\
                .scroll_into_view_if_needed()
            shoot(page, out, "record-versions", full=False)
            page.goto(f"{base}/verify?code={first['verification_codes']['court/en']}")
            shoot(page, out, "verify")
            page.goto(f"{base}/quarantine")
            shoot(page, out, "quarantine")
            page.get_by_role("link", name=re.compile("Resolve OKAFOR")).click()
            page.evaluate("window.scrollTo(0, 0)")  # the reason, then the decision
            shoot(page, out, "quarantined-record", full=False)
            page.goto(f"{base}/devices")
            shoot(page, out, "devices")
            page.get_by_label("Device name").fill("Wrexham laptop 05")
            page.get_by_role("button", name="Add device").click()
            shoot(page, out, "device-added", full=False)
            page.goto(f"{base}/audit")
            shoot(page, out, "audit", full=False)
            page.goto(f"{base}/language?set=cy&next=/records")
            page.goto(f"{base}/records?name=pritchard")
            page.locator("tbody a").first.click()
            shoot(page, out, "record-cy", full=False)
            wide.close()

            zoomed = browser.new_context(ignore_https_errors=True, device_scale_factor=2,
                                         locale="en-GB",
                                         viewport={"width": 640, "height": 760})
            page = zoomed.new_page()
            sign_in(page, base, "mared")
            shoot(page, out, "records-200", full=False)
            page.goto(f"{base}/records?name=pritchard")
            page.locator("tbody a").first.click()
            shoot(page, out, "record-200", full=False)
            zoomed.close()
            browser.close()
        seeded.laptop.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
