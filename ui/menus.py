"""The menu bar: each entry names a user action of the window, with its shortcut.

Built anew with the screens when the language changes. Before sign-in (and while locked)
only Quit, About and the language (not while locked) can be used.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from .text import t

# Each menu: its title, then (the entry's words, the window's action, its shortcut) in
# order, None for a separator.
MENUS: tuple[tuple[str, tuple[tuple[str, str, str | None] | None, ...]], ...] = (
    ("file_menu", (("import_list", "choose_court_list", "Ctrl+I"),
                   ("lock_now", "lock_now", "Ctrl+L"),
                   ("switch_user", "switch_user", "Ctrl+Shift+U"),
                   ("change_password", "show_change_password", None),
                   ("manage_accounts", "show_accounts", None),
                   None,
                   ("central_records", "show_central_records", None),
                   ("sync_now", "sync_now", "Ctrl+Shift+S"),
                   None,
                   # Ctrl+Q on every platform (Windows has no standard key for Quit).
                   ("quit", "close", "Ctrl+Q"))),
    ("go_menu", (("back_to_list", "show_list", "Ctrl+Shift+L"),
                 ("review_queue", "show_review_queue", "Ctrl+Shift+R"),
                 ("next_section", "next_section", "Ctrl+PgDown"),
                 ("previous_section", "previous_section", "Ctrl+PgUp"),
                 ("next_missing", "go_to_next_missing", "Ctrl+M"))),
    ("case_menu", (("preview", "preview_report", "Ctrl+P"),
                   ("summary_card", "preview_card", "Ctrl+Shift+P"),
                   ("submit", "submit", "Ctrl+Shift+Return"),
                   ("record_outcome", "show_outcome", "Ctrl+Shift+O"))),
    ("help_menu", (("about", "show_about", None),)),
)
LANGUAGES = (("en", "english"), ("cy", "welsh"))


def build_menus(window: QMainWindow, lang: str,
                set_language: Callable[[str], None]) -> dict[str, QAction]:
    """The window's menus in ``lang``; returns the entries by their words' key."""
    actions: dict[str, QAction] = {}
    bar = window.menuBar()

    def add(menu, key: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(t(key, lang), window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        actions[key] = action
        return action

    for title, entries in MENUS:
        menu = bar.addMenu(t(title, lang))
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                key, slot, shortcut = entry
                add(menu, key, getattr(window, slot), shortcut)
    # Named in both languages, so either reader can find it (last, where it stands out).
    language_menu = bar.addMenu(t("language_menu", lang))
    for code, key in LANGUAGES:
        action = add(language_menu, key, lambda _=False, code=code: set_language(code))
        action.setCheckable(True)
        action.setChecked(code == lang)
    return actions


def enable_menus(actions: dict[str, QAction], signed_in: bool, locked: bool) -> None:
    """Signed in: every entry; otherwise Quit, About, and the language unless locked."""
    for key, action in actions.items():
        always = key in ("quit", "about") or (key in ("english", "welsh") and not locked)
        action.setEnabled(signed_in or always)
