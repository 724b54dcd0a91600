"""Workshops in storage: codes, joining, privacy, closing, re-voting, concurrency."""

from __future__ import annotations

import random
import statistics
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text

from assessment_models.errors import NotFoundError, StorageError
from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import Answer, Respondent, Scope, question_level
from assessment_models.storage import (
    finish_assessment,
    load_responses,
    reopen_assessment,
    save_answer,
)
from assessment_models.storage import workshop_join as wj
from assessment_models.storage import workshops as ws
from assessment_models.workshop import aggregate

QUICK = Path(__file__).resolve().parents[2] / "questionnaires" / "delivery-quick.yaml"


def create(db, questionnaire: Questionnaire, anonymity: str = "named", **kw) -> ws.WorkshopRecord:
    with db.session() as session:
        return ws.create_workshop(
            session, questionnaire, Respondent(organisation="Acme", team="Payments"),
            kw.pop("scope", Scope()), anonymity, **kw,
        )  # fmt: skip


def join(db, join_code: str, name: str | None = "Ana") -> str:
    with db.session() as session:
        return wj.join_workshop(session, join_code, name)


def answer(db, code: str, question_id: str, given: Answer) -> None:
    with db.session() as session:
        save_answer(session, code, question_id, given)


def one_off(code: str, alphabet: str) -> str:
    """The same code with its last character changed (to another valid character)."""
    last = code[-1]
    return code[:-1] + next(c for c in alphabet if c != last)


def test_a_workshop_has_a_join_code_without_look_alikes(db, mini: Questionnaire) -> None:
    workshop = create(db, mini)
    assert len(workshop.join_code) == 6
    assert not set(workshop.join_code) & set("0O1IL")
    assert len(workshop.facilitator_code) == 43
    assert (workshop.status, workshop.participants, workshop.revealed) == ("open", 0, ())


def test_a_join_code_may_be_typed_in_lower_case_with_spaces(db, mini: Questionnaire) -> None:
    workshop = create(db, mini)
    typed = workshop.join_code[:3].lower() + " " + workshop.join_code[3:].lower()
    with db.session() as session:
        assert wj.invite(session, typed).join_code == workshop.join_code


def test_wrong_codes_of_every_kind_get_the_same_answer(db, mini: Questionnaire) -> None:
    workshop = create(db, mini)
    participant = join(db, workshop.join_code)
    letters = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    wrong = [
        lambda s: ws.get_workshop(s, one_off(workshop.facilitator_code, "abc")),
        lambda s: ws.get_workshop(s, participant),  # a participant's link is not a dashboard
        lambda s: ws.get_workshop(s, workshop.consensus_code),
        lambda s: ws.get_workshop(s, "not a code"),
        lambda s: wj.invite(s, one_off(workshop.join_code, letters)),
        lambda s: wj.join_workshop(s, "00OO11", "Bo"),
        lambda s: wj.revealed_group(s, workshop.facilitator_code),
    ]
    for attempt in wrong:
        with db.session() as session, pytest.raises(NotFoundError) as caught:
            attempt(session)
        assert caught.value.message == "No workshop with this code or link."


def test_a_participant_answers_in_an_assessment_of_their_own(db, mini: Questionnaire) -> None:
    workshop = create(db, mini, scope=Scope(exclude=("technology",)))
    code = join(db, workshop.join_code, "Ana")
    answer(db, code, "chg_approval", Answer(level=3, comment="weekly CAB"))
    with db.session() as session:
        mine = load_responses(session, code)
        [ana] = ws.participants(session, workshop.facilitator_code)
    assert mine.scope.exclude == ("technology",)
    assert mine.respondent == Respondent(organisation="Acme", team="Payments")
    assert ana.label == "Ana"
    assert ana.answers == {"chg_approval": Answer(level=3, comment="weekly CAB")}


