"""An outcome as answers under the ``outcome_*`` ids of docs/outcomes.md, and their checks.

``check_outcome`` takes the answers the assessor gave and returns them as they are kept
(texts trimmed, empty ones dropped, requirements in the order of the s.201 table), or
raises :class:`OutcomeError` with a code, the id at fault and the fault in words. The
laptop is stricter than central (which reads what it gets and counts only what it can):
every rule here is one central also accepts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..form_errors import AnswerError
from .definitions import OutcomeDefinitions, outcome_definitions

PREFIX = "outcome_"
LENGTH_PREFIX = "outcome_length_"
FIELDS = ("outcome_result", "outcome_date", "outcome_time_sentenced", "outcome_adjourned_to",
          "outcome_adjournment_reason", "outcome_adjournment_other", "outcome_sentence",
          "outcome_order_months", "outcome_requirements", "outcome_recommendation_followed",
          "outcome_court_said", "outcome_detail")
# Which answers belong to which result (besides outcome_result and outcome_date).
FOR_RESULT = {
    "sentenced": ("outcome_time_sentenced", "outcome_sentence", "outcome_order_months",
                  "outcome_requirements", "outcome_recommendation_followed",
                  "outcome_court_said"),
    "adjourned": ("outcome_adjourned_to", "outcome_adjournment_reason",
                  "outcome_adjournment_other", "outcome_detail"),
    "remanded": ("outcome_detail",),
    "other": ("outcome_detail",),
}
TEXTS = ("outcome_adjournment_other", "outcome_court_said", "outcome_detail")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

OUTCOME_CODES = {
    "OUT_001": "not an outcome id",
    "OUT_002": "the result is missing or not one of the results",
    "OUT_003": "not a valid date",
    "OUT_004": "the hearing's date is before the sentencing hearing or in the future",
    "OUT_005": "an adjournment needs the date it is adjourned to",
    "OUT_006": "adjourned to a date before the hearing",
    "OUT_007": "an adjournment needs its reason",
    "OUT_008": "another reason needs its words",
    "OUT_009": "a sentence is missing or not one of the sentences",
    "OUT_010": "the time sentenced is missing or not a time",
    "OUT_011": "whether the recommendation was followed is missing or not a choice",
    "OUT_012": "what the court said is needed when the recommendation was not followed",
    "OUT_013": "the order's length is missing or out of range",
    "OUT_014": "a community order needs at least one requirement",
    "OUT_015": "not a requirement of the s.201 table, or listed twice",
    "OUT_016": "a requirement's length is missing or out of range",
    "OUT_017": "this sentence takes no requirements",
    "OUT_018": "an answer that does not apply to this result",
    "OUT_019": "text too long or with control characters",
    "OUT_020": "nothing to correct: no such earlier outcome",
    "OUT_021": "the assessment is waiting for its countersignature",
}


class OutcomeError(AnswerError):
    """An outcome that cannot be kept. ``params`` carries the values the message names,
    so the app can say the same in Welsh."""

    def __init__(self, code: str, question: str | None, detail: str, **params: Any):
        super().__init__(code, question, detail)
        self.params = params


def is_outcome_id(name: str) -> bool:
    return isinstance(name, str) and name.startswith(PREFIX)


def outcome_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The ``outcome_*`` answers among an assessment's answers."""
    return {k: v for k, v in answers.items() if is_outcome_id(k)}


def known_id(name: str, defs: OutcomeDefinitions | None = None) -> bool:
    defs = defs or outcome_definitions()
    return name in FIELDS or (name.startswith(LENGTH_PREFIX)
                              and name[len(LENGTH_PREFIX):] in defs.codes)


