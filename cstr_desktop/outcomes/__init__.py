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

from .definitions import OutcomeDefinitions, outcome_definitions
from .fields import OutcomeError, check_outcome, is_outcome_id, outcome_answers

__all__ = ["OutcomeDefinitions", "OutcomeError", "check_outcome", "is_outcome_id",
           "outcome_answers", "outcome_definitions"]
