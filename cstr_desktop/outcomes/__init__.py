"""The outcome at court (issue 13, the laptop's half): what the court did after the hearing.

After the hearing the assessor records, on the case, whether the person was sentenced,
adjourned (to when, and why), remanded, or something else; the sentence and the s.201
requirements imposed with their lengths; whether the recommendation was followed; and
the time sentenced. The choices and limits are data (``forms/outcomes/``, checked by
:mod:`.definitions`); an outcome is a handful of answers under the ``outcome_*`` ids of
docs/outcomes.md, checked by :mod:`.fields`.

How it is kept depends on where the assessment is (:mod:`.store_outcomes`):

- before approval, the outcome is saved as answers of the assessment, each with its signed
  audit entry, so it goes with the record and is covered by the countersignature;
- after approval, it is a signed ``cstr-outcome/1`` addendum (:mod:`.addendum`), never an
  amendment of the report, kept until sync sends it to central's ``PUT /api/v1/outcomes``.

No Qt here: the dialog is ``ui/outcome_dialog.py``.
"""

from __future__ import annotations

from typing import Any

# Loaded when first used: the command line's parser imports this package's argument module,
# and starting the app must not pay for pydantic or the data file.
_EXPORTS = {"OutcomeDefinitions": "definitions", "outcome_definitions": "definitions",
            "OutcomeError": "fields", "check_outcome": "fields", "is_outcome_id": "fields",
            "outcome_answers": "fields"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
