"""The core and the reports stay Qt-free (import-linter), and the core runs without Qt."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from support.paths import EXAMPLES, ROOT
from support.tools import tool


def test_import_linter_contracts_hold():
    proc = subprocess.run([tool("lint-imports"), "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 5 kept, 0 broken." in proc.stdout


BLOCK_QT = textwrap.dedent("""
    import importlib.abc, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ModuleNotFoundError(f"No module named {name!r} (blocked)")
            return None

    sys.meta_path.insert(0, NoQt())
""")


def test_core_imports_and_assesses_without_pyside6():
    script = BLOCK_QT + textwrap.dedent(f"""
        import pkgutil, importlib, json, io
        import cstr_desktop
        names = [m.name for m in pkgutil.walk_packages(cstr_desktop.__path__, "cstr_desktop.")
                 if m.name != "cstr_desktop.__main__"]
        for name in names:
            importlib.import_module(name)
        try:
            import PySide6
        except ModuleNotFoundError:
            pass
        else:
            raise SystemExit("the blocker did not work")
        assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules)
        from cli.main import main
        out = io.StringIO()
        code = main(["assess", {str(EXAMPLES / "example_mhtr_primary.json")!r}, "--json"], out=out)
        assert code == 0
        print(len(names), json.loads(out.getvalue())["scores"]["phq9"]["total"])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    count, total = proc.stdout.split()
    assert int(count) >= 8 and total == "12"


def test_ruff_is_clean():
    proc = subprocess.run([tool("ruff"), "check", "cstr_desktop", "cli", "ui", "reports",
                           "bench", "tests"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_assess_loads_neither_the_store_nor_its_libraries():
    # assess must stay quick: the encrypted store, sqlite-utils and SQLCipher are
    # for the store commands only.
    script = textwrap.dedent(f"""
        import io, sys
        from cli.main import main
        out = io.StringIO()
        code = main(["assess", {str(EXAMPLES / "example_mhtr_primary.json")!r}, "--json"], out=out)
        assert code == 0 and out.getvalue()
        loaded = [m for m in ("cstr_desktop.store.session", "sqlite_utils", "sqlcipher3", "argon2",
                              "reportlab") if m in sys.modules]
        print(loaded)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_the_core_is_in_parts_and_no_module_is_long():
    """The core's folder shows its parts at a glance: sub-packages that each say in their
    docstring what they own, and small modules (split at about 400 lines)."""
    import ast

    core = ROOT / "cstr_desktop"
    parts = sorted(p.parent.name for p in core.glob("*/__init__.py"))
    assert {"forms", "store", "trust"} <= set(parts)
    for part in [core, *(core / p for p in parts), ROOT / "cli"]:
        doc = ast.get_docstring(ast.parse((part / "__init__.py").read_text()))
        assert doc and len(doc) > 40, f"{part.name}/__init__.py says what it owns"
    modules = [*core.rglob("*.py"), *(ROOT / "cli").rglob("*.py")]
    long = {str(p.relative_to(ROOT)): n for p in modules
            if (n := len(p.read_text().splitlines())) > 420}
    assert long == {}


def test_the_ui_is_in_small_modules_and_composed_not_mixed():
    """ui/ is thin and in small modules named after nouns (split at about 400 lines); the
    window owns its collaborators, and a widget composes its helpers rather than mixing
    them in (issue 11)."""
    import ast

    modules = sorted((ROOT / "ui").glob("*.py"))
    long = {p.name: n for p in modules if (n := len(p.read_text().splitlines())) > 420}
    assert long == {}
    assert len(modules) >= 40  # the window's parts stand in modules of their own
    mixed = {f"{p.name}:{c.name}" for p in modules for c in ast.walk(ast.parse(p.read_text()))
             if isinstance(c, ast.ClassDef) and len(c.bases) > 1}
    assert mixed == set()


def test_report_from_a_file_loads_neither_the_store_nor_the_barcodes(tmp_path):
    # A report from an answers file needs no store (contract section 3) and, being a
    # draft, no QR code: the store's libraries and reportlab's barcodes stay unloaded.
    out = tmp_path / "r.pdf"
    script = textwrap.dedent(f"""
        import io, sys
        from ui.entry import commands
        from cli.main import main
        text = io.StringIO()
        code = main(["report", {str(EXAMPLES / "example_mhtr_primary.json")!r}, "--out",
                     {str(out)!r}], commands=commands(), out=text)
        assert code == 0 and "(DRAFT)" in text.getvalue(), text.getvalue()
        loaded = [m for m in ("cstr_desktop.store.session", "cli.store_commands", "sqlite_utils",
                              "sqlcipher3", "argon2", "reportlab.graphics.barcode",
                              "PySide6") if m in sys.modules]
        print(loaded)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
    assert out.read_bytes().startswith(b"%PDF")
