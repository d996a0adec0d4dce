"""CSTR Court Day: the core, in parts: ``forms`` (the form engine), ``store`` (the
encrypted local store, the only code that touches SQL), ``trust`` (signatures and
keys), ``errors`` (every error the core raises) and ``canonical`` (the one canonical
JSON and its hashes). No Qt, no reports, no command line here (import-linter)."""

# Kept in step with pyproject.toml by a test (reading package metadata at start-up
# would cost the app's start about 20 ms).
__version__ = "0.1.0"
