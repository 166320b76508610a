"""Evaluation order of a form's items: dependencies first, and no cycles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.forms.definition import FormDefinition, Item


def _dependencies(item: Item, section_names: Iterable[str], candidates: set[str]) -> set[str]:
    names: set[str] = set(section_names)
    for expression in (item.relevant, item.calculate):
        if expression is not None:
            names |= expression.names
    for sub in item.items:
        for expression in (sub.relevant, sub.calculate):
            if expression is not None:
                names |= expression.names
    return (names & candidates) - {item.name}


def _topological(graph: Mapping[str, set[str]], written_order: list[str]) -> list[str]:
    """Dependencies first; items without dependencies between them keep the written order."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    path: list[str] = []

    def visit(name: str) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = [*path[path.index(name) :], name]
            raise ValueError(f"计算或显示条件形成循环：{' → '.join(cycle)}")
        state[name] = 1
        path.append(name)
        for dep in sorted(graph[name], key=written_order.index):
            visit(dep)
        path.pop()
        state[name] = 2
        order.append(name)

    for name in written_order:
        visit(name)
    return order


def evaluation_order(
    definition: FormDefinition,
) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], dict[str, Item]]:
    """Top-level order, each repeat's column order, and every item by name."""
    items: dict[str, Item] = {}
    top = definition.top_items()
    for item in top:
        items[item.name] = item
        for sub in item.items:
            items[sub.name] = sub
    top_names = {i.name for i in top}
    graph: dict[str, set[str]] = {}
    for item in top:
        section = definition.section_of(item)
        section_names = section.relevant.names if section.relevant else frozenset()
        deps = _dependencies(item, section_names, top_names)
        # a column reading the repeat's other columns is the repeat's own business
        graph[item.name] = deps
    order = _topological(graph, [i.name for i in top])
    repeat_order: dict[str, tuple[str, ...]] = {}
    for item in top:
        if item.type == "repeat":
            columns = {c.name for c in item.items}
            sub_graph = {c.name: _dependencies(c, (), columns) for c in item.items}
            repeat_order[item.name] = tuple(_topological(sub_graph, [c.name for c in item.items]))
    return tuple(order), repeat_order, items
