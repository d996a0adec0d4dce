"""CSTR Court Day: the core. No Qt here (import-linter enforces it)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cstr-desktop")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
