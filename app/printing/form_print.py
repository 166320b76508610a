"""Form prints drawn from the form definition, blank pre-filled or completed.

Every item is printed with its number and label; every option with its code and a drawn
tick box, the chosen ones ticked; skipped items say 不适用; repeats are tables; computed
values are shown; signature items are boxes holding the captured signature image. The
header names the area, household, person (ID masked except on the person's own copy),
survey year and form version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from app.forms.context import FormContext
from app.forms.definition import CHOICE_TYPES, FormDefinition, Item, PaperSignature, Section
from app.forms.engine import FormEngine, is_empty
from app.printing.answers import NOT_APPLICABLE, answer_pieces, chosen_codes
from app.printing.heading import copy_label, pairs_rows, round_label, section_bar
from app.printing.lines import Column, Line, draw_row, flow, row_height, text_lines
from app.printing.marks import SIGNATURE_PIXELS, image_reader, signature_box
from app.printing.model import Mode, RecordRef, Subject, masked
from app.printing.repeats import RepeatPrint, draw_repeat
from app.printing.sheet import LEFT, RIGHT, WIDTH, Sheet
from app.printing.skips import certainly_skipped, depends_on

NUMBER_WIDTH = 15 * mm
LABEL_WIDTH = 56 * mm
ANSWER_X = LEFT + NUMBER_WIDTH + LABEL_WIDTH + 2 * mm
ANSWER_WIDTH = RIGHT - ANSWER_X
SIZE = 9
SIGNATURE_HEIGHT = 20 * mm
SIGNATURE_ROW = SIGNATURE_HEIGHT + 3 * mm  # a signature item: its box and the gap below
BAR = 7 * mm  # a section's title bar
DEFAULT_SIGNATURES = BAR + SIGNATURE_ROW
ROW = (
    Column(LEFT, NUMBER_WIDTH, 8.5),
    Column(LEFT + NUMBER_WIDTH, LABEL_WIDTH, SIZE),
    Column(ANSWER_X, ANSWER_WIDTH, SIZE),
)
#: a row of items that do not apply: 不适用, then their numbers and labels
RUN = (Column(LEFT, NUMBER_WIDTH, 8.5), Column(LEFT + NUMBER_WIDTH, WIDTH - NUMBER_WIDTH, SIZE))
HINT_PREFILLED = (
    "填写说明：已勾选或已填写的是登记库和上年已核实的信息，请与受访人逐项核对，有变化的划掉后改正；"
    "在 □ 内打 √ 选择；标“不适用”的题目不用填；“依 R16 的答案”表示按该题的回答决定是否填写。"
)
HINT_COMPLETED = (
    "说明：√ 为所选答案；“不适用”表示按跳转规则不需回答的题目；“自动计算”的数值由程序算出。"
)


class Appendix(Protocol):
    """A part printed after the form's items (photos, a budget, more facts)."""

    def draw(self, sheet: Sheet) -> None: ...


@dataclass(frozen=True)
class FormPrint:
    """One response (or a planned one) to print, with everything the paper shows."""

    definition: FormDefinition
    answers: Mapping[str, Any]
    context: FormContext
    subject: Subject
    record: RecordRef
    mode: Mode
    own_file: bool
    survey_round: str = ""
    state: str = ""  # e.g. "已完成，m001001 2026-03-02 填写"
    images: Mapping[str, bytes] = field(default_factory=dict)  # attachment id -> image
    title: str = ""
    facts: tuple[tuple[str, str], ...] = ()  # more lines of the header
    appendices: tuple[Appendix, ...] = ()
    #: the signature boxes of a form whose definition has no signature item
    signatures: tuple[str, ...] = ("受访人签字", "调查员签字")

    def draw(self, sheet: Sheet) -> None:
        _Drawer(sheet, self).draw()


_PAPER_TEXTS: dict[tuple[str, str], str] = {}


def paper_text(definition: FormDefinition) -> str:
    """The characters every print of a form has: its title, numbers, labels and options."""
    found = _PAPER_TEXTS.get(definition.key)
    if found is None:
        texts = [definition.title, HINT_COMPLETED, HINT_PREFILLED, NOT_APPLICABLE, "0123456789"]
        texts += [section.title for section in definition.sections]
        for item in definition.items.values():
            texts += [item.number, item.label, item.help]
            texts += [f"{o.code} {o.label}" for o in item.options]
        found = _PAPER_TEXTS[definition.key] = "".join(sorted(set("".join(texts))))
    return found


