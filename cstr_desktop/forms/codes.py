"""Coded errors for form files and answers.

A code is stable (tests and support notes refer to it); the text names the
file, the question and the fault in words an administrator can act on.
"""

from __future__ import annotations

FORM_CODES = {
    "FORM_001": "the file cannot be read as YAML",
    "FORM_002": "the file does not match the form schema",
    "FORM_003": "a condition refers to an unknown question",
    "FORM_004": "a question refers to an unknown choice list",
    "FORM_005": "a question name is used twice",
    "FORM_006": "a section refers to an unknown instrument",
    "FORM_007": "a criterion refers to an unknown or unsuitable question",
    "FORM_008": "a criterion's met_when value is not a possible answer",
    "FORM_009": "a condition compares with a value the question cannot take",
    "FORM_010": "two files have the same kind, id and version",
    "FORM_011": "a form uses a file that does not exist",
    "FORM_012": "a question's show_if refers to itself",
    "FORM_013": "an instrument's scoring refers to an unknown or unsuitable item",
    "FORM_014": "an instrument's wording variant is inconsistent",
    "FORM_015": "a date limit refers to an unknown or non-date question",
    "FORM_016": "an alert's action question is unknown",
    "FORM_017": "a yes/no question's answer words are not exactly 'yes' and 'no'",
    "FORM_018": "a layout refers to an unknown or unsuitable question, section or reader",
    "FORM_019": "a question or section names a reader the layout does not have",
    "FORM_020": "an outcomes file is not of kind 'outcomes'",
    "FORM_021": "a section of the form is printed in no part of the report layout",
    "FORM_022": "a layout binds a requirement the criteria do not have, or binds one to a "
                "section or question that cannot hold it",
}

ANSWER_CODES = {
    "ANS_001": "unknown question id",
    "ANS_002": "wrong type of value",
    "ANS_003": "value out of range",
    "ANS_004": "not one of the choices",
    "ANS_005": "not a valid date",
    "ANS_006": "not a valid time",
    "ANS_007": "a note takes no answer",
    "ANS_008": "not in the required format",
    "ANS_009": "text too long or contains control characters",
    "ANS_010": "inconsistent with another answer",
    "FILE_001": "the answers file cannot be read",
    "FILE_002": "the answers file is not valid JSON",
    "FILE_003": "the answers file has the wrong schema",
}


