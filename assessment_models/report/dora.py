"""The DORA benchmark page of the PDF: the key metrics scored as DORA scores them, against
the chosen industry, with the practice/outcome flags and where the figures come from."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Table

from assessment_models.benchmark import APPROXIMATION_NOTE, BenchmarkResult, Comparison, ordinal
from assessment_models.outcomes import PracticeOutcomeFlag
from assessment_models.report.charts import DoraRow, dora_chart
from assessment_models.report.layout import Paragraph, grid, keep_with
from assessment_models.report.styles import Styles, esc


def dora_page(
    result: BenchmarkResult, flags: Sequence[PracticeOutcomeFlag], s: Styles, width: float
) -> list[Flowable]:
    industry = result.industry_name
    out: list[Flowable] = [
        Paragraph("DORA benchmark", s.h1),
        Paragraph(
            f"DORA's key delivery metrics, scored exactly as DORA's Quick Check scores them "
            f"(0 to 10, 10 best) and set against DORA's {result.edition} figures for "
            f"<b>{esc(industry)}</b>. These are outcomes: they count in no maturity score, "
            "and are compared with the practices that drive them below.", s.body),
    ]
    if result.answered == 0:
        out.append(Paragraph(
            "No DORA metric was answered, so there is nothing to compare. Measuring deployment "
            "frequency, lead time, change failure rate and time to restore, even by hand once "
            "a month, is the cheapest first step towards a comparison.", s.lead))
    else:
        out.append(_table(result, s, width))
        out += keep_with(Paragraph("Against the industry", s.h2), _chart(result, s, width),
                         width)
    out.append(Paragraph("Practice and outcome", s.h2))
    if flags:
        for flag in flags:
            out.append(Paragraph("• " + esc(flag.sentence), s.body))
    elif result.answered:
        out.append(Paragraph(
            "The practices described and the measured outcomes agree: no practice answer is "
            "two levels or more away from the outcome it drives.", s.body))
    else:
        out.append(Paragraph("Without DORA figures there is nothing to check the practices "
                             "against.", s.body))
    out.append(Paragraph(
        "How the scores are made: lead time, deployment frequency and time to restore fall "
        "in one of DORA's six answer buckets, scored (bucket − 1) ÷ 5 × 10; change failure "
        "and rework rates score 10 − rate ÷ 10. A value on a bucket boundary goes to the "
        "better bucket. The performance average is the mean of the answered metrics"
        + ("; throughput averages lead time, deployment frequency and time to restore, "
           "stability the two rates." if result.throughput is not None else ".")
        + f" {APPROXIMATION_NOTE} Source: {esc(result.source)}", s.muted))
    return out


def _table(result: BenchmarkResult, s: Styles, width: float) -> Table:
    head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
            ("Metric", "Your answer", "DORA bucket", "Score", "Industry mean ± sd",
             "≈ percentile")]
    rows: list[list[object]] = [head]
    for m in result.metrics:
        bucket = m.bucket_label or ("scored from the rate" if m.score is not None else "")
        rows.append([Paragraph(esc(m.title), s.cell), Paragraph(esc(m.answer_text), s.cell),
                     Paragraph(esc(bucket), s.cell), *_cells(m.comparison)])
    for title, comparison in result.aggregates():
        rows.append([Paragraph(f"<b>{esc(title)}</b>", s.cell), "", "", *_cells(comparison)])
    return grid(rows, [w * width for w in (0.22, 0.17, 0.25, 0.08, 0.16, 0.12)], s)


def _cells(c: Comparison) -> list[str]:
    return [
        "–" if c.score is None else f"{c.score:.1f}",
        "" if c.industry is None else f"{c.industry.mean:.1f} ± {c.industry.sd:.1f}",
        "" if c.percentile is None else ordinal(c.percentile),
    ]


def _chart(result: BenchmarkResult, s: Styles, width: float) -> Flowable:
    rows = [DoraRow(m.title, m.score, *_stat(m.comparison)) for m in result.metrics]
    rows += [DoraRow(t, c.score, *_stat(c), bold=True) for t, c in result.aggregates()]
    return dora_chart(rows, width, s.fonts.regular, s.fonts.bold)


def _stat(c: Comparison) -> tuple[float | None, float | None]:
    return (None, None) if c.industry is None else (c.industry.mean, c.industry.sd)
