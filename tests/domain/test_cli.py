"""The `sextant` command line, run through its real entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessment_models.cli import build_parser, main

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
MINI_RESPONSES = FIXTURES / "mini-responses.json"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessment_models", *args],
        capture_output=True, text=True, check=False,
    )


def test_score_json_gives_the_hand_computed_numbers():
    result = run("score", str(MINI_RESPONSES), "--questionnaire", str(MINI), "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    capabilities = {c["id"]: c for c in out["capabilities"]}
    assert capabilities["change"]["score"] == 3.67  # (2·4 + 1·3) / 3
    assert capabilities["delivery"]["score"] is None  # DORA outcomes only: no practice score
    assert capabilities["delivery"]["coverage"] == 1.0
    assert out["overall"]["score"] == 3.67  # processes alone: technology is N/A
    assert out["overall"]["level"] == 3
    assert out["overall"]["level_name"] == "Defined"
    assert out["overall"]["coverage"] == 1.0
    technology = next(d for d in out["dimensions"] if d["id"] == "technology")
    assert technology == {
        "id": "technology", "title": "Technology", "score": None, "level": None,
        "level_name": None, "coverage": 1.0, "questions": 1, "answered": 1, "na": 1,
        "in_scope": True,
    }


def test_score_table_lists_every_unit():
    result = run("score", str(MINI_RESPONSES), "--questionnaire", str(MINI))
    assert result.returncode == 0, result.stderr
    for title in ("Mini check", "Processes", "Change enablement", "Test automation", "3.67"):
        assert title in result.stdout


def test_score_explain_shows_levels_and_weights():
    result = run("score", str(MINI_RESPONSES), "--questionnaire", str(MINI), "--explain")
    assert "chg_approval: level 4 × weight 2" in result.stdout


def test_score_finds_the_installed_questionnaire_by_id(tmp_path, monkeypatch, capsys):
    shutil.copy(MINI, tmp_path / "mini.yaml")
    monkeypatch.setenv("SEXTANT_QUESTIONNAIRES", str(tmp_path))
    assert main(["score", str(MINI_RESPONSES), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["score"] == 3.67


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["score", "missing.json"],
            "sextant: missing.json: cannot be read (No such file or directory)",
        ),
        (["validate", str(FIXTURES / "nope.yaml")], "nope.yaml: no such file"),
    ],
)
def test_bad_input_exits_2_with_one_line_on_stderr(args, message, monkeypatch, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_responses_for_an_uninstalled_questionnaire_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEXTANT_QUESTIONNAIRES", str(tmp_path))
    assert main(["score", str(MINI_RESPONSES)]) == 2
    assert "no installed questionnaire has the id 'mini'" in capsys.readouterr().err


def test_invalid_responses_exit_2_naming_the_question(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"questionnaire": "mini", "answers": {"chg_rollback": {"level": 4}}}))
    assert main(["score", str(bad), "--questionnaire", str(MINI)]) == 2
    assert "answers.chg_rollback: no option has level 4" in capsys.readouterr().err


def test_validate_a_broken_file_exits_2_without_traceback(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINI.read_text().replace("kind: choice", "kind: slider"))
    result = run("validate", str(broken))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "questions[1]: 'kind' must be one of scale, choice, metric" in result.stderr


def test_validate_without_paths_checks_every_shipped_questionnaire():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert "delivery-quick.yaml: ok" in result.stdout


def test_list_shows_the_shipped_questionnaires():
    result = run("list")
    assert result.returncode == 0
    assert "delivery-quick" in result.stdout


def test_schema_is_json_schema_of_the_questionnaire_format():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Sextant questionnaire"
    assert {"id", "version", "dimensions"} <= set(schema["properties"])


def test_every_command_has_help():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name in commands:
        result = run(name, "--help")
        assert result.returncode == 0, name
        assert "usage: sextant" in result.stdout


def test_score_leaves_the_other_commands_modules_unimported(tmp_path: Path) -> None:
    # Start-up time: `sextant score` must not pay for the roadmap, the PDF or the portfolio.
    responses = tmp_path / "responses.json"
    responses.write_text(json.dumps({"questionnaire": "delivery-quick", "answers": {}}))
    probe = (
        "import sys\n"
        "from assessment_models.cli import main\n"
        f"main(['score', {str(responses)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('assessment_models.', 'reportlab'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    loaded = out.strip().splitlines()[-1]
    assert "assessment_models.scoring" in loaded
    for heavy in ("cli_roadmap", "roadmap", "report", "portfolio", "reportlab"):
        assert f"'{heavy}" not in loaded and f".{heavy}'" not in loaded, loaded
