"""Every paper of the demo district, printed through the service and read back from the PDF:
no raw key or code, every saved answer shown, no page of signature boxes alone."""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from app.demo.answers import random_answers
from app.domain import assessment
from app.domain import renovation as rules
from app.forms.definition import FormDefinition
from app.forms.loader import get_form, load_forms
from app.printing.batches import render
from app.printing.form_print import FormPrint
from app.printing.model import Mode, RecordRef
from app.services import print_sources
from app.services.prints import PAPERS, Prints
from app.store.database import Database
from app.store.work import FormResponse, RenovationCase
from tests.printing.pdf_tools import needs_poppler, page_texts, pdf_text, signature_only_pages
from tests.printing.samples import RECORD_ID, context, draw, subject

pytestmark = needs_poppler
CLOCK = datetime(2026, 11, 28, 9, 0)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CODE_LIKE = re.compile(r"^[a-z][a-z_]+$")  # a key or a code value, never a user's words


def _raw_words(case: RenovationCase) -> set[str]:
    """What must never be printed as such: the parts' keys and their code values, and the
    names of every form's items."""
    words = {item for _, item_names in _item_names() for item in item_names}
    for part in case.items:
        words |= {k for k in part if _CODE_LIKE.match(k)}
        words |= {v for k, v in part.items() if k != "by" and _code_like(v)}
        for nested in (part.get("results") or {}).values():
            words |= {nested} if _code_like(nested) else set()
    return words


def _code_like(value: object) -> bool:
    return isinstance(value, str) and bool(_CODE_LIKE.match(value))


def _item_names() -> Iterator[tuple[str, set[str]]]:
    for form_id, version in load_forms():
        definition = get_form(form_id, version)
        names = {n for n in definition.items if "_" in n or len(n) > 3}
        for item in definition.items.values():
            names |= {c.name for c in item.items if "_" in c.name or len(c.name) > 3}
        yield form_id, names


def _saved_words(case: RenovationCase, paper: str) -> list[str]:
    """The words a paper must show for the answers the case saved."""
    parts = [p for p in case.items if isinstance(p, Mapping)]
    found: list[str] = []
    if paper == "assessment":
        last = [p for p in parts if p.get("part") == "assessment"][-1:]
        for key, value in (last[0] if last else {}).items():
            if key not in assessment.STAMP_KEYS and value not in ("", None):
                found.append(assessment.shown(key, value))
    plan = [p for p in parts if p.get("part") == "plan"]
    if paper in ("plan", "acceptance"):
        found += [str(line["name"]) for line in plan] + [str(line["code"]) for line in plan]
    if paper == "plan":
        found += [rules.yuan(int(line["amount_fen"])) for line in plan]
    if paper == "acceptance":
        last = [p for p in parts if p.get("part") == "acceptance"][-1:]
        for visit in last:
            found += [rules.ACCEPTANCE_RESULTS[r] for r in visit["results"].values()]
            found.append(rules.SATISFACTION[visit["satisfaction"]])
            found += [visit["reason"]] if visit.get("reason") else []
    return found


@pytest.mark.parametrize("paper", list(PAPERS))
def test_every_demo_case_paper_shows_its_answers_in_words(
    district_db: Database, paper: str
) -> None:
    with district_db.session() as s:
        cases = s.scalars(select(RenovationCase).order_by(RenovationCase.id)).all()
    assert {c.state for c in cases} >= {rules.NEED_REGISTERED, rules.ASSESSED, rules.SETTLED}
    prints = Prints(district_db, "m001001", clock=lambda: CLOCK)
    for case in cases:
        printed = prints.case_paper(case.id, paper, own_file=True)
        pages = page_texts(printed.pdf)
        text = "\n".join(pages)
        squashed = re.sub(r"\s+", "", text)
        raw = set(_WORD.findall(text)) & _raw_words(case)
        assert not raw, f"{paper} of a {case.state} case prints raw keys or codes: {raw}"
        missing = [w for w in _saved_words(case, paper) if re.sub(r"\s+", "", w) not in squashed]
        assert not missing, f"{paper} of a {case.state} case lacks {missing}"
        alone = signature_only_pages(printed.pdf)
        assert not alone, f"{paper} of a {case.state} case: pages {alone} hold only signatures"


