"""Simplified Chinese message templates for every validation issue code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.issues import Issue

# Templates use `{param}` placeholders filled from `Issue.params`. Every message names the
# offending value where there is one, so the member sees what to correct.
MESSAGES: dict[str, str] = {
    # Resident ID number (公民身份号码), GB 11643.
    "id.empty": "身份证号不能为空",
    "id.legacy15": "身份证号{id}是15位旧号码，请更正为18位新号码",
    "id.length": "身份证号{id}应为18位，现为{length}位",
    "id.chars": "身份证号{id}只能由数字组成，最后一位可以是X",
    "id.birthdate": "身份证号{id}中的出生日期{birth}不存在或晚于当前日期",
    "id.checksum": "身份证号{id}的校验位不符，请逐位核对",
    "id.duplicate": "身份证号已登记：{id}",
    # Disability certificate number (残疾人证号).
    "cert.empty": "残疾人证号不能为空",
    "cert.length": "残疾人证号{cert}应为20位（补发证加B和一位数字共22位），现为{length}位",
    "cert.format": (
        "残疾人证号{cert}格式错误：应为18位身份证号，加残疾类别（1-7）和残疾等级（1-4），"
        "补发证再加B和一位数字"
    ),
    "cert.id_mismatch": "残疾人证号{cert}的前18位与身份证号{id}不一致",
    "cert.category_mismatch": (
        "残疾人证号{cert}中的残疾类别{cert_category}与登记的类别{category}不一致"
    ),
    "cert.grade_mismatch": "残疾人证号{cert}中的残疾等级{cert_grade}与登记的等级{grade}不一致",
    "cert.duplicate": "残疾人证号已被他人使用：{cert}",
    # Phone numbers.
    "phone.empty": "电话号码不能为空",
    "phone.chars": "电话号码{phone}含有无效字符，只能填写数字和连字符",
    "phone.mobile": "手机号码{phone}无效：应为11位，以13至19开头",
    "phone.no_area_code": "固定电话{phone}缺少区号，请加上区号（如0574）",
    "phone.invalid": "电话号码{phone}无效：应为11位手机号或带区号的固定电话（如0574-88881234）",
    # Areas (统计用区划代码).
    "area.unknown": "未知的区划代码：{code}",
    "area.invalid": "区划代码必须是12位数字：{code}",
    "area.not_village": "住户必须属于村/社区一级区划：{code}",
    # Records.
    "household.unknown": "未知的户：{id}",
    "person.unknown": "未知的残疾人：{id}",
    "record.unknown": "未知的记录：{id}",
    "record.deleted": "记录已删除",
    # Attachments.
    "attachment.empty": "附件是空文件",
    "attachment.too_big": "附件太大：不能超过{mb}MB",
    # Fields and code lists.
    "field.required": "必填项：{field}",
    "field.unknown": "未知字段：{field}",
    "field.derived": "{field}由身份证号自动得出，不能直接填写",
    "code.unknown": "{list}中没有代码 {code}",
}


class _KeepMissing(dict[str, str | int]):
    """Parameters for str.format_map that leave an absent placeholder visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message_for(issue: Issue) -> str:
    """Return the Chinese message of `issue`, or its code when no template is known."""
    template = MESSAGES.get(issue.code)
    if template is None:
        return issue.code
    return template.format_map(_KeepMissing(issue.params))
