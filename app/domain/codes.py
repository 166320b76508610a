"""Configurable code lists (民族, 残疾类别, 致残原因 ...) loaded from `resources/codes/*.yaml`.

Each file holds one list::

    id: ethnicity
    title: 民族
    items:
      - {code: "01", label: 汉族}

Codes are strings and must be quoted in YAML when they look like numbers, so that
``"01"`` keeps its leading zero. A file that breaks these rules raises `CodeListError`
naming the file and the problem.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from app import resources
from app.domain.issues import Issue

# The lists the registry relies on; a resources folder missing one of them is broken.
REQUIRED_LISTS = (
    "relation",
    "hardship",
    "hukou_type",
    "sex",
    "ethnicity",
    "marital",
    "disability_category",
    "disability_grade",
    "disability_cause",
    "self_care",
    "card_generation",
    "card_status",
    "person_status",
    "cancel_reason",
    "subsidy_kind",
    "subsidy_status",
)

_LIST_KEYS = frozenset({"id", "title", "items", "description"})
_ITEM_KEYS = frozenset({"code", "label"})


class CodeListError(Exception):
    """A code list file is missing or malformed; the message names the file and the fault."""


@dataclasses.dataclass(frozen=True)
class CodeItem:
    """One entry of a code list: the stored code and its Chinese label."""

    code: str
    label: str


@dataclasses.dataclass(frozen=True)
class CodeList:
    """A named, ordered list of codes with Chinese labels."""

    id: str
    title: str
    items: tuple[CodeItem, ...]
    _labels: dict[str, str] = dataclasses.field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_labels", {item.code: item.label for item in self.items})

    def label(self, code: str) -> str:
        """Return the label of `code`; KeyError when the list has no such code."""
        return self._labels[code]

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes in their display order."""
        return tuple(item.code for item in self.items)

    def __contains__(self, code: object) -> bool:
        return code in self._labels

    def __iter__(self) -> Iterator[CodeItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def default_codes_folder() -> Path:
    """The `resources/codes` folder of the source tree, or of a PyInstaller bundle."""
    return resources.path("codes")


def load_code_lists(folder: Path | None = None) -> dict[str, CodeList]:
    """Load every `*.yaml` list in `folder` (default: `default_codes_folder()`), keyed by id.

    The files are read once per folder; the returned dict is a fresh copy each call.
    Raises CodeListError on a missing folder, a malformed file, a duplicate list id or
    (for the default folder) a missing required list.
    """
    chosen = default_codes_folder() if folder is None else folder
    lists = dict(_load_folder(chosen.resolve()))
    if folder is None:
        missing = [list_id for list_id in REQUIRED_LISTS if list_id not in lists]
        if missing:
            raise CodeListError(f"代码表目录 {chosen} 缺少代码表：{'、'.join(missing)}")
    return lists


def clear_code_list_cache() -> None:
    """Forget the loaded lists so that the next call reads the files again."""
    _load_folder.cache_clear()


def check_code(
    list_id: str, code: str, *, field: str | None = None, folder: Path | None = None
) -> list[Issue]:
    """Return ``code.unknown`` when `code` is not in the list `list_id`, else nothing.

    An unknown `list_id` is a programming error and raises KeyError.
    """
    code_list = load_code_lists(folder)[list_id]
    if code in code_list:
        return []
    return [Issue("code.unknown", {"list": code_list.title, "code": code}, field)]


@functools.cache
def _load_folder(folder: Path) -> tuple[tuple[str, CodeList], ...]:
    if not folder.is_dir():
        raise CodeListError(f"找不到代码表目录：{folder}")
    found: dict[str, CodeList] = {}
    origin: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        code_list = _parse_file(path)
        if code_list.id in found:
            raise CodeListError(
                f"代码表文件 {path} 的 id {code_list.id!r} 与 {origin[code_list.id]} 重复"
            )
        found[code_list.id] = code_list
        origin[code_list.id] = path
    return tuple(found.items())


def _parse_file(path: Path) -> CodeList:
    def fail(problem: str) -> CodeListError:
        return CodeListError(f"代码表文件 {path} 有误：{problem}")

    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"无法读取（{exc}）") from exc
    except yaml.YAMLError as exc:
        raise fail(f"不是有效的 YAML（{exc}）") from exc
    if not isinstance(data, dict):
        raise fail("顶层应为包含 id、title、items 的映射")
    unknown = sorted(str(key) for key in data if key not in _LIST_KEYS)
    if unknown:
        raise fail(f"未知的键 {', '.join(unknown)}")
    list_id, title = data.get("id"), data.get("title")
    if not isinstance(list_id, str) or not list_id:
        raise fail("缺少 id（应为非空字符串）")
    if not isinstance(title, str) or not title:
        raise fail("缺少 title（应为非空字符串）")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise fail("items 应为非空列表")
    items: list[CodeItem] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_items, start=1):
        item = _parse_item(raw, position, fail)
        if item.code in seen:
            raise fail(f"第{position}项的代码 {item.code!r} 重复")
        seen.add(item.code)
        items.append(item)
    return CodeList(id=list_id, title=title, items=tuple(items))


def _parse_item(raw: object, position: int, fail: Callable[[str], CodeListError]) -> CodeItem:
    where = f"第{position}项"
    if not isinstance(raw, dict):
        raise fail(f"{where}应为包含 code 和 label 的映射")
    unknown = sorted(str(key) for key in raw if key not in _ITEM_KEYS)
    if unknown:
        raise fail(f"{where}有未知的键 {', '.join(unknown)}")
    code, label = raw.get("code"), raw.get("label")
    if code is None or code == "":
        raise fail(f"{where}缺少 code")
    if not isinstance(code, str):
        # An unquoted 01 would silently become the number 1.
        raise fail(f'{where}的代码 {code!r} 应写成带引号的字符串，如 "{code}"')
    if label is None or label == "":
        raise fail(f"{where}（代码 {code!r}）缺少 label")
    if not isinstance(label, str):
        raise fail(f"{where}（代码 {code!r}）的 label 应为字符串")
    return CodeItem(code=code, label=label)
