"""The executive summary in words, written from the results. Pure functions, no I/O.

The PDF's summary page and the top of the Results page print the same paragraphs:

1. where the team stands overall, what that level means, and how far to the target;
2. the two strongest and two weakest dimensions (capabilities when fewer than four
   dimensions are scored), and the weakest capability inside the weakest dimension;
3. the DORA position against the chosen industry;
4. the places where the practices described and the measured outcomes disagree;
5. what to start now and what it should change.

Plain words for a reader who did not take the assessment: no formulas, no ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from assessment_models.benchmark import BenchmarkResult, MetricResult, benchmark, ordinal
from assessment_models.outcomes import PracticeOutcomeFlag, practice_outcome_flags
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import BenchmarkChoice, Responses
from assessment_models.roadmap import Roadmap
from assessment_models.scoring import ScoreCard, UnitScore

#: What each level says about how the team works (the names may differ per questionnaire).
#: They describe practice only: the DORA outcomes are reported against the benchmark.
LEVEL_MEANINGS: dict[int, str] = {
    1: "practices depend on individuals and vary from one piece of work to the next",
    2: "basic practices exist within the team, but they are applied unevenly",
    3: "practices are defined, shared and followed as a matter of course",
    4: "practices are measured, and decisions about delivery rest on those numbers",
    5: "measurement drives deliberate, continuous improvement of how work is delivered",
}


class Summary(BaseModel):
    """The summary's paragraphs and the facts they were written from."""

    model_config = ConfigDict(frozen=True)

    paragraphs: tuple[str, ...]
    draft: bool
    coverage: float | None
    strongest: tuple[str, ...]  # titles, strongest first
    weakest: tuple[str, ...]  # titles, weakest first


def coverage_note(card: ScoreCard) -> str | None:
    """'DRAFT: 12 of 16 questions answered (75 %).' below full coverage, else None."""
    overall = card.overall
    if overall.coverage is None or overall.answered >= overall.questions:
        return None
    percent = f"{100 * overall.coverage:.0f} %"
    return f"DRAFT: {overall.answered} of {overall.questions} questions answered ({percent})."


def executive_summary(
    card: ScoreCard,
    targets: dict[str, float],
    percent_to_target: float | None,
    benchmark: BenchmarkResult | None,
    flags: Sequence[PracticeOutcomeFlag],
    starts: Sequence[tuple[str, str]],
) -> Summary:
    """The paragraphs; ``starts`` are (what to start now, what it should change) pairs."""
    paragraphs = [_overall(card, targets, percent_to_target)]
    ranked, strongest, weakest = _areas(card)
    if ranked:
        paragraphs.append(ranked)
    if benchmark is not None:
        paragraphs.append(_dora(benchmark))
    paragraphs.append(_flags(flags, benchmark))
    paragraphs.append(_starts(starts))
    return Summary(
        paragraphs=tuple(p for p in paragraphs if p),
        draft=coverage_note(card) is not None,
        coverage=card.overall.coverage,
        strongest=tuple(u.title for u in strongest),
        weakest=tuple(u.title for u in weakest),
    )


def _overall(card: ScoreCard, targets: dict[str, float], percent: float | None) -> str:
    overall = card.overall
    if overall.score is None or overall.level is None:
        return (
            "There is no overall score yet: no question about a practice has been answered. "
            "Answer the questions to see where the team stands."
        )
    text = (
        f"Overall, the team's delivery practice scores {overall.score:.1f} out of 5: maturity "
        f"level {overall.level}, {overall.level_name}. At this level "
        f"{LEVEL_MEANINGS[overall.level]}."
    )
    in_scope = sorted({targets[d.id] for d in card.dimensions if d.in_scope and d.id in targets})
    if not in_scope:
        return text
    if len(in_scope) == 1:
        text += f" The target is level {in_scope[0]:g} in every area assessed"
    else:
        text += f" The targets lie between level {in_scope[0]:g} and {in_scope[-1]:g}"
    if percent is None:
        return text + "."
    them = "it" if len(in_scope) == 1 else "them"
    return text + f"; the team has come {percent:.0f} % of the way from level 1 to {them}."


def _areas(card: ScoreCard) -> tuple[str, list[UnitScore], list[UnitScore]]:
    dimensions = [d for d in card.dimensions if d.in_scope and d.score is not None]
    units, noun = dimensions, "areas"
    if len(dimensions) < 4:
        units = [c for c in card.capabilities if c.in_scope and c.score is not None]
        noun = "capabilities"
    if len(units) < 2:
        return "", [], []
    count = 2 if len(units) >= 4 else 1
    by_score = sorted(units, key=lambda u: -(u.score or 0.0))
    strongest, weakest = by_score[:count], list(reversed(by_score))[:count]
    text = (
        f"The strongest {noun} are {_listed(strongest)}; the weakest are {_listed(weakest)}."
        if count == 2
        else f"The strongest of the {noun} is {_listed(strongest)}; the weakest is "
        f"{_listed(weakest)}."
    )
    if noun == "areas":
        inside = [
            c for c in card.capabilities
            if c.dimension == weakest[0].id and c.in_scope and c.score is not None
        ]
        if len(inside) > 1:
            worst = min(inside, key=lambda c: c.score or 0.0)
            text += (
                f" Within {weakest[0].title}, {worst.title} is the weakest capability "
                f"({worst.score:.1f})."
            )
    return text, strongest, weakest


