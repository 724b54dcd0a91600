"""The benchmark harness: rows registered by small functions, timed against a baseline.

A *row* compares one thing users wait for (the product) with a baseline measured in the same
run: the two are measured alternately, repetition after repetition (product, baseline,
baseline, product, …), so that whatever else loads the machine loads both alike. The ratio
is the median of the per-repetition ratios, which is what stays steady on a busy machine.

Add a row by writing a function in a ``benchmarks/rows_*.py`` module::

    from benchmarks.harness import Bench, Result, row

    @row(group="workshops")
    def workshop_spread(bench: Bench) -> Iterator[Result]:
        data = ...                                   # set-up: not timed
        yield bench.compare(
            "workshop spread, 12 participants vs plain loops",
            lambda: spread(data),                    # the product
            lambda: plain_spread(data),              # the baseline, same work in plain Python
            target=1.5,                              # the ratio must stay at or below this
        )

Modules named ``rows_*.py`` are found and imported on their own; nothing else to edit.
"""

from __future__ import annotations

import gc
import math
import os
import statistics
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

#: Repetitions per cost class: (full run, quick run). Light rows are milliseconds each.
REPETITIONS: dict[str, tuple[int, int]] = {
    "light": (41, 9),
    "medium": (21, 5),
    "heavy": (7, 3),
    "huge": (3, 1),
}
#: A light row times batches of calls lasting at least this long (seconds), full / quick.
MIN_BATCH = (0.05, 0.02)  # CPU seconds


@dataclass
class Result:
    """One row of the table.

    ``product`` and ``baseline`` hold one value per repetition, in the order measured, so that
    ``product[i] / baseline[i]`` is one paired ratio. ``unit`` is ``"s"`` (shown in ms or s),
    ``"MiB"`` or ``"exponent"``. ``target`` bounds the ratio, or the value itself when
    ``target_on == "value"``. ``ok`` can veto a pass for a reason the note explains (e.g. an
    answer lost).
    """

    what: str
    product: list[float]
    baseline: list[float]
    target: float | None = None
    unit: str = "s"
    target_on: str = "ratio"
    note: str = ""
    ok: bool = True
    error: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.error or not self.product or not self.baseline:
            return None
        if len(self.product) == len(self.baseline) and all(b > 0 for b in self.baseline):
            pairs = zip(self.product, self.baseline, strict=True)
            return statistics.median(p / b for p, b in pairs)
        base = statistics.median(self.baseline)
        return statistics.median(self.product) / base if base > 0 else None

    @property
    def passed(self) -> bool | None:
        """True or False against the target; None when there is no target or no number."""
        if self.error:
            return False
        if self.target is None:
            return None
        measured = statistics.median(self.product) if self.target_on == "value" else self.ratio
        if measured is None:
            return None
        return measured <= self.target and self.ok


@dataclass
class Registered:
    func: Callable[[Bench], Iterable[Result]]
    group: str
    name: str


ROWS: list[Registered] = []


def row(group: str) -> Callable[[Callable[[Bench], Iterable[Result]]], Callable[..., object]]:
    """Register a function that yields :class:`Result` rows; ``group`` selects it (``-k``)."""

    def register(func: Callable[[Bench], Iterable[Result]]) -> Callable[..., object]:
        ROWS.append(Registered(func=func, group=group, name=func.__name__))
        return func

    return register


@dataclass
class Bench:
    """What a row function gets: the run's mode and the ways to measure."""

    quick: bool = False
    log: Callable[[str], None] = print
    _tidy: list[Callable[[], None]] = field(default_factory=list)

    def repetitions(self, cost: str = "light") -> int:
        full, quick = REPETITIONS[cost]
        return quick if self.quick else full

    def pick(self, full: object, quick: object) -> object:
        """``full`` in a full run, ``quick`` in ``QUICK=1``."""
        return quick if self.quick else full

    def on_exit(self, func: Callable[[], None]) -> None:
        """Run ``func`` after the row function finishes (stop a server, drop a schema)."""
        self._tidy.append(func)

    def pairs(
        self,
        product: Callable[[], float],
        baseline: Callable[[], float],
        repetitions: int,
    ) -> tuple[list[float], list[float]]:
        """Call two measuring functions alternately; each returns its own measurement."""
        ps: list[float] = []
        bs: list[float] = []
        for i in range(repetitions):
            if i % 2 == 0:
                ps.append(product())
                bs.append(baseline())
            else:
                bs.append(baseline())
                ps.append(product())
        return ps, bs

    def compare(
        self,
        what: str,
        product: Callable[[], object],
        baseline: Callable[[], object],
        target: float | None,
        cost: str = "light",
        note: str = "",
    ) -> Result:
        """Time two callables alternately; light rows time batches of many calls each."""
        number = 1
        full = not self.quick
        if cost == "light":
            product()  # warm-up (imports, caches) and calibration
            baseline()
            once = min(_timed(product, 1, full), _timed(baseline, 1, full))
            floor = MIN_BATCH[1 if self.quick else 0]
            number = max(1, math.ceil(floor / max(once, 1e-7)))
        gc.collect()
        ps, bs = self.pairs(
            lambda: _timed(product, number, full) / number,
            lambda: _timed(baseline, number, full) / number,
            self.repetitions(cost),
        )
        return Result(what=what, product=ps, baseline=bs, target=target, note=note)


