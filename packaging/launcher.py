"""The bundle's entry point: the same as the installed ``cstr-desktop`` command."""

import sys

from ui.entry import main

if __name__ == "__main__":
    sys.exit(main())
