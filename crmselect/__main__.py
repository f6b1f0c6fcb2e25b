"""``python -m crmselect``: the same command line as ``crmselect``."""

import sys

from crmselect.cli import main

if __name__ == "__main__":
    sys.exit(main(prog_name="crmselect"))
