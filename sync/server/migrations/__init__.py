"""Alembic migrations of the server's own database (sync/server/db.py runs them)."""
