"""Central records: the service that receives countersigned versions from the laptops.

Its own package: it imports nothing from ``ui`` (import-linter enforces it) and keeps
its own copies of the few pure formats it shares with the laptop (``docs/trust-model.md``),
which tests hold in step with the laptop's code.
"""

__version__ = "0.1.0"
