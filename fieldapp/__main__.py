"""`python -m fieldapp` (and the PyInstaller bundle): the same as the `fieldapp` command."""

import multiprocessing

from fieldapp.cli import main

if __name__ == "__main__":
    # A bundled app starts its helper processes (demo data) by running itself again.
    multiprocessing.freeze_support()
    raise SystemExit(main())
