"""The `fieldapp` command line: `main` is the entry point, one module per family of subcommands."""

PROG = "fieldapp"
