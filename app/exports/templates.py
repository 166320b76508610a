"""Export templates (`resources/exports/*.yaml`): read and checked at load like the forms.

A template names its source, its parameters and, per column, the header, the source field,
codes or labels and the masking of ID and bank numbers (see resources/exports/README.md).
A broken template is refused with `TemplateError`, whose message names the file and column.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app import resources
from app.domain.codes import CodeListError, load_code_lists
from app.exports.fields import PARAMS, SENSITIVE_KINDS, Field, Source
from app.exports.sources import all_sources
from app.exports.values import converter

TEMPLATE_KEYS = {"id", "title", "purpose", "source", "params", "full_numbers",
                 "full_numbers_for", "columns"}  # fmt: skip
COLUMN_KEYS = {"header", "field", "value", "mask"}
VALUES = ("code", "label")
MASKS = {"id": "id", "bank": "bank"}  # the mask of each kind of sensitive number
MASK_NAMES = {"id": "身份证号或证号", "bank": "银行账号"}


class TemplateError(ValueError):
    """An export template that cannot be used: names the file, the column and the fault."""

    def __init__(self, path: str, column: str | None, problem: str) -> None:
        where = f"导出模板 {path}" + (f"，{column}" if column else "")
        super().__init__(f"{where}：{problem}")
        self.path = path
        self.column = column
        self.problem = problem


@dataclass(frozen=True)
class Column:
    """One column of an export: its header, the field it shows and how."""

    header: str
    field: Field
    value: str  # "code" or "label" (for codes); "" for other kinds
    mask: str  # "id", "bank" or "" (shown in full)
    cell: Callable[[Any], Any]  # the field's value as written in the file


@dataclass(frozen=True)
class ExportTemplate:
    """A checked template: what the export is, where its rows come from, its columns."""

    id: str
    title: str
    purpose: str
    source: Source
    params: tuple[str, ...]
    columns: tuple[Column, ...]
    full_numbers_for: str  # the system that needs ID and bank numbers in full ("": none)
    path: str

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


class _Reader:
    """Checks one template file's parsed YAML and builds the template."""

    def __init__(self, path: str, data: Mapping[str, Any]) -> None:
        self.path = path
        self.data = data

    def fail(self, column: str | None, problem: str) -> TemplateError:
        return TemplateError(self.path, column, problem)

    def read(self, name: str) -> ExportTemplate:
        data = self.data
        unknown = sorted(set(map(str, data)) - TEMPLATE_KEYS)
        if unknown:
            raise self.fail(None, f"未知的键：{'、'.join(unknown)}")
        for key in ("id", "title", "source", "columns"):
            if not data.get(key):
                raise self.fail(None, f"缺少 {key}")
        if str(data["id"]) != name:
            raise self.fail(None, f"id {data['id']} 必须与文件名 {name} 相同")
        source = all_sources().get(str(data["source"]))
        if source is None:
            known = "、".join(all_sources())
            raise self.fail(None, f"未知的数据来源 {data['source']}（可用：{known}）")
        params = data.get("params") or []
        if not isinstance(params, list) or any(p not in PARAMS for p in params):
            raise self.fail(None, f"params 只能列出 {'、'.join(PARAMS)}：{params!r}")
        if source.needs_round and "round" not in params:
            raise self.fail(None, f"数据来源 {source.name} 需要参数 round（调查年度）")
        full = data.get("full_numbers", False)
        if not isinstance(full, bool):
            raise self.fail(None, f"full_numbers 只能是 true 或 false：{full!r}")
        system = str(data.get("full_numbers_for") or "").strip()
        if full and not system:
            raise self.fail(
                None, "full_numbers: true 时必须用 full_numbers_for 写明需要完整号码的系统"
            )
        if system and not full:
            raise self.fail(None, "写了 full_numbers_for 却没有 full_numbers: true")
        raw_columns = data["columns"]
        if not isinstance(raw_columns, list):
            raise self.fail(None, "columns 必须是列表")
        columns = self.columns(raw_columns, source, full)
        return ExportTemplate(
            id=name,
            title=str(data["title"]),
            purpose=str(data.get("purpose") or ""),
            source=source,
            params=tuple(str(p) for p in params),
            columns=tuple(columns),
            full_numbers_for=system,
            path=self.path,
        )

    def columns(self, raw_columns: Sequence[Any], source: Source, full: bool) -> list[Column]:
        columns: list[Column] = []
        seen: set[str] = set()
        for number, raw in enumerate(raw_columns, start=1):
            where = f"第 {number} 列"
            if not isinstance(raw, Mapping):
                raise self.fail(where, f"每一列必须是键值表：{raw!r}")
            header = str(raw.get("header") or "").strip()
            if header:
                where = f"第 {number} 列「{header}」"
            unknown = sorted(set(map(str, raw)) - COLUMN_KEYS)
            if unknown:
                raise self.fail(where, f"未知的键：{'、'.join(unknown)}")
            if not header:
                raise self.fail(where, "缺少表头 header")
            if header in seen:
                raise self.fail(where, "表头重复")
            seen.add(header)
            columns.append(self.column(raw, where, header, source, full))
        return columns

    def column(
        self, raw: Mapping[str, Any], where: str, header: str, source: Source, full: bool
    ) -> Column:
        name = str(raw.get("field") or "")
        if not name:
            raise self.fail(where, "缺少来源字段 field")
        field = source.fields.get(name)
        if field is None:
            raise self.fail(where, f"数据来源 {source.name} 没有字段 {name}")
        value = str(raw.get("value") or ("code" if field.kind == "code" else ""))
        if value and value not in VALUES:
            raise self.fail(where, f"value 只能是 code（代码）或 label（名称）：{value}")
        if value and field.kind != "code":
            raise self.fail(where, f"字段 {name} 不是代码，不能写 value: {value}")
        labels = self.labels(field, where) if value == "label" else None
        mask = str(raw.get("mask") or "")
        if mask and mask not in MASKS:
            raise self.fail(where, f"mask 只能是 {'、'.join(MASKS)}：{mask}")
        if mask and MASKS[mask] != field.kind:
            raise self.fail(
                where,
                f"字段 {name} 不是{MASK_NAMES[mask]}，不能用 mask: {mask}",
            )
        if field.kind in SENSITIVE_KINDS and not mask and not full:
            raise self.fail(
                where,
                f"字段 {name} 是身份证号或银行账号，必须写 mask: {field.kind}"
                "（或在模板写明 full_numbers: true 和需要完整号码的系统）",
            )
        # a copy for people masks the numbers a free text may hold too (a note naming a
        # certificate): what a column hides, no sentence beside it shows
        masks = mask or ("text" if field.kind == "text" and not full else "")
        return Column(header, field, value, mask, converter(field, labels, masks))

    def labels(self, field: Field, where: str) -> Mapping[str, str]:
        if field.labels is not None:
            return field.labels
        try:
            lists = load_code_lists()
        except CodeListError as exc:
            raise self.fail(where, str(exc)) from exc
        if field.codes not in lists:
            raise self.fail(where, f"找不到代码表 {field.codes}")
        return {item.code: item.label for item in lists[field.codes]}


def exports_folder() -> Path:
    return resources.path("exports")


def load_template_file(path: Path) -> ExportTemplate:
    """Read and check one template file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TemplateError(path.name, None, f"YAML 格式错误：{exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path.name, None, f"无法读取：{exc}") from exc
    if not isinstance(data, Mapping):
        raise TemplateError(path.name, None, "文件内容必须是一个键值表")
    return _Reader(path.name, data).read(path.stem)


@functools.cache
def _load_all(folder: Path) -> dict[str, ExportTemplate]:
    paths = sorted(folder.glob("*.yaml"), key=lambda p: p.stem)  # registry before registry-x
    return {path.stem: load_template_file(path) for path in paths}


def all_templates(folder: Path | None = None) -> dict[str, ExportTemplate]:
    """Every template of the exports folder, by id (file name without .yaml)."""
    return dict(_load_all((folder or exports_folder()).resolve()))


def load_template(name: str, folder: Path | None = None) -> ExportTemplate:
    """The template called `name`; TemplateError naming the folder when there is none."""
    found = all_templates(folder)
    if name not in found:
        where = str(folder or exports_folder())
        raise TemplateError(where, None, f"没有导出模板 {name}（可用：{'、'.join(found)}）")
    return found[name]
