"""The benchmark harness: ratios from paired repetitions, one table, a broken row contained."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.harness import Bench, Registered, Result, run_row, table
from benchmarks.rows_domain import exponent


def test_ratio_is_the_median_of_the_paired_ratios() -> None:
    # Raw medians would give 3 / 2 = 1.5; the pairs say 2, 2 and 1.
    result = Result("x", product=[2.0, 4.0, 3.0], baseline=[1.0, 2.0, 3.0], target=1.5)
    assert result.ratio == 2.0
    assert result.passed is False


def test_a_value_target_judges_the_value_not_the_ratio() -> None:
    result = Result("growth", product=[1.1], baseline=[1.0], target=1.15,
                    unit="exponent", target_on="value")
    assert result.passed is True


def test_a_lost_answer_fails_a_row_whose_ratio_passes() -> None:
    result = Result("saves", product=[1.0], baseline=[1.0], target=1.5, ok=False)
    assert result.passed is False


def test_a_row_that_raises_becomes_one_error_line_and_is_tidied_up() -> None:
    tidied: list[str] = []

    def broken(bench: Bench) -> Iterator[Result]:
        bench.on_exit(lambda: tidied.append("server stopped"))
        yield Result("fine", product=[1.0], baseline=[1.0])
        raise ValueError("heatmap cannot draw 40 columns")

    results = list(run_row(Bench(quick=True), Registered(broken, "g", "broken")))
    assert [r.what for r in results] == ["fine", "broken"]
    assert results[1].error is not None
    assert results[1].error.startswith("ValueError: heatmap cannot draw 40 columns")
    assert tidied == ["server stopped"]
    assert "MISS" in table(results).splitlines()[-1]


def test_compare_alternates_product_and_baseline() -> None:
    calls: list[str] = []
    bench = Bench(quick=True)
    result = bench.compare("x", lambda: calls.append("p"), lambda: calls.append("b"),
                           target=None, cost="heavy")
    assert len(result.product) == len(result.baseline) == 3
    assert calls == ["p", "b", "b", "p", "p", "b"]


def test_exponent_of_linear_and_quadratic_growth() -> None:
    assert exponent([10, 100, 1000], [1.0, 10.0, 100.0]) == pytest.approx(1.0)
    assert exponent([10, 100, 1000], [1.0, 100.0, 10000.0]) == pytest.approx(2.0)
