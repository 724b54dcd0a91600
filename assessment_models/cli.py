"""The ``sextant`` command line.

Every command calls the same domain functions as the UI. Bad input of any kind ends with one
line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assessment_models.errors import SextantError
from assessment_models.loader import (
    find_installed,
    load_cached,
    load_installed,
    load_questionnaire,
    questionnaire_files,
    questionnaires_dir,
)
from assessment_models.questionnaire import Questionnaire, questionnaire_json_schema
from assessment_models.reference_table import references_table
from assessment_models.responses import Responses, parse_responses, parse_responses_json
from assessment_models.scoring import ScoreCard, UnitScore, score
from assessment_models.timing import estimated_minutes

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class UsageError(SextantError):
    """A command line that names something missing or malformed."""


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((w for w in words if not w.startswith("-")), None)
    # A command of this module runs without importing the other commands' modules (roadmap,
    # PDF, benchmark, portfolio): they would add a third to `sextant score`'s start-up.
    parser = build_parser(extra_commands=False)
    if command not in _command_names(parser):
        parser = build_parser()
    args = parser.parse_args(words)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except SextantError as exc:
        print(f"sextant: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `sextant schema | head`
        return EXIT_OK


def build_parser(extra_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sextant",
        description="Sextant: an IT delivery maturity self-assessment.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="list the installed questionnaires")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("validate", help="check questionnaire files against the format")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="YAML files or folders (default: the installed questionnaires)")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("score", help="score a responses JSON file")
    add_responses_arguments(p)
    p.add_argument("--explain", action="store_true",
                   help="show the answers and weights behind each capability's score")
    p.set_defaults(handler=cmd_score)

    p = sub.add_parser("schema", help="print the JSON Schema of the questionnaire format")
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("references",
                       help="print every question's ITIL/COBIT/ISO/DORA/SRE references as Markdown")
    p.add_argument("path", nargs="?", type=Path, metavar="PATH",
                   help="questionnaire YAML (default: the installed delivery-full)")
    p.set_defaults(handler=cmd_references)

    if extra_commands:
        _register_extra_commands(sub)
    return parser


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    """The sub-command names a parser knows (argparse keeps them on its sub-parsers action)."""
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def add_responses_arguments(p: argparse.ArgumentParser, formats: bool = True) -> None:
    """The arguments every command that reads a responses file shares."""
    p.add_argument("responses", type=Path, metavar="RESPONSES.json")
    p.add_argument("--questionnaire", type=Path, metavar="PATH",
                   help="questionnaire YAML (default: the installed one the responses name)")
    if formats:
        p.add_argument("--format", choices=("table", "json"), default="table")


def _register_extra_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Commands that live in their own modules (roadmap, report) hook in here."""
    try:
        from assessment_models import cli_roadmap
    except ImportError:
        return
    cli_roadmap.register(sub)
    from assessment_models import cli_benchmark

    cli_benchmark.register(sub)
    from assessment_models import cli_portfolio

    cli_portfolio.register(sub)


def load_inputs(args: argparse.Namespace) -> tuple[Questionnaire, Responses]:
    """The questionnaire and the validated responses a command was given."""
    path: Path = args.responses
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    data = parse_responses_json(text, source=str(path))
    # Through the cache of validated questionnaires: `validate` is where files are checked.
    if args.questionnaire is not None:
        questionnaire = load_cached(args.questionnaire)
    else:
        questionnaire_id = data.get("questionnaire")
        if not isinstance(questionnaire_id, str):
            raise UsageError(f"{path}: 'questionnaire' must name the questionnaire id")
        questionnaire = find_installed(questionnaire_id, cached=True)
    return questionnaire, parse_responses(questionnaire, data, source=str(path))


def cmd_list(args: argparse.Namespace) -> int:
    installed = load_installed()
    if not installed:
        print(f"No questionnaires in {questionnaires_dir()}")
        return EXIT_OK
    # "time" is what the file promises; "estimate" is what its text needs (timing.py).
    rows = [
        (q.id, q.version, q.title, str(len(q.dimensions)), str(q.question_count),
         f"{q.estimated_minutes} min", f"{estimated_minutes(q):.0f} min")
        for q in installed.values()
    ]
    header = ("id", "version", "title", "dimensions", "questions", "time", "estimate")
    print(_table(header, rows))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    paths: list[Path] = []
    for given in args.paths or [questionnaires_dir()]:
        if given.is_dir():
            paths.extend(questionnaire_files(given))
        else:
            paths.append(given)
    if not paths:
        raise UsageError("no questionnaire files to validate")
    for path in paths:
        q = load_questionnaire(path)
        print(f"{path}: ok ({q.id} {q.version}, {q.question_count} questions)")
    return EXIT_OK


def cmd_score(args: argparse.Namespace) -> int:
    questionnaire, responses = load_inputs(args)
    card = score(questionnaire, responses)
    if args.format == "json":
        print(json.dumps(card.as_output(explain=args.explain), indent=2, ensure_ascii=False))
    else:
        print(format_scorecard(card, explain=args.explain))
    return EXIT_OK


def cmd_references(args: argparse.Namespace) -> int:
    path = args.path or questionnaires_dir() / "delivery-full.yaml"
    print(references_table(load_questionnaire(path)))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(questionnaire_json_schema(), indent=2))
    return EXIT_OK


def format_scorecard(card: ScoreCard, explain: bool = False) -> str:
    def row(unit: UnitScore, indent: str = "") -> tuple[str, ...]:
        if not unit.in_scope:
            return (indent + unit.title, "out of scope", "", "", "")
        coverage = f"{unit.coverage:.0%}" if unit.coverage is not None else ""
        return (
            indent + unit.title,
            "–" if unit.score is None else f"{unit.score:.2f}",
            "" if unit.level is None else f"{unit.level} {unit.level_name}",
            coverage,
            str(unit.na),
        )

    rows = [row(card.overall)]
    for dimension in card.dimensions:
        rows.append(row(dimension))
        rows.extend(
            row(c, "  ") for c in card.capabilities if c.dimension == dimension.id
        )
    text = _table(("unit", "score", "level", "coverage", "n/a"), rows)
    if explain:
        lines = [text, ""]
        for capability in card.capabilities:
            lines.append(f"{capability.title} ({capability.id}):")
            for c in card.explanations[capability.id]:
                shown = "n/a" if c.na else ("–" if c.level is None else f"level {c.level}")
                if c.outcome:
                    lines.append(f"  {c.question_id}: {shown}, a DORA outcome: counts in no score")
                else:
                    lines.append(f"  {c.question_id}: {shown} × weight {c.weight:g}")
        text = "\n".join(lines)
    return text


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
