"""Office accounts (office, manager, admin), argon2 passwords, and expiring sessions.

A session lives in the database (so any worker or host serves it): the browser holds a
random token, the database its SHA-256. It ends after ``session_minutes`` without use,
and in any case ``session_hours_max`` after sign-in.
"""

from __future__ import annotations

import secrets
import unicodedata
import uuid
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from central.audit import Actor, record_event
from central.canonical import now, sha256_hex, stamp
from central.config import Settings
from central.models import User, WebSession

ROLES = ("office", "manager", "admin")
MIN_PASSWORD = 10
LOCK_AFTER = 5
LOCK_MINUTES = 5
# argon2id with 32 MiB, 2 passes, 2 lanes: the laptop's own choice, above OWASP's
# baseline (19 MiB, 2 passes). Each hash keeps its parameters, so a later change of these
# numbers locks no one out (a password is re-hashed at its next sign-in).
_HASHER = PasswordHasher(time_cost=2, memory_cost=32 * 1024, parallelism=2)
_dummy: list[str] = []


def _dummy_hash() -> str:
    """Verified against when the name is unknown, so that a wrong name takes as long as a
    wrong password and does not tell which names exist."""
    if not _dummy:
        _dummy.append(_HASHER.hash("not a password of anyone"))
    return _dummy[0]


class SignInError(Exception):
    pass


def normalise_name(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def add_user(session: Session, username: str, role: str, password: str,
             actor: Actor) -> User:
    name = normalise_name(username)
    if not name or len(name) > 100 or any(ch.isspace() for ch in name):
        raise ValueError("a user name is 1 to 100 characters without spaces")
    if role not in ROLES:
        raise ValueError(f"the role is one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must be at least {MIN_PASSWORD} characters")
    if session.scalar(select(User).where(User.username == name)) is not None:
        raise ValueError(f"a user named '{name}' already exists")
    user = User(id=str(uuid.uuid4()), username=name, role=role,
                password_hash=_HASHER.hash(password), created_at=now(), failed_sign_ins=0)
    session.add(user)
    record_event(session, actor, "user_add", subject=f"user {name} ({role})")
    return user


def check_password(session: Session, username: str, password: str) -> User:
    """The user, or SignInError (saying only that the name or password is wrong)."""
    user = session.scalar(select(User).where(User.username == normalise_name(username)))
    moment = now()
    if user is not None and user.locked_until and user.locked_until > moment:
        raise SignInError("locked")
    try:
        _HASHER.verify(user.password_hash if user else _dummy_hash(), password)
        if user is None:
            raise VerificationError
    except (VerificationError, InvalidHashError) as exc:
        if user is not None:
            user.failed_sign_ins += 1
            if user.failed_sign_ins >= LOCK_AFTER:
                user.locked_until = stamp(datetime.now(UTC) + timedelta(minutes=LOCK_MINUTES))
                user.failed_sign_ins = 0
        record_event(session, Actor(normalise_name(username)[:100] or "?", "unknown"),
                     "sign_in_failed")
        raise SignInError("wrong") from exc
    user.failed_sign_ins = 0
    user.locked_until = None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return user


def start_session(session: Session, user: User, settings: Settings) -> str:
    token = secrets.token_urlsafe(32)
    moment = datetime.now(UTC)
    session.add(WebSession(token_hash=sha256_hex(token.encode()), user_id=user.id,
                           csrf_token=secrets.token_urlsafe(32), created_at=stamp(moment),
                           last_seen_at=stamp(moment),
                           expires_at=stamp(moment + timedelta(hours=settings.session_hours_max))))
    session.execute(delete(WebSession).where(WebSession.expires_at < stamp(moment)))
    record_event(session, Actor(user.username, user.role), "sign_in")
    return token


def current(session: Session, token: str | None, settings: Settings,
            touch: bool = True) -> tuple[User, WebSession] | None:
    """The signed-in user for a session token, or None if it is unknown or expired.
    With ``touch`` the session's last use is brought up to now (at most every 20 s)
    and an expired session is deleted."""
    if not token:
        return None
    web = session.get(WebSession, sha256_hex(token.encode()))
    if web is None:
        return None
    moment = datetime.now(UTC)
    idle_limit = stamp(moment - timedelta(minutes=settings.session_minutes))
    if web.expires_at < stamp(moment) or web.last_seen_at < idle_limit:
        if touch:
            session.delete(web)
        return None
    if touch and web.last_seen_at < stamp(moment - timedelta(seconds=20)):
        web.last_seen_at = stamp(moment)
    user = session.get(User, web.user_id)
    return (user, web) if user is not None else None


def needs_touch(web: WebSession) -> bool:
    return web.last_seen_at < stamp(datetime.now(UTC) - timedelta(seconds=20))


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(WebSession).where(
            WebSession.token_hash == sha256_hex(token.encode())))
