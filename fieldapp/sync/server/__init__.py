"""The sync server (`fieldapp serve`): FastAPI + SQLAlchemy Core, SQLite or PostgreSQL.

Never imported by the desktop GUI (import-linter contract in pyproject.toml). Modules:
db (engine, transactions, migrations), tables, accounts (users, devices, tokens, codes),
policy (roles and operation scoping: the one place that decides), push, pull, blobs,
http (body limits, gzip, timeouts), app (the routes).
"""
