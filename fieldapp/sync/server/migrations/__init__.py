"""Alembic migrations of the server database, run programmatically by db.migrate()."""
