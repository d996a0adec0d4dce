"""The data files in ``central/data`` read into typed, checked objects.

- ``kpis.yaml``: the steering group's figures, each with its formula in words;
- ``bank_holidays.yaml``: the days that are not working days in England and Wales;
- ``requirements.yaml``: the community order requirements a court outcome may name.

A bad file fails with a coded message naming the file, the item and the fault, for example
``KPI_003: kpis.yaml: kpi 'sentenced_on_day': numerator 'sentenced' is not a fact``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DATA = Path(__file__).resolve().parent / "data"
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")

# What the definitions may name: the columns of the per-assessment facts (central/facts.py).
DATE_FACTS = ("assessed_on", "sentenced_on", "ended_on")
SUM_FACTS = frozenset({
    "assessed", "outcome_known", "outcome_unknown", "sentenced_on_day", "adjourned_first",
    "sentenced", "cstr", "mhtr", "drr", "atr", "combined", "rec_considered", "rec_followed",
    "custody_indicated_sentenced", "custody_avoided", "treatments", "first_known",
    "first_missing", "first_within5", "first_attended_known", "first_attended", "warned",
    "breach", "non_compliant", "ended_decided", "completed", "revoked", "transferred",
    "uncertain_days"})
MEAN_FACTS = frozenset({"phq9_change", "gad7_change", "audit_change"})
DISTINCT_FACTS = frozenset({"person_key"})
CATEGORY_FACTS = frozenset({"combination", "sentence", "adjourn_reason", "age_band",
                            "referral_source"})


class DefinitionError(Exception):
    """A data file that cannot be used; the message starts with its code."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    en: str = Field(min_length=1)
    cy: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.cy if lang == "cy" else self.en


class Reference(_Strict):
    value: float
    label: Text


class Group(_Strict):
    id: str
    title: Text


class Kpi(_Strict):
    id: str
    group: str
    kind: Literal["count", "distinct", "rate", "mean"]
    date: Literal["assessed_on", "sentenced_on", "ended_on"]
    numerator: str
    denominator: str | None = None
    reference: Reference | None = None
    unit: Text | None = None
    title: Text
    formula: Text


class Breakdown(_Strict):
    """Counts of the assessments dated in the period that have a value of ``column`` (a
    category is only set where it applies: a combination where a CSTR was made, ...)."""

    id: str
    date: Literal["assessed_on", "sentenced_on", "ended_on"]
    column: str
    title: Text
    formula: Text


class Charts(_Strict):
    counts: list[str]
    rates: list[str]


class KpiFile(_Strict):
    id: str
    version: int
    groups: list[Group]
    kpis: list[Kpi]
    breakdowns: list[Breakdown]
    charts: Charts

    def kpi(self, kpi_id: str) -> Kpi:
        return next(k for k in self.kpis if k.id == kpi_id)

    def group_kpis(self, group_id: str) -> list[Kpi]:
        return [k for k in self.kpis if k.group == group_id]


class Requirement(_Strict):
    code: str
    cstr: bool
    unit: Literal["hours", "days", "months"]
    max: int = Field(gt=0)
    label: Text


class RequirementFile(_Strict):
    id: str
    version: int
    requirements: list[Requirement]
    units: dict[str, Text]

    def by_code(self) -> dict[str, Requirement]:
        return {r.code: r for r in self.requirements}

    @property
    def cstr_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.requirements if r.cstr)


class HolidayYear(_Strict):
    status: Literal["published", "uncertain"]
    dates: list[date]


class HolidayFile(_Strict):
    id: str
    version: int
    region: str
    years: dict[int, HolidayYear]

    @field_validator("years")
    @classmethod
    def _years_hold_their_dates(cls, years: dict[int, HolidayYear]) -> dict[int, HolidayYear]:
        for year, entry in years.items():
            for day in entry.dates:
                if day.year != year:
                    raise ValueError(f"{day} is listed under {year}")
                if day.weekday() >= 5:
                    raise ValueError(f"{day} is a {day:%A}: a bank holiday is a weekday "
                                     "(a substitute day takes its place)")
            if len(set(entry.dates)) != len(entry.dates):
                raise ValueError(f"{year} lists a date twice")
        return years