def cpu_seconds() -> float:
    """CPU seconds of this process (all its threads) and of its finished children.

    The rows time CPU, not the wall clock: on a machine shared with other work, CPU time
    barely moves while wall time swings with everyone else's load. For single-threaded work
    that does not wait (a page run, a PDF, a whole CLI process) the two agree on an idle
    machine. Rows that wait on locks or I/O (the save rows) time the wall clock themselves.
    """
    own = time.process_time()
    if resource is not None:
        # getrusage counts microseconds; os.times() counts clock ticks (10 ms here), a
        # twentieth of a whole `sextant score` process.
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own + children.ru_utime + children.ru_stime
    times = os.times()
    return own + times.children_user + times.children_system


def _timed(func: Callable[[], object], number: int, full_collection: bool = True) -> float:
    """CPU seconds for ``number`` calls, after a garbage collection so that each batch
    starts alike. A full collection walks every object of the process (with every row's
    imports loaded, 50–150 ms each: 10 s of a quick run went on them), so a quick run
    collects the young generations only (``compare`` collects fully once per row)."""
    gc.collect() if full_collection else gc.collect(1)
    start = cpu_seconds()
    for _ in range(number):
        func()
    return cpu_seconds() - start


def run_row(bench: Bench, registered: Registered) -> Iterator[Result]:
    """A row function's results; a crash becomes one row saying so, never a lost table."""
    try:
        yield from registered.func(bench)
    except Exception as exc:  # one broken row must not hide the others
        last = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"
        message = str(exc).splitlines()[0] if str(exc) else ""
        yield Result(
            what=registered.name, product=[], baseline=[],
            error=f"{type(exc).__name__}: {message} ({where})"[:160],
        )
    finally:
        while bench._tidy:
            try:
                bench._tidy.pop()()
            except Exception as exc:
                bench.log(f"  (tidying up after {registered.name} failed: {exc})")


# The table --------------------------------------------------------------------------------


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        if value >= 10:
            return f"{value:.1f} s"
        if value >= 1:
            return f"{value:.2f} s"
        if value >= 0.01:
            return f"{value * 1e3:.0f} ms"
        if value >= 0.001:
            return f"{value * 1e3:.1f} ms"
        return f"{value * 1e3:.2f} ms"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if unit == "exponent":
        return f"n^{value:.2f}"
    return f"{value:g}{unit}"


def cells(result: Result) -> list[str]:
    if result.error:
        return [result.what, "error", "", "", "", _target(result), "MISS", result.error]
    median = statistics.median(result.product) if result.product else math.nan
    spread = (
        f"{fmt(min(result.product), result.unit)}–{fmt(max(result.product), result.unit)}"
        if len(result.product) > 1 else ""
    )
    base = fmt(statistics.median(result.baseline), result.unit) if result.baseline else ""
    ratio = result.ratio
    verdict = {True: "pass", False: "MISS", None: ""}[result.passed]
    return [
        result.what,
        fmt(median, result.unit),
        spread,
        base,
        "" if ratio is None or result.target_on == "value" else f"{ratio:.2f}×",
        _target(result),
        verdict,
        " ".join(result.note.split()),  # one line, whatever an error message held
    ]


def _target(result: Result) -> str:
    if result.target is None:
        return ""
    if result.target_on == "value":
        return f"≤ {fmt(result.target, result.unit)}"
    return f"≤ {result.target:g}×"


HEADER = ["what", "median", "min–max", "baseline", "ratio", "target", "", "notes"]


def table(results: Iterable[Result]) -> str:
    rows = [HEADER, *(cells(r) for r in results)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    right = {1, 2, 3, 4, 5}
    lines = []
    for r in rows:
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in
                 enumerate(zip(r, widths, strict=True))]
        lines.append("  ".join(parts).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
