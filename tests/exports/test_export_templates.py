# ruff: noqa: E501  (a table of faults: one fault a line)
"""Broken export templates are refused at load, naming the file, the column and the fault;
the shipped templates all load."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.exports.templates import TemplateError, all_templates, load_template, load_template_file

GOOD = """
id: t
title: 测试导出
purpose: 测试
source: form_a
params: [round, area]
columns:
  - {header: 姓名, field: person.name}
  - {header: 公民身份号码, field: person.id_number, mask: id}
  - {header: 性别, field: person.sex, value: label}
  - {header: R3 户口性质, field: answers.hukou}
  - {header: 银行账号, field: person.bank_account, mask: bank}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_good_template_loads(tmp_path: Path) -> None:
    template = load_template_file(write(tmp_path, GOOD))
    assert template.headers == ["姓名", "公民身份号码", "性别", "R3 户口性质", "银行账号"]
    assert [c.mask for c in template.columns] == ["", "id", "", "", "bank"]
    assert [c.value for c in template.columns] == ["", "", "label", "code", ""]


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        (("field: person.name", "field: person.nickname"), "第 1 列「姓名」", "没有字段 person.nickname"),
        (("field: answers.hukou", "field: answers.colour"), "第 4 列「R3 户口性质」", "没有字段 answers.colour"),
        (("person.id_number, mask: id", "person.id_number"), "第 2 列「公民身份号码」", "必须写 mask: id"),
        (("person.bank_account, mask: bank", "person.bank_account"), "第 5 列「银行账号」", "必须写 mask: bank"),
        (("person.name}", "person.name, value: label}"), "第 1 列「姓名」", "不是代码，不能写 value"),
        (("value: label", "value: words"), "第 3 列「性别」", "value 只能是 code"),
        (("person.sex, value: label", "person.sex, mask: id"), "第 3 列「性别」", "不能用 mask: id"),
        (("mask: id", "mask: half"), "第 2 列「公民身份号码」", "mask 只能是"),
        (("mask: bank", "mask: id"), "第 5 列「银行账号」", "不是身份证号或证号"),
        (("{header: 性别,", "{header: 姓名,"), "第 3 列「姓名」", "表头重复"),
        (("{header: 性别, ", "{"), "第 3 列", "缺少表头 header"),
        (("{header: 姓名, field: person.name}", "{header: 姓名}"), "第 1 列「姓名」", "缺少来源字段 field"),
        (("field: person.name}", "field: person.name, width: 9}"), "第 1 列「姓名」", "未知的键：width"),
        (("  - {header: 姓名, field: person.name}", "  - 姓名"), "第 1 列", "必须是键值表"),
        (("source: form_a", "source: wishes"), None, "未知的数据来源 wishes"),
        (("params: [round, area]", "params: [area]"), None, "需要参数 round"),
        (("params: [round, area]", "params: [round, town]"), None, "params 只能列出"),
        (("id: t", "id: other"), None, "必须与文件名 t 相同"),
        (("purpose: 测试", "purpose: 测试\ncolour: red"), None, "未知的键：colour"),
        (("purpose: 测试", "purpose: 测试\nfull_numbers: true"), None, "full_numbers_for"),
        (("purpose: 测试", "purpose: 测试\nfull_numbers_for: 省系统"), None, "没有 full_numbers: true"),
        (("purpose: 测试", "purpose: 测试\nfull_numbers: yes please"), None, "只能是 true 或 false"),
        (("title: 测试导出\n", ""), None, "缺少 title"),
        (("purpose: 测试", "purpose: [测试"), None, "YAML 格式错误"),
    ],
)  # fmt: skip
def test_each_fault_is_named(
    tmp_path: Path, change: tuple[str, str], column: str | None, words: str
) -> None:
    assert change[0] in GOOD
    path = write(tmp_path, GOOD.replace(change[0], change[1], 1))
    with pytest.raises(TemplateError) as caught:
        load_template_file(path)
    message = str(caught.value)
    assert message.startswith("导出模板 t.yaml")
    assert words in message
    assert caught.value.column == column
    if column:
        assert column in message


def test_a_template_meant_for_a_system_may_show_numbers_in_full(tmp_path: Path) -> None:
    text = GOOD.replace(
        "purpose: 测试", "purpose: 测试\nfull_numbers: true\nfull_numbers_for: 省系统"
    )
    template = load_template_file(write(tmp_path, text.replace(", mask: id", "")))
    assert template.full_numbers_for == "省系统"
    assert template.columns[1].mask == ""


def test_a_folder_with_a_broken_template_is_refused(tmp_path: Path) -> None:
    write(tmp_path, GOOD.replace("person.name}", "person.nickname}"))
    with pytest.raises(TemplateError, match=r"t\.yaml"):
        all_templates(tmp_path)
    with pytest.raises(TemplateError, match="没有导出模板 nothing"):
        load_template("nothing")


def test_the_shipped_templates_load_and_mask_unless_meant_for_a_system() -> None:
    templates = all_templates()
    assert {"form-a-upper", "form-a-labels", "form-b", "renovation-cases", "registry",
            "subsidies"} <= set(templates)  # fmt: skip
    for template in templates.values():
        for column in template.columns:
            if column.field.kind in ("id", "bank") and not column.mask:
                assert template.full_numbers_for, (template.id, column.header)
