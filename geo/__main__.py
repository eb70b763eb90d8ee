"""``python -m geo``: the deploymap command line."""

import sys

from geo.cli import main

sys.exit(main())
