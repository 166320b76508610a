"""Code lists: the shipped files load, and malformed files fail with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.codes import (
    REQUIRED_LISTS,
    CodeItem,
    CodeList,
    CodeListError,
    check_code,
    clear_code_list_cache,
    default_codes_folder,
    load_code_lists,
)
from app.domain.messages import message_for


def test_shipped_lists_load_with_unique_codes() -> None:
    lists = load_code_lists()
    assert set(REQUIRED_LISTS) <= set(lists)
    for list_id, code_list in lists.items():
        assert code_list.id == list_id
        assert code_list.title
        assert len(code_list) > 0
        assert len(set(code_list.codes)) == len(code_list.codes), list_id
        assert all(item.label for item in code_list), list_id


def test_ethnicity_has_the_56_groups_with_gb3304_codes() -> None:
    ethnicity = load_code_lists()["ethnicity"]
    assert [f"{n:02d}" for n in range(1, 57)] == list(ethnicity.codes[:56])
    assert ethnicity.label("01") == "汉族"
    assert ethnicity.label("22") == "畲族"
    assert ethnicity.label("56") == "基诺族"


def test_certificate_digits_match_the_category_and_grade_lists() -> None:
    lists = load_code_lists()
    assert lists["disability_category"].codes == ("1", "2", "3", "4", "5", "6", "7")
    assert lists["disability_grade"].codes == ("1", "2", "3", "4")
    assert lists["disability_category"].label("7") == "多重残疾"
    assert lists["sex"].codes == ("1", "2")


def test_code_list_lookup() -> None:
    code_list = CodeList("x", "测试", (CodeItem("1", "甲"), CodeItem("2", "乙")))
    assert "1" in code_list
    assert "3" not in code_list
    assert code_list.label("2") == "乙"
    with pytest.raises(KeyError):
        code_list.label("3")


def test_check_code() -> None:
    assert check_code("ethnicity", "01") == []
    (issue,) = check_code("ethnicity", "99", field="ethnicity")
    assert issue.code == "code.unknown"
    assert issue.field == "ethnicity"
    assert message_for(issue) == "民族中没有代码 99"
    with pytest.raises(KeyError):
        check_code("no_such_list", "1")


def test_lists_are_cached_but_returned_as_fresh_dicts() -> None:
    first = load_code_lists()
    first.clear()
    assert load_code_lists()["sex"] is load_code_lists()["sex"]
    assert "sex" in load_code_lists()


def test_default_folder_honours_a_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert default_codes_folder() == tmp_path / "resources" / "codes"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = 'id: sample\ntitle: 示例\nitems:\n  - {code: "1", label: 甲}\n'


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            'id: s\ntitle: 示例\nitems:\n  - {code: "1", label: 甲}\n  - {code: "1", label: 乙}\n',
            "重复",
        ),
        ('id: s\ntitle: 示例\nitems:\n  - {code: "1"}\n', "缺少 label"),
        ('id: s\ntitle: 示例\nitems:\n  - {code: "1", label: ""}\n', "缺少 label"),
        ("id: s\ntitle: 示例\nitems:\n  - {label: 甲}\n", "缺少 code"),
        ("id: s\ntitle: 示例\nitems:\n  - {code: 01, label: 甲}\n", "带引号"),
        ('id: s\ntitle: 示例\nitems:\n  - {code: "1", lable: 甲}\n', "lable"),
        ("id: s\ntitle: 示例\nitems: []\n", "items"),
        ('title: 示例\nitems:\n  - {code: "1", label: 甲}\n', "缺少 id"),
        ('id: s\nitems:\n  - {code: "1", label: 甲}\n', "缺少 title"),
        ("id: s\ntitle: [unclosed\n", "YAML"),
        ("- just a list\n", "顶层"),
    ],
)
def test_malformed_file_is_named_with_its_fault(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, "broken.yaml", text)
    with pytest.raises(CodeListError) as caught:
        load_code_lists(tmp_path)
    assert str(path) in str(caught.value)
    assert fragment in str(caught.value)


def test_duplicate_list_id_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD)
    with pytest.raises(CodeListError, match="sample"):
        load_code_lists(tmp_path)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CodeListError, match="找不到"):
        load_code_lists(tmp_path / "absent")


def test_cache_can_be_cleared(tmp_path: Path) -> None:
    write(tmp_path, "sample.yaml", GOOD)
    assert load_code_lists(tmp_path)["sample"].codes == ("1",)
    write(tmp_path, "sample.yaml", GOOD + '  - {code: "2", label: 乙}\n')
    assert load_code_lists(tmp_path)["sample"].codes == ("1",)
    clear_code_list_cache()
    assert load_code_lists(tmp_path)["sample"].codes == ("1", "2")
