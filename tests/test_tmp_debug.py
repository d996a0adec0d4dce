from ui_driver import make_window, sign_in_by_keys, key, focused, current_block, choose_file, shortcut, answer_focused
from PySide6.QtWidgets import QApplication
from cstr_desktop.court_list import ListedCase
from PySide6.QtCore import Qt
from test_ui_court_day import LIST, ANSWERS

def test_dbg(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "data", tmp_path)
    sign_in_by_keys(window, "admin", "admin password", again=True)
    window.session.store.add_account("sam", "assessor password", "assessor")
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, "sam", "assessor password")
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(LIST.format(day=window.session.day), encoding="utf-8")
    shortcut(window, "Ctrl+I")
    choose_file(qtbot, csv_path)
    key(Qt.Key.Key_Return)
    for ch in "gwil":
        key(ch)
    key(Qt.Key.Key_Return)
    print("focus", focused(), current_block() and current_block().name, QApplication.activeModalWidget(), QApplication.activeWindow())
    b = current_block()
    n = answer_focused(ANSWERS)
    print(b.status.text(), b.input.problem)
    print("answered", n, "focus", focused(), current_block() and current_block().name, QApplication.activeWindow())
