"""Allow `python -m systemsim`."""

import sys

from systemsim.cli import main

sys.exit(main())
