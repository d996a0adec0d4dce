"""The sync worker of the window: sends the outbox to central records off the window's
thread (a :class:`ui.background_job.BackgroundJob`), on a timer with back-off, at
*Sync now* and after each countersignature; and the status bar's words
("3 waiting to sync · last synced 10:42")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from cstr_desktop.sync import outbox, worker
from cstr_desktop.sync.record import Renderer

from .background_job import BackgroundJob
from .text import t

EVERY_MS = 5 * 60_000  # while all is well
FIRST_MS = 3_000  # soon after sign-in
BACKOFF_MS = (30_000, 60_000, 120_000, 300_000, 900_000, 1_800_000)


def local_time(stamp: str | None) -> str | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone() \
            .strftime("%H:%M")
    except ValueError:
        return None


def status_text(counts: outbox.Counts, last: str | None, lang: str,
                enrolled: bool = True) -> str:
    if not enrolled:
        return t("sync_not_enrolled", lang)
    parts = [t("sync_waiting", lang, n=counts.waiting) if counts.waiting else
             t("sync_all_sent", lang)]
    if counts.needs_office:
        parts.append(t("sync_held", lang, n=counts.needs_office))
    when = local_time(last)
    parts.append(t("sync_last", lang, time=when) if when else t("sync_never", lang))
    return " · ".join(parts)


def _render_pdf(snapshot: dict) -> bytes:
    from reports.court_report import render

    return render(snapshot)


class SyncWorker(QObject):
    """Sends in the background; ``changed`` carries the status bar's new words."""

    changed = Signal(str)

    def __init__(self, parent: QObject, store_of: Callable[[], object], lang: str,
                 audit: Callable[[dict], None] | None = None) -> None:
        super().__init__(parent)
        self.store_of = store_of
        self.lang = lang
        self.audit = audit
        self.job: BackgroundJob | None = None
        self.failures = 0
        self.problem: str | None = None
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        self.failures = 0
        self.timer.start(FIRST_MS)
        self.refresh()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def text(self) -> str:
        store = self.store_of()
        if store is None:
            return ""
        from cstr_desktop.sync import enrolment

        enrolled = enrolment.load(store.db) is not None
        last = store.db.execute("SELECT value FROM meta WHERE key = 'sync_last_at'").fetchone()
        words = status_text(outbox.counts(store.db), last[0] if last else None, self.lang,
                            enrolled)
        if self.running:
            words = f"{t('sync_running', self.lang)} · {words}"
        elif self.problem:
            words = f"{words} · {self.problem}"
        return words

    def refresh(self) -> None:
        self.changed.emit(self.text())

    def sync_now(self) -> None:
        """Send now (nothing happens while a run is under way or no one is signed in)."""
        store = self.store_of()
        if store is None or self.running:
            return
        job = worker.job_for(store, Renderer(pdf=_render_pdf))
        if job is None:
            self.refresh()
            return
        self.job = BackgroundJob(lambda: worker.run(job), self._done, self._failed, parent=self)
        self.job.start()
        self.refresh()

    def _done(self, result) -> None:
        report, counts = result
        if self.audit is not None:
            self.audit({"received": report.received, "held": len(report.held),
                        "not_sent": len(report.not_sent), "waiting": counts.waiting,
                        "error": report.error})
        if report.error:
            self._failed(Exception(report.error))
            return
        self.failures = 0
        self.problem = None
        self.timer.start(EVERY_MS)
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        delay = BACKOFF_MS[min(self.failures, len(BACKOFF_MS) - 1)]
        self.failures += 1
        again = (datetime.now() + timedelta(milliseconds=delay)).strftime("%H:%M")
        self.problem = t("sync_failed", self.lang, reason=str(exc).rstrip("."), time=again)
        self.timer.start(delay)
        self.refresh()
