"""The ``cstr-desktop`` command, run in this process (the default: no interpreter to
start, no imports to repeat) or as a real process (``real=True``: a handful of tests
check the installed command itself, its exit status and what a crash would print).

Either way the result is a ``subprocess.CompletedProcess`` with the exit code and the
text written to stdout and stderr, and the environment is exactly the one given (the
password variables of the calling process never leak in).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path

from .tools import tool

ADMIN_PW = "admin password 1"


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without any CSTR_ variable, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTR_")}
    env.update(extra)
    if "CSTR_FORM_CACHE" in os.environ and "CSTR_FORM_CACHE" not in extra:
        env["CSTR_FORM_CACHE"] = os.environ["CSTR_FORM_CACHE"]  # the tests' own cache
    return env


def cstr_desktop(*args: str, env: Mapping[str, str] | None = None, cwd: Path | str | None = None,
                 real: bool = False, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``cstr-desktop ARGS``; ``env`` defaults to :func:`clean_env`."""
    env = dict(clean_env() if env is None else env)
    if real:
        return subprocess.run([tool("cstr-desktop"), *map(str, args)], capture_output=True,
                              text=True, timeout=timeout, env=env, cwd=cwd,
                              stdin=subprocess.DEVNULL)
    return _in_process([str(a) for a in args], env, cwd)


def _in_process(args: list[str], env: dict[str, str], cwd: Path | str | None
                ) -> subprocess.CompletedProcess:
    from cstr_desktop.cli import main
    from ui.entry import commands

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd, saved_stdin = dict(os.environ), os.getcwd(), sys.stdin
    os.environ.clear()
    os.environ.update(env)
    sys.stdin = io.StringIO("")  # not a terminal: no password prompt
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args, commands=commands(), out=out, err=err)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except Exception:  # noqa: BLE001 - what the real process would print and exit with
                err.write(traceback.format_exc())
                code = 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess(["cstr-desktop", *args], code, out.getvalue(),
                                       err.getvalue())


def run(*args, password: str | None = ADMIN_PW, new_password: str | None = None,
        real: bool = False, cwd: Path | str | None = None, **env_extra: str
        ) -> subprocess.CompletedProcess:
    """A store command signed in with ``password`` (``CSTR_PASSWORD``; None for none)."""
    env = clean_env(**env_extra)
    if password is not None:
        env["CSTR_PASSWORD"] = password
    if new_password is not None:
        env["CSTR_NEW_PASSWORD"] = new_password
    return cstr_desktop(*args, env=env, real=real, cwd=cwd)


def one_line_error(proc: subprocess.CompletedProcess, code: int) -> str:
    """The one line on stderr of a command that exited with ``code``."""
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr
