"""``sextant roadmap`` and ``sextant report`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment_models.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI = ["--questionnaire", str(FIXTURES / "mini.yaml")]
RESPONSES = str(FIXTURES / "mini-responses.json")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_roadmap_json_is_the_roadmaps_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "roadmap", RESPONSES, *MINI, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["wip_limit"], data["capacity"]) == (3, 10)
    assert data["phases"][0]["items"] == ["del_measure", "chg_auto"]
    assert [(i["id"], i["phase"], i["priority"]) for i in data["items"]] == [
        ("del_measure", "Now", 16.0), ("chg_auto", "Now", 9.0)]
    assert data["items"][0]["addresses"] == [
        {"question": "dora_lead_time", "answered_level": 2, "to_level": 4}]
    assert data["unanswered"] == [] and len(data["projected"]) == 4


def test_roadmap_takes_one_target_for_every_dimension(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "roadmap", RESPONSES, *MINI, "--format", "json",
                       "--target", "3.5", "--wip", "1")
    assert code == 0
    data = json.loads(out)
    assert data["targets"] == {"processes": 3.5, "technology": 3.5}
    assert data["wip_limit"] == 1


def test_roadmap_table_lists_every_phase(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "roadmap", RESPONSES, *MINI, "--targets", "processes=4.5",
                       "--wip", "1")
    assert code == 0
    assert "Targets: processes=4.5, technology=4" in out
    for heading in ("Now (months 1–3)", "Next (months 4–6)", "Later (months 7–12)",
                    "Beyond (months 13–18)"):
        assert heading in out
    assert "Let the pipeline approve low-risk changes" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--targets", "processes=4.2"],
         "sextant: target for 'processes' must be 1 to 5 in steps of 0.5 (e.g. 3.5), got 4.2\n"),
        (["--targets", "culture=3"],
         "sextant: no dimension or capability 'culture' in 'mini' "
         "(dimensions: processes, technology)\n"),
        (["--target", "six"],
         "sextant: target must be a number from 1 to 5 in steps of 0.5, got 'six'\n"),
        (["--wip", "0"], "sextant: WIP limit must be at least 1, got 0\n"),
        (["--wip", "many"],
         "sextant: WIP limit must be a whole number of at least 1, got 'many'\n"),
        (["--capacity", "0"],
         "sextant: capacity must be 1 to 200 effort points per phase, got 0\n"),
    ],
)
def test_bad_settings_end_with_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "roadmap", RESPONSES, *MINI, *args)
    assert (code, out, err) == (2, "", message)


def test_report_writes_a_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    code, out, err = run(capsys, "report", RESPONSES, *MINI, "-o", str(target),
                         "--page-size", "letter", "--target", "4")
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"%PDF")
    assert out.startswith(f"{target}: ")


def test_report_rejects_an_unknown_page_size(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    code, _, err = run(capsys, "report", RESPONSES, *MINI, "-o", str(target),
                       "--page-size", "A5")
    assert (code, err) == (2, "sextant: page size must be A4 or letter, got 'A5'\n")
    assert not target.exists()


@pytest.mark.parametrize("command", ["roadmap", "report"])
def test_every_new_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main([command, "--help"])
    assert excinfo.value.code == 0
    assert "--wip" in capsys.readouterr().out
