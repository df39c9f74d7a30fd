"""`python -m planrecon`: the same as the `planrecon` console script."""

import sys

from planrecon.cli import main

sys.exit(main())
