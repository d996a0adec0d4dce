"""The programs the tests run.

Python tools installed with the package (``cstr-desktop``, ``ruff``, ``lint-imports``)
are found beside ``sys.executable`` (the virtual environment running the tests,
wherever it is), else on PATH. System tools from apt are checked once, when the
run starts (``missing_apt_tools``, called from conftest), with a message naming the
package to install.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

# The system tools the tests use, and the Debian package each comes in (scripts/setup
# installs them).
APT_TOOLS = {"pdftotext": "poppler-utils", "pdftoppm": "poppler-utils",
             "pdffonts": "poppler-utils", "zbarimg": "zbar-tools"}


class ToolMissing(RuntimeError):
    pass


def tool(name: str) -> str:
    """The path of a program installed with the package's dependencies."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"{name} is not installed beside {sys.executable} nor on PATH: "
                          "run bash scripts/setup")
    return found


def missing_apt_tools() -> str | None:
    """None when every system tool is there, else one line saying what to install."""
    missing = sorted({package for name, package in APT_TOOLS.items()
                      if shutil.which(name) is None})
    if not missing:
        return None
    return ("the tests need system packages that are not installed: " + ", ".join(missing)
            + " (run bash scripts/setup as root, or apt-get install " + " ".join(missing) + ")")
