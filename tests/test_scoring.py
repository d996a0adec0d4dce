"""Instrument scores: every band edge, AUDIT's skip rules, AUDIT-C, alerts."""

from __future__ import annotations

import pytest

from cstr_desktop.forms.interview import InterviewState


def items(prefix: str, values: list[int]) -> dict[str, int]:
    return {f"{prefix}_{i}": v for i, v in enumerate(values, start=1)}


def spread(total: int, count: int, top: int) -> list[int]:
    """``count`` item scores, each at most ``top``, adding up to ``total``."""
    values = []
    for _ in range(count):
        v = min(top, total)
        values.append(v)
        total -= v
    assert total == 0
    return values


PHQ9_EDGES = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
              (14, "moderate"), (15, "moderately_severe"), (19, "moderately_severe"),
              (20, "severe"), (27, "severe")]
GAD7_EDGES = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
              (14, "moderate"), (15, "severe"), (21, "severe")]


@pytest.mark.parametrize(("total", "band"), PHQ9_EDGES)
def test_phq9_band_edges(bundle, total, band):
    values = spread(total, 9, 3)
    result = InterviewState(bundle, items("phq9", values)).result()["scores"]["phq9"]
    assert result == {"total": total, "complete": True, "band": band}


@pytest.mark.parametrize(("total", "band"), GAD7_EDGES)
def test_gad7_band_edges(bundle, total, band):
    result = InterviewState(bundle, items("gad7", spread(total, 7, 3))).result()["scores"]["gad7"]
    assert result == {"total": total, "complete": True, "band": band}


def audit_answers(total: int) -> dict:
    """Answers adding up to ``total``: items 9-10 take what items 1-8 (at most 32) cannot."""
    tail_sum = max(x for x in (0, 2, 4, 6, 8) if x <= total and total - x <= 32)
    tail = {0: (0, 0), 2: (2, 0), 4: (2, 2), 6: (4, 2), 8: (4, 4)}[tail_sum]
    head = spread(total - sum(tail), 8, 4)
    answers = {"audit_version": "who", **items("audit", head)}
    answers["audit_9"], answers["audit_10"] = tail
    return answers


AUDIT_EDGES = [(0, 1, "lower_risk"), (7, 1, "lower_risk"), (8, 2, "increasing_risk"),
               (15, 2, "increasing_risk"), (16, 3, "higher_risk"), (19, 3, "higher_risk"),
               (20, 4, "possible_dependence"), (40, 4, "possible_dependence")]


@pytest.mark.parametrize(("total", "zone", "band"), AUDIT_EDGES)
def test_audit_band_and_zone_edges(bundle, total, zone, band):
    answers = audit_answers(total)
    assert sum(v for k, v in answers.items() if k != "audit_version") == total
    result = InterviewState(bundle, answers).result()["scores"]["audit"]
    assert (result["total"], result["zone"], result["band"], result["complete"]) == (
        total, zone, band, True)


@pytest.mark.parametrize(("q1", "q2", "q3", "audit_c", "positive"), [
    (2, 1, 1, 4, False), (2, 1, 2, 5, True), (4, 4, 4, 12, True), (1, 0, 0, 1, False)])
def test_audit_c_threshold(bundle, q1, q2, q3, audit_c, positive):
    answers = {"audit_1": q1, "audit_2": q2, "audit_3": q3, "audit_9": 0, "audit_10": 0,
               **{f"audit_{i}": 0 for i in range(4, 9)}}
    result = InterviewState(bundle, answers).result()["scores"]["audit"]
    assert (result["audit_c"], result["audit_c_positive"]) == (audit_c, positive)


def test_audit_never_drinks_skips_items_2_to_8(bundle):
    state = InterviewState(bundle, {"audit_1": 0, "audit_9": 2, "audit_10": 4})
    result = state.result()["scores"]["audit"]
    assert result == {"total": 6, "complete": True, "zone": 1, "band": "lower_risk",
                      "audit_c": 0, "audit_c_positive": False}
    assert [n for n in (f"audit_{i}" for i in range(2, 9)) if state.visible(n)] == []
    assert state.visible("audit_9") and state.visible("audit_10")


def test_audit_q2_plus_q3_zero_skips_items_4_to_8(bundle):
    state = InterviewState(bundle, {"audit_1": 3, "audit_2": 0, "audit_3": 0,
                                    "audit_9": 0, "audit_10": 2})
    result = state.result()["scores"]["audit"]
    assert (result["total"], result["complete"], result["audit_c"]) == (5, True, 3)
    assert state.visible("audit_2") and state.visible("audit_3")
    assert not any(state.visible(f"audit_{i}") for i in range(4, 9))


