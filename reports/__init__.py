"""The reports (reportlab, never Qt): each reader's copy of an assessment frozen into a
snapshot (``snapshot`` with ``answers``, ``measures``, ``risk_statement``,
``requirements``, ``context``, ``verification``), laid out as the court report
(``court_report`` with ``header``, ``measure_table``, ``opinion``, ``signatures``,
``notice``, built from ``blocks`` on the pages of ``layout``) and as the summary card
(``summary_card``, ``kept_card``, ``card_blocks``); the kept copies of a stored
assessment (``record``) and the recovery sheet. How a form groups what is printed is
read from its layout (``bindings``): no question or section id is written here."""
