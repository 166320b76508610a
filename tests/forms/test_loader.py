"""Broken form definitions are refused at load, naming the file, the item and the fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.forms.loader import FormDefinitionError, load_form, load_forms

GOOD = """
form: t
version: "1"
title: 测试表
subject: person
defaults: {required: true}
sections:
  - id: s1
    title: 第一部分
    items:
      - {name: a, number: Q1, label: 甲, type: yesno}
      - {name: b, number: Q2, label: 乙, type: integer, min: 0, max: 9, relevant: "a == '1'"}
      - {name: c, label: 丙, type: integer, calculate: "number(b) * 2"}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_good_file_loads(tmp_path: Path) -> None:
    form = load_form(write(tmp_path, GOOD))
    assert form.order == ("a", "b", "c")


@pytest.mark.parametrize(
    ("change", "item", "words"),
    [
        (("relevant: \"a == '1'\"", "relevant: \"zz == '1'\""), "b", "未知的题目或变量：zz"),
        (("number: Q2", "number: Q1"), "b", "题号 Q1 与题目 a 重复"),
        (("{name: b,", "{name: a,"), "a", "题目名称重复"),
        (("type: integer, min: 0", "type: integer, min: 10"), "b", "min 10 大于 max 9"),
        (("relevant: \"a == '1'\"", 'relevant: "a == "'), "b", "写法有误"),
        (("relevant: \"a == '1'\"", 'relevant: "a.__class__"'), "b", "不允许访问属性"),
        (("relevant: \"a == '1'\"", 'relevant: "c > 1"'), None, "循环：b → c → b"),
        (("type: yesno", "type: choice"), "a", "未知的题型：choice"),
        (("label: 甲, ", ""), "a", "缺少题目文字 label"),
        (("type: yesno}", "type: yesno, colour: red}"), "a", "未知的键：colour"),
        (('calculate: "number(b) * 2"', "calculate: \"open('x')\""), "c", "未知的函数：open"),
        (("{name: a,", "{name: age,"), "age", "内置变量或函数重名"),
    ],
)
def test_each_fault_is_named(
    tmp_path: Path, change: tuple[str, str], item: str | None, words: str
) -> None:
    assert change[0] in GOOD
    path = write(tmp_path, GOOD.replace(change[0], change[1], 1))
    with pytest.raises(FormDefinitionError) as caught:
        load_form(path)
    message = str(caught.value)
    assert "broken.yaml" in message
    assert words in message
    if item:
        assert f"题目 {item}" in message


def test_option_codes_reused_and_bad_none(tmp_path: Path) -> None:
    text = GOOD.replace(
        "{name: a, number: Q1, label: 甲, type: yesno}",
        "{name: a, number: Q1, label: 甲, type: multi, none: '9', options: "
        "[{code: '1', label: 一}, {code: '1', label: 二}]}",
    )
    with pytest.raises(FormDefinitionError, match="选项代码 1 重复"):
        load_form(write(tmp_path, text))
    text = GOOD.replace(
        "{name: a, number: Q1, label: 甲, type: yesno}",
        "{name: a, number: Q1, label: 甲, type: multi, none: '9', options: "
        "[{code: '1', label: 一}]}",
    )
    with pytest.raises(FormDefinitionError, match="none 必须是本多选题的一个选项代码"):
        load_form(write(tmp_path, text))


def test_yaml_errors_and_wrong_shapes(tmp_path: Path) -> None:
    with pytest.raises(FormDefinitionError, match="YAML 格式错误"):
        load_form(write(tmp_path, "form: [unclosed"))
    with pytest.raises(FormDefinitionError, match="缺少 version"):
        load_form(write(tmp_path, "form: t\ntitle: x\nsubject: person\nsections: [{id: s}]"))


def test_shipped_forms_all_load() -> None:
    forms = load_forms()
    assert ("dynamic-update", "2021.1") in forms
    for form in forms.values():
        assert form.items and form.order


def test_the_papers_signature_boxes_are_read_and_checked(tmp_path: Path) -> None:
    signed = GOOD.replace("sections:", "signatures:\n  - {label: 受访人签字, item: s}\n"
                          "  - {label: 调查员签字}\nsections:", 1)  # fmt: skip
    signed += "      - {name: s, label: 签字, type: signature, visit_fact: true}\n"
    form = load_form(write(tmp_path, signed))
    assert [(box.label, box.item) for box in form.signatures] == [
        ("受访人签字", "s"),
        ("调查员签字", ""),
    ]
    for item in ("a", "nobody"):  # a yes/no item, no item at all
        with pytest.raises(FormDefinitionError, match="不是签字题"):
            load_form(write(tmp_path, signed.replace("item: s}", f"item: {item}}}", 1)))
    with pytest.raises(FormDefinitionError, match="label"):
        load_form(write(tmp_path, signed.replace("{label: 调查员签字}", "{item: s}", 1)))
