"""Needs from Form A by disability category, from the one pass over the round's forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.domain.codes import load_code_lists
from app.domain.needs import NEEDS
from app.reports.figure import Cell, Chart, Figure, day_words, share
from app.reports.progress_a import form_a_pass

if TYPE_CHECKING:
    from app.reports.statistics import StatScope

TOTAL = "合计"


def needs_figures(session: Session, scope: StatScope) -> list[Figure]:
    """Counts and shares of each need by category, over the round's done Form A responses."""
    by_category: dict[str, list[int]] = {}
    for (_, category), values in form_a_pass(
        session, scope.area_code, str(scope.year), scope.as_of
    ).items():
        old = by_category.get(category, [0] * (len(NEEDS) + 1))
        mine = values[-(len(NEEDS) + 1) :]  # surveyed, then each need
        by_category[category] = [a + b for a, b in zip(old, mine, strict=True)]
    categories = [(i.code, i.label) for i in load_code_lists()["disability_category"]]
    surveyed_by = {code: by_category.get(code, [0])[0] for code, _ in categories}
    whole = sum(v[0] for v in by_category.values())
    counts: list[tuple[Cell, ...]] = []
    shares: list[tuple[Cell, ...]] = []
    for index, need in enumerate(NEEDS, start=1):
        per = [by_category.get(code, [0] * (len(NEEDS) + 1))[index] for code, _ in categories]
        total = sum(v[index] for v in by_category.values())
        counts.append((need.label, *per, total, share(total, whole)))
        shares.append(
            (
                need.label,
                *(share(n, surveyed_by[c]) for n, (c, _) in zip(per, categories, strict=True)),
                share(total, whole),
            )
        )
    counts.append(("调查人数", *surveyed_by.values(), whole, 100.0 if whole else 0.0))
    base = (
        f"{scope.year}年度动态更新调查（表A）中状态正常的持证残疾人已完成（已完成、已提交、已通过）且非失访的表（与进度表的已完成同一口径），"
        f"按持证人现在的残疾类别分列；{scope.area_name}，截至{day_words(scope.as_of)}。各项需求："
        + "；".join(f"{n.label}＝{n.source}" for n in NEEDS)
        + "。"
    )
    labels = [label for _, label in categories]
    return [
        scope.figure(
            "stats.needs.counts",
            "残疾人需求（人数）",
            base + "占比＝有该需求的人数÷调查人数。",
            columns=("需求", *labels, TOTAL, "占调查人数(%)"),
            rows=tuple(counts),
            chart=Chart("bar", 0, (len(labels) + 1,)),
        ),
        scope.figure(
            "stats.needs.shares",
            "残疾人需求（占各类别调查人数的比例，%）",
            base + "各类别的比例＝该类别有该需求的人数÷该类别调查人数。",
            columns=("需求", *labels, TOTAL),
            rows=tuple(shares),
            chart=Chart("bar", 0, (len(labels) + 1,)),
        ),
    ]
