"""Print speed: 150 completed Form A prints in one PDF, against bare reportlab tables.

    python bench/prints.py            # 600-person district, 150 prints
    python bench/prints.py --quick    # 300 persons, 30 prints

`prints_s`: drawing the completed Form A prints of `prints` responses into one PDF with
`app.printing` (every item, option boxes, skips, header, QR code and page totals on every
page), from data read beforehand. `bare_s`: the same number of bare reportlab pages,
each holding a platypus table of the same size (one row per item: number, label and the
answer in words, same font), measured in the same run. Medians over repeated runs after
a warm-up; `service_s`: the same prints through `Prints.response` one at a time (reading
the store, drawing each into its own PDF, writing the audit event), for the whole batch,
also as medians over repeated passes after a warm-up pass (`service_ratio` to `bare_s`).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle
from sqlalchemy import select

from app.forms.engine import FormEngine
from app.printing.batches import render
from app.printing.fonts import FONT, register_font
from app.printing.form_print import FormPrint
from app.printing.model import Mode
from app.services.print_sources import response_print
from app.services.prints import Prints
from app.store.work import FormResponse
from bench.common import demo_database, median, percentile, report

REPEATS = 3


def bare_pages(forms: list[FormPrint]) -> float:
    """One page a response holding a table of its items and answers; returns seconds."""
    started = time.perf_counter()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONT)  # type: ignore[arg-type]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 6.5),
            ("GRID", (0, 0), (-1, -1), 0.25, "grey"),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        ]
    )
    for form in forms:
        engine = FormEngine(form.definition)
        values = engine.evaluate(form.answers, form.context).values
        rows = [
            [item.number, item.label[:30], engine.show(item, values.get(item.name))[:40]]
            for item in form.definition.top_items()
        ]
        table = Table(rows, colWidths=(14 * mm, 70 * mm, 90 * mm), style=style)
        _, height = table.wrapOn(canvas, 180 * mm, 277 * mm)
        table.drawOn(canvas, 15 * mm, A4[1] - 10 * mm - height)
        canvas.showPage()
    canvas.save()
    assert buffer.getvalue()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    persons, count = (300, 30) if args.quick else (600, 150)
    register_font()
    drawn: list[float] = []
    bare: list[float] = []
    with demo_database(persons, seed=3, work=True) as db:
        with db.session() as s:
            responses = s.scalars(
                select(FormResponse)
                .where(
                    FormResponse.form_id == "dynamic-update",
                    FormResponse.state.in_(("completed", "submitted", "accepted")),
                    FormResponse.survey_round == "2026",
                )
                .order_by(FormResponse.id)
                .limit(count)
            ).all()
            forms = [
                response_print(s, db, r, Mode.COMPLETED, True, user="bench") for r in responses
            ]
        assert len(forms) == count, f"only {len(forms)} completed responses"
        pages = 0
        for repeat in range(REPEATS + 1):  # the first round warms caches
            t0 = time.perf_counter()
            result = render(forms, printed_by="bench", printed_at=_now())
            t1 = time.perf_counter()
            bare_seconds = bare_pages(forms)
            pages = result.pages
            if repeat:
                drawn.append(t1 - t0)
                bare.append(bare_seconds)
        prints = Prints(db, "bench")
        served: list[float] = []
        for repeat in range(REPEATS + 1):  # the first pass warms caches, as above
            t0 = time.perf_counter()
            for response in responses:
                prints.response(response.id, Mode.COMPLETED, own_file=True)
            if repeat:
                served.append(time.perf_counter() - t0)
    report(
        "prints",
        {
            "prints": count,
            "pages": pages,
            "prints_s": median(drawn),
            "prints_p95_s": percentile(drawn, 95),
            "bare_s": median(bare),
            "bare_p95_s": percentile(bare, 95),
            "ratio": median(drawn) / median(bare),
            "service_s": median(served),
            "service_p95_s": percentile(served, 95),
            "service_ratio": median(served) / median(bare),
        },
    )


def _now() -> datetime:
    return datetime(2026, 11, 28, 9, 0)


if __name__ == "__main__":
    main()