def test_every_completed_form_a_of_the_demo_fits_on_two_pages(district_db: Database) -> None:
    """The paper form takes two pages: so does the print of every completed demo response
    of the year (the demo draws its answers the way the district's persons answer; all
    rounds were checked once: 695 responses, none over two pages)."""
    with district_db.session() as s:
        responses = s.scalars(
            select(FormResponse).where(
                FormResponse.form_id == "dynamic-update",
                FormResponse.survey_round == "2026",
                FormResponse.state.in_(sorted(print_sources.DONE)),
            )
        ).all()
        forms = [
            print_sources.response_print(s, district_db, r, Mode.COMPLETED, True, user="m")
            for r in responses
        ]
    assert len(forms) > 100 and {f.answers.get("method") for f in forms} >= {"1", "4"}
    result = render(forms, printed_by="m001001", printed_at=CLOCK)
    texts = page_texts(result.pdf)
    written: dict[str, int] = {}  # pages with the form on them (a batch pads to even)
    for record in result.records:
        own = texts[record.first_page - 1 : record.first_page - 1 + record.pages]
        written[record.ref.id] = len([page for page in own if "此页空白" not in page])
        last = re.sub(r"\s+", "", own[written[record.ref.id] - 1])
        assert "申报人签字" in last and "调查员签字" in last  # both sign, at the end
    assert max(written.values()) <= 2, sorted(written.values())[-5:]
    lost = [f.record.id for f in forms if f.answers.get("method") == "4"]
    assert {written[i] for i in lost} == {1}


_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TEXT_TYPES = frozenset({"text", "phone", "area"})


def _with_ids(definition: FormDefinition, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers with every text answer (and every text cell of a table) a record id,
    the way a pre-filled reference such as B1.1.18 holds one."""
    record = str(uuid.UUID(int=random.Random(definition.id).getrandbits(128), version=4))
    found = dict(answers)
    for item in definition.top_items():
        if item.type in _TEXT_TYPES:
            found[item.name] = record
        elif item.type == "repeat":
            rows = [r for r in found.get(item.name) or [] if isinstance(r, dict)] or [{}]
            columns = [c.name for c in item.items if c.type in _TEXT_TYPES]
            found[item.name] = [{**row, **dict.fromkeys(columns, record)} for row in rows]
    return found


@pytest.mark.parametrize("form", sorted(load_forms()), ids="@".join)
def test_no_paper_of_any_form_prints_a_record_id_or_an_item_key(form: tuple[str, str]) -> None:
    """Walks every form definition: whatever a text answer holds, a record id never
    reaches the paper, nor does an item's internal name; items show their numbers."""
    definition = get_form(*form)
    ctx = context()
    answers = _with_ids(definition, random_answers(definition, ctx, random.Random(3)))
    keys = {n for n in definition.items if "_" in n}
    for mode in Mode:
        printed = FormPrint(definition=definition, answers=answers, context=ctx,
                            subject=subject(ctx), record=RecordRef("form_response", RECORD_ID,
                            1, f"{form[0]}@{form[1]}", "2026"), mode=mode, own_file=True,
                            survey_round="2026")  # fmt: skip
        text = pdf_text(draw(printed).pdf)
        assert not _UUID_TEXT.search(text), (mode, _UUID_TEXT.findall(text)[:3])
        assert not keys & set(_WORD.findall(text)), (mode, keys & set(_WORD.findall(text)))
        numbered = [i.number for i in definition.top_items() if i.number]
        assert all(n in text for n in numbered), [n for n in numbered if n not in text]
