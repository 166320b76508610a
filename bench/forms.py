"""Form engine speed: validate a complete Form A response, pre-fill one from last year.

    python bench/forms.py            # 2,000-person district, 300 responses
    python bench/forms.py --quick    # 300 persons, 50 responses

`validate_ms`: FormEngine.validate on a complete response (relevance, calculations,
type checks, constraints, the note-on-change check against last year).
`prefill_ms`: reading the registry facts and last year's accepted response from
the encrypted database and pre-filling a new response (what starting a form does).
`bare_eval_ms`: evaluating each of the form's expressions once with simpleeval
directly, the floor under validation, measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from simpleeval import EvalWithCompoundTypes
from sqlalchemy import select

from app.forms.engine import FormEngine
from app.forms.expressions import FUNCTIONS
from app.forms.loader import get_form
from app.services.facts import registry_facts
from app.services.responses import Responses
from app.store.work import FormResponse
from bench.common import demo_database, median, percentile, report

REPEATS = 5


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    persons, samples = (300, 50) if args.quick else (2_000, 300)
    form = get_form("dynamic-update", "2021.1")
    engine = FormEngine(form)
    expressions = [
        e
        for item in form.items.values()
        for e in (item.relevant, item.calculate, *(c.expression for c in item.constraints))
        if e is not None
    ] + [s.relevant for s in form.sections if s.relevant is not None]
    validate: list[float] = []
    prefill: list[float] = []
    bare: list[float] = []
    with demo_database(persons, work=True) as db:
        responses = Responses(db, "bench", "member")
        with db.session() as s:
            done = s.scalars(
                select(FormResponse)
                .where(FormResponse.form_id == form.id, FormResponse.state == "accepted",
                       FormResponse.survey_round == "2026")
                .limit(samples)
            ).all()  # fmt: skip
            cases = [(r, responses.context(s, r), responses.last_accepted(s, r)) for r in done]
        for repeat in range(REPEATS + 1):  # the first round warms caches
            for response, context, last in cases:
                t0 = time.perf_counter()
                issues = engine.validate(response.answers, context, last=last)
                t1 = time.perf_counter()
                with db.session() as s:
                    facts = registry_facts(s, response.household_id, response.person_id)
                    previous = responses.last_accepted(s, response)
                engine.prefill(context, previous)
                t2 = time.perf_counter()
                names = dict(context.names(), **dict.fromkeys(form.items))
                names.update(response.answers)
                evaluator = EvalWithCompoundTypes(names=names, functions=FUNCTIONS)
                for expression in expressions:
                    with contextlib.suppress(Exception):
                        evaluator.eval(expression.source, previously_parsed=expression.tree)
                t3 = time.perf_counter()
                assert not [i for i in issues if i.is_error], issues
                assert facts
                if repeat:
                    validate.append((t1 - t0) * 1000)
                    prefill.append((t2 - t1) * 1000)
                    bare.append((t3 - t2) * 1000)
    report(
        "forms",
        {
            "responses": len(cases),
            "validate_ms": median(validate),
            "validate_p95_ms": percentile(validate, 95),
            "prefill_ms": median(prefill),
            "prefill_p95_ms": percentile(prefill, 95),
            "bare_eval_ms": median(bare),
            "ratio_validate": median(validate) / median(bare),
        },
    )


if __name__ == "__main__":
    main()
