"""Rows for the domain: score + roadmap (and its growth), and the CLI's whole process."""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assessment_models.scoring import score
from benchmarks import generate, plain_rules
from benchmarks.harness import Bench, Result, row
from benchmarks.product import build_roadmap

SIZES_FULL = (80, 400, 2000)
#: Growth between the smallest and largest size, as the exponent of a power law; 1 is linear.
MAX_EXPONENT = 1.15


def _pair(q):  # type: ignore[no-untyped-def]
    responses = generate.answers(q)
    plain = plain_rules.flatten(q)
    answers = plain_rules.plain_answers(responses)

    def product() -> object:
        return build_roadmap(q, score(q, responses))

    def baseline() -> object:
        return plain_rules.score_and_roadmap(plain, answers)

    # The baseline must do the same job: the same items in the same phases with the same
    # rationale and reasons, the same initiatives, the same projected scores.
    roadmap = product()
    items, initiatives, projected = baseline()
    planned = [(i.id, i.phase, i.rationale, i.deferred_reason)
               for i in (*roadmap.items, *roadmap.deferred)]
    if planned != items:
        return product, baseline, "the plain rules plan other items"
    plans = [(i.id, i.items, i.points, i.phases, i.dimensions) for i in roadmap.initiatives]
    if plans != initiatives:
        return product, baseline, "the plain rules group other initiatives"
    if _rounded([(p.overall, p.dimensions, p.percent_to_target) for p in roadmap.projected]) \
            != _rounded(projected):
        return product, baseline, "the plain rules project other scores"
    return product, baseline, ""


def _rounded(projections: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 9)

    return [(r(overall), {k: r(v) for k, v in dims.items() if v is not None},
             {k: r(v) for k, v in percent.items()})
            for overall, dims, percent in projections]


@row(group="domain")
def score_and_roadmap(bench: Bench) -> Iterator[Result]:
    q = generate.full_questionnaire()
    product, baseline, note = _pair(q)
    yield bench.compare(
        f"score+roadmap, full questionnaire ({q.question_count} q) vs plain rules",
        product, baseline, target=1.5, note=note,
    )
    sizes: list[int] = []
    fastest: list[float] = []
    base_fastest: list[float] = []
    for n in SIZES_FULL:
        q = generate.questionnaire(n)
        product, baseline, note = _pair(q)
        result = bench.compare(
            f"score+roadmap, {q.question_count} generated q vs plain rules",
            product, baseline, target=1.5, cost="light" if n < 1000 else "medium", note=note,
        )
        sizes.append(q.question_count)
        # The fastest batch at each size: the estimate least disturbed by other load.
        fastest.append(min(result.product))
        base_fastest.append(min(result.baseline))
        yield result
    yield Result(
        what=f"score+roadmap growth, {sizes[0]} → {sizes[-1]} q (baseline: plain rules)",
        product=[exponent(sizes, fastest)],
        baseline=[exponent(sizes, base_fastest)],
        target=MAX_EXPONENT, unit="exponent", target_on="value",
    )


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) on log(size): time grows as size^exponent."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


@row(group="cli")
def cli_cold_start(bench: Bench) -> Iterator[Result]:
    q = generate.full_questionnaire()
    folder = Path(tempfile.mkdtemp(prefix="sextant-bench-"))
    responses = folder / "responses.json"
    responses.write_text(generate.answers(q, comments=1).to_json(), encoding="utf-8")
    sextant = Path(sys.executable).with_name("sextant")
    command = [str(sextant)] if sextant.exists() else [sys.executable, "-m", "assessment_models"]
    product = [*command, "score", str(responses)]
    baseline = [sys.executable, "-c", "import yaml, pydantic"]
    env = generate.child_env()

    def run(argv: list[str]) -> None:
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=folder, env=env)

    run(product)  # warm the file cache and the .pyc files
    yield bench.compare(
        "`sextant score` whole process vs python -c 'import yaml, pydantic'",
        lambda: run(product), lambda: run(baseline), target=2.0, cost="medium",
    )
