"""The export use case of the program: write a template's file from the laptop's database
and record it in the audit log (who, when, which export, how many rows)."""

from __future__ import annotations

from pathlib import Path

from app.exports.fields import ExportParams
from app.exports.templates import ExportTemplate
from app.exports.write import Progress, audit_detail, write_export
from app.services import audit
from app.store.database import Database


def export_to_file(
    db: Database,
    user: str,
    template: ExportTemplate,
    params: ExportParams,
    path: Path,
    progress: Progress | None = None,
) -> int:
    """Write the export to `path` and audit it; returns the number of rows written."""
    with db.session() as s:
        rows = write_export(s, template, params, path, progress=progress)
    audit.record(
        db, user, "export", "export", template.id, audit_detail(template, params, path, rows)
    )
    return rows
