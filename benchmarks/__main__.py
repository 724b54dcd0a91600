"""`make bench`: each measurement is reported against a baseline timed in the same run.

- YAML parsing: the pure-Python SafeLoader is the baseline for libyaml's CSafeLoader, which
  the loader uses when available (the app parses every questionnaire once per process).
- Scoring: a full questionnaire with every question answered, against validating the same
  responses (the two steps every Results page view takes).
"""

from __future__ import annotations

import statistics
import timeit
from collections.abc import Callable

import yaml

from assessment_models.loader import load_installed, questionnaire_files
from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import Responses, parse_responses
from assessment_models.scoring import score


def best_of(func: Callable[[], object], repeat: int = 5, number: int = 20) -> float:
    """Median seconds per call over ``repeat`` batches of ``number`` calls."""
    return statistics.median(timeit.repeat(func, repeat=repeat, number=number)) / number


def full_answers(questionnaire: Questionnaire) -> Responses:
    answers = {}
    for qid, question in questionnaire.questions_by_id.items():
        if isinstance(question, MetricQuestion):
            answers[qid] = {"value": question.thresholds[1]}
        else:
            answers[qid] = {"level": question.options[-1].level}
    return Responses.model_validate({"questionnaire": questionnaire.id, "answers": answers})


def main() -> None:
    print(f"{'measurement':<48} {'per call':>12} {'baseline':>12} {'ratio':>8}")
    for path in questionnaire_files():
        text = path.read_text(encoding="utf-8")
        pure = best_of(lambda t=text: yaml.load(t, Loader=yaml.SafeLoader), number=5)
        c_loader = getattr(yaml, "CSafeLoader", None)
        if c_loader is None:
            print(f"{path.name}: libyaml not available; CSafeLoader not measured")
            continue
        fast = best_of(lambda t=text, loader=c_loader: yaml.load(t, Loader=loader), number=5)
        report(f"parse {path.name} with CSafeLoader", fast, pure)

    for questionnaire in load_installed().values():
        raw = full_answers(questionnaire)
        validate = best_of(lambda q=questionnaire, r=raw: parse_responses(q, r))
        parsed = parse_responses(questionnaire, raw)
        scoring = best_of(lambda q=questionnaire, r=parsed: score(q, r))
        report(f"score {questionnaire.id} ({questionnaire.question_count} answers)",
               scoring, validate)

    from benchmarks import portfolio

    portfolio.measure(best_of, report)


def report(name: str, seconds: float, baseline: float) -> None:
    ratio = seconds / baseline
    print(f"{name:<48} {seconds * 1e3:>9.3f} ms {baseline * 1e3:>9.3f} ms {ratio:>7.2f}x")


if __name__ == "__main__":
    main()
