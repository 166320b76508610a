"""Chinese words for the engine's issue codes; `{label}` is the item's number and label."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "form.required": "{label}：必须填写",
    "form.integer": "{label}：必须是整数，现为「{value}」",
    "form.number": "{label}：必须是数字，现为「{value}」",
    "form.min": "{label}：不能小于 {min}，现为 {value}",
    "form.max": "{label}：不能大于 {max}，现为 {value}",
    "form.option": "{label}：没有代码为 {value} 的选项",
    "form.multi": "{label}：多选题的答案必须是选项代码的列表",
    "form.none_exclusive": "{label}：选了「{none}」就不能再选其他项",
    "form.duplicate_option": "{label}：选项 {value} 选了两次",
    "form.date": "{label}：日期应写成 年-月-日（如 2026-03-01），现为「{value}」",
    "form.id_number": "{label}：{detail}",
    "form.phone": "{label}：{detail}",
    "form.area": "{label}：区划代码必须是12位数字，现为「{value}」",
    "form.text": "{label}：必须是文字",
    "form.gps": "{label}：经纬度无效（纬度 -90~90，经度 -180~180）",
    "form.attachment": "{label}：附件无效",
    "form.rows_min": "{label}：至少要有 {min} 行，现有 {count} 行",
    "form.rows_max": "{label}：最多 {max} 行，现有 {count} 行",
    "form.rows": "{label}：必须是表格行的列表",
    "form.constraint": "{label}：{text}",
    "form.change_needs_note": "{label}：与上次（{before}）相比有大的变化（{after}），请填写说明",
}


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: dict[str, object]) -> str:
    return MESSAGES.get(code, code).format_map(_Keep(params))
