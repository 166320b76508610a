"""The bundle's entry point: the program's `fieldvisit` command."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
