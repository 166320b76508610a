"""Print use cases: a response's form, a household's pre-filled forms, a day's planned visits,
a case's papers, a town's publicity list and its accepted cases, the printed reports.

Each use case runs in one transaction: it reads what the print needs, draws the PDF and
records the print in the audit log (who, what, when, which mode and copy; one event per
record printed), so the log never shows a print that was not made. ID numbers are masked
unless the caller asks for the person's own file copy (``own_file=True``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import renovation as rules
from app.domain.areas import address_key
from app.domain.issues import Issue, ValidationFailed
from app.domain.settings import load_settings
from app.printing import reports
from app.printing.batches import Printable, VisitCover, VisitLine, render
from app.printing.case_papers import acceptance_paper, assessment_paper, plan_paper
from app.printing.form_print import FormPrint
from app.printing.model import Mode, PdfResult, RecordRef
from app.printing.publicity import PublicityList
from app.services import audit
from app.services import print_sources as sources
from app.store import changes
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import FormResponse, RenovationCase, Visit

PAPERS = {
    "assessment": ("renovation-assessment", assessment_paper),
    "plan": ("renovation-plan", plan_paper),
    "acceptance": ("renovation-acceptance", acceptance_paper),
}
#: cases whose plan is approved: the ones a publicity list shows
PUBLICITY_STATES = (rules.PLAN_APPROVED, rules.PUBLICISED)
ACCEPTED_STATES = (rules.ACCEPTED, rules.SETTLED, rules.FOLLOWED_UP)


@dataclass(frozen=True)
class Printed:
    """A finished print: the PDF with its title, a file name and the font's warnings."""

    title: str
    file_name: str
    result: PdfResult

    @property
    def pdf(self) -> bytes:
        return self.result.pdf

    @property
    def pages(self) -> int:
        return self.result.pages

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.result.warnings


