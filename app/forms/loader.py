"""Read a form definition file and check it; a broken file is refused with a clear message."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from app import resources
from app.forms.context import CONTEXT_NAMES
from app.forms.definition import (
    CHOICE_TYPES,
    ITEM_TYPES,
    NUMBER_TYPES,
    VISIT_FILLS,
    VISIT_ONLY_TYPES,
    YESNO_OPTIONS,
    Constraint,
    FormDefinition,
    Item,
    Option,
    PaperSignature,
    Section,
)
from app.forms.expressions import FUNCTIONS, Expression, ExpressionError, compile_expression

FORM_KEYS = {"form", "version", "requires", "title", "subject", "round", "reference_date",
             "description", "defaults", "sections", "signatures"}  # fmt: skip
#: the definition format this program reads; a file's `requires` above it needs a newer program
FORMAT_VERSION = 1
SIGNATURE_KEYS = {"label", "item"}
SECTION_KEYS = {"id", "title", "relevant", "items"}
ITEM_KEYS = {"name", "number", "label", "help", "type", "options", "none", "unit", "min", "max",
             "required", "relevant", "constraints", "calculate", "prefill", "readonly",
             "note_on_change", "visit_fact", "items", "min_rows", "max_rows"}  # fmt: skip
CONSTRAINT_KEYS = {"rule", "message", "level"}
PREFILL_SOURCES = ("last", "person.", "household.")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED = set(CONTEXT_NAMES) | set(FUNCTIONS) | {"and", "or", "not", "in", "if", "else"}


class FormDefinitionError(ValueError):
    """A form definition file that cannot be used: names the file, the item and the fault."""

    def __init__(self, path: str, item: str | None, problem: str) -> None:
        where = f"表单定义文件 {path}" + (f"，题目 {item}" if item else "")
        super().__init__(f"{where}：{problem}")
        self.path = path
        self.item = item
        self.problem = problem


class FormTooNewError(FormDefinitionError):
    """A definition written for a newer program (its `requires` is above `FORMAT_VERSION`)."""


class _Reader:
    """Builds a FormDefinition from parsed YAML, collecting the names first."""

    def __init__(self, path: str, data: Mapping[str, Any]) -> None:
        self.path = path
        self.data = data
        self.defaults: Mapping[str, Any] = {}
        self.names: set[str] = set()
        self.numbers: dict[str, str] = {}

    def fail(self, item: str | None, problem: str) -> FormDefinitionError:
        return FormDefinitionError(self.path, item, problem)

    def _keys(self, raw: Mapping[str, Any], allowed: set[str], where: str | None) -> None:
        unknown = sorted(set(raw) - allowed)
        if unknown:
            raise self.fail(where, f"未知的键：{'、'.join(unknown)}")

    def _collect_names(self, raw_items: list[Any]) -> None:
        for raw in raw_items:
            if not isinstance(raw, Mapping):
                raise self.fail(None, f"题目必须是键值表，而不是：{raw!r}")
            name = raw.get("name")
            if not isinstance(name, str) or not IDENTIFIER.match(name):
                raise self.fail(str(name), "题目名称 name 必须是小写字母开头的英文标识")
            if name in RESERVED:
                raise self.fail(name, "题目名称与内置变量或函数重名")
            if name in self.names:
                raise self.fail(name, "题目名称重复")
            self.names.add(name)
            number = str(raw.get("number") or "")
            if number:
                if number in self.numbers:
                    raise self.fail(name, f"题号 {number} 与题目 {self.numbers[number]} 重复")
                self.numbers[number] = name
            if raw.get("type") == "repeat":
                self._collect_names(list(raw.get("items") or []))

    def expression(self, source: Any, item: str | None) -> Expression:
        try:
            return compile_expression(str(source), known_names=self.names | set(CONTEXT_NAMES))
        except ExpressionError as exc:
            raise self.fail(item, f"表达式「{source}」：{exc}") from exc

    def options(self, raw: Mapping[str, Any], name: str, type_: str) -> tuple[Option, ...]:
        if type_ == "yesno" and not raw.get("options"):
            return tuple(Option(c, label) for c, label in YESNO_OPTIONS)
        options: list[Option] = []
        for entry in raw.get("options") or []:
            if not isinstance(entry, Mapping) or "code" not in entry or "label" not in entry:
                raise self.fail(name, f"选项必须写成 {{code: ..., label: ...}}：{entry!r}")
            code = str(entry["code"])
            if code in {o.code for o in options}:
                raise self.fail(name, f"选项代码 {code} 重复")
            options.append(Option(code, str(entry["label"])))
        if type_ in CHOICE_TYPES and not options:
            raise self.fail(name, "选择题必须有选项")
        return tuple(options)

    def visit_fact(self, raw: Mapping[str, Any], name: str, type_: str) -> tuple[bool, str | None]:
        """`visit_fact: true`, or the fill of this visit it takes (`visit_fact: member.phone`)."""
        value = raw.get("visit_fact", False)
        if value is False or value is None:
            if type_ in VISIT_ONLY_TYPES:
                raise self.fail(name, "签字、照片和位置是本次走访的事实，必须写 visit_fact: true")
            return False, None
        fill = None if value is True else str(value)
        if fill is not None and fill not in VISIT_FILLS:
            allowed = "、".join(VISIT_FILLS)
            raise self.fail(name, f"visit_fact 只能是 true 或 {allowed}：{value}")
        if raw.get("prefill") is not None:
            raise self.fail(name, "本次走访的事实不能 prefill（不从去年或登记信息预填）")
        if raw.get("calculate") is not None or type_ in {"note", "repeat"}:
            raise self.fail(name, "只有要填写的题目可以是本次走访的事实")
        return True, fill

    def item(self, raw: Mapping[str, Any], section: str, repeat_of: str | None) -> Item:
        name = str(raw["name"])
        self._keys(raw, ITEM_KEYS, name)
        type_ = str(raw.get("type") or "")
        if type_ not in ITEM_TYPES:
            raise self.fail(name, f"未知的题型：{type_ or '（空）'}")
        if not raw.get("label"):
            raise self.fail(name, "缺少题目文字 label")
        options = self.options(raw, name, type_)
        none = str(raw["none"]) if raw.get("none") is not None else None
        if none is not None and (type_ != "multi" or none not in {o.code for o in options}):
            raise self.fail(name, f"none 必须是本多选题的一个选项代码：{none}")
        low, high = raw.get("min"), raw.get("max")
        for bound in (low, high):
            if bound is not None and not isinstance(bound, int | float):
                raise self.fail(name, f"min/max 必须是数字：{bound!r}")
        if low is not None and high is not None and low > high:
            raise self.fail(name, f"min {low} 大于 max {high}")
        if (low is not None or high is not None) and type_ not in NUMBER_TYPES | {"repeat"}:
            raise self.fail(name, "只有数字题可以有 min/max")
        required_raw = raw.get("required", self.defaults.get("required", False))
        if type_ in {"note", "repeat"} or raw.get("calculate") is not None:
            required_raw = raw.get("required", False) if type_ == "repeat" else False
        required: bool | Expression
        if isinstance(required_raw, bool):
            required = required_raw
        else:
            required = self.expression(required_raw, name)
        constraints = []
        for entry in raw.get("constraints") or []:
            if not isinstance(entry, Mapping) or "rule" not in entry or "message" not in entry:
                raise self.fail(
                    name, "约束必须写成 {rule: ..., message: ..., level: error|warning}"
                )
            self._keys(entry, CONSTRAINT_KEYS, name)
            level = str(entry.get("level", "error"))
            if level not in ("error", "warning"):
                raise self.fail(name, f"约束级别只能是 error 或 warning：{level}")
            constraints.append(
                Constraint(self.expression(entry["rule"], name), str(entry["message"]), level)
            )
        prefill = raw.get("prefill")
        if prefill is not None and not str(prefill).startswith(PREFILL_SOURCES):
            raise self.fail(name, f"prefill 只能是 last、person.字段 或 household.字段：{prefill}")
        visit_fact, visit_fill = self.visit_fact(raw, name, type_)
        sub_items: tuple[Item, ...] = ()
        if type_ == "repeat":
            if repeat_of is not None:
                raise self.fail(name, "重复组不能嵌套")
            sub_items = tuple(self.item(sub, section, name) for sub in list(raw.get("items") or []))
            if not sub_items:
                raise self.fail(name, "重复组必须有 items")
        return Item(
            name=name,
            type=type_,
            label=str(raw["label"]),
            number=str(raw.get("number") or ""),
            help=str(raw.get("help") or ""),
            section=section,
            options=options,
            none=none,
            unit=str(raw.get("unit") or ""),
            min=low,
            max=high,
            required=required,
            relevant=self.expression(raw["relevant"], name) if raw.get("relevant") else None,
            constraints=tuple(constraints),
            calculate=self.expression(raw["calculate"], name) if raw.get("calculate") else None,
            prefill=str(prefill) if prefill is not None else None,
            readonly=bool(raw.get("readonly", False)) or raw.get("calculate") is not None,
            note_on_change=bool(raw.get("note_on_change", False)),
            visit_fact=visit_fact,
            visit_fill=visit_fill,
            repeat_of=repeat_of,
            items=sub_items,
            min_rows=int(raw.get("min_rows") or 0),
            max_rows=int(raw["max_rows"]) if raw.get("max_rows") is not None else None,
        )

    def read(self) -> FormDefinition:
        data = self.data
        requires = data.get("requires", 1)
        if not isinstance(requires, int) or isinstance(requires, bool) or requires < 1:
            raise self.fail(None, f"requires 必须是正整数（表单格式版本）：{requires!r}")
        if requires > FORMAT_VERSION:
            raise FormTooNewError(
                self.path,
                None,
                f"需要更新的程序（表单格式 {requires}，本程序只认识 {FORMAT_VERSION}）",
            )
        self._keys(data, FORM_KEYS, None)
        for key in ("form", "version", "title", "subject", "sections"):
            if not data.get(key):
                raise self.fail(None, f"缺少 {key}")
        subject, round_ = str(data["subject"]), str(data.get("round", "year"))
        if subject not in ("person", "household", "case"):
            raise self.fail(None, f"subject 只能是 person、household 或 case：{subject}")
        if round_ not in ("year", "quarter", "case"):
            raise self.fail(None, f"round 只能是 year、quarter 或 case：{round_}")
        reference = str(data.get("reference_date", "01-01"))
        if not re.match(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", reference):
            raise self.fail(None, f"reference_date 必须写成 MM-DD：{reference}")
        self.defaults = data.get("defaults") or {}
        raw_sections = list(data["sections"])
        section_ids: set[str] = set()
        for raw_section in raw_sections:
            if not isinstance(raw_section, Mapping) or not raw_section.get("id"):
                raise self.fail(None, "每个部分都要有 id")
            if raw_section["id"] in section_ids:
                raise self.fail(None, f"部分 id 重复：{raw_section['id']}")
            section_ids.add(raw_section["id"])
            self._collect_names(list(raw_section.get("items") or []))
        sections = []
        for raw_section in raw_sections:
            self._keys(raw_section, SECTION_KEYS, f"[{raw_section['id']}]")
            sid = str(raw_section["id"])
            relevant = raw_section.get("relevant")
            items = tuple(self.item(raw, sid, None) for raw in raw_section.get("items") or [])
            sections.append(
                Section(
                    id=sid,
                    title=str(raw_section.get("title") or sid),
                    relevant=self.expression(relevant, f"[{sid}]") if relevant else None,
                    items=items,
                )
            )
        from app.forms.ordering import evaluation_order

        definition = FormDefinition(
            id=str(data["form"]),
            version=str(data["version"]),
            title=str(data["title"]),
            subject=subject,
            round=round_,
            reference_date=reference,
            sections=tuple(sections),
            source=self.path,
            description=str(data.get("description") or ""),
        )
        try:
            order, repeat_order, by_name = evaluation_order(definition)
        except ValueError as exc:
            raise self.fail(None, str(exc)) from exc
        definition.items.update(by_name)
        object.__setattr__(definition, "order", order)
        object.__setattr__(definition, "signatures", self.signatures(by_name))
        definition.repeat_order.update(repeat_order)
        return definition

    def signatures(self, items: Mapping[str, Item]) -> tuple[PaperSignature, ...]:
        """The printed form's signature boxes; an `item` must be a signature item."""
        raw = self.data.get("signatures") or []
        if not isinstance(raw, list):
            raise self.fail(None, "signatures 必须是列表")
        boxes = []
        for entry in raw:
            if not isinstance(entry, Mapping) or not entry.get("label"):
                raise self.fail(None, "signatures 的每一项都要有 label")
            self._keys(entry, SIGNATURE_KEYS, "signatures")
            name = str(entry.get("item") or "")
            if name and (name not in items or items[name].type != "signature"):
                raise self.fail(None, f"signatures 的 item 不是签字题：{name}")
            boxes.append(PaperSignature(str(entry["label"]), name))
        return tuple(boxes)