def test_named_modes_need_a_name(db, mini: Questionnaire) -> None:
    workshop = create(db, mini, "facilitator_only")
    with db.session() as session, pytest.raises(StorageError, match="Give a name"):
        wj.join_workshop(session, workshop.join_code, "  ")


def test_anonymous_mode_stores_no_name_and_no_time_of_joining(db, mini: Questionnaire) -> None:
    workshop = create(db, mini, "anonymous")
    join(db, workshop.join_code, "Ana Lopez")
    join(db, workshop.join_code, None)
    with db.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT display_name, joined_at FROM workshop_participants")
        ).all()
        stored = connection.execute(text("SELECT organisation, team FROM assessments")).all()
    assert rows == [(None, None), (None, None)]
    assert all("Ana" not in str(r) for r in stored)
    with db.session() as session:
        labels = [p.label for p in ws.participants(session, workshop.facilitator_code)]
    assert labels == ["P1", "P2"]


def test_anonymity_is_raised_never_lowered(db, mini: Questionnaire) -> None:
    workshop = create(db, mini, "named")
    join(db, workshop.join_code, "Ana")
    with db.session() as session:
        ws.raise_anonymity(session, workshop.facilitator_code, "anonymous")
    with db.session() as session, pytest.raises(StorageError, match="never lowered"):
        ws.raise_anonymity(session, workshop.facilitator_code, "named")
    with db.engine.connect() as connection:
        names = connection.execute(text("SELECT display_name FROM workshop_participants")).all()
    assert names == [(None,)]


def test_a_closed_workshop_takes_no_joins_and_no_answers(db, mini: Questionnaire) -> None:
    workshop = create(db, mini)
    code = join(db, workshop.join_code)
    with db.session() as session:
        ws.close_workshop(session, workshop.facilitator_code)
    with db.session() as session, pytest.raises(StorageError, match="workshop is closed"):
        wj.join_workshop(session, workshop.join_code, "Bo")
    with db.session() as session, pytest.raises(StorageError, match="finished"):
        save_answer(session, code, "chg_approval", Answer(level=2))
    with db.session() as session, pytest.raises(StorageError, match="workshop is closed"):
        reopen_assessment(session, code)
    with db.session() as session:
        ws.reopen_workshop(session, workshop.facilitator_code)
        save_answer(session, code, "chg_approval", Answer(level=2))
        assert load_responses(session, code).answers["chg_approval"].level == 2


def test_an_ordinary_assessment_still_reopens(db, mini: Questionnaire) -> None:
    workshop = create(db, mini)
    with db.session() as session:
        finish_assessment(session, workshop.consensus_code)
        reopen_assessment(session, workshop.consensus_code)


def test_participants_see_only_revealed_dimensions_and_names_only_when_named(
    db, mini: Questionnaire
) -> None:
    for mode, expected in (("named", "Ana"), ("facilitator_only", "P1")):
        workshop = create(db, mini, mode)
        code = join(db, workshop.join_code, "Ana")
        answer(db, code, "chg_approval", Answer(level=3))
        answer(db, code, "test_auto", Answer(level=4))
        with db.session() as session:
            assert wj.revealed_group(session, code)[0].answers == {}
            ws.set_revealed(session, workshop.facilitator_code, ["technology"])
            [ana] = wj.revealed_group(session, code)
        assert (ana.label, ana.answers) == (expected, {"test_auto": Answer(level=4)})


def test_a_second_round_keeps_the_first_round_answers(db, mini: Questionnaire) -> None:
    workshop = create(db, mini)
    codes = [join(db, workshop.join_code, name) for name in ("Ana", "Bo")]
    for code, level in zip(codes, (1, 5), strict=True):
        answer(db, code, "chg_approval", Answer(level=level))
    with db.session() as session:
        ws.start_second_round(session, workshop.facilitator_code, ["chg_approval"])
    for code in codes:
        answer(db, code, "chg_approval", Answer(level=3))
    with db.session() as session:
        before = ws.first_round(session, workshop.facilitator_code)
        now = ws.participants(session, workshop.facilitator_code)
        record = ws.get_workshop(session, workshop.facilitator_code)
    assert [p.answers["chg_approval"].level for p in before] == [1, 5]
    assert [p.answers["chg_approval"].level for p in now] == [3, 3]
    assert record.second_round == ("chg_approval",)


