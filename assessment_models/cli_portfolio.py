"""``sextant compare`` and ``sextant trend``: teams side by side, and one team over time,
for people who keep their assessments as responses files.

Each file is one assessment. ``compare`` names each by its team (the respondent's team,
else the file's name); ``trend`` takes one team's files oldest first.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from assessment_models import cli
from assessment_models.portfolio import (
    Cell,
    TeamAssessment,
    assessed,
    compare,
    heatmap,
    history,
)
from assessment_models.scoring import round_for_output
from assessment_models.trend import capability_deltas, progress_to_date, trend

_STATUS_TEXT = {
    "out_of_scope": "out of scope",
    "not_scored": "not scored",
    "met_at_baseline": "target met at baseline",
    "slipped": "fell below target",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("compare", help="compare the latest assessments of up to 8 teams")
    _files_arguments(p)
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("trend", help="one team's assessments over time (files oldest first)")
    _files_arguments(p)
    p.set_defaults(handler=cmd_trend)


def _files_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="RESPONSES.json")
    p.add_argument("--questionnaire", type=Path, metavar="PATH",
                   help="questionnaire YAML (default: the installed one each file names)")
    p.add_argument("--format", choices=("table", "json"), default="table")


def _read(path: Path, questionnaire: Path | None, team: str | None = None) -> TeamAssessment:
    args = argparse.Namespace(responses=path, questionnaire=questionnaire)
    q, responses = cli.load_inputs(args)
    name = team or responses.respondent.team or responses.respondent.display_name or path.stem
    # Files carry no date: the order on the command line is the order in time.
    return assessed(name, path.name, date.today(), q, responses)


def cmd_compare(args: argparse.Namespace) -> int:
    latest = [_read(path, args.questionnaire) for path in args.files]
    names = _unique([a.team for a in latest])
    teams = [history(n, [a]) for n, a in zip(names, latest, strict=True)]
    board = compare(heatmap(teams, today=date.today()), names)
    if args.format == "json":
        out = [
            {
                "team": row.team,
                "file": row.assessment.label if row.assessment else None,
                "overall": round_for_output(row.overall),
                "coverage": round_for_output(row.coverage),
                "dimensions": {
                    c.id: round_for_output(row.cells[c.id].score) if c.id in row.cells else None
                    for c in board.columns
                },
            }
            for row in board.rows
        ]
        print(json.dumps({"teams": out}, indent=2))
        return cli.EXIT_OK
    header = ("team", "overall", *(c.title for c in board.columns), "coverage")
    rows = [
        (
            row.team,
            _score(row.overall),
            *(_cell(row.cells.get(c.id)) for c in board.columns),
            "" if row.coverage is None else f"{row.coverage:.0%}",
        )
        for row in board.rows
    ]
    print(cli._table(header, rows))
    return cli.EXIT_OK


def cmd_trend(args: argparse.Namespace) -> int:
    points = [_read(path, args.questionnaire, team="team") for path in args.files]
    team = history(points[-1].team, points)
    line = trend(team)
    first, last = team.assessments[0], team.assessments[-1]
    deltas = capability_deltas(first, last) if len(points) > 1 else ()
    progress = progress_to_date(first, last) if len(points) > 1 else ()
    if args.format == "json":
        print(json.dumps(_trend_json(line, deltas, progress), indent=2))
        return cli.EXIT_OK
    header = ("assessment", "overall", *line.dimensions.values())
    rows = [
        (p.label, _score(p.overall), *(_score(p.scores.get(d)) for d in line.dimensions))
        for p in line.points
    ]
    parts = [cli._table(header, rows)]
    if deltas:
        parts.append(f"\nCapabilities, {first.label} → {last.label}:")
        parts.append(cli._table(
            ("capability", "before", "after", "change"),
            [(d.title, _score(d.before), _score(d.after), _signed(d.delta)) for d in deltas],
        ))
        parts.append("\nProgress to date = (current − baseline) ÷ (target − baseline):")
        parts.append(cli._table(
            ("dimension", "baseline", "current", "target", "progress"),
            [
                (p.title, _score(p.baseline), _score(p.current), f"{p.target:g}",
                 f"{p.value:.0%}" if p.value is not None else _STATUS_TEXT[p.status])
                for p in progress
            ],
        ))
    else:
        parts.append("\nOne assessment: nothing to compare it with yet.")
    print("\n".join(parts))
    return cli.EXIT_OK


def _trend_json(line: Any, deltas: Any, progress: Any) -> dict[str, Any]:
    return {
        "points": [
            {
                "file": p.label,
                "overall": round_for_output(p.overall),
                "dimensions": {d: round_for_output(p.scores.get(d)) for d in line.dimensions},
            }
            for p in line.points
        ],
        "capability_deltas": [
            {
                "capability": d.capability,
                "before": round_for_output(d.before),
                "after": round_for_output(d.after),
                "delta": round_for_output(d.delta),
            }
            for d in deltas
        ],
        "progress_to_date": [
            {
                "dimension": p.dimension,
                "baseline": round_for_output(p.baseline),
                "current": round_for_output(p.current),
                "target": p.target,
                "status": p.status,
                "progress": round_for_output(p.value),
            }
            for p in progress
        ],
    }


def _unique(names: list[str]) -> list[str]:
    """Team names made distinct: a second 'Payments' becomes 'Payments (2)'."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _cell(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return "out of scope" if not cell.in_scope else _score(cell.score)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"