def _listed(units: Sequence[UnitScore]) -> str:
    parts = [f"{u.title} ({u.score:.1f})" for u in units]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _dora(result: BenchmarkResult) -> str:
    asked = len(result.metrics)
    if result.answered == 0:
        return (
            "The team did not give DORA's key delivery figures, so there is no comparison "
            "with the industry yet. Measuring them is worth doing early: they show whether "
            "better practice is paying off."
        )
    average = result.performance_average
    stat = average.industry
    text = (
        f"On DORA's key delivery metrics ({result.edition} Quick Check, compared with "
        f"{result.industry_name.lower() if result.industry == 'all' else result.industry_name})"
        f", the team's performance averages {average.score:.1f} out of 10"
    )
    if stat is not None and average.percentile is not None:
        text += (
            f" against an industry mean of {stat.mean:.1f}, roughly the "
            f"{ordinal(average.percentile)} percentile"
        )
    text += "." if result.answered == asked else f" ({result.answered} of {asked} answered)."
    compared = [m for m in result.metrics if m.comparison.percentile is not None]
    if len(compared) >= 2:
        best = max(compared, key=_standing)
        worst = min(compared, key=_standing)
        text += (
            f" Compared with the industry, {_metric_phrase(best)} is the strongest result "
            f"and {_metric_phrase(worst)} the weakest."
        )
    return text


def _standing(metric: MetricResult) -> float:
    return metric.comparison.percentile or 0.0


def _metric_phrase(metric: MetricResult) -> str:
    shown = metric.bucket_label.lower() if metric.bucket_label else metric.answer_text
    return f"{metric.title.lower()} ({shown})"


def _flags(flags: Sequence[PracticeOutcomeFlag], benchmark: BenchmarkResult | None) -> str:
    if not flags:
        if benchmark is None or benchmark.answered == 0:
            return ""
        return (
            "The practices described and the measured results tell a consistent story: no "
            "practice answer is two levels or more away from the result it drives."
        )
    parts = [
        f"{f.metric_title.lower()} ("
        + ("the practices look better than the result" if f.direction == "practice_ahead"
           else "the result looks better than the practices")
        + ")"
        for f in flags
    ]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    where = "one place" if len(flags) == 1 else f"{_count_word(len(flags))} places"
    return (
        f"In {where} the practices described and the measured results disagree by two "
        f"levels or more: {listed}. Check the evidence there before acting on the scores."
    )


def _starts(starts: Sequence[tuple[str, str]]) -> str:
    if not starts:
        return "Nothing needs starting now: every answered practice meets its target."
    chosen = [f"{title} ({change})" if change else title for title, change in starts[:3]]
    if len(chosen) == 1:
        return f"One initiative starts now: {chosen[0]}."
    listed = "; ".join(chosen[:-1]) + f"; and {chosen[-1]}"
    return f"{_count_word(len(chosen)).capitalize()} initiatives start now: {listed}."


def _count_word(n: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    return words[n] if 0 <= n < len(words) else str(n)


def starts_from_roadmap(roadmap: Roadmap) -> list[tuple[str, str]]:
    """What to start now and what it should change: the initiatives under way in Now, in
    plan order, with their one-sentence description."""
    started = [i for i in roadmap.initiatives if "Now" in i.phases]
    return [(i.title, _lowered(i.description)) for i in started]


def _lowered(sentence: str) -> str:
    text = sentence.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text



class Findings(BaseModel):
    """What the summary page and the Results page show beyond the scores."""

    model_config = ConfigDict(frozen=True)

    benchmark: BenchmarkResult
    flags: tuple[PracticeOutcomeFlag, ...]
    summary: Summary


def findings(
    questionnaire: Questionnaire, responses: Responses, card: ScoreCard, roadmap: Roadmap
) -> Findings:
    """The benchmark (for the responses' chosen industry and edition), flags and summary."""
    choice = responses.benchmark or BenchmarkChoice()
    result = benchmark(questionnaire, responses, choice.industry, choice.edition)
    flags = tuple(practice_outcome_flags(questionnaire, responses))
    summary = executive_summary(
        card, dict(roadmap.targets), roadmap.percent_to_target.get("overall"), result, flags,
        starts_from_roadmap(roadmap),
    )
    return Findings(benchmark=result, flags=flags, summary=summary)
