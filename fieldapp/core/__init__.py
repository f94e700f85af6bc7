"""The core every feature stands on: the database file, its migrations, replication.

Qt-free, like everything outside fieldapp/ui/. This folder grows with the architecture
issue (replication, record declarations, errors, durable writes); for now it holds the
database (database.py) and the frozen migrations (migrations/).
"""
