"""The dashboard (every office role) and the steering report from it (managers and
administrators): the figures for a period and a court, with charts."""

from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from central import charts, dashboard_data, steering
from central.audit import record_event
from central.office_records import actor_of
from central.periods import Period, PeriodError, recent
from central.web import check_csrf, language, render, signed_in

router = APIRouter()
COMMENTARY_MAX = 1500


def default_period(today: date | None = None) -> Period:
    """The last whole month."""
    today = today or date.today()
    return Period.month(today.year, today.month).previous()


def _court(courts: list[tuple[str, str]], key: str) -> tuple[str, str] | None:
    return next((c for c in courts if c[0] == key), None)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    visitor = signed_in(request)
    lang = language(request)
    try:
        period = Period.parse(request.query_params.get("period", "")) \
            if request.query_params.get("period") else default_period()
    except PeriodError:
        period = default_period()
    with request.app.state.db.read() as session:
        courts = dashboard_data.courts(session)
        court = _court(courts, request.query_params.get("court", ""))
        board = dashboard_data.build(session, period, lang, suppress=False, court=court)
    choices = recent(date.today())
    if period not in choices[period.kind]:
        choices[period.kind].insert(0, period)
    drawings = board.drawings(width=420, size=10)
    svgs = {name: charts.svg_for_page(d, f"chart-{name}", *_chart_words(board, name))
            for name, d in drawings.items()}
    return render(request, "dashboard.html", visitor, section="dashboard", board=board,
                  period=period, courts=courts, court=court, choices=choices, svgs=svgs)


def _chart_words(board: dashboard_data.Dashboard, name: str) -> tuple[str, str]:
    if name == "counts":
        return board.t("dash_trend"), board.t("dash_counts_caption")
    if name == "rates":
        return board.t("dash_trend"), board.t("dash_rates_caption")
    item = next(b for b in board.breakdowns if b.id == name)
    return item.title, item.formula


@router.post("/dashboard/steering-report")
def steering_report(request: Request, csrf: str = Form(""), period: str = Form(""),
                    court: str = Form(""), lang: str = Form("en"),
                    commentary: str = Form("")) -> Response:
    visitor = signed_in(request, ("manager", "admin"))
    if not check_csrf(visitor, csrf):
        return render(request, "error.html", visitor, status=403, message="csrf_failed")
    try:
        month = Period.parse(period)
    except PeriodError:
        month = None
    if month is None or month.kind != "month":
        return render(request, "error.html", visitor, status=400, message="dash_month_only")
    langs = {"en": ["en"], "cy": ["cy"], "both": ["en", "cy"]}.get(lang, ["en"])
    with request.app.state.db.write() as session:
        chosen = _court(dashboard_data.courts(session), court)
        boards = [dashboard_data.build(session, month, one, suppress=True, court=chosen)
                  for one in langs]
        record_event(session, actor_of(visitor), "steering_report", detail={
            "month": month.key, "court": chosen[1] if chosen else None, "lang": lang})
    pdf = steering.render(boards, commentary[:COMMENTARY_MAX])
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", f"cstr-steering-{month.key}-"
                  f"{chosen[1] if chosen else 'all-courts'}-{lang}")[:120]
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}.pdf"',
        "Cache-Control": "no-store"})
