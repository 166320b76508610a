"""The print service on a real encrypted district: what it reads, prints and records."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from PIL import Image, ImageFilter
from sqlalchemy import func, select

from app.domain import renovation as rules
from app.domain.issues import ValidationFailed
from app.domain.masking import mask_id
from app.printing.model import Mode, parse_record_code
from app.services.attachments import attach
from app.services.prints import Prints
from app.store import changes
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Household, Person
from app.store.work import AuditEvent, FormResponse, RenovationCase, Visit
from tests.printing.pdf_tools import (
    image_count,
    needs_poppler,
    page_image,
    page_texts,
    pdf_text,
    qr_texts,
)

pytestmark = needs_poppler
CLOCK = datetime(2026, 11, 28, 9, 0)


def prints(db: Database) -> Prints:
    return Prints(db, "m001001", clock=lambda: CLOCK)


def events(db: Database) -> list[AuditEvent]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == "print")))


def done_response(db: Database) -> FormResponse:
    with db.session() as s:
        found = s.scalars(
            select(FormResponse).where(
                FormResponse.form_id == "dynamic-update",
                FormResponse.state == "accepted",
                FormResponse.survey_round == "2026",
            )
        ).first()
        assert found is not None
        return found


def test_printing_a_response_records_who_what_when_and_which_mode(district_db: Database) -> None:
    response = done_response(district_db)
    printed = prints(district_db).response(response.id, Mode.COMPLETED, own_file=True)
    assert printed.pages >= 2 and printed.file_name.endswith(".pdf")
    [event] = events(district_db)
    assert (event.username, event.target_entity, event.target_id) == (
        "m001001", "form_response", response.id)  # fmt: skip
    assert event.detail["mode"] == "completed" and event.detail["copy"] == "own_file"
    assert event.detail["pages"] == printed.pages
    assert event.detail["form"] == "dynamic-update@2021.1"
    with district_db.session() as s:  # through the write path: it syncs like any record
        assert s.scalars(select(OutboxOp).where(OutboxOp.record_id == event.id)).one()
        person = s.get(Person, response.person_id)
        assert person is not None
    text = pdf_text(printed.pdf)
    assert person.name in text and person.id_number in text  # the person's own copy


def test_a_shared_copy_masks_the_id(district_db: Database) -> None:
    response = done_response(district_db)
    printed = prints(district_db).response(response.id, Mode.COMPLETED)
    with district_db.session() as s:
        person = s.get(Person, response.person_id)
        assert person is not None
    text = pdf_text(printed.pdf)
    assert person.id_number not in text and mask_id(person.id_number) in text
    assert events(district_db)[0].detail["copy"] == "shared"


def test_the_qr_code_names_the_response(district_db: Database) -> None:
    response = done_response(district_db)
    printed = prints(district_db).response(response.id)
    ref = parse_record_code(qr_texts(page_image(printed.pdf, 1))[0])
    assert (ref.entity, ref.id, ref.rev) == ("form_response", response.id, response.rev)


def test_a_households_prefilled_forms_cover_each_active_person(district_db: Database) -> None:
    with district_db.session() as s:
        household = s.scalars(
            select(Household)
            .join(Person, Person.household_id == Household.id)
            .where(Person.status == "active")
            .order_by(Household.id)
        ).first()
        assert household is not None
        persons = s.scalars(
            select(Person).where(Person.household_id == household.id, Person.status == "active")
        ).all()
    printed = prints(district_db).household_forms(household.id, year=2026)
    text = pdf_text(printed.pdf)
    assert "预填空白表" in text
    for person in persons:
        assert person.name in text and person.id_number not in text
    assert len(printed.result.records) >= len(persons)
    recorded = events(district_db)
    assert len(recorded) == len(printed.result.records)
    assert {e.detail["mode"] for e in recorded} == {"prefilled"}


def test_a_days_planned_visits_print_in_one_pdf(district_db: Database) -> None:
    with district_db.transaction() as s:
        households = s.scalars(select(Household).order_by(Household.id).limit(3)).all()
        visits = [
            changes.create(s, Visit, {"household_id": h.id, "planned_date": day,
                                      "member": "m001001"}, user="m001001").id
            for h, day in zip(households, (date(2026, 12, 1), date(2026, 12, 1),
                                           date(2026, 12, 2)), strict=True)
        ]  # fmt: skip
    with district_db.transaction() as s:  # a cancelled visit of the day is not printed
        cancelled = changes.create(s, Visit, {"household_id": households[2].id,
                                              "planned_date": date(2026, 12, 1),
                                              "member": "m001001", "state": "cancelled"},
                                   user="m001001")  # fmt: skip
        assert cancelled.id not in visits
    printed = prints(district_db).day_visits(date(2026, 12, 1), member="m001001")
    text = pdf_text(printed.pdf)
    assert "2026年12月01日 计划走访清单" in text
    assert households[0].head_name in text and households[1].head_name in text
    assert printed.result.records[0].ref.entity == "visit_day"
    assert len(printed.result.records) > 2
    assert printed.pages == sum(r.pages for r in printed.result.records)
    visit_events = [e for e in events(district_db) if e.target_entity == "visit"]
    assert {e.target_id for e in visit_events} == set(visits[:2])


def photo(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), color).save(out, "JPEG")
    return out.getvalue()


def case_in(db: Database, state: str) -> RenovationCase:
    with db.session() as s:
        found = s.scalars(select(RenovationCase).where(RenovationCase.state == state)).first()
        assert found is not None
        return found


def test_the_acceptance_paper_shows_the_case_photos(district_db: Database) -> None:
    case = case_in(district_db, rules.ACCEPTED)
    code = next(p["code"] for p in case.items if p.get("part") == "plan")
    # as the case page stores them: the stage as tag, the plan item's code as caption
    taken = datetime(2026, 9, 1, 10)
    for stage, caption, color in (
        ("before", code, (200, 80, 80)),
        ("after", code, (80, 200, 80)),
        ("before", "", (80, 80, 200)),
    ):
        attach(district_db, "m001001", owner_entity="renovation_case", owner_id=case.id,
               data=photo(color), mime="image/jpeg", tag=stage, caption=caption,
               taken_at=taken)  # fmt: skip
    printed = prints(district_db).case_paper(case.id, "acceptance")
    assert image_count(printed.pdf) == 3
    text = pdf_text(printed.pdf)
    assert "改造前后照片对照" in text and "整体" in text  # the whole home: a pair of its own
    assert "改造前 2026-09-01" in text and "改造后 2026-09-01" in text
    [event] = events(district_db)
    assert (event.target_entity, event.target_id) == ("renovation_case", case.id)
    assert event.detail["kind"] == "case_acceptance"


@pytest.mark.parametrize("paper", ["assessment", "plan", "acceptance"])
def test_each_case_paper_prints(district_db: Database, paper: str) -> None:
    case = case_in(district_db, rules.SETTLED)
    printed = prints(district_db).case_paper(case.id, paper)
    assert printed.pages >= 1
    ref = parse_record_code(qr_texts(page_image(printed.pdf, 1))[0])
    assert ref.id == case.id and ref.form.startswith("renovation-")


def test_the_publicity_list_and_the_accepted_cases_of_the_district(district_db: Database) -> None:
    listed = prints(district_db).publicity_list("330213000000", 2026)
    text = pdf_text(listed.pdf)
    assert "无障碍改造公示名单" in text
    with district_db.session() as s:
        shown = s.scalars(
            select(RenovationCase).where(
                RenovationCase.state.in_((rules.PLAN_APPROVED, rules.PUBLICISED))
            )
        ).all()
        persons = [s.get(Person, c.person_id) for c in shown]
    assert shown
    for person in persons:
        assert person is not None
        assert person.id_number not in text and mask_id(person.id_number) in text
    assert {e.target_id for e in events(district_db)} == {c.id for c in shown}
    batch = prints(district_db).accepted_cases("330213000000", 2026)
    accepted = [r for r in batch.result.records if r.ref.entity == "renovation_case"]
    assert len(accepted) % 3 == 0 and accepted  # three papers a case
    assert "验收表" in pdf_text(batch.pdf)


def test_a_rare_name_prints_and_a_missing_character_is_reported(district_db: Database) -> None:
    response = done_response(district_db)
    with district_db.transaction() as s:
        changes.update(s, Person, str(response.person_id), {"name": "王堃\U00020000"},
                       user="m001001")  # fmt: skip
    printed = prints(district_db).response(response.id, Mode.PREFILLED)
    text = pdf_text(printed.pdf)
    assert "王堃〓" in text
    assert printed.warnings and "U+20000" in printed.warnings[0]
    assert events(district_db)[0].detail["warnings"] == len(printed.warnings)


def test_a_print_that_fails_records_nothing(district_db: Database) -> None:
    case = case_in(district_db, rules.SETTLED)
    with pytest.raises(ValidationFailed):
        prints(district_db).case_paper(case.id, "contract")
    with pytest.raises(ValidationFailed):
        prints(district_db).response("no-such-response")
    assert events(district_db) == []


def test_the_published_pages_say_which_page_of_how_many(district_db: Database) -> None:
    printed = prints(district_db).response(done_response(district_db).id)
    pages = pdf_text(printed.pdf).split("\f")[:-1]
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in re.sub(r"\s+", "", page)


def test_every_batch_gives_each_record_its_own_sheets(district_db: Database) -> None:
    """Printed on both sides, a batch splits into each record's sheets: every record ends
    on an even page, the padding page says 此页空白 and nothing else of a form."""
    with district_db.transaction() as s:
        households = s.scalars(select(Household).order_by(Household.id).limit(4)).all()
        for h in households:
            changes.create(s, Visit, {"household_id": h.id, "planned_date": date(2026, 12, 1),
                                      "member": "m001001"}, user="m001001")  # fmt: skip
        several = s.scalars(  # a household of two persons or more: two Form A at least
            select(Person.household_id)
            .where(Person.status == "active", Person.deleted.is_(False))
            .group_by(Person.household_id)
            .having(func.count() > 1)
        ).first()
    service = prints(district_db)
    batches = [
        service.day_visits(date(2026, 12, 1)),
        service.household_forms(str(several), year=2026),
        service.accepted_cases("330213000000", 2026),
    ]
    for printed in batches:
        records = printed.result.records
        assert len(records) > 1 and printed.pages == sum(r.pages for r in records)
        assert all(r.pages % 2 == 0 for r in records), [r.pages for r in records]
        pages = page_texts(printed.pdf)
        for record in records:
            last = pages[record.first_page + record.pages - 2]
            if "此页空白" in last:  # the padding: the record's band, the words, the footer
                assert len([line for line in last.splitlines() if line.strip()]) == 5
    single = service.response(done_response(district_db).id)
    assert "此页空白" not in pdf_text(single.pdf)  # one record: no padding


def test_the_day_cover_lists_visits_by_village_and_house_number(district_db: Database) -> None:
    with district_db.transaction() as s:
        village = s.scalars(
            select(Household.area_code)
            .group_by(Household.area_code)
            .having(func.count() >= 3)
            .order_by(Household.area_code)
        ).first()
        homes = s.scalars(select(Household).where(Household.area_code == village).limit(3)).all()
        other = s.scalars(
            select(Household).where(Household.area_code > village).order_by(Household.area_code)
        ).first()
        assert len(homes) == 3 and other is not None
        for home, address in zip(homes, ("前进路10号", "前进路9号", "前进路100号"), strict=True):
            changes.update(s, Household, home.id, {"address": address}, user="m001001")
        for home in (other, *homes):  # planned in another order than the walk's
            changes.create(s, Visit, {"household_id": home.id, "planned_date": date(2026, 12, 3),
                                      "member": "m001001"}, user="m001001")  # fmt: skip
    printed = prints(district_db).day_visits(date(2026, 12, 3))
    cover = page_texts(printed.pdf)[0]
    order = [cover.index(a) for a in ("前进路9号", "前进路10号", "前进路100号", other.address)]
    assert order == sorted(order)
    first_form = page_texts(printed.pdf)[printed.result.records[1].first_page - 1]
    assert "前进路9号" in first_form  # the forms follow the cover's order


def test_every_kind_of_paper_has_a_code_on_every_page_read_from_a_150_dpi_scan(
    district_db: Database,
) -> None:
    """Each page rendered at 150 dpi, softened like a scanner's picture (a 1.2 pixel blur:
    codes of 0.42 mm modules stopped reading at 1.1), decodes to the paper's record."""
    settled = case_in(district_db, rules.SETTLED)
    with district_db.transaction() as s:
        form_b = s.scalars(select(FormResponse).where(
            FormResponse.form_id == "income-monitoring", FormResponse.state == "accepted")
        ).first()  # fmt: skip
        household = s.scalars(select(Household).order_by(Household.id)).first()
        assert form_b is not None and household is not None
        changes.create(s, Visit, {"household_id": household.id, "planned_date": date(2026, 12, 4),
                                  "member": "m001001"}, user="m001001")  # fmt: skip
    service = prints(district_db)
    printed = [
        service.response(done_response(district_db).id, own_file=True),
        service.response(form_b.id),
        *(service.case_paper(settled.id, paper) for paper in ("assessment", "plan", "acceptance")),
        service.day_visits(date(2026, 12, 4)),
        service.publicity_list("330213000000", 2026),
    ]
    for paper in printed:
        for record in paper.result.records:
            for page in range(record.first_page, record.first_page + record.pages):
                scan = page_image(paper.pdf, page, dpi=150).filter(ImageFilter.GaussianBlur(1.2))
                codes = qr_texts(scan)
                assert len(codes) == 1, (paper.title, page)
                assert parse_record_code(codes[0]) == record.ref