def _date(answers: Mapping[str, Any], name: str) -> date | None:
    value = answers.get(name)
    if value is None:
        return None
    if isinstance(value, str) and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise OutcomeError("OUT_003", name, f"{str(value)[:20]!r} is not a date (YYYY-MM-DD)",
                       value=str(value)[:20])


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(name: str, value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        raise OutcomeError("OUT_019", name, "expected text", limit=limit)
    if len(value) > limit:
        raise OutcomeError("OUT_019", name, f"the text is {len(value)} characters long; the "
                                            f"most allowed is {limit}", limit=limit)
    if _CONTROL.search(value):
        raise OutcomeError("OUT_019", name, "contains a control character", limit=limit)
    return value.strip() or None


def check_outcome(answers: Mapping[str, Any], hearing_date: str | None = None,
                  today: date | None = None, defs: OutcomeDefinitions | None = None
                  ) -> dict[str, Any]:
    """The outcome's answers as kept, or :class:`OutcomeError` for the first fault.

    ``hearing_date`` is the sentencing hearing the assessment was for: the outcome's own
    hearing (``outcome_date``, required) is not before it; ``today`` (when given) is the
    latest it may be."""
    defs = defs or outcome_definitions()
    given = {k: v for k, v in answers.items() if v is not None and v != "" and v != []}
    for name in given:
        if not known_id(name, defs):
            raise OutcomeError("OUT_001", name, "is not an outcome id (see docs/outcomes.md)")
    result = given.get("outcome_result")
    if result not in defs.values("result"):
        raise OutcomeError("OUT_002", "outcome_result",
                           "missing" if result is None else
                           f"{str(result)[:30]!r} is not one of {', '.join(defs.values('result'))}")
    out: dict[str, Any] = {"outcome_result": result}
    on = _date(given, "outcome_date")
    if on is None:
        raise OutcomeError("OUT_003", "outcome_date", "the date of the hearing is missing",
                           value="")
    heard = date.fromisoformat(hearing_date) if hearing_date else None
    if heard is not None and on < heard:
        raise OutcomeError("OUT_004", "outcome_date", f"{on.isoformat()} is before the "
                           f"sentencing hearing ({heard.isoformat()})", hearing=heard.isoformat())
    if today is not None and on > today:
        raise OutcomeError("OUT_004", "outcome_date", f"{on.isoformat()} is in the future",
                           hearing=today.isoformat())
    out["outcome_date"] = on.isoformat()
    allowed = FOR_RESULT[result] if result in FOR_RESULT else FOR_RESULT["other"]
    for name in given:
        if name in ("outcome_result", "outcome_date"):
            continue
        field = LENGTH_PREFIX if name.startswith(LENGTH_PREFIX) else name
        if field == LENGTH_PREFIX:
            field = "outcome_requirements"
        if field not in allowed:
            raise OutcomeError("OUT_018", name, f"does not apply when the result is {result}",
                               result=result)
    for name in TEXTS:
        if name in given:
            text = _text(name, given[name], defs.text_max)
            if text:
                out[name] = text
    if result == "adjourned":
        _adjourned(given, on, out, defs)
    elif result == "sentenced":
        _sentenced(given, out, defs)
    return {name: out[name] for name in _order(out, defs)}


def _adjourned(given: dict, on: date, out: dict, defs: OutcomeDefinitions) -> None:
    to = _date(given, "outcome_adjourned_to")
    if to is None:
        raise OutcomeError("OUT_005", "outcome_adjourned_to", "an adjournment needs the date "
                                                              "it is adjourned to")
    if to < on:
        raise OutcomeError("OUT_006", "outcome_adjourned_to", f"{to.isoformat()} is before "
                           f"the hearing it was adjourned from ({on.isoformat()})",
                           hearing=on.isoformat())
    out["outcome_adjourned_to"] = to.isoformat()
    reason = given.get("outcome_adjournment_reason")
    if reason not in defs.values("adjournment_reason"):
        raise OutcomeError("OUT_007", "outcome_adjournment_reason",
                           "missing" if reason is None else f"{str(reason)[:30]!r} is not one "
                           f"of {', '.join(defs.values('adjournment_reason'))}")
    out["outcome_adjournment_reason"] = reason
    if reason == "other" and not out.get("outcome_adjournment_other"):
        raise OutcomeError("OUT_008", "outcome_adjournment_other",
                           "say what the other reason was")
    if reason != "other" and "outcome_adjournment_other" in out:
        raise OutcomeError("OUT_018", "outcome_adjournment_other",
                           "only for another reason", result="adjourned")


def _sentenced(given: dict, out: dict, defs: OutcomeDefinitions) -> None:
    sentence = given.get("outcome_sentence")
    if sentence not in defs.values("sentence"):
        raise OutcomeError("OUT_009", "outcome_sentence",
                           "missing" if sentence is None else f"{str(sentence)[:30]!r} is not "
                           f"one of {', '.join(defs.values('sentence'))}")
    out["outcome_sentence"] = sentence
    time = given.get("outcome_time_sentenced")
    if not isinstance(time, str) or not _TIME.match(time):
        raise OutcomeError("OUT_010", "outcome_time_sentenced",
                           "missing" if time is None else f"{str(time)[:20]!r} is not a time "
                           "(HH:MM, 24-hour)")
    out["outcome_time_sentenced"] = time
    followed = given.get("outcome_recommendation_followed")
    if followed not in defs.values("recommendation_followed"):
        raise OutcomeError("OUT_011", "outcome_recommendation_followed",
                           "missing" if followed is None else f"{str(followed)[:30]!r} is not "
                           f"one of {', '.join(defs.values('recommendation_followed'))}")
    out["outcome_recommendation_followed"] = followed
    if followed != "yes" and not out.get("outcome_court_said"):
        raise OutcomeError("OUT_012", "outcome_court_said", "say what the court said, since "
                           "the recommendation was not followed in full")
    chosen = given.get("outcome_requirements", [])
    lengths = [n for n in given if n.startswith(LENGTH_PREFIX)]
    if sentence not in defs.with_requirements:
        if chosen or lengths or "outcome_order_months" in given:
            name = "outcome_requirements" if chosen or lengths else "outcome_order_months"
            raise OutcomeError("OUT_017", name, f"a sentence of {sentence} has no "
                               "requirements and no order length", sentence=sentence)
        return
    months = given.get("outcome_order_months")
    bounds = defs.order_months
    if not _whole(months) or not bounds.min <= months <= bounds.max:
        raise OutcomeError("OUT_013", "outcome_order_months",
                           ("missing" if months is None else f"{str(months)[:20]} is not")
                           + f" a whole number of months from {bounds.min} to {bounds.max}",
                           low=bounds.min, high=bounds.max)
    out["outcome_order_months"] = months
    if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
        raise OutcomeError("OUT_015", "outcome_requirements", "expected a list of requirement "
                                                              "codes", requirement="?")
    if len(set(chosen)) != len(chosen):
        raise OutcomeError("OUT_015", "outcome_requirements", "a requirement is listed twice",
                           requirement=next(c for c in chosen if chosen.count(c) > 1))
    for code in chosen:
        if defs.requirement(code) is None:
            raise OutcomeError("OUT_015", "outcome_requirements", f"{code[:40]!r} is not a "
                               f"requirement of the s.201 table ({', '.join(defs.codes)})",
                               requirement=code[:40])
    if not chosen and sentence in defs.requirement_needed:
        raise OutcomeError("OUT_014", "outcome_requirements", "a community order needs at "
                           "least one requirement (Sentencing Act 2020, s.204(2))")
    for name in lengths:
        if name[len(LENGTH_PREFIX):] not in chosen:
            raise OutcomeError("OUT_018", name, "a length for a requirement not imposed",
                               result="sentenced")
    ordered = [c for c in defs.codes if c in chosen]
    if ordered:
        out["outcome_requirements"] = ordered
    for code in ordered:
        req = defs.requirement(code)
        assert req is not None
        name = LENGTH_PREFIX + code
        length = given.get(name)
        if not _whole(length) or not req.min <= length <= req.max:
            raise OutcomeError("OUT_016", name, f"{req.label['en']}: "
                               + ("the length is missing" if length is None else
                                  f"{str(length)[:20]} is out of range")
                               + f"; a whole number of {req.unit} from {req.min} to {req.max}",
                               requirement=code, unit=req.unit, low=req.min, high=req.max)
        out[name] = length


def _order(out: dict, defs: OutcomeDefinitions) -> list[str]:
    names = [n for n in FIELDS if n in out]
    return names + [LENGTH_PREFIX + c for c in defs.codes if LENGTH_PREFIX + c in out]


def check_outcome_answer(name: str, value: Any) -> Any:
    """One outcome answer on its own (its id and type); the whole is checked by
    :func:`check_outcome`."""
    defs = outcome_definitions()
    if not known_id(name, defs):
        raise OutcomeError("OUT_001", name, "is not an outcome id (see docs/outcomes.md)")
    if name in TEXTS:
        _text(name, value, defs.text_max)
    elif name == "outcome_requirements":
        if not isinstance(value, list):
            raise OutcomeError("OUT_015", name, "expected a list of requirement codes",
                               requirement="?")
    elif name.startswith(LENGTH_PREFIX) or name == "outcome_order_months":
        if not _whole(value):
            raise OutcomeError("OUT_016", name, "expected a whole number", requirement=name)
    elif not isinstance(value, str):
        raise OutcomeError("OUT_002", name, "expected text")
    return value
