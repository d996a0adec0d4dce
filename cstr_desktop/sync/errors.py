"""What goes wrong when talking to central, each in words a person can act on."""

from __future__ import annotations

from ..store_errors import StoreError


class SyncError(StoreError):
    """Sync could not do what was asked (a bad code, an unreachable server, ...)."""


class NotEnrolled(SyncError):
    """This laptop has not been enrolled with central records."""


class CentralUnreachable(SyncError):
    """Central could not be reached, timed out, or answered with a server error: nothing
    was lost, try again later."""


class CentralRefused(SyncError):
    """Central answered with a refusal (``{"error": code, "message": ...}``)."""

    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class WrongCertificate(SyncError):
    """The server's TLS certificate is not the pinned one (or not trusted at enrolment)."""
