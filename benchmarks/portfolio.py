"""The Portfolio page's data at 40 teams × 8 assessments (issue 14; target under 200 ms).

:func:`portfolio_page_data` is exactly what the page computes on every run: read every
finished assessment of every team (four queries), score each, build the heatmap and the
roll-up. The baseline is the Results page's own read and score of one assessment, so the
ratio says how many single-assessment pages the whole portfolio costs.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session, sessionmaker

from assessment_models import storage
from assessment_models.portfolio import Heatmap, heatmap, team_histories
from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import Responses
from assessment_models.rollup import Rollup, rollup

TEAMS = 40
ASSESSMENTS = 8


def random_responses(questionnaire: Questionnaire, rng: random.Random, year: int) -> Responses:
    """Every question answered, levels drifting upwards with the year; some tracking."""
    answers: dict[str, dict[str, object]] = {}
    for qid, question in questionnaire.questions_by_id.items():
        if isinstance(question, MetricQuestion):
            answers[qid] = {"value": rng.choice(question.thresholds)}
        else:
            levels = sorted(o.level for o in question.options)
            answers[qid] = {"level": levels[min(len(levels) - 1, rng.randrange(3) + year)]}
    recommendations = list(questionnaire.recommendations_by_id)[:6]
    tracking = {
        r: {"status": rng.choice(["planned", "in_progress", "done"]),
            "due_date": (date(2026, 1, 1) + timedelta(days=rng.randrange(300))).isoformat()}
        for r in recommendations
    }
    return Responses.model_validate(
        {"questionnaire": questionnaire.id, "answers": answers, "tracking": tracking}
    )


def seed_organisation(
    sessions: sessionmaker[Session],
    questionnaire: Questionnaire,
    *,
    teams: int = TEAMS,
    assessments: int = ASSESSMENTS,
    seed: int = 14,
) -> str:
    """An organisation of ``teams`` teams with ``assessments`` quarterly assessments each."""
    rng = random.Random(seed)
    with sessions() as session:
        owner = storage.create_organisation(session, "Bench Org")
        for t in range(teams):
            team = storage.add_team(session, owner, f"Team {t + 1:02d}")
            for a in range(assessments):
                day = date(2024, 1, 15) + timedelta(days=91 * a)
                responses = random_responses(questionnaire, rng, a // 3)
                storage.import_team_assessment(session, owner, team.id, questionnaire,
                                               responses, day)
    return owner


def portfolio_page_data(
    sessions: sessionmaker[Session], owner: str, today: date
) -> tuple[Heatmap, Rollup]:
    """What the Portfolio page computes on each run (before drawing anything)."""
    with sessions() as session:
        organisation = storage.get_organisation(session, owner)
        stored = storage.load_teams(session, owner, history=False)
    histories = team_histories(stored)
    board = heatmap(histories, today=today, stale_after_months=organisation.stale_after_months)
    return board, rollup(board, histories, today=today)
