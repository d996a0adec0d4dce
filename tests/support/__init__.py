"""Helpers for the tests: import them as ``from support.stores import fresh_store``.

Nothing here is a test, and no test module imports another test module or
``conftest``: what two test files share lives here.

- ``paths``: the repository's folders and the tests' own copies of the contract's examples.
- ``tools``: the programs the tests run (found beside ``sys.executable`` or on PATH), and
  the system tools from apt (poppler, zbar), checked once at the start of a run.
- ``cli``: the ``cstr-desktop`` command run in this process (fast) or as a real process.
- ``stores``: the one way the tests make a store (``new_store``; the ``fresh_store``
  fixture in conftest wraps it).
- ``reporting``: snapshots of the demo interview and PDFs read back (pypdf, pdftotext).
- ``form_docs``: a minimal set of form files to break in the form validation tests.
- ``disks``: real faults (full, read-only and failing disks, a held write lock).
- ``ui_driver``: the app driven by key presses.
"""
