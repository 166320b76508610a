"""Reading printed reports back: the rows of a figure's table from pdftotext's layout text,
the content streams of a PDF, and the Form A counts by town counted in SQL of our own."""

from __future__ import annotations

import html
import re
import subprocess
import zlib

from sqlalchemy import text
from sqlalchemy.orm import Session

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def table_rows(layout_text: str, names: set[str], cells: int) -> dict[str, list[str]]:
    """The printed rows whose first cell is one of `names` followed by `cells` numbers
    (a chart's category label has a value or two beside it, not a row's worth)."""
    found: dict[str, list[str]] = {}
    for line in layout_text.splitlines():
        tokens = line.split()
        numbers = all(_NUMBER.match(token) for token in tokens[1:])
        if len(tokens) == cells + 1 and tokens[0] in names and numbers:
            found.setdefault(tokens[0], tokens[1:])
    return found


def page_operators(pdf: bytes) -> list[str]:
    """The decompressed content of every stream of the PDF."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\n?endstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            out.append("")
    return out


def form_a_by_town(
    session: Session, district: str, survey_round: str
) -> dict[str, tuple[int, int, int]]:
    """Town name -> (persons due, Form A done, of them accepted), counted here in plain SQL:
    active persons of live households; done = completed, submitted or accepted."""
    rows = session.execute(
        text(
            """
            SELECT a.name, count(p.id),
                   sum(CASE WHEN r.state IN ('completed', 'submitted', 'accepted')
                            THEN 1 ELSE 0 END),
                   sum(CASE WHEN r.state = 'accepted' THEN 1 ELSE 0 END)
            FROM person p
            JOIN household h ON h.id = p.household_id
            JOIN area a ON a.code = substr(h.area_code, 1, 9) || '000'
            LEFT JOIN form_response r
              ON r.person_id = p.id AND r.form_id = 'dynamic-update'
             AND r.survey_round = :round AND r.deleted = :no
            WHERE p.deleted = :no AND p.status = 'active' AND h.deleted = :no
              AND h.area_code LIKE :district
            GROUP BY a.name
            """
        ),
        {"round": survey_round, "no": False, "district": district + "%"},
    )
    return {
        name: (int(due), int(done or 0), int(accepted or 0)) for name, due, done, accepted in rows
    }


def word_boxes(pdf: bytes) -> list[tuple[float, float, float, float, str]]:
    """Every word of the PDF with its box (xMin, yMin, xMax, yMax, text), from pdftotext."""
    done = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                          check=True)  # fmt: skip
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        done.stdout.decode(),
    )
    return [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in found]
