"""The bundle's entry point: the same as the installed ``cstr-desktop`` command."""

import multiprocessing
import sys

from ui.entry import main

if __name__ == "__main__":
    # audit-verify checks signatures in worker processes: in a bundle, each worker is
    # this program started again, and must go to its work, not to the command line.
    multiprocessing.freeze_support()
    sys.exit(main())
