"""Where central keeps its data and which database it uses.

Everything comes from the command line or the environment, so that every worker and
host started with the same environment behaves the same (the service keeps no state of
its own outside the database and the key folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "cstr-central"
ENV_DATA_DIR = "CSTR_CENTRAL_DATA_DIR"
ENV_KEY_DIR = "CSTR_CENTRAL_KEY_DIR"
ENV_SESSION_MINUTES = "CSTR_CENTRAL_SESSION_MINUTES"


class ConfigError(Exception):
    """A setting that cannot work, in one line."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    key_dir: Path
    session_minutes: int = 30
    session_hours_max: int = 12
    max_body_bytes: int = 64 * 1024 * 1024
    clock_skew_seconds: int = 300

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def default_data_dir() -> Path:
    return Path(os.environ.get(ENV_DATA_DIR) or user_data_dir(APP_NAME, appauthor=False))


def database_url(data_dir: Path, env_url: str | None) -> str:
    """``DATABASE_URL`` (PostgreSQL through psycopg 3) or SQLite in the data folder."""
    if not env_url:
        return f"sqlite:///{(data_dir / 'central.db').as_posix()}"
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if env_url.startswith(prefix):
            return "postgresql+psycopg://" + env_url[len(prefix):]
    if env_url.startswith("sqlite:///"):
        return env_url
    raise ConfigError("DATABASE_URL must start with postgresql:// (or sqlite:///)")


def load(data_dir: str | Path | None = None) -> Settings:
    folder = Path(data_dir) if data_dir else default_data_dir()
    minutes = os.environ.get(ENV_SESSION_MINUTES, "30")
    if not minutes.isdigit() or int(minutes) < 1:
        raise ConfigError(f"{ENV_SESSION_MINUTES} must be a whole number of minutes")
    return Settings(data_dir=folder,
                    database_url=database_url(folder, os.environ.get("DATABASE_URL")),
                    key_dir=Path(os.environ.get(ENV_KEY_DIR) or folder / "keys"),
                    session_minutes=int(minutes))


def export_env(settings: Settings) -> dict[str, str]:
    """The environment that makes a worker process load the same settings."""
    env = {ENV_DATA_DIR: str(settings.data_dir), ENV_KEY_DIR: str(settings.key_dir),
           ENV_SESSION_MINUTES: str(settings.session_minutes)}
    if not settings.is_sqlite:
        env["DATABASE_URL"] = settings.database_url
    return env
