"""``python -m cstr_desktop``: the command line without the desktop app (the command
line is the outer ``cli`` package; this shim is only its entry point)."""

import sys

from cli.main import entry

sys.exit(entry())
