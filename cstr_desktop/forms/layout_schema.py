"""The shape of a layout file: how a form's answers become each reader's copy of the report.

A layout holds the form's bindings as data: the report's parts (which form
sections each prints; every section is printed in one; which section holds each
requirement's own criteria), the questions that play a role (the person's name,
date of birth, case number, hearing date, date of conviction, ...), which
court-list field fills which question when a listed case is first opened
(``prefill``), what the summary card of a copy kept before readers' copies
existed reads (``kept_card``), and the readers: the court, probation and the
treatment provider, each with the consent that allows their copy, what is done
when it is not given, and the question where the assessor marks what the person
asked not to share with them. Which reader sees which question is declared on
the questions themselves, in the form.

A form names its layout in ``uses``; a form made before layouts existed is
named by the layout's ``applies_to`` instead, so its file never changes.
Cross-references are checked by :mod:`cstr_desktop.forms.layout_checks`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cstr_desktop.forms.schema_base import ChoiceValue, Condition, LocalText, Name, Strict


class FormRef(Strict):
    form: Name
    version: int = Field(ge=1)


# The court list's fields a question may be filled from (contract.md section 4).
ListingField = Literal["family_name", "given_names", "date_of_birth", "hearing_date",
                       "court_name", "courtroom", "list_time", "case_number", "pnc_id", "crn",
                       "offence"]


class Roles(Strict):
    """Questions the code needs by role rather than by their name in one form version."""

    given_names: Name
    family_name: Name
    date_of_birth: Name
    hearing_date: Name
    case_number: Name
    court_name: Name
    offence: Name | None = None
    # The person's own words about the requirements (a declined assessment prints them
    # in the copies for probation and the provider).
    own_words: Name | None = None
    recommendation_summary: Name | None = None
    conviction_date: Name | None = None


class Part(Strict):
    """One numbered part of the report.

    ``kind`` says how it is laid out: ``items`` prints the answers of its sections;
    ``identifiers`` adds the name and age first; ``measures`` is the table of
    scores; ``risk`` the risk section (a statement only, for a reader whose ``risk``
    is ``summary``); ``opinion`` the criteria per requirement; ``arrangements`` one
    subsection per requirement considered.
    """

    key: Name
    title: LocalText
    kind: Literal["identifiers", "items", "measures", "risk", "opinion", "arrangements"] = (
        "items")
    sections: list[Name] = []
    # An opinion part: the section of each requirement's own criteria (by the requirement's
    # id in the criteria file), printed under that requirement's criteria table, and only
    # while it is considered. The part's other sections are printed first, before the gates.
    requirement_sections: dict[Name, Name] = {}


class Reader(Strict):
    """One reader's copy of the report."""

    id: Name
    label: LocalText
    copy_title: LocalText
    description: LocalText
    # A yes/no question: the copy exists only when it is answered "yes".
    consent: Name | None = None
    consent_label: LocalText | None = None
    # Without consent: a one-page notice that the assessment cannot be shared
    # (the court), or no copy at all (refused, naming the missing consent).
    when_refused: Literal["notice", "refuse"] = "refuse"
    # "totals": each measure's total and band; "items": its key items too.
    measures: Literal["totals", "items"] = "items"
    # "summary": a statement that risk to self was identified and the immediate
    # actions taken, instead of the risk formulation and the assessor's alerts.
    risk: Literal["summary", "full"] = "full"
    # A multi-choice question whose answers name the questions or sections the person
    # asked not to share with this reader.
    withheld: Name | None = None


class RiskSummary(Strict):
    """The risk statement for a reader whose ``risk`` is ``summary`` (the court)."""

    identified_when: Condition
    assessed_when: Condition
    actions_question: Name
    no_action_values: list[ChoiceValue] = []
    # The reader whose copy holds the details ("see the probation copy").
    details_in: Name | None = None


class KeptCardRequirement(Strict):
    """A requirement's recommendation and proposed period, as a kept card prints them."""

    recommendation: Name | None = None
    period: Name | None = None


class KeptCard(Strict):
    """The summary card of a copy kept before readers' copies existed (report snapshot
    schema 1), which finds its answers among the copy's printed items by these questions:
    each requirement's (by its id in the criteria file), the first appointment (date,
    time, place) and the treatment provider. A newer copy holds them already, from the
    criteria file (a requirement's recommendation, period_question, first_appointment)."""

    requirements: dict[Name, KeptCardRequirement] = {}
    first_appointment: list[Name] = []
    provider: list[Name] = []


class LayoutFile(Strict):
    kind: Literal["layout"]
    id: Name
    version: int = Field(ge=1)
    title: LocalText
    applies_to: list[FormRef] = []
    roles: Roles
    # Which court-list field fills which question when a listed case is first opened.
    prefill: dict[ListingField, Name] = {}
    # When this holds, the report is bilingual by default (the person chose Welsh).
    bilingual_when: Condition | None = None
    parts: list[Part] = Field(min_length=1)
    # No readers: one report for everyone, as before the readers' copies existed.
    readers: list[Reader] = []
    # The readers who see a question when neither it nor its section names any
    # (default: every reader).
    default_readers: list[Name] | None = None
    risk_summary: RiskSummary | None = None
    kept_card: KeptCard | None = None
