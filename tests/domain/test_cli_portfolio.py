"""``sextant compare`` and ``sextant trend`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment_models.cli import main

MINI = str(Path(__file__).parent.parent / "fixtures" / "mini.yaml")


def write(tmp_path: Path, name: str, team: str, answers: dict, **extra) -> str:  # type: ignore[type-arg, no-untyped-def]
    document = {"questionnaire": "mini", "respondent": {"team": team}, "answers": answers, **extra}
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    targets = {"processes": 4, "technology": 3}
    return {
        "before": write(tmp_path, "2026-01.json", "Payments",
                        {"chg_approval": {"level": 2}, "chg_rollback": {"level": 1},
                         "test_auto": {"level": 2}}, targets=targets),
        "after": write(tmp_path, "2026-06.json", "Payments",
                       {"chg_approval": {"level": 4}, "chg_rollback": {"level": 3},
                        "test_auto": {"level": 3}}, targets=targets),
        "platform": write(tmp_path, "platform.json", "Platform",
                          {"chg_approval": {"level": 5}, "chg_rollback": {"level": 5}},
                          scope={"exclude": ["technology"]}),
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_json_gives_each_teams_dimension_scores(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    code, out, err = run(capsys, "compare", files["after"], files["platform"],
                         "--questionnaire", MINI, "--format", "json")
    assert (code, err) == (0, "")
    teams = json.loads(out)["teams"]
    assert [t["team"] for t in teams] == ["Payments", "Platform"]
    assert teams[0]["dimensions"] == {"processes": 3.67, "technology": 3.0}
    assert teams[1]["dimensions"] == {"processes": 5.0, "technology": None}


def test_compare_table_says_out_of_scope(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    code, out, _ = run(capsys, "compare", files["after"], files["platform"],
                       "--questionnaire", MINI)
    assert code == 0
    assert out.splitlines()[3].split() == ["Platform", "5.00", "5.00", "out", "of", "scope",
                                           "50%"]


def test_compare_refuses_more_than_eight_files(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    code, out, err = run(capsys, "compare", *[files["after"]] * 9, "--questionnaire", MINI)
    assert (code, out) == (2, "")
    assert err == "sextant: Compare up to 8 teams at a time; 9 chosen.\n"


def test_trend_json_has_points_deltas_and_progress(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    code, out, _ = run(capsys, "trend", files["before"], files["after"],
                       "--questionnaire", MINI, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [p["dimensions"]["processes"] for p in data["points"]] == [1.67, 3.67]
    change = next(d for d in data["capability_deltas"] if d["capability"] == "change")
    assert change["delta"] == 2.0
    assert [(p["dimension"], p["progress"]) for p in data["progress_to_date"]] == [
        ("processes", 0.86),  # 6/7
        ("technology", 1.0),
    ]


def test_trend_of_one_file_says_there_is_nothing_to_compare(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    code, out, _ = run(capsys, "trend", files["before"], "--questionnaire", MINI)
    assert code == 0
    assert out.rstrip().endswith("One assessment: nothing to compare it with yet.")


def test_a_missing_file_is_one_line_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "gone.json"
    code, out, err = run(capsys, "trend", str(missing), "--questionnaire", MINI)
    assert (code, out) == (2, "")
    assert err == f"sextant: {missing}: cannot be read (No such file or directory)\n"


@pytest.mark.parametrize("command", ["compare", "trend"])
def test_each_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "RESPONSES.json" in capsys.readouterr().out
