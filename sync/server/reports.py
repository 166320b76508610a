"""The printed reports from the server's command line: `report weekly|statistics`, each
checked (area, round, date) with a Chinese message and recorded in the audit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.printing.model import PdfResult
from app.printing.reports import statistics_report, weekly_report
from app.reports.scope import full_code, prefix
from app.store.registry import Area
from app.store.work import FormResponse
from sync.server import audit, published
from sync.server.admin import AdminError
from sync.server.db import ServerDatabase

KINDS = ("weekly", "statistics")
PRINTED_BY = "服务器命令行"
_ROUND = re.compile(r"\d{4}(Q[1-4])?")


def as_of_date(text: str | None) -> date:
    """The day the report counts to (today when not given)."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AdminError(f"统计截至日期应写作 年-月-日，如 2026-11-20：{text!r}") from None


def print_report(
    database: ServerDatabase,
    kind: str,
    area_code: str,
    survey_round: str,
    out: Path,
    as_of: date,
) -> PdfResult:
    """Write one report to `out`; refuses a bad area, round or date with a clear message."""
    if kind not in KINDS:
        raise AdminError(f"报表只有 weekly（进度周报）和 statistics（年度统计）：{kind!r}")
    if not _ROUND.fullmatch(survey_round):
        raise AdminError(f"调查轮次应为年份（如 2026）或季度（如 2026Q3）：{survey_round!r}")
    if kind == "statistics" and "Q" in survey_round:
        raise AdminError(f"年度统计按年：--round 请给年份，如 {survey_round[:4]}")
    try:
        code = prefix(area_code)
    except ValueError as exc:
        raise AdminError(str(exc)) from None
    with database.read() as s:
        published.put_in_use(s)  # the forms and settings the district published
        if s.scalar(select(Area.code).where(Area.code == full_code(code))) is None:
            raise AdminError(
                f"区划表中没有区域代码 {area_code}（区 6 位、镇街 9 位、村社区 12 位）"
            )
        if kind == "weekly":
            found = s.scalar(
                select(FormResponse.id).where(FormResponse.survey_round == survey_round).limit(1)
            )
            if found is None:
                raise AdminError(f"调查轮次 {survey_round} 没有任何调查表：请检查 --round")
            result = weekly_report(s, code, survey_round, as_of, printed_by=PRINTED_BY)
        else:
            result = statistics_report(s, code, int(survey_round), as_of, printed_by=PRINTED_BY)
    try:
        out.write_bytes(result.pdf)
    except OSError as exc:
        raise AdminError(f"无法写入 {out}：{exc.strerror or exc}") from None
    with database.write() as s:
        audit.record(
            s,
            "admin",
            "",
            "report",
            {
                "kind": kind,
                "area": code,
                "round": survey_round,
                "as_of": as_of.isoformat(),
                "pages": result.pages,
                "file": str(out),
            },
            "",
        )
    return result
