"""The interview's side panel: live totals and bands, alerts, open warnings, the criteria
still open for each requirement considered (and the reasons they still ask for), the
notes the criteria raise (AAMR, DRR review), and the period limits of the order indicated.

It shows what :class:`cstr_desktop.forms.interview.InterviewState` computes; it decides nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from cstr_desktop.forms.consistency import order_limit
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.local_text import tr

from .text import esc, t, tn


class SidePanel(QLabel):
    """Live totals and bands, alerts, and the criteria for each requirement."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(t("scores", lang))
        self.setObjectName("sidepanel")

    def show_state(self, state: InterviewState) -> None:
        lang = self.lang
        html = [f"<h3>{t('scores', lang)}</h3><table>"]
        shown = 0
        for ident, score in state.scores.items():
            inst = state.bundle.instruments[ident]
            if len(score.missing) == len(inst.scoring.items):
                continue
            shown += 1
            if score.complete:
                value = f"<b>{score.total}</b> {tr(score.band.label, lang) if score.band else ''}"
            else:
                value = f"{t('incomplete', lang)} ({len(score.missing)})"
            html.append(f"<tr><td>{inst.short_title}&nbsp;&nbsp;</td><td>{value}</td></tr>")
        html.append("</table>")
        if shown:
            html.append(f"<p style='color:#555'><i>{t('screening_caveat', lang)}</i></p>")
        if state.alerts:
            html.append(f"<h3 style='color:#8b1e1e'>{t('alerts', lang)}</h3>")
            for alert in state.alerts:
                html.append(f"<p style='color:#8b1e1e'><b>{esc(tr(alert.message, lang))}</b>"
                            "</p>")
        if state.warnings:
            html.append(f"<h3 style='color:#8b1e1e'>{t('warnings', lang)}</h3>")
            html.extend(f"<p style='color:#8b1e1e'>⚠ {esc(w.text(lang))}</p>"
                        for w in state.warnings)
            html.append(f"<p style='color:#555'>{t('warnings_hint', lang)}</p>")
        html.append(f"<h3>{t('criteria', lang)}</h3>")
        if state.declined:
            html.append(f"<p><b>{t('declined_panel', lang)}</b></p>")
        else:
            html.extend(self._criteria_html(state))
            notes = [f for f in state.bundle.criteria.flags if state.flags.get(f.id)]
            if notes:
                html.append(f"<h3>{t('notes', lang)}</h3>")
                html.extend(f"<p><b>{esc(tr(f.label, lang))}</b></p>" for f in notes)
            html.extend(_period_limits_html(state, lang))
        self.setText("".join(html))

    def _criteria_html(self, state: InterviewState) -> list[str]:
        """The gates once, then each requirement considered with its own criteria."""
        lang = self.lang
        criteria = state.bundle.criteria
        gate_ids = {g.id for g in criteria.gates}
        html: list[str] = []
        considered = [r for r in criteria.requirements if r.id in state.considered]
        if considered:
            # Gates are shared: their results are the same under every requirement.
            first = state.requirements[considered[0].id]
            gates = [c for c in first.criteria if c.id in gate_ids]
            if any(c.met is not True for c in gates):
                html.append(f"<p><b>{t('gates', lang)}</b><br/>")
                html.extend(_open_criteria(gates, lang))
                html.append("</p>")
        reasons_missing: dict[str, list] = {}
        for finding in state.open_findings:
            if finding.missing == "reason":
                reasons_missing.setdefault(finding.scope, []).append(finding)
        for req in considered:
            result = state.requirements[req.id]
            status = result.status
            missing = reasons_missing.get(req.id, []) + reasons_missing.get("gates", [])
            # "All criteria met" only once every reason those criteria ask for is given.
            if status == "eligible" and missing:
                words = tn("req_reasons_missing", len(missing), lang)
                mark = "…"
            else:
                words = t("req_" + status, lang)
                mark = {"eligible": "✔", "not_eligible": "✘", "incomplete": "…"}[status]
            html.append(f"<p><b>{mark} {req.id.upper()}</b>: {words}<br/>")
            html.extend(_open_criteria([c for c in result.criteria if c.id not in gate_ids],
                                       lang))
            html.extend(f"<span>… {esc(f.criterion.label(lang))}: "
                        f"{t('reason_needed', lang)}</span><br/>" for f in missing
                        if f.scope == req.id)
            html.append("</p>")
        others = [r.id.upper() for r in criteria.requirements if r.id not in state.considered]
        if others:
            html.append(f"<p style='color:#555'>{t('not_considered', lang)}: "
                        f"{', '.join(others)}</p>")
        return html


def _period_limits_html(state: InterviewState, lang: str) -> list[str]:
    """The period limit of the order the court has indicated, or of each order until it has
    (the criteria file's period limits), with what about it is not settled."""
    limits = state.bundle.criteria.period_limits
    if limits is None:
        return []
    chosen = order_limit(state.bundle.criteria, state.answers)
    orders = [chosen] if chosen is not None else limits.orders
    html = [f"<p><b>{t('period_limits', lang)}</b><br/>"]
    for order in orders:
        line = f"{esc(tr(order.label, lang))}: {esc(tr(order.rule, lang))}"
        if order.uncertain:
            line += (f" <span style='color:#8b5a00'>[{t('uncertain', lang)}] "
                     f"{esc(tr(order.uncertain, lang))}</span>")
        html.append(line[:1].upper() + line[1:] + "<br/>")
    html.append("</p>")
    return html


def _open_criteria(results: list[Any], lang: str) -> list[str]:
    """One line for each criterion not met or not yet answered."""
    lines = []
    for c in results:
        if c.met is False:
            lines.append(f"<span style='color:#8b1e1e'>✘ {esc(c.label(lang))}</span><br/>")
        elif c.met is None:
            lines.append(f"<span>… {esc(c.label(lang))}</span><br/>")
    return lines