def _read(path: Path, code: str) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DefinitionError(f"{code}_001: {path.name}: cannot be read: {exc.strerror}"
                              ) from exc
    except yaml.YAMLError as exc:
        raise DefinitionError(f"{code}_001: {path.name}: not valid YAML: "
                              f"{str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise DefinitionError(f"{code}_001: {path.name}: not a YAML mapping")
    return data


def _model(model, data: dict, path: Path, code: str):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DefinitionError(f"{code}_002: {path.name}: {where}: {first['msg']}") from exc


def load_kpis(path: Path | None = None) -> KpiFile:
    path = path or DATA / "kpis.yaml"
    spec: KpiFile = _model(KpiFile, _read(path, "KPI"), path, "KPI")
    name = path.name
    seen: set[str] = set()
    groups = {g.id for g in spec.groups}
    for kpi in spec.kpis:
        where = f"{name}: kpi '{kpi.id}'"
        if not ID_RE.match(kpi.id):
            raise DefinitionError(f"KPI_008: {where}: an id is lower case, digits and _")
        if kpi.id in seen:
            raise DefinitionError(f"KPI_005: {where}: the id is used twice")
        seen.add(kpi.id)
        if kpi.group not in groups:
            raise DefinitionError(f"KPI_006: {where}: group '{kpi.group}' is not defined")
        allowed = {"count": SUM_FACTS, "rate": SUM_FACTS, "mean": MEAN_FACTS,
                   "distinct": DISTINCT_FACTS}[kpi.kind]
        if kpi.numerator not in allowed:
            raise DefinitionError(f"KPI_003: {where}: numerator '{kpi.numerator}' is not a "
                                  f"fact a {kpi.kind} can use ({', '.join(sorted(allowed))})")
        if (kpi.kind == "rate") != (kpi.denominator is not None):
            raise DefinitionError(f"KPI_004: {where}: a rate needs a denominator, and only "
                                  "a rate has one")
        if kpi.denominator is not None and kpi.denominator not in SUM_FACTS:
            raise DefinitionError(f"KPI_003: {where}: denominator '{kpi.denominator}' is not "
                                  "a fact")
    for breakdown in spec.breakdowns:
        where = f"{name}: breakdown '{breakdown.id}'"
        if breakdown.column not in CATEGORY_FACTS:
            raise DefinitionError(f"KPI_009: {where}: column '{breakdown.column}' is not a "
                                  f"category ({', '.join(sorted(CATEGORY_FACTS))})")
    for chart, ids in (("counts", spec.charts.counts), ("rates", spec.charts.rates)):
        want = ("count",) if chart == "counts" else ("rate",)
        for kpi_id in ids:
            if kpi_id not in seen or spec.kpi(kpi_id).kind not in want:
                raise DefinitionError(f"KPI_007: {name}: chart '{chart}' names '{kpi_id}', "
                                      f"which is not a {want[0]} defined above")
    return spec


def load_requirements(path: Path | None = None) -> RequirementFile:
    path = path or DATA / "requirements.yaml"
    spec: RequirementFile = _model(RequirementFile, _read(path, "REQ"), path, "REQ")
    codes = [r.code for r in spec.requirements]
    if len(set(codes)) != len(codes):
        raise DefinitionError(f"REQ_003: {path.name}: a requirement code is listed twice")
    for req in spec.requirements:
        if req.unit not in spec.units:
            raise DefinitionError(f"REQ_004: {path.name}: requirement '{req.code}': unit "
                                  f"'{req.unit}' has no labels under units")
    if set(spec.cstr_codes) != {"mhtr", "drr", "atr"}:
        raise DefinitionError(f"REQ_005: {path.name}: the treatment requirements (cstr: "
                              "true) must be exactly mhtr, drr and atr")
    return spec


def load_holidays(path: Path | None = None) -> HolidayFile:
    path = path or DATA / "bank_holidays.yaml"
    return _model(HolidayFile, _read(path, "HOL"), path, "HOL")


@cache
def kpis() -> KpiFile:
    return load_kpis()


@cache
def requirements() -> RequirementFile:
    return load_requirements()


@cache
def holidays() -> HolidayFile:
    return load_holidays()