class Prints:
    """The print use cases of one signed-in user."""

    def __init__(
        self, db: Database, user: str, *, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self.db = db
        self.user = user
        self._clock = clock

    # -- forms -------------------------------------------------------------------------

    def response(
        self, response_id: str, mode: Mode = Mode.COMPLETED, *, own_file: bool = False
    ) -> Printed:
        """One form response, completed (for the paper file) or pre-filled (to check)."""
        with self.db.transaction() as s:
            response = changes.get_live(s, FormResponse, response_id)
            form = sources.response_print(s, self.db, response, mode, own_file, user=self.user)
            name = form.subject.person_name or form.subject.head_name
            title = f"{form.definition.title}（{name}）"
            return self._print(s, [form], title, "form", mode, own_file)

    def household_forms(
        self, household_id: str, *, year: int | None = None, own_file: bool = False
    ) -> Printed:
        """The pre-filled forms a visit to the household fills (Form A each person, Form B)."""
        year = year or load_settings().survey_year
        with self.db.transaction() as s:
            household = changes.get_live(s, Household, household_id)
            forms = self._household(s, household, year, own_file)
            if not forms:
                raise ValidationFailed([Issue("print.nothing", {"what": "该户本年度的调查表"})])
            title = f"{household.head_name}户入户调查表（预填，{year}年度）"
            return self._print(s, forms, title, "visit_forms", Mode.PREFILLED, own_file)

    def _household(
        self, s: Session, household: Household, year: int, own_file: bool
    ) -> list[FormPrint]:
        return [
            sources.response_print(s, self.db, r, Mode.PREFILLED, own_file, user=self.user)
            for r in sources.planned_responses(s, household, year)
        ]

    def day_visits(
        self, day: date, *, member: str | None = None, own_file: bool = False
    ) -> Printed:
        """All visits planned for `day` (of one member, or all) in one PDF, after a cover list."""
        with self.db.transaction() as s:
            query = select(Visit).where(
                Visit.planned_date == day, Visit.state == "planned", Visit.deleted.is_(False)
            )
            if member:
                query = query.where(Visit.member == member)
            visits = s.scalars(query.order_by(Visit.id)).all()
            homes = {v.id: changes.get_live(s, Household, v.household_id) for v in visits}
            # the order a member walks: village by village, then by address (house numbers
            # by value); the forms follow the cover's order
            visits = sorted(
                visits,
                key=lambda v: (
                    homes[v.id].area_code,
                    address_key(homes[v.id].address),
                    homes[v.id].head_name,
                ),
            )
            forms: list[FormPrint] = []
            lines: list[VisitLine] = []
            for visit in visits:
                household = homes[visit.id]
                printed = self._household(s, household, day.year, own_file)
                forms += printed
                lines.append(self._visit_line(s, household, printed))
            ref = RecordRef("visit_day", day.isoformat(), len(visits), "visits", member or "")
            cover = VisitCover(day, member or "全部专职委员", lines, ref)
            title = f"{day:%Y-%m-%d} 计划走访（{len(visits)} 户）"
            printed_all = self._print(
                s,
                [cover, *forms],
                title,
                "day_visits",
                Mode.PREFILLED,
                own_file,
                extra={"day": day.isoformat()},
            )
            for visit in visits:  # the cover lists each household: each visit is printed too
                self._audit(s, "visit", visit.id, {"kind": "visit_cover", "batch": title})
            return printed_all

    @staticmethod
    def _visit_line(s: Session, household: Household, forms: Sequence[FormPrint]) -> VisitLine:
        persons = s.scalars(
            select(Person.name).where(
                Person.household_id == household.id,
                Person.deleted.is_(False),
                Person.status == "active",
            )
        ).all()
        return VisitLine(
            village=sources.area_names(s, household.area_code).split(" ")[-1],
            head_name=household.head_name,
            address=household.address,
            phone=household.phone,
            persons="、".join(persons),
            forms="、".join(
                f"{sources.short_name(f.definition.id)}（{f.subject.person_name or '全户'}）"
                for f in forms
            ),
        )

    # -- renovation cases ----------------------------------------------------------------

    def case_paper(self, case_id: str, paper: str, *, own_file: bool = False) -> Printed:
        """One paper of a case: ``assessment``, ``plan`` or ``acceptance``."""
        if paper not in PAPERS:
            raise ValidationFailed([Issue("print.unknown_paper", {"paper": paper})])
        with self.db.transaction() as s:
            case = changes.get_live(s, RenovationCase, case_id)
            form = self._paper(s, case, paper, own_file)
            title = (
                f"{form.definition.title}（{form.subject.person_name or form.subject.head_name}）"
            )
            return self._print(s, [form], title, f"case_{paper}", form.mode, own_file)

    def _paper(self, s: Session, case: RenovationCase, paper: str, own_file: bool) -> FormPrint:
        form_id, build = PAPERS[paper]
        case_file = sources.case_file(s, self.db, case, user=self.user)
        return build(case_file, sources.form_definition(form_id), own_file)

    def publicity_list(self, area_code: str, year: int | None = None) -> Printed:
        """The publicity list of the cases of an area (a town: its 9-digit code) in a year."""
        year = year or load_settings().survey_year
        prefix = _prefix(area_code)
        with self.db.transaction() as s:
            cases = self._cases(s, prefix, year, PUBLICITY_STATES)
            lines = [sources.publicity_line(s, case) for case, _ in cases]
            area = sources.area_names(s, area_code.ljust(12, "0"))
            ref = RecordRef("publicity", area_code, len(cases), "publicity", str(year))
            title = f"{year}年度无障碍改造公示名单（{area}）"
            result = self._render([PublicityList(area, year, lines, ref)], title)
            for case, _ in cases:
                self._audit(
                    s,
                    "renovation_case",
                    case.id,
                    {"kind": "publicity", "copy": "shared", "batch": title},
                )
            return Printed(title, _file_name(title), result)

    def accepted_cases(
        self, area_code: str, year: int | None = None, *, own_file: bool = False
    ) -> Printed:
        """Every accepted case of an area (a town) in a year: its three papers each."""
        year = year or load_settings().survey_year
        prefix = _prefix(area_code)
        with self.db.transaction() as s:
            forms = [
                self._paper(s, case, paper, own_file)
                for case, _ in self._cases(s, prefix, year, ACCEPTED_STATES)
                for paper in PAPERS
            ]
            area = sources.area_names(s, area_code.ljust(12, "0"))
            title = f"{year}年度已验收无障碍改造个案（{area}，{len(forms) // len(PAPERS)} 户）"
            return self._print(s, forms, title, "accepted_cases", Mode.COMPLETED, own_file)

    @staticmethod
    def _cases(
        s: Session, prefix: str, year: int, states: Sequence[str]
    ) -> list[tuple[RenovationCase, Household]]:
        rows = s.execute(
            select(RenovationCase, Household)
            .join(Household, Household.id == RenovationCase.household_id)
            .where(
                RenovationCase.year == year,
                RenovationCase.state.in_(states),
                RenovationCase.deleted.is_(False),
                Household.area_code.startswith(prefix),
            )
            .order_by(Household.area_code, Household.address, RenovationCase.id)
        ).all()
        return [(case, household) for case, household in rows]

    # -- reports -------------------------------------------------------------------------

    def weekly_report(
        self, area_code: str, survey_round: str, as_of: date | None = None
    ) -> Printed:
        """The weekly progress report of an area (the district, a town or a village)."""
        day = as_of or self._clock().date()
        with self.db.transaction() as s:
            report = reports.weekly(s, area_code, survey_round, day)
            return self._report(s, report)

    def statistics_report(self, area_code: str, year: int, as_of: date | None = None) -> Printed:
        """The year's statistics of an area."""
        day = as_of or self._clock().date()
        with self.db.transaction() as s:
            report = reports.statistics(s, area_code, year, day)
            return self._report(s, report)

    def _report(self, s: Session, report: reports.Report) -> Printed:
        result = reports.render_report(report, printed_by=self.user, printed_at=self._clock())
        detail = {
            "kind": report.kind,
            "copy": "shared",  # a report names no disabled person
            "round": report.survey_round,
            "as_of": report.as_of.isoformat(),
            "pages": result.pages,
            "title": report.title,
        }
        self._audit(s, "report", report.area_code, detail)
        return Printed(report.title, _file_name(report.title), result)

    # -- drawing and the audit log -----------------------------------------------------

    def _render(self, printables: Sequence[Printable], title: str) -> PdfResult:
        """Drawn inside the caller's transaction, from what it read."""
        return render(printables, printed_by=self.user, printed_at=self._clock(), title=title)

    def _print(
        self,
        s: Session,
        printables: Sequence[Printable],
        title: str,
        kind: str,
        mode: Mode,
        own_file: bool,
        *,
        extra: dict[str, Any] | None = None,
    ) -> Printed:
        result = self._render(printables, title)
        for record in result.records:
            if record.ref.entity == "visit_day":
                continue  # the cover: each visit gets its own event
            detail: dict[str, Any] = {
                "kind": kind,
                "mode": mode.value,
                "copy": "own_file" if own_file else "shared",
                "form": record.ref.form,
                "round": record.ref.round,
                "rev": record.ref.rev,
                "pages": record.pages,
                "title": title,
                "warnings": len(result.warnings),
                **(extra or {}),
            }
            self._audit(s, record.ref.entity, record.ref.id, detail)
        return Printed(title, _file_name(title), result)

    def _audit(self, s: Session, entity: str, record_id: str, detail: dict[str, Any]) -> None:
        """One print event (AuditEvent through the write path, so it syncs)."""
        audit.record_in(s, self.user, "print", entity, record_id, detail)


def _prefix(area_code: str) -> str:
    """The code prefix of everything in an area: "330213001000" (a town) -> "330213001"."""
    code = area_code
    while len(code) > 6 and code.endswith("000"):
        code = code[:-3]
    return code


def _file_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_（）()" else "_" for c in title)
    return f"{keep.strip('_')}.pdf"
