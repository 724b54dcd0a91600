"""``sextant benchmark``: the DORA key-metric answers scored and set against an industry.

The industry and edition come from the command line, else from the ``benchmark`` entry of
the responses file, else "all industries" in the newest edition.
"""

from __future__ import annotations

import argparse
import json

from assessment_models import cli
from assessment_models.benchmark import (
    APPROXIMATION_NOTE,
    BenchmarkResult,
    Comparison,
    benchmark,
    ordinal,
)
from assessment_models.benchmark_data import (
    DEFAULT_EDITION,
    DEFAULT_INDUSTRY,
    EDITIONS,
    check_edition,
    check_industry,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "benchmark", help="score the DORA metrics as DORA's Quick Check does, against an industry"
    )
    cli.add_responses_arguments(p)
    p.add_argument("--industry", metavar="ID",
                   help="industry to compare with, e.g. financial_services "
                        f"(default: the file's choice, else '{DEFAULT_INDUSTRY}')")
    # Checked by the domain rather than by argparse, so a bad value reads like any other.
    p.add_argument("--edition", metavar="|".join(EDITIONS),
                   help=f"DORA Quick Check edition (default: the file's choice, else "
                        f"{DEFAULT_EDITION})")
    p.set_defaults(handler=cmd_benchmark)


def cmd_benchmark(args: argparse.Namespace) -> int:
    questionnaire, responses = cli.load_inputs(args)
    chosen = responses.benchmark
    edition = check_edition(args.edition or (chosen.edition if chosen else DEFAULT_EDITION))
    industry = check_industry(
        args.industry or (chosen.industry if chosen else DEFAULT_INDUSTRY), edition
    )
    result = benchmark(questionnaire, responses, industry, edition)
    if args.format == "json":
        print(json.dumps(result.as_output(), indent=2, ensure_ascii=False))
    else:
        print(format_benchmark(result))
    return cli.EXIT_OK


def format_benchmark(result: BenchmarkResult) -> str:
    """The comparison as a plain-text table with its source and the percentile caveat."""
    rows: list[tuple[str, ...]] = []
    for m in result.metrics:
        rows.append((
            m.title, m.answer_text, m.bucket_label or ("" if m.score is None else "(a rate)"),
            *_comparison_cells(m.comparison),
        ))
    for title, comparison in result.aggregates():
        rows.append((title, "", "", *_comparison_cells(comparison)))
    table = cli._table(
        ("metric", "answer", "DORA bucket", "score", "industry mean ± sd", "≈ percentile"), rows
    )
    return "\n".join([
        f"DORA Quick Check {result.edition}, compared with: {result.industry_name}",
        "",
        table,
        "",
        "Scores are on DORA's 0–10 scale, 10 best.",
        APPROXIMATION_NOTE,
        f"Source: {result.source}",
    ])


def _comparison_cells(c: Comparison) -> tuple[str, str, str]:
    score = "–" if c.score is None else f"{c.score:.1f}"
    industry = "" if c.industry is None else f"{c.industry.mean:.1f} ± {c.industry.sd:.1f}"
    return score, industry, percentile_text(c.percentile)


def percentile_text(percentile: float | None) -> str:
    """'≈ 64th', or nothing without a score."""
    return "" if percentile is None else f"≈ {ordinal(percentile)}"
