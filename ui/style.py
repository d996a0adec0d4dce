"""The look of the whole window: one style sheet, by object name."""

STYLE = """
QWidget { font-size: 10.5pt; }
QLabel#apptitle { font-size: 20pt; font-weight: 600; color: #1d3557; }
QLabel#sectiontitle { font-size: 14pt; font-weight: 600; color: #1d3557; }
QLabel#caseheader { font-size: 12pt; font-weight: 600; padding: 4px 12px; }
QLabel#label { font-weight: 600; }
QLabel#note { font-style: italic; color: #333; background: #f3f3ea; padding: 6px; }
QLabel#help { color: #555; }
QLabel#status { color: #2d6a2d; }
QLabel#status[error="true"] { color: #8b1e1e; font-weight: 600; }
QLabel#status[empty="true"] { color: #555; font-style: italic; }
QLabel#error { color: #8b1e1e; font-weight: 600; }
QLabel#problem { color: #8b1e1e; font-weight: 600; background: #fbeaea;
                 border: 1px solid #d9a3a3; padding: 6px; }
QLabel#banner { background: #fff4d6; border: 1px solid #d9a400; padding: 6px; }
QLabel#recoverykey { font-family: "DejaVu Sans Mono", monospace; font-size: 17pt;
                     font-weight: 600; color: #111; background: #fff; padding: 12px 18px;
                     border: 1px solid #9aa5b1; }
QLabel#fingerprint { font-family: "DejaVu Sans Mono", monospace; font-size: 12pt; }
QLabel#message { color: #1d3557; }
QLabel#message[error="true"] { color: #8b1e1e; font-weight: 600; }
QFrame#question { border-bottom: 1px solid #e2e2e2; }
QWidget:focus { outline: 2px solid #1d3557; }
QRadioButton:disabled, QCheckBox:disabled { color: #4a4a4a; }
QRadioButton:disabled:checked, QCheckBox:disabled:checked { color: #000; font-weight: 600; }
QLineEdit:disabled, QPlainTextEdit:disabled { color: #111; background: #f7f7f4; }
"""
