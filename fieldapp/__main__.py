"""`python -m fieldapp`: the same as the `fieldapp` command."""

from fieldapp.cli import main

raise SystemExit(main())
