"""The case steps about the plan's items: draft the plan, accept the works, settle the costs.

Each item is a row of its own controls (a tick or a choice, and a number), named for a
screen reader by its code and name; the total against the cap is worked out as you type
and said in words with an icon, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from app.domain import renovation as rules
from app.domain.money import fen_of, yuan_number
from app.domain.renovation import Catalogue, CatalogueItem
from ui.forms.marks import WARNING, Mark
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.case_dialogs import StepDialog, text_box

#: the labels of rules.ACCEPTANCE_RESULTS and rules.SATISFACTION, marked here for lupdate:
#: AcceptanceDialog.tr translates them when shown (and case_detail in the acceptance table)
RESULT_LABELS = (
    QT_TRANSLATE_NOOP("AcceptanceDialog", "已完成"),
    QT_TRANSLATE_NOOP("AcceptanceDialog", "部分完成"),
    QT_TRANSLATE_NOOP("AcceptanceDialog", "未完成"),
    QT_TRANSLATE_NOOP("AcceptanceDialog", "满意"),
    QT_TRANSLATE_NOOP("AcceptanceDialog", "基本满意"),
    QT_TRANSLATE_NOOP("AcceptanceDialog", "不满意"),
)
#: the groups of catalogue items in the plan dialog (translated by PlanDialog.tr)
IN_PLAN = QT_TRANSLATE_NOOP("PlanDialog", "方案中的项目：")
SUGGESTED = QT_TRANSLATE_NOOP("PlanDialog", "按残疾类别建议的项目：")
OTHERS = QT_TRANSLATE_NOOP("PlanDialog", "其他项目：")


def _scrolled(parent: QWidget) -> tuple[QScrollArea, QGridLayout]:
    body = QWidget()
    grid = QGridLayout(body)
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setWidget(body)
    return scroll, grid


def _fit(scroll: QScrollArea, grid: QGridLayout) -> None:
    """Rows at the top; the area shrinks (and scrolls) rather than push the dialog off a small
    screen at large text, and otherwise shows every row without a side bar."""
    grid.setRowStretch(grid.rowCount(), 1)
    hint = grid.sizeHint()
    bar = scroll.style().pixelMetric(scroll.style().PixelMetric.PM_ScrollBarExtent)
    line = scroll.fontMetrics().lineSpacing()
    scroll.setMinimumHeight(min(hint.height(), line * 5) + 4)
    scroll.setMinimumWidth(
        min(hint.width() + bar + 8, scroll.fontMetrics().averageCharWidth() * 60)
    )


class PlanDialog(StepDialog):
    """Choose catalogue items (those for the person's category first) and their quantities."""

    def __init__(
        self,
        catalogue: Catalogue,
        category: str,
        plan: Sequence[Mapping[str, Any]],
        cap_fen: int,
        override_reason: str,
        parent: QWidget | None = None,
    ) -> None:
        intro = self.tr("勾选改造项目，填写数量。合计超过每户上限或只有辅具时，须填写超限理由。")
        super().__init__(self.tr("改造方案"), parent, intro)
        self.catalogue = catalogue
        self.cap_fen = cap_fen
        chosen = {str(line["code"]): line.get("quantity", 1) for line in plan}
        suggested = [item.code for item in catalogue.suggest(category)]
        self.suggested = suggested
        self.ticks: dict[str, QCheckBox] = {}
        self.quantities: dict[str, QDoubleSpinBox] = {}
        self.others: list[QWidget] = []
        scroll, grid = _scrolled(self)
        in_plan = [code for code in chosen if code in catalogue]
        groups = (
            (IN_PLAN, in_plan),
            (SUGGESTED, [c for c in suggested if c not in chosen]),
            (OTHERS, [i.code for i in catalogue.items if i.code not in (*chosen, *suggested)]),
        )
        for title, codes in groups:
            if not codes:
                continue
            heading = QLabel(self.tr(title), self)
            grid.addWidget(heading, grid.rowCount(), 0, 1, 3)
            if title == OTHERS:
                self.others.append(heading)
            for code in codes:
                item = catalogue.get(code)
                assert item is not None
                self._add_item(grid, grid.rowCount(), item, chosen, code not in groups[2][1])
        _fit(scroll, grid)
        self.show_all = QCheckBox(self.tr("显示其他项目(&O)"), self)
        self.show_all.toggled.connect(self._show_others)
        self.total = QLabel(self)
        self.problems = Mark(WARNING, self, spoken=True)
        self.override = text_box(self.tr("超限或只有辅具的理由"))
        self.override.setPlainText(override_reason)
        self.layout_.addWidget(scroll, 1)
        self.layout_.addWidget(self.show_all)
        self.layout_.addWidget(self.total)
        self.layout_.addWidget(self.problems)
        self.add_row(self.tr("超限理由(&R)："), self.override, self.tr("超限或只有辅具的理由"),
                     self.tr("方案超过上限或只有辅具时必填"))  # fmt: skip
        self.layout_.addLayout(self.form)
        self.override.textChanged.connect(self.recheck)
        self.finish_layout()
        self._show_others(False)
        self.recheck()

    def _add_item(
        self,
        grid: QGridLayout,
        row: int,
        item: CatalogueItem,
        chosen: Mapping[str, Any],
        always_shown: bool,
    ) -> None:
        kind = self.tr("辅具") if item.kind == "device" else self.tr("施工")
        name = f"{item.code} {item.name}"
        tick = QCheckBox(name, self)
        tick.setAccessibleDescription(kind)
        price = QLabel(self.tr("%s 元/%s，%s") % (rules.yuan(item.price_fen), item.unit, kind))
        quantity = QDoubleSpinBox(self)
        quantity.setRange(0, 9999)
        quantity.setDecimals(1)
        quantity.setSuffix(f" {item.unit}")
        quantity.setAccessibleName(self.tr("%s 的数量（%s）") % (name, item.unit))
        quantity.setValue(float(chosen.get(item.code, 1)))
        tick.setChecked(item.code in chosen)
        quantity.setEnabled(tick.isChecked())
        tick.toggled.connect(quantity.setEnabled)
        tick.toggled.connect(lambda _on: self.recheck())
        quantity.valueChanged.connect(lambda _v: self.recheck())
        grid.addWidget(tick, row, 0)
        grid.addWidget(price, row, 1)
        grid.addWidget(quantity, row, 2)
        self.ticks[item.code] = tick
        self.quantities[item.code] = quantity
        if not always_shown:
            self.others += [tick, price, quantity]

    def _show_others(self, shown: bool) -> None:
        for widget in self.others:
            widget.setVisible(shown)

    def items(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for code, tick in self.ticks.items():
            if tick.isChecked():
                value = Decimal(str(self.quantities[code].value()))
                quantity = int(value) if value == value.to_integral() else float(value)
                found.append({"code": code, "quantity": quantity})
        return found

    def recheck(self) -> None:
        """The total against the cap, and what the plan still needs, as you type."""
        lines = rules.price_plan(self.items(), self.catalogue)
        total = sum(int(line["amount_fen"]) for line in lines)
        over = total > self.cap_fen
        self.total.setText(
            self.tr("合计 %s 元，每户上限 %s 元%s")
            % (rules.yuan(total), rules.yuan(self.cap_fen), self.tr("：超过上限") if over else "")
        )
        reason = self.override.toPlainText()
        issues = rules.plan_issues(self.items(), self.catalogue, self.cap_fen, reason)
        self.problems.set_text(self.tr("；").join(issue.message for issue in issues))

    def values(self) -> dict[str, Any]:
        return {"items": self.items(), "override_reason": self.override.toPlainText().strip()}


class AcceptanceDialog(StepDialog):
    """The acceptance visit: each plan item's result, the household's satisfaction, a reason."""

    def __init__(self, plan: Sequence[Mapping[str, Any]], parent: QWidget | None = None) -> None:
        intro = self.tr("逐项填写验收结果和户主满意度。有未完成的项目时，个案转入整改。")
        super().__init__(self.tr("验收"), parent, intro)
        self.results: dict[str, QComboBox] = {}
        scroll, grid = _scrolled(self)
        for row, line in enumerate(plan):
            name = f"{line['code']} {line.get('name', '')}"
            combo = QComboBox(self)
            for code, label in rules.ACCEPTANCE_RESULTS.items():
                combo.addItem(self.tr(label), code)
            combo.setAccessibleName(self.tr("%s 的验收结果") % name)
            combo.currentIndexChanged.connect(lambda _i: self.recheck())
            grid.addWidget(QLabel(name, self), row, 0)
            grid.addWidget(combo, row, 1)
            self.results[str(line["code"])] = combo
        _fit(scroll, grid)
        self.layout_.addWidget(scroll, 1)
        self.satisfaction = QComboBox(self)
        for code, label in rules.SATISFACTION.items():
            self.satisfaction.addItem(f"{code} {self.tr(label)}", code)
        self.reason = text_box(self.tr("原因或说明"))
        self.add_row(self.tr("户主满意度(&M)："), self.satisfaction, self.tr("户主满意度"))
        self.add_row(self.tr("原因或说明(&R)："), self.reason, self.tr("原因或说明"),
                     self.tr("不满意时必填"))  # fmt: skip
        self.layout_.addLayout(self.form)
        self.outcome = Mark(WARNING, self)
        self.layout_.addWidget(self.outcome)
        self.finish_layout()
        self.recheck()

    def recheck(self) -> None:
        not_done = [code for code, combo in self.results.items()
                    if combo.currentData() == "not_done"]  # fmt: skip
        self.outcome.set_text(
            self.tr("未完成的项目：%s。保存后个案转入“整改中”。") % self.tr("、").join(not_done)
            if not_done
            else ""
        )

    def values(self) -> dict[str, Any]:
        return {
            "results": {code: str(combo.currentData()) for code, combo in self.results.items()},
            "satisfaction": str(self.satisfaction.currentData()),
            "reason": self.reason.toPlainText().strip(),
        }


class SettleDialog(StepDialog):
    """The settlement: each plan item's actual cost in yuan, the total against the cap."""

    def __init__(
        self, plan: Sequence[Mapping[str, Any]], cap_fen: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("结算"), parent, self.tr("填写每个项目的实际费用（元）。"))
        self.cap_fen = cap_fen
        self.costs: dict[str, QDoubleSpinBox] = {}
        scroll, grid = _scrolled(self)
        for row, line in enumerate(plan):
            name = f"{line['code']} {line.get('name', '')}"
            cost = QDoubleSpinBox(self)
            cost.setRange(0, 1_000_000)
            cost.setDecimals(2)
            cost.setSuffix(self.tr(" 元"))
            cost.setValue(yuan_number(int(line.get("amount_fen", 0))))
            cost.setAccessibleName(self.tr("%s 的实际费用（元）") % name)
            cost.valueChanged.connect(lambda _v: self.recheck())
            budget = self.tr("预算 %s 元") % rules.yuan(int(line.get("amount_fen", 0)))
            grid.addWidget(QLabel(name, self), row, 0)
            grid.addWidget(QLabel(budget, self), row, 1)
            grid.addWidget(cost, row, 2)
            self.costs[str(line["code"])] = cost
        _fit(scroll, grid)
        self.layout_.addWidget(scroll, 1)
        self.total = QLabel(self)
        self.over = Mark(WARNING, self)
        self.layout_.addWidget(self.total)
        self.layout_.addWidget(self.over)
        self.reason = text_box(self.tr("理由"))
        self.add_row(self.tr("理由(&R)："), self.reason, self.tr("理由"),
                     self.tr("结算超过上限时必填"))  # fmt: skip
        self.layout_.addLayout(self.form)
        self.finish_layout()
        self.recheck()

    def actual(self) -> dict[str, int]:
        return {code: fen_of(box.value()) for code, box in self.costs.items()}

    def recheck(self) -> None:
        total = sum(self.actual().values())
        self.total.setText(
            self.tr("实际合计 %s 元，每户上限 %s 元")
            % (rules.yuan(total), rules.yuan(self.cap_fen))
        )
        self.over.set_text(self.tr("超过上限：须填写理由") if total > self.cap_fen else "")

    def values(self) -> dict[str, Any]:
        return {"actual": self.actual(), "reason": self.reason.toPlainText().strip()}
