"""CSTR Court Day: the core. No Qt here (import-linter enforces it)."""

# Kept in step with pyproject.toml by a test (reading package metadata at start-up
# would cost the app's start about 20 ms).
__version__ = "0.1.0"
