"""The central server of a district: FastAPI over SQLAlchemy, its own tables and admin CLI."""
