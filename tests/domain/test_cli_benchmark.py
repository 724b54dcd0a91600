"""``sextant benchmark`` through its real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessment_models.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
MINI_RESPONSES = FIXTURES / "mini-responses.json"


def test_benchmark_json_scores_the_answers_against_the_chosen_industry():
    result = subprocess.run(
        [sys.executable, "-m", "assessment_models", "benchmark", str(MINI_RESPONSES),
         "--questionnaire", str(MINI), "--industry", "insurance", "--edition", "2024",
         "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["edition"], out["industry_name"]) == ("2024", "Insurance")
    metrics = {m["metric"]: m for m in out["metrics"]}
    # 5 deployments a week: bucket 5, score 8; 200 hours of lead time: bucket 3, score 4.
    assert (metrics["deployfreq"]["bucket"], metrics["deployfreq"]["score"]) == (5, 8.0)
    assert (metrics["leadtime"]["bucket"], metrics["leadtime"]["score"]) == (3, 4.0)
    # 2024 Insurance change failure: stored 1.8, shown 8.2 ± 2.2.
    assert (metrics["changefailure"]["industry_mean"], metrics["changefailure"]["industry_sd"]) \
        == (8.2, 2.2)
    assert out["performance_average"]["score"] == 6.0
    assert "dora-team/dora.dev" in out["source"]
    assert "approximate" in out["note"]


def test_benchmark_table_names_edition_industry_source_and_the_approximation(capsys):
    assert main(["benchmark", str(MINI_RESPONSES), "--questionnaire", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "DORA Quick Check 2025, compared with: All industries" in out
    assert "Between once per hour and once per day" in out
    assert "Percentiles are approximate" in out
    assert "Source: DORA Quick Check, 2025 edition" in out


def test_benchmark_uses_the_choice_stored_in_the_file(tmp_path, capsys):
    data = json.loads(MINI_RESPONSES.read_text())
    data["benchmark"] = {"industry": "government", "edition": "2023"}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data))
    assert main(["benchmark", str(path), "--questionnaire", str(MINI), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["industry"], out["edition"]) == ("government", "2023")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--industry", "banking"], "sextant: no industry 'banking' in DORA's 2025 figures"),
        (["--edition", "2022"], "sextant: benchmark edition must be one of 2023, 2024, 2025"),
        (["--industry", "banking", "--edition", "2021"], "benchmark edition must be one of"),
    ],
)
def test_bad_industry_or_edition_exits_2_with_one_line(extra, message, capsys):
    assert main(["benchmark", str(MINI_RESPONSES), "--questionnaire", str(MINI), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_a_bad_stored_choice_exits_2_naming_where(tmp_path, capsys):
    data = json.loads(MINI_RESPONSES.read_text())
    data["benchmark"] = {"industry": "banking"}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data))
    assert main(["benchmark", str(path), "--questionnaire", str(MINI)]) == 2
    err = capsys.readouterr().err
    assert f"sextant: {path}: benchmark: no industry 'banking'" in err
    assert err.count("\n") == 1
