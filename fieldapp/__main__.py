"""`python -m fieldapp` (and the PyInstaller bundle): the same as the `fieldapp` command."""

import sys

from fieldapp.cli.main import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A bundled app starts its helper processes (demo data) by running itself again.
        # Only then: importing multiprocessing costs the GUI's start-up ~10 ms.
        import multiprocessing

        multiprocessing.freeze_support()
    raise SystemExit(main())
