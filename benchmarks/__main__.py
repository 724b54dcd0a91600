"""`make bench` (`python -m benchmarks`): run every registered row and print one table.

    python -m benchmarks             # the full run: a few minutes
    python -m benchmarks --quick     # fewer repetitions and smaller sizes: under a minute
    python -m benchmarks -k pdf      # only the rows whose group or name contains "pdf"
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform
import sys
import time
from pathlib import Path

import benchmarks
from benchmarks.harness import ROWS, Bench, Result, cpu_seconds, run_row, table


def discover() -> None:
    """Import every ``benchmarks/rows_*.py``: importing one registers its rows."""
    for module in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if module.name.startswith("rows_"):
            importlib.import_module(f"benchmarks.{module.name}")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"load average at start {_load()}")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller sizes")
    parser.add_argument("-k", dest="only", default="",
                        help="run only rows whose group or function name contains this")
    args = parser.parse_args(argv)
    discover()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    bench = Bench(quick=args.quick, log=log)
    chosen = [r for r in ROWS if args.only in r.group or args.only in r.name]
    started = time.perf_counter()
    cpu_started = cpu_seconds()
    log(f"Sextant benchmarks{' (quick)' if args.quick else ''}: {machine()}")
    results: list[Result] = []
    for registered in chosen:
        row_start = time.perf_counter()
        log(f"- {registered.group}: {registered.name} …")
        for result in run_row(bench, registered):
            results.append(result)
        log(f"  {time.perf_counter() - row_start:.1f} s")
    print(table(results))
    print(
        f"\n{'quick' if args.quick else 'full'} run: {time.perf_counter() - started:.0f} s "
        f"wall clock, {cpu_seconds() - cpu_started:.0f} s CPU (this process and its "
        f"children; about the wall clock of an idle machine), load average at the end "
        f"{_load()}.\nMedian and min–max of the product over the repetitions; ratio = "
        "median of the paired product/baseline ratios (lower is better)."
    )
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