class _Drawer:
    """Draws one FormPrint."""

    def __init__(self, sheet: Sheet, form: FormPrint) -> None:
        self.sheet = sheet
        self.form = form
        self.definition = form.definition
        self.blank = form.mode is Mode.PREFILLED
        self.evaluation = FormEngine(form.definition).evaluate(form.answers, form.context)
        if self.blank:
            self.skipped = certainly_skipped(form.definition, form.context)
        else:
            self.skipped = {n for n, ok in self.evaluation.relevant.items() if not ok}
        #: a completed form is read, not written on: its rows are closer together
        leading, pad = (4.6 * mm, 1.2 * mm) if self.blank else (3.8 * mm, 0.5 * mm)
        self.leading, self.pad = leading, pad
        self.spacing = (leading, pad)
        self.bar = 6.5 * mm if self.blank else 5.5 * mm
        self.boxed = {box.item for box in self._boxes() if box.item}  # drawn at the end

    def value(self, item: Item) -> Any:
        if self.evaluation.relevant.get(item.name, True) or not self.blank:
            return self.evaluation.values.get(item.name)
        return self.form.answers.get(item.name)  # pre-filled, even if now skipped: to check

    def draw(self) -> None:
        form, sheet = self.form, self.sheet
        title = form.title or self.definition.title
        who = form.subject.person_name or form.subject.head_name
        subtitle = " · ".join(
            x
            for x in (
                who,
                round_label(form.survey_round),
                f"版本 {self.definition.version}",
                form.mode.label,
            )
            if x
        )
        sheet.seed(paper_text(self.definition))
        sheet.begin_record(form.record, title, subtitle, copy_label(form.own_file))
        pairs_rows(sheet, self._header())
        hint = HINT_PREFILLED if self.blank else HINT_COMPLETED
        draw_row(
            sheet,
            [Column(LEFT, WIDTH, 7.5)],
            [text_lines(hint, WIDTH, 7.5, grey=True)],
            leading=3.6 * mm,
            rule=False,
        )
        boxes = self._boxes()
        keeps = self._keeps(bool(boxes) and not form.appendices)
        sections = list(self.definition.sections)
        while sections:
            run = 0
            while run < len(sections) and self._all_skipped(sections[run]):
                run += 1
            if run >= 2:  # parts that do not apply (all of them for a lost person): one line
                self._skipped_sections(sections[:run])
                sections = sections[run:]
            else:
                self._section(sections.pop(0), keeps)
        for n, appendix in enumerate(form.appendices, start=1):
            last = n == len(form.appendices)
            sheet.keep = DEFAULT_SIGNATURES if boxes and last else 0.0
            appendix.draw(sheet)
            sheet.keep = 0.0
        if boxes:
            self._final_signatures(boxes)
        sheet.end_record()

    def _boxes(self) -> tuple[PaperSignature, ...]:
        """The signature boxes at the end: the definition's, or for a form without
        signature items the print's own (respondent and surveyor by default)."""
        if self.definition.signatures:
            return self.definition.signatures
        if any(i.type == "signature" for i in self.definition.items.values()):
            return ()
        return tuple(PaperSignature(label) for label in self.form.signatures)

    def _all_skipped(self, section: Section) -> bool:
        shown = [i for i in section.items if i.name not in self.boxed]
        return bool(shown) and all(i.name in self.skipped for i in shown)

    def _keeps(self, signed_below: bool) -> dict[str, float]:
        """The room each item keeps below itself for the signatures that follow it, so
        that signature boxes never stand alone at the top of a page: a run of signatures
        stays with the item before it (and with each other)."""
        order = [
            (item, first)
            for section in self.definition.sections
            for first, item in zip(
                [True] + [False] * (len(section.items) - 1), section.items, strict=True
            )
        ]
        keeps: dict[str, float] = {}
        run = DEFAULT_SIGNATURES if signed_below else 0.0  # the height of the run below
        for item, first in reversed(order):
            keeps[item.name] = run
            if item.name in self.boxed:
                continue
            signs = item.type == "signature" and item.name not in self.skipped
            run = run + SIGNATURE_ROW + (BAR if first else 0.0) if signs else 0.0
        return keeps

    def _header(self) -> list[tuple[str, str]]:
        form, subject = self.form, self.form.subject
        pairs = [
            ("地区", subject.area),
            ("户主", subject.head_name),
            ("现居住地址", subject.address),
            ("联系电话", subject.phone),
        ]
        if subject.person_name:
            pairs += [
                ("残疾人", subject.person_name),
                ("公民身份号码", masked(subject.id_number, form.own_file)),
                ("残疾人证号", masked(subject.cert_number, form.own_file)),
            ]
        # the version by its number only: the form's id is internal (the QR code has it)
        pairs += [
            ("调查年度", round_label(form.survey_round)),
            ("表单版本", self.definition.version),
        ]
        if form.state:
            pairs.append(("状态", form.state))
        return pairs + list(form.facts)

    def _section(self, section: Section, keeps: dict[str, float]) -> None:
        all_skipped = self._all_skipped(section)
        note = "（本部分不适用）" if all_skipped else ""
        section_bar(self.sheet, section.title, note, self.bar)
        run: list[Item] = []  # skipped items in a row: one line for them all
        for item in section.items:
            if item.name in self.boxed:
                continue
            self.sheet.keep = keeps.get(item.name, 0.0)
            if item.name in self.skipped and item.type != "note":
                run.append(item)
                continue
            self._skipped_run(run)
            run = []
            self._draw_item(item)
        self._skipped_run(run)
        self.sheet.keep = 0.0

    def _skipped_run(self, run: Sequence[Item]) -> None:
        """Items that do not apply, one after another: one row, 不适用 and their titles."""
        if len(run) < 2:
            for item in run:
                self._draw_item(item)
            return
        titles = "；".join(i.title for i in run)
        contents = [
            flow(answer_pieces(run[0], None, skipped=True, blank=False, own_file=False),
                 NUMBER_WIDTH, 8.5),
            text_lines(titles, WIDTH - NUMBER_WIDTH, SIZE),
        ]  # fmt: skip
        key = (self.definition.key, tuple(i.name for i in run), "skipped", self.spacing)
        self._row(key, contents, run[0].title, RUN)

    def _skipped_sections(self, sections: Sequence[Section]) -> None:
        """Several parts in a row that do not apply: one bar naming them, one line."""
        title = f"{sections[0].title} 至 {sections[-1].title}"
        section_bar(self.sheet, title, "（以上各部分均不适用）", self.bar)
        items = [i for s in sections for i in s.items if i.name not in self.boxed]
        numbers = [i.number for i in items if i.number]
        said = f"{numbers[0]}–{numbers[-1]} 共 {len(items)} 题" if numbers else ""
        text = f"{said}均不适用".strip()
        self._draw_row([Column(LEFT, WIDTH, SIZE)], [text_lines(text, WIDTH, SIZE, grey=True)])

    def _draw_row(
        self, columns: Sequence[Column], contents: Sequence[Sequence[Line]], where: str = ""
    ) -> None:
        draw_row(self.sheet, columns, contents, where=where, leading=self.leading, pad=self.pad)

    def _row(
        self,
        key: tuple[Any, ...],
        contents: list[list[Line]],
        where: str,
        columns: Sequence[Column] = ROW,
    ) -> None:
        """A row of the three columns that looks the same on every form where it comes
        back: drawn once as a stamp and shown again."""
        height = row_height(contents, self.leading, self.pad)
        self.sheet.stamped(key, height, lambda: self._draw_row(columns, contents, where))

    def _draw_item(self, item: Item) -> None:
        if item.type == "repeat" and item.name not in self.skipped:
            self._repeat(item)
        elif item.type == "signature" and item.name not in self.skipped:
            self._signature(item)
        elif item.type == "note":
            lines = text_lines(item.title, WIDTH, 8, grey=True)
            draw_row(self.sheet, [Column(LEFT, WIDTH, 8)], [lines], leading=4 * mm)
        else:
            self._item(item)

    def _left(self, item: Item) -> tuple[list[Line], list[Line]]:
        label = text_lines(item.label, LABEL_WIDTH - 1.5 * mm, SIZE)
        depends = depends_on(item, self.definition) if self.blank else ""
        if depends and item.name not in self.skipped:
            label += text_lines(f"依 {depends} 的答案填写", LABEL_WIDTH, 7, grey=True)
        return text_lines(item.number, NUMBER_WIDTH, 8.5), label

    def _item(self, item: Item) -> None:
        value = self.value(item)
        skipped = item.name in self.skipped
        key = self._stamp_key(item, value, skipped)
        stamp = self.sheet.stamp(key) if key is not None else None
        if stamp is not None:
            self.sheet.place(stamp)
            return
        pieces = answer_pieces(
            item, value, skipped=skipped, blank=self.blank, own_file=self.form.own_file
        )
        number, label = self._left(item)
        contents = [number, label, flow(pieces, ANSWER_WIDTH, SIZE)]
        if key is None:
            self._draw_row(ROW, contents, item.title)
        else:
            self._row(key, contents, item.title)

    def _stamp_key(self, item: Item, value: Any, skipped: bool) -> tuple[Any, ...] | None:
        """The key of a row that looks the same wherever its answer is the same: a skipped
        item, or a choice with its ticks. Other answers are personal: drawn each time."""
        if skipped:
            answer: Any = "skipped"
        elif item.type in CHOICE_TYPES:
            answer = tuple(chosen_codes(value))
        else:
            return None
        return (self.definition.key, item.name, answer, self.blank, self.spacing)

    def _repeat(self, item: Item) -> None:
        number, label = self._left(item)
        if item.help:
            label += text_lines(item.help, LABEL_WIDTH + ANSWER_WIDTH, 7, grey=True)
        draw_row(self.sheet, ROW[:2], [number, label], where=item.title, rule=False)
        rows = self.value(item)
        rows = rows if isinstance(rows, list) else []
        blank_rows = 0
        if self.blank:  # room for rows to add: new members; none where the rows are given
            wanted = max(2, item.min_rows) if not rows else (2 if item.prefill else 0)
            blank_rows = min(wanted, (item.max_rows or 99) - len(rows))
        repeat = RepeatPrint(
            item=item,
            rows=[r for r in rows if isinstance(r, Mapping)],
            relevance=self.evaluation.row_relevant.get(item.name, []),
            blank_rows=blank_rows,
            own_file=self.form.own_file,
            blank=self.blank,
        )
        draw_repeat(self.sheet, repeat)
        self.sheet.y -= 1.5 * mm

    def _signature(self, item: Item) -> None:
        sheet = self.sheet
        image, note = self._signed(item)
        number, label = self._left(item)
        height = SIGNATURE_HEIGHT + 3 * mm
        sheet.need(height)
        top = sheet.y
        draw_row(sheet, ROW[:2], [number, label], where=item.title, rule=False)
        signature_box(
            sheet,
            ANSWER_X,
            top - 1.5 * mm,
            min(ANSWER_WIDTH, 80 * mm),
            SIGNATURE_HEIGHT,
            label=item.label,
            image=image,
            note=note,
        )
        sheet.y = top - height

    def _signed(self, item: Item) -> tuple[ImageReader | None, str]:
        """The captured signature of a signature item, or a note saying why none shows."""
        value = self.value(item)
        key = value[0] if isinstance(value, list) and value else value
        data = self.form.images.get(key) if isinstance(key, str) else None
        image = image_reader(data, SIGNATURE_PIXELS) if data else None
        note = "已电子签名（签名图像不在本机）" if image is None and not is_empty(value) else ""
        return image, note

    def _final_signatures(self, boxes: Sequence[PaperSignature]) -> None:
        """The signature boxes side by side at the end, each with its date line; a box of
        a signature item holds its image (不适用 when the item is skipped)."""
        sheet = self.sheet
        sheet.need(DEFAULT_SIGNATURES + 5 * mm)  # the bar and the boxes stay together
        section_bar(sheet, "签字", "", self.bar)
        width = (WIDTH - 4 * mm * (len(boxes) - 1)) / len(boxes)
        for index, box in enumerate(boxes):
            item = self.definition.items.get(box.item) if box.item else None
            image, note = (None, "") if item is None else self._signed(item)
            if item is not None and item.name in self.skipped:
                note = NOT_APPLICABLE
            signature_box(
                sheet,
                LEFT + index * (width + 4 * mm),
                sheet.y - 1.5 * mm,
                width,
                SIGNATURE_HEIGHT,
                label=box.label,
                image=image,
                note=note,
            )
        sheet.y -= SIGNATURE_ROW