def load_form(path: Path) -> FormDefinition:
    """Load and check one definition file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormDefinitionError(str(path), None, f"无法读取：{exc}") from exc
    return read_form_text(text, path.name, shown=str(path))


def read_form_text(text: str, name: str, *, shown: str | None = None) -> FormDefinition:
    """Check a definition's YAML text (a published one: `name` is the file it came from)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FormDefinitionError(shown or name, None, f"YAML 格式错误：{exc}") from exc
    if not isinstance(data, Mapping):
        raise FormDefinitionError(shown or name, None, "文件内容必须是一个键值表")
    return _Reader(name, data).read()


def forms_folder() -> Path:
    return resources.path("forms")


@functools.cache
def _load_all(folder: Path) -> dict[tuple[str, str], FormDefinition]:
    forms: dict[tuple[str, str], FormDefinition] = {}
    for path in sorted(folder.glob("*.yaml")):
        definition = load_form(path)
        if definition.key in forms:
            raise FormDefinitionError(path.name, None, f"表单 {definition.key} 重复定义")
        forms[definition.key] = definition
    return forms


#: the definitions the district published that this program received (`receive_form`)
_received: dict[tuple[str, str], FormDefinition] = {}


def receive_form(definition: FormDefinition) -> None:
    """Put a published definition in use beside the built-in ones (a built-in version wins:
    a published version is never changed, so both are the same)."""
    _received.setdefault(definition.key, definition)


def forget_received() -> None:
    """Back to the built-in definitions only (another database, another district)."""
    _received.clear()


def load_forms(folder: Path | None = None) -> dict[tuple[str, str], FormDefinition]:
    """Every definition in the forms folder, by (form id, version); for the program's own
    folder, with the published ones received."""
    forms = dict(_load_all((folder or forms_folder()).resolve()))
    if folder is None:
        for key, definition in _received.items():
            forms.setdefault(key, definition)
    return forms


def get_form(form_id: str, version: str) -> FormDefinition:
    key = (form_id, version)
    # looked up without copying every definition: a print or a check asks several times
    found = _load_all(forms_folder().resolve()).get(key) or _received.get(key)
    if found is not None:
        return found
    try:
        return load_forms()[key]
    except KeyError:
        raise FormDefinitionError(
            str(forms_folder()), None, f"没有表单 {form_id} {version}"
        ) from None
