"""Exports from the server's database through the templates of `resources/exports/`
(`python -m sync.server export NAME --round 2026 --out FILE.xlsx`), audited."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

from app.domain.months import parse_month
from app.exports.fields import ExportParams, area_code_from
from app.exports.templates import all_templates, load_template
from app.exports.write import ExportError, audit_detail, write_export
from sync.server import audit, published
from sync.server.admin import AdminError, Doer
from sync.server.db import ServerDatabase

#: what `export-responses --form` used to write, as templates
FORM_TEMPLATES = {"dynamic-update": "form-a-upper", "income-monitoring": "form-b"}


def template_lines() -> list[str]:
    """One line per template: its name, what it is, the parameters it takes."""
    return [
        f"{t.id}\t{t.title}\t{' '.join('--' + p for p in t.params)}\t{t.purpose}"
        for t in all_templates().values()
    ]


def _user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def run_export(
    database: ServerDatabase,
    name: str,
    survey_round: str,
    area: str,
    path: Path,
    month: str = "",
    *,
    doer: Doer | None = None,
) -> int:
    """Write the export `name` to `path` and audit it; returns the number of rows."""
    try:
        template = load_template(name)
        params = ExportParams(
            survey_round=survey_round or "",
            area_code=area_code_from(area) if area else "",
            as_of=date.today(),
            month=parse_month(month) if month else "",
        )
        with database.read() as s:
            published.put_in_use(s)  # the forms and settings the district published
            rows = write_export(s, template, params, path)
    except (ExportError, ValueError) as exc:
        raise AdminError(str(exc)) from exc
    with database.write() as s:
        detail = audit_detail(template, params, path, rows)
        if doer is None:
            audit.record(s, _user(), "", "export", detail, "")
        else:
            doer.record(s, "export", detail)
    return rows