def test_audit_skipped_items_score_zero_even_if_answered_earlier(bundle):
    # An earlier answer to item 5 is kept, but the skip rule scores it 0.
    state = InterviewState(bundle, {"audit_1": 0, "audit_5": 4, "audit_9": 0, "audit_10": 0})
    assert state.result()["scores"]["audit"]["total"] == 0
    assert state.answers["audit_5"] == 4


def test_audit_no_skip_when_q2_plus_q3_positive(bundle):
    state = InterviewState(bundle, {"audit_1": 1, "audit_2": 0, "audit_3": 1,
                                    "audit_9": 0, "audit_10": 0})
    result = state.result()["scores"]["audit"]
    assert result["complete"] is False and result["total"] is None
    assert result["audit_c"] == 2
    assert all(state.visible(f"audit_{i}") for i in range(4, 9))


def test_audit_items_9_and_10_always_needed(bundle):
    result = InterviewState(bundle, {"audit_1": 0}).result()["scores"]["audit"]
    assert result["complete"] is False and result["total"] is None and result["band"] is None
    assert result["audit_c"] == 0


def test_incomplete_instrument_has_null_total(bundle):
    answers = items("phq9", [3] * 8)  # item 9 missing
    state = InterviewState(bundle, answers)
    assert state.result()["scores"]["phq9"] == {"total": None, "complete": False, "band": None}
    assert state.scores["phq9"].missing == ("phq9_9",)


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_phq9_item9_alert_whatever_the_total(bundle, item9):
    state = InterviewState(bundle, {"phq9_9": item9})
    assert state.result()["alerts"] == ["phq9_item9_positive"]
    assert state.alerts[0].action_question == "immediate_actions"


def test_no_alert_when_item9_is_zero(bundle):
    assert InterviewState(bundle, items("phq9", [3] * 8 + [0])).result()["alerts"] == []


def test_audit_uk_wording_follows_audit_version(bundle):
    who = InterviewState(bundle, {"audit_version": "who"})
    uk = InterviewState(bundle, {"audit_version": "uk"})
    assert who.label("audit_2").startswith("How many drinks containing alcohol")
    assert uk.label("audit_2").startswith("How many units of alcohol")
    assert "8 or more if male" in uk.label("audit_3")
    assert [c.label["en"] for c in uk.choices("audit_2")][0] == "0 to 2"
    assert [c.label["en"] for c in who.choices("audit_2")][0] == "1 or 2"


# The UK form's wording (PHE/OHID), where it differs from the WHO text.
AUDIT_UK = {
    "audit_5": "How often during the last year have you failed to do what was normally "
               "expected from you because of your drinking?",
    "audit_6": "How often during the last year have you needed an alcoholic drink in the "
               "morning to get yourself going after a heavy drinking session?",
    "audit_9": "Have you or somebody else been injured as a result of your drinking?",
    "audit_10": "Has a relative or friend, doctor or other health worker been concerned about "
                "your drinking or suggested that you cut down?",
}


def test_audit_uk_version_uses_the_uk_forms_wording_throughout(bundle):
    uk = InterviewState(bundle, {"audit_version": "uk"})
    who = InterviewState(bundle, {"audit_version": "who"})
    for name, text in AUDIT_UK.items():
        assert uk.label(name) == text
        assert who.label(name) != text
    assert [c.label["en"] for c in uk.choices("audit_1")] == [
        "Never", "Monthly or less", "2 to 4 times per month", "2 to 3 times per week",
        "4 or more times per week"]
    assert [c.label["en"] for c in who.choices("audit_1")][2] == "2 to 4 times a month"
    # The same scores whichever wording: only the words differ.
    assert [c.value for c in uk.choices("audit_1")] == [c.value for c in who.choices("audit_1")]


def test_audit_version_1_keeps_its_wording():
    from cstr_desktop.forms.loader import load_bundle

    uk = InterviewState(load_bundle(version=1), {"audit_version": "uk"})
    assert [c.label["en"] for c in uk.choices("audit_2")][0] == "1 to 2"
    assert uk.label("audit_9") == "Have you or someone else been injured as a result of your " \
                                  "drinking?"


@pytest.mark.parametrize(("instrument", "value", "band"), [
    ("sadq", 15, "mild"), ("sadq", 16, "moderate"), ("sadq", 31, "severe"),
    ("ldq", 10, "low"), ("ldq", 11, "moderate"), ("ldq", 21, "severe"),
    ("dast10", 0, "none"), ("dast10", 2, "low"), ("dast10", 3, "moderate"),
    ("dast10", 9, "severe"), ("core10", 10, "low"), ("core10", 11, "mild"),
    ("core10", 25, "severe")])
def test_score_only_entries_band_the_entered_total(bundle, instrument, value, band):
    state = InterviewState(bundle, {f"{instrument}_total": value})
    score = state.scores[instrument]
    assert (score.total, score.band.id) == (value, band)
    # Score-only entries stay out of the contract's result object.
    assert instrument not in state.result()["scores"]
