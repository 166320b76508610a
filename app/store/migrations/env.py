"""Alembic environment: runs on the engine the program hands over."""

from __future__ import annotations

from alembic import context

from app.store.schema import Base

engine = context.config.attributes["engine"]


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    # the search index is made of FTS5 virtual tables that autogenerate cannot model
    return not (type_ == "table" and name is not None and name.startswith("search_"))


with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=_include,
    )
    with context.begin_transaction():
        context.run_migrations()
