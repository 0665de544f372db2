"""Alembic migrations of the application database (configured by ``store.migrate``)."""
