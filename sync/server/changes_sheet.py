"""Reading a monthly change list (变动名单) as the agencies send it: headers, kinds, sources, dates.

The file is read like a roster (`roster_sheet`: xlsx by content, CSV in any of the
usual encodings, a title block above the header); only the columns differ. The kind
of change comes as a code, a label of `change_kind` or an agency's own wording
(死亡注销, 停保, 换证 ...); a date column named for its event (死亡日期, 迁出日期) gives the
kind when the list has no kind column. An ID number Excel turned into a number keeps
only its first 15 digits (`3.30283199001011E+17`): `roster_sheet.scientific_id` says so;
this import matches it by those digits and the name, never by guessing the rest.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from pathlib import Path

from app.domain.codes import load_code_lists
from sync.server.roster_sheet import Sheet, header_key, read_sheet

#: field -> the name the messages give the column
COLUMN_NAMES: dict[str, str] = {
    "id_number": "身份证号",
    "name": "姓名",
    "kind": "变动类型",
    "event_date": "变动日期",
    "source": "来源",
    "detail": "备注",
    "date_death": "死亡日期",
    "date_hukou_out": "迁出日期",
    "date_hukou_in": "迁入日期",
    "date_cremation": "火化日期",
}
_ALIASES: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号", "公民身份号码", "身份证", "身份号码", "身份证件号码", "证件号码",
                  "残疾人身份证号", "持证人身份证号", "死者身份证号"),
    "name": ("姓名", "残疾人姓名", "持证人姓名", "死者姓名"),
    "kind": ("变动类型", "变动情况", "变动类别", "变动原因", "变更类型", "变更事项", "变动事项",
             "业务类型", "注销原因", "类型", "变动"),
    "event_date": ("变动日期", "变动时间", "变更日期", "事件日期", "发生日期", "注销日期",
                   "办理日期", "日期", "退出日期", "纳入日期", "审批日期"),
    "source": ("来源", "数据来源", "来源单位", "提供单位", "报送单位"),
    "detail": ("备注", "说明", "情况说明", "详情"),
    "date_death": ("死亡日期", "死亡时间", "去世日期"),
    "date_hukou_out": ("迁出日期", "迁出时间"),
    "date_hukou_in": ("迁入日期", "迁入时间"),
    "date_cremation": ("火化日期", "火化时间"),
}  # fmt: skip
HEADERS: dict[str, str] = {header_key(a): f for f, names in _ALIASES.items() for a in names}
REQUIRED = ("id_number",)
#: a date column named for its event gives the kind
DATE_KINDS = {
    "date_death": "death",
    "date_hukou_out": "hukou_out",
    "date_hukou_in": "hukou_in",
    "date_cremation": "cremation",
}
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "death": ("死亡注销", "已死亡", "去世", "身故", "病故", "死亡销户", "死亡医学证明", "死亡证明",
              "亡故"),
    "hukou_out": ("迁出", "迁出本区", "迁往外地", "外迁", "迁出注销", "户籍迁出"),
    "hukou_in": ("迁入", "户籍迁入"),
    "id_changed": ("身份证号变更", "变更身份证号", "更正身份证号", "身份号码变更"),
    "dibao_in": ("新增低保", "低保新增", "进入低保", "享受低保", "低保纳入"),
    "dibao_out": ("低保退出", "取消低保", "停保", "低保停保", "退保", "低保停发"),
    "near_dibao_in": ("低保边缘新增", "纳入低收入", "低收入新增"),
    "near_dibao_out": ("退出低收入", "低保边缘退出"),
    "tekun_in": ("纳入特困", "特困新增", "特困供养"),
    "tekun_out": ("退出特困", "特困退出"),
    "cremation": ("火化记录",),
    "pension_stopped": ("停发养老金", "待遇停发", "养老金暂停"),
    "injury_care": ("工伤护理费", "工伤护理"),
    "institution_in": ("入住机构", "集中供养", "入住福利院"),
    "cert_new": ("新办证", "新办", "办证", "新办残疾证", "首次办证"),
    "grade_changed": ("等级变更", "调级", "等级调整", "残疾等级调整"),
    "category_changed": ("类别变更", "残疾类别调整"),
    "cert_cancelled": ("证注销", "注销残疾人证", "收回残疾人证", "残疾证注销", "注销证件"),
    "cert_reissued": ("换证", "补证", "换发", "补发", "换发证", "补办"),
    "moved_in_district": ("区内迁移", "迁居", "区内迁居"),
}  # fmt: skip
_SOURCE_WORDS: dict[str, tuple[str, ...]] = {
    "police": ("公安局", "派出所", "户籍", "户政", "公安户籍"),
    "civil": ("民政局", "民政部门", "低保"),
    "health": ("卫健委", "卫生健康", "卫生", "卫健局", "医院"),
    "hrss": ("人社局", "人力资源和社会保障", "人力社保", "社保"),
    "cdpf": ("残联系统", "证件系统", "残疾人证系统", "区残联"),
    "member": ("专职委员", "委员"),
}
#: 注销 alone: the police mean a death (their monthly list is the 死亡注销 list), the
#: federation a certificate; any other source must say which
_CANCELLED = {"police": "death", "cdpf": "cert_cancelled"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def _table(list_id: str, words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for item in load_code_lists()[list_id]:
        table[header_key(item.code)] = item.code
        table[header_key(item.label)] = item.code
    for code, spellings in words.items():
        for text in spellings:
            table.setdefault(header_key(text), code)
    return table


@functools.cache
def _kinds() -> dict[str, str]:
    return _table("change_kind", _KIND_WORDS)


@functools.cache
def _sources() -> dict[str, str]:
    return _table("change_source", _SOURCE_WORDS)


def kind_of(text: str, source: str) -> str | None:
    """The `change_kind` code a cell means (None: not one the import knows)."""
    key = header_key(text)
    if key in ("注销", "户口注销", "销户"):
        return _CANCELLED.get(source)
    return _kinds().get(key)


def source_of(text: str) -> str | None:
    """The `change_source` code a cell or the --source option means (None: unknown)."""
    return _sources().get(header_key(text))


def label(list_id: str, code: str) -> str:
    return next((i.label for i in load_code_lists()[list_id] if i.code == code), code)


def known_sources() -> str:
    return "、".join(i.label for i in load_code_lists()["change_source"])


def parse_date(text: str) -> date | None:
    """A date as the lists write it: 2026-12-03, 2026/12/3, 2026年12月3日, 20261203, an
    Excel day number, or a cell openpyxl read as a datetime. Raises ValueError if bad."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match is not None:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if text.isdigit() and 20_000 <= int(text) <= 80_000:  # Excel's day number
        return _EXCEL_EPOCH + timedelta(days=int(text))
    raise ValueError(text)


def read_changes(path: Path) -> Sheet:
    """The list's rows as {field: text} with their lines (RosterFileError if unreadable)."""
    return read_sheet(path, headers=HEADERS, column_names=COLUMN_NAMES, required=REQUIRED)
