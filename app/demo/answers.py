"""Plausible random answers for any form definition, for the demo district."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.forms.context import FormContext
from app.forms.definition import FormDefinition, Item
from app.forms.engine import FormEngine

TEXTS = ("已核实", "情况正常", "无", "见附件", "家属代答")


def _value(item: Item, rng: random.Random, day: date) -> Any:
    kind = item.type
    if kind in ("single", "yesno"):
        return rng.choice(item.option_codes)
    if kind == "multi":
        if item.none is not None and rng.random() < 0.45:
            return [item.none]
        choices = [c for c in item.option_codes if c != item.none]
        return sorted(rng.sample(choices, k=min(len(choices), rng.choice((1, 1, 2)))))
    if kind == "integer":
        low = int(item.min if item.min is not None else 0)
        high = int(item.max if item.max is not None else low + 10)
        return rng.randint(low, high)
    if kind in ("decimal", "money"):
        floor = float(item.min) if item.min is not None else 0.0
        ceiling = float(item.max) if item.max is not None else 5000.0
        return round(rng.uniform(floor, ceiling), 2)
    if kind == "date":
        return (day - timedelta(days=rng.randint(0, 60))).isoformat()
    if kind == "phone":
        return "13" + "".join(rng.choice("0123456789") for _ in range(9))
    if kind in ("photo", "signature"):
        return f"demo-{kind}"
    if kind == "gps":
        return {
            "lat": round(29.6 + rng.random() * 0.2, 5),
            "lon": round(121.3 + rng.random() * 0.3, 5),
        }
    if kind == "text":
        return rng.choice(TEXTS)
    return None


def random_answers(
    form: FormDefinition,
    context: FormContext,
    rng: random.Random,
    *,
    overrides: dict[str, Any] | None = None,
    engine: FormEngine | None = None,
) -> dict[str, Any]:
    """A response that fills every item with a plausible value, then cleaned by the engine."""
    engine = engine or FormEngine(form)
    answers = engine.prefill(context)
    day = context.reference_date.replace(month=3, day=1)
    for item in form.top_items():
        if item.name in answers or (not item.is_input and item.type != "repeat"):
            continue
        if item.type == "repeat":
            rows = answers.get(item.name) or [{}]
            answers[item.name] = [
                {c.name: row.get(c.name, _value(c, rng, day)) for c in item.items if c.is_input}
                for row in rows
            ]
        else:
            answers[item.name] = _value(item, rng, day)
    answers.update(overrides or {})
    return engine.clean(answers, context)
