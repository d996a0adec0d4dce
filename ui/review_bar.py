"""The case's actions above the interview: preview, submit, review, reply, amend.

Each action that needs words has its own labelled box beside its button: the
reviewer's comment for "Request changes", the reviewer's password for
"Countersign" (hidden as typed, cleared after every try, never stored or
shown), the assessor's reply to the reviewer, and the reason for an amendment (with
the password of a reviewer who amends).

Duties are separate: only assessors write and submit, reviewers review and
countersign, and administrators see a case read only, with none of these.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .controls import button
from .text import t


class ReviewBar(QWidget):
    """Buttons on the first row; the box each review step needs on the second."""

    def __init__(self, lang: str, actions: dict[str, Callable[[], None]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        first = QHBoxLayout()
        for key in ("back", "preview", "summary_card", "submit"):
            self.buttons[key] = button(t("back_to_list" if key == "back" else key, lang), self,
                                       actions[key])
            first.addWidget(self.buttons[key])
        first.addStretch(1)
        layout.addLayout(first)

        # The reviewer: a comment for the assessor, or the password to countersign.
        self.review_row = QWidget(self)
        row = QHBoxLayout(self.review_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.comment = self._box(row, "comment")
        self.buttons["request_changes"] = self._button(row, "request_changes", actions)
        row.addSpacing(16)
        self.password = self._box(row, "password_to_countersign", stretch=0)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setFixedWidth(200)
        self.buttons["countersign"] = self._button(row, "countersign", actions)
        layout.addWidget(self.review_row)
        self.comment.returnPressed.connect(actions["request_changes"])
        self.password.returnPressed.connect(actions["countersign"])

        # The assessor: a reply to the reviewer's comments.
        self.reply_row = QWidget(self)
        row = QHBoxLayout(self.reply_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.reply = self._box(row, "reply_label")
        self.buttons["send_reply"] = self._button(row, "send_reply", actions)
        layout.addWidget(self.reply_row)
        self.reply.returnPressed.connect(actions["send_reply"])

        # An approved assessment: the reason for amending it.
        self.amend_row = QWidget(self)
        row = QHBoxLayout(self.amend_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.reason = self._box(row, "reason")
        # A reviewer confirms an amendment with their password.
        self.amend_password_label, self.amend_password = self._labelled(row, "amend_password",
                                                                        stretch=0)
        self.amend_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.amend_password.setFixedWidth(200)
        self.buttons["amend"] = self._button(row, "amend", actions)
        layout.addWidget(self.amend_row)
        self.reason.returnPressed.connect(actions["amend"])
        self.amend_password.returnPressed.connect(actions["amend"])

    def _box(self, row: QHBoxLayout, key: str, stretch: int = 2) -> QLineEdit:
        return self._labelled(row, key, stretch)[1]

    def _labelled(self, row: QHBoxLayout, key: str,
                  stretch: int = 2) -> tuple[QLabel, QLineEdit]:
        label = QLabel(t(key, self.lang) + ":", self)
        label.setObjectName("label")
        box = QLineEdit(self)
        box.setAccessibleName(t(key, self.lang))
        label.setBuddy(box)
        row.addWidget(label)
        row.addWidget(box, stretch)
        return label, box

    def _button(self, row: QHBoxLayout, key: str,
                actions: dict[str, Callable[[], None]]) -> QPushButton:
        b = button(t(key, self.lang), self, actions[key])
        row.addWidget(b)
        return b

    def show_for(self, moves: tuple[str, ...], role: str, has_comments: bool) -> None:
        """Show the steps this account may take (``moves``, from the lifecycle's
        ``allowed_moves``): the bar restates none of the rules."""
        from cstr_desktop.store.lifecycle import Actor, password_needed

        review = "countersign" in moves or "request_changes" in moves
        self.buttons["submit"].setVisible("submit" in moves)
        self.review_row.setVisible(review)
        self.reply_row.setVisible("reply" in moves and has_comments)
        self.amend_row.setVisible("amend" in moves)
        amend_password = "amend" in moves and password_needed("amend", Actor("", role))
        for widget in (self.amend_password_label, self.amend_password):
            widget.setVisible(amend_password)
        self.clear()

    def clear(self) -> None:
        for box in (self.comment, self.password, self.reply, self.reason,
                    self.amend_password):
            box.clear()