# Thirty people at once -----------------------------------------------------------------------


def random_answer(question, rng: random.Random) -> Answer:
    if question.allow_na and rng.random() < 0.1:
        return Answer(na=True, confidence=rng.choice(["low", "medium", "high"]))
    if isinstance(question, MetricQuestion):
        top = question.max_value if question.max_value is not None else 1000
        return Answer(value=round(rng.uniform(question.min_value, top), 1))
    return Answer(level=rng.choice(question.options).level, confidence=rng.choice(["low", "high"]))


def test_thirty_participants_answer_at_once_and_every_answer_is_stored_once(db) -> None:
    quick = load_questionnaire(QUICK)
    workshop = create(db, quick, "facilitator_only")
    people = 30
    rngs = [random.Random(1000 + i) for i in range(people)]
    planned = [{q.id: random_answer(q, rngs[i]) for q in quick.questions_by_id.values()}
               for i in range(people)]  # fmt: skip
    start = threading.Barrier(people)

    def participant(i: int) -> str:
        # The app's calls, in the app's order: join, then one save per answer, each in a
        # fresh session and transaction.
        start.wait()
        code = join(db, workshop.join_code, f"Person {i:02d}")
        for question_id, given in planned[i].items():
            answer(db, code, question_id, given)
        return code

    with ThreadPoolExecutor(max_workers=people) as pool:
        codes = list(pool.map(participant, range(people)))  # re-raises any error

    assert db.count("answers") == people * quick.question_count
    assert db.count("workshop_participants") == people
    with db.session() as session:
        group = ws.participants(session, workshop.facilitator_code)
        stored = {code: load_responses(session, code).answers for code in codes}
    for i, code in enumerate(codes):
        assert stored[code] == planned[i]

    card = aggregate(quick, group, Scope(), "facilitator_only")
    assert card.participants == people
    assert all(p.answered == quick.question_count for p in card.progress)
    for question in quick.questions_by_id.values():
        levels = [question_level(question, a[question.id]) for a in planned]
        given = sorted(lv for lv in levels if lv is not None)
        spread = card.question(question.id)
        assert spread.n == len(given)
        assert spread.na == sum(a[question.id].na for a in planned)
        assert {lv: c for lv, c in spread.levels.items() if c} == dict(Counter(given))
        middle = len(given) // 2
        hand_median = given[middle] if len(given) % 2 else (given[middle - 1] + given[middle]) / 2
        assert spread.median == hand_median
        assert spread.mean == pytest.approx(sum(given) / len(given))
        assert (spread.minimum, spread.maximum) == (given[0], given[-1])
        mean = sum(given) / len(given)
        assert spread.sd == pytest.approx((sum((x - mean) ** 2 for x in given) / len(given)) ** 0.5)
        assert statistics.median(given) == hand_median  # and the library agrees with the hand


def test_the_consensus_code_finds_its_workshop_without_names_or_secrets(
    db, mini: Questionnaire
) -> None:
    workshop = create(db, mini, "named")
    code = join(db, workshop.join_code, "Ana")
    answer(db, code, "chg_approval", Answer(level=4))
    with db.session() as session:
        inputs = ws.of_consensus(session, workshop.consensus_code)
        assert ws.of_consensus(session, code) is None  # a participant's own assessment
    assert inputs is not None
    assert [p.label for p in inputs.participants] == ["P1"]
    assert inputs.participants[0].answers == {"chg_approval": Answer(level=4)}
    assert workshop.facilitator_code not in inputs.model_dump_json()
