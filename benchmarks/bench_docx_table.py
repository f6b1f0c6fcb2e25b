"""Benchmark of the Word builder's tables: 300 and 2,400 rows, to show that they grow linearly.

The requirement matrix of an RFP is one long table; python-docx's own ``add_row`` copies the
table's grid for every row (quadratic), which the builder avoids. This was a wall-clock
assertion in tests/test_documents_infra.py; timings belong here, where a busy machine makes a
figure slower, not a test red.

Usage: python benchmarks/bench_docx_table.py
Targets: under 1 s for 2,400 rows; 8× the rows in under 20× the time (quadratic would be 64×).
"""

from __future__ import annotations

import sys
import time

from crmselect.documents.docx_builder import DocxBuilder

TARGET_SECONDS = 1.0
MAX_GROWTH = 8 * 2.5


def build(rows: int) -> float:
    """Seconds to add one table of ``rows`` rows of three columns (one a list of lines)."""
    builder = DocxBuilder()
    start = time.perf_counter()
    builder.table(["a", "b", "c"], [[str(i), "text " * 10, ["x", "y"]] for i in range(rows)])
    return time.perf_counter() - start


def main() -> int:
    build(100)  # warm up
    small = min(build(300) for _ in range(3))
    large = min(build(2400) for _ in range(3))
    growth = large / small
    print(f"Word table   300 rows: {small:6.3f} s")
    print(f"Word table 2,400 rows: {large:6.3f} s  (×{growth:.1f} time for ×8 rows)")
    ok = large < TARGET_SECONDS and growth < MAX_GROWTH
    print(f"target: under {TARGET_SECONDS:.0f} s for 2,400 rows and under ×{MAX_GROWTH:.0f} "
          f"growth — {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
