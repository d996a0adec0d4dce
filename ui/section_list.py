"""The interview's section list: each section's title, and under it its progress.

A title never loses its middle to an ellipsis and the progress line sits in the
same place for every section, so the eye can run down the list.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

NAME_ROLE = Qt.ItemDataRole.UserRole
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
MARK_ROLE = Qt.ItemDataRole.UserRole + 2
PAD = 3
INDENT = 18


class _SectionDelegate(QStyledItemDelegate):
    """Paints the title (wrapped if it must be) and a smaller progress line."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        detail = QFont(option.font)
        detail.setPointSizeF(max(option.font.pointSizeF() * 0.88, 7.0))
        return option.font, detail

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self.view = view

    def _title_rect(self, option: QStyleOptionViewItem, index: QModelIndex) -> QRect:
        title_font, _ = self._fonts(option)
        width = max(self.view.text_width() - INDENT - 2 * PAD, 40)
        return QFontMetrics(title_font).boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, index.data() or "")

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        _, detail_font = self._fonts(option)
        height = (self._title_rect(option, index).height()
                  + QFontMetrics(detail_font).height() + 2 * PAD)
        return QSize(self.view.text_width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        # The background, selection and focus frame, without the default text.
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        title_font, detail_font = self._fonts(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_colour = option.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        detail_colour = text_colour if selected else option.palette.color(
            group, QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.save()
        mark = index.data(MARK_ROLE) or ""
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(QRect(rect.left(), rect.top(), INDENT, rect.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, mark)
        title = self._title_rect(option, index)
        painter.drawText(QRect(rect.left() + INDENT, rect.top(), rect.width() - INDENT,
                               title.height()), Qt.TextFlag.TextWordWrap, index.data() or "")
        painter.setFont(detail_font)
        painter.setPen(detail_colour)
        painter.drawText(QRect(rect.left() + INDENT, rect.top() + title.height(),
                               rect.width() - INDENT, QFontMetrics(detail_font).height()),
                         Qt.AlignmentFlag.AlignLeft, index.data(DETAIL_ROLE) or "")
        painter.restore()


class SectionList(QListWidget):
    """A list of sections; each item has a name, a mark, a title and a detail line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setItemDelegate(_SectionDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # By pixel: scrolling by item cannot bring the last of rows of differing heights (and
        # hidden ones between) whole into view.
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)  # titles re-wrap on resize

    def text_width(self) -> int:
        """The width items wrap to, the same whether or not the scroll bar shows.

        A size hint is asked for before the item has a rectangle, and the paint
        must wrap exactly as it was measured.
        """
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return self.width() - 2 * self.frameWidth() - bar

    def add_section(self, name: str, title: str) -> None:
        item = QListWidgetItem(title)
        item.setData(NAME_ROLE, name)
        self.addItem(item)

    def set_progress(self, row: int, mark: str, detail: str, hidden: bool) -> None:
        item = self.item(row)
        item.setHidden(hidden)
        item.setData(MARK_ROLE, mark)
        item.setData(DETAIL_ROLE, detail)
        spoken = f"{item.text()}: {detail}"
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        item.setToolTip(spoken)
