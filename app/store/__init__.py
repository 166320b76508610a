"""The laptop's store: encrypted SQLite through SQLAlchemy, the one write path, search."""
