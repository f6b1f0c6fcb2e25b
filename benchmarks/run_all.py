"""Run every benchmark in this folder, one process each, and print their figures.

Usage: python benchmarks/run_all.py   (or: make bench)
The figures are copied by hand into the README's "Benchmarks" section, with the machine.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    print(f"# {platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()}")
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n## {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
