"""Alembic environment of the server's database: runs on the engine the server hands over."""

from __future__ import annotations

from alembic import context

from sync.server.tables import ServerBase

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=ServerBase.metadata,
        render_as_batch=engine.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
