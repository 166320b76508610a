"""The signature pad: the respondent signs with a mouse, a pen or a finger; saved as a PNG.

Strokes are kept in coordinates relative to the pad (0..1), so the pad can be any size
on screen and the saved picture is always the same size. A signature is saved a short
moment after the last stroke, as an attachment; the form keeps its id.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

PNG_SIZE = (900, 300)


class SignaturePad(QWidget):
    """A surface to sign on; `stroke_finished` after each stroke of the pen."""

    stroke_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.saved: QImage | None = None  # a signature saved earlier, shown until re-signed
        self.hint = self.tr("请在此处签名")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # signing needs a pointer, not keys
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("签字板"))
        self.setAccessibleDescription(
            self.tr("用鼠标、手写笔或手指在此签名；无法签字时请填写未签字的原因")
        )
        self._adjust_height()

    def _adjust_height(self) -> None:
        self.setFixedHeight(max(140, self.fontMetrics().height() * 7))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("签") * 18)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._adjust_height()
        super().changeEvent(event)

    # -- input ------------------------------------------------------------------------

    def _relative(self, position: QPointF) -> QPointF:
        width, height = max(1, self.width()), max(1, self.height())
        return QPointF(
            min(max(position.x() / width, 0.0), 1.0), min(max(position.y() / height, 0.0), 1.0)
        )

    def _begin(self, position: QPointF) -> None:
        self.strokes.append([self._relative(position)])
        self.update()

    def _extend(self, position: QPointF) -> None:
        if self.strokes:
            self.strokes[-1].append(self._relative(position))
            self.update()

    def _end(self) -> None:
        if self.strokes:
            self.stroke_finished.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove and event.pressure() > 0:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QTouchEvent) and kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
        ):
            points = event.points()
            if points:
                position = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(position)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(position)
                else:
                    self._extend(position)
                    self._end()
            event.accept()
            return True
        return super().event(event)

    # -- content ----------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self.strokes and self.saved is None

    def clear(self) -> None:
        self.strokes.clear()
        self.saved = None
        self.update()

    def show_saved(self, image: QImage | None) -> None:
        self.strokes.clear()
        self.saved = image
        self.update()

    def _draw(self, painter: QPainter, width: float, height: float, ink: QPen) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(ink)
        for stroke in self.strokes:
            path = QPainterPath(QPointF(stroke[0].x() * width, stroke[0].y() * height))
            for point in stroke[1:]:
                path.lineTo(point.x() * width, point.y() * height)
            if len(stroke) == 1:  # a dot
                path.lineTo(stroke[0].x() * width + 0.5, stroke[0].y() * height)
            painter.drawPath(path)

    def to_png(self) -> bytes:
        """The strokes in black on white, PNG_SIZE pixels."""
        width, height = PNG_SIZE
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        pen = QPen(Qt.GlobalColor.black, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._draw(painter, width, height, pen)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 6.12 takes the format as str at run time; its stubs say bytes
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        area = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DashLine))
        painter.drawRect(area)
        baseline = area.bottom() - self.fontMetrics().height() * 1.5
        painter.drawLine(QPointF(area.left() + 12, baseline), QPointF(area.right() - 12, baseline))
        if self.saved is not None:
            painter.drawImage(area.adjusted(2, 2, -2, -2), self.saved)
        elif not self.strokes:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.hint)
        ink = QPen(palette.color(QPalette.ColorRole.Text), 3)
        ink.setCapStyle(Qt.PenCapStyle.RoundCap)
        ink.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._draw(painter, self.width(), self.height(), ink)
        painter.end()
