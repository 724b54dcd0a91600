"""``sextant roadmap`` and ``sextant report``: the recommender and the PDF from the shell.

Targets, capacity and the WIP limit are read as text and checked by the domain, so a bad value ends
like every other bad input: one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from assessment_models import cli
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses
from assessment_models.roadmap import (
    DEFAULT_CAPACITY,
    DEFAULT_WIP_LIMIT,
    Roadmap,
    RoadmapError,
    RoadmapItem,
    build_roadmap,
    parse_capacity,
    parse_target_value,
    parse_targets,
    parse_wip_limit,
)
from assessment_models.scoring import ScoreCard, score


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("roadmap", help="turn a responses file into a phased roadmap")
    cli.add_responses_arguments(p)
    _add_roadmap_arguments(p)
    p.set_defaults(handler=cmd_roadmap)

    p = sub.add_parser("report", help="write the PDF report of a responses file")
    cli.add_responses_arguments(p, formats=False)
    _add_roadmap_arguments(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="REPORT.pdf",
                   help="where to write the PDF")
    p.add_argument("--page-size", default="A4", metavar="A4|letter",
                   help="paper size (default: A4)")
    p.set_defaults(handler=cmd_report)


def _add_roadmap_arguments(p: argparse.ArgumentParser) -> None:
    targets = p.add_mutually_exclusive_group()
    targets.add_argument("--target", metavar="N",
                         help="one target level for every dimension, 1 to 5 in steps of 0.5")
    targets.add_argument("--targets", metavar="ID=N,…",
                         help="targets per dimension or capability, e.g. "
                              "processes=4,change_enablement=3.5 (a capability's own target "
                              "wins over its dimension's; others keep the default)")
    p.add_argument("--wip", default=str(DEFAULT_WIP_LIMIT), metavar="N",
                   help="initiatives under way at once in each phase "
                        f"(default: {DEFAULT_WIP_LIMIT})")
    p.add_argument("--capacity", default=str(DEFAULT_CAPACITY), metavar="POINTS",
                   help="effort points the team carries per phase, S=1 M=3 L=8 "
                        f"(default: {DEFAULT_CAPACITY})")


def roadmap_from_args(args: argparse.Namespace) -> tuple[
    Questionnaire, Responses, ScoreCard, Roadmap
]:
    questionnaire, responses = cli.load_inputs(args)
    targets: dict[str, float] | None = None
    if args.target is not None:
        value = parse_target_value(args.target)
        targets = {d.id: value for d in questionnaire.dimensions}
    elif args.targets is not None:
        targets = parse_targets(args.targets, questionnaire)
    wip = parse_wip_limit(args.wip)
    capacity = parse_capacity(args.capacity)
    card = score(questionnaire, responses)
    roadmap = build_roadmap(questionnaire, card, targets, wip, capacity)
    return questionnaire, responses, card, roadmap


def cmd_roadmap(args: argparse.Namespace) -> int:
    _, _, _, roadmap = roadmap_from_args(args)
    if args.format == "json":
        print(json.dumps(roadmap.as_output(), indent=2, ensure_ascii=False))
    else:
        print(format_roadmap(roadmap))
    return cli.EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from assessment_models.report.pdf import render_pdf, resolve_page_size

    resolve_page_size(args.page_size)  # fail before the work, not after
    questionnaire, responses, card, roadmap = roadmap_from_args(args)
    pdf = render_pdf(questionnaire, responses, card, roadmap, page_size=args.page_size)
    try:
        args.output.write_bytes(pdf)
    except OSError as exc:
        raise RoadmapError(f"{args.output}: cannot be written ({exc.strerror or exc})") from None
    print(f"{args.output}: {len(pdf)} bytes, {len(roadmap.items)} roadmap items")
    return cli.EXIT_OK


def format_roadmap(roadmap: Roadmap) -> str:
    """Settings, what each phase buys, then each phase as a table and the loose ends."""
    targets = ", ".join(f"{d}={t:g}" for d, t in
                        {**roadmap.targets, **roadmap.capability_targets}.items())
    lines = [f"Targets: {targets}   Capacity: {roadmap.capacity} points per phase   "
             f"WIP limit: {roadmap.wip_limit} initiatives"]
    progress = [
        f"{k} {'–' if v is None else f'{v:.0f}%'}" for k, v in roadmap.percent_to_target.items()
    ]
    lines.append("Progress to target now: " + ", ".join(progress))
    for projection in roadmap.projected:
        overall = projection.percent_to_target["overall"]
        shown = "–" if overall is None else f"{overall:.0f}%"
        score = "–" if projection.overall is None else f"{projection.overall:.2f}"
        lines.append(f"  after {projection.phase}: overall {score}, {shown} of the way")
    for phase in roadmap.phases:
        lines += ["", f"{phase.name} ({phase.horizon}): {phase.points_used} of "
                      f"{phase.capacity} points, {len(phase.initiatives)} initiatives"]
        if not phase.items:
            lines.append("  nothing")
            continue
        lines += _items_table(phase.items)
    if roadmap.deferred:
        lines += ["", "Not scheduled (over capacity)"]
        lines += [f"  {item.id}: {item.deferred_reason}" for item in roadmap.deferred]
    if roadmap.initiatives:
        lines += ["", "Initiatives"]
        rows = [(i.title, str(len(i.items)), str(i.points), ", ".join(i.phases) or "–")
                for i in roadmap.initiatives]
        table = cli._table(("initiative", "items", "points", "phases"), rows)
        lines += ["  " + line for line in table.splitlines()]
    if roadmap.unanswered:
        lines += ["", "Answer these to complete the picture"]
        lines += [f"  {u.question}: {u.text}" for u in roadmap.unanswered]
    lines += ["", "* quick win (effort S, impact at least 2, an answer two levels below target)"]
    return "\n".join(lines)


def _items_table(items: Sequence[RoadmapItem]) -> list[str]:
    rows = [
        (
            item.id,
            item.title + (" *" if item.quick_win else "")
            + (" [prerequisite]" if item.pulled_in_by else ""),
            item.initiative,
            item.effort.value,
            f"{item.priority:.2f}",
            ", ".join(item.requires),
        )
        for item in items
    ]
    table = cli._table(("id", "title", "initiative", "effort", "priority", "requires"), rows)
    return ["  " + line for line in table.splitlines()]
