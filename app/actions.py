"""Widget callbacks: what happens when the respondent changes something.

Each callback reads the widgets' values through :mod:`state`, calls storage through
:mod:`store` in its own transaction and records the outcome for the next render. Callbacks
run before the page is drawn, so the page always shows what storage now holds.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import state
import store
from labels import NA
from resources import installed_questionnaires

from assessment_models.benchmark_data import DEFAULT_EDITION, DEFAULT_INDUSTRY
from assessment_models.errors import NotFoundError, ResponsesError, SextantError
from assessment_models.questionnaire import MetricQuestion, Question, Questionnaire
from assessment_models.responses import (
    Answer,
    BenchmarkChoice,
    Respondent,
    Scope,
    parse_responses,
    parse_responses_json,
    read_responses_header,
)


# Answers ----------------------------------------------------------------------------------
def seed_question(question: Question, answer: Answer | None) -> None:
    """Give a question's widgets their stored values, unless they already hold one."""
    answer = answer or Answer()
    if isinstance(question, MetricQuestion):
        state.seed(state.answer_key(question.id), answer.value)
        state.seed(state.na_key(question.id), answer.na)
    else:
        state.seed(state.answer_key(question.id), NA if answer.na else answer.level)
    state.seed(state.comment_key(question.id), answer.comment)
    state.seed(
        state.confidence_key(question.id),
        None if answer.confidence is None else answer.confidence.value,
    )


def answer_from_widgets(question: Question) -> Answer:
    """The answer a question's widgets show right now."""
    chosen = state.value(state.answer_key(question.id))
    comment = state.value(state.comment_key(question.id)) or ""
    confidence = state.value(state.confidence_key(question.id))
    if isinstance(question, MetricQuestion):
        na = bool(state.value(state.na_key(question.id), False))
        value = None if na or chosen is None else float(chosen)
        return Answer(value=value, na=na, comment=comment, confidence=confidence)
    if chosen == NA:
        return Answer(na=True, comment=comment, confidence=confidence)
    return Answer(level=chosen, comment=comment, confidence=confidence)


def save_question(code: str, question: Question) -> None:
    """on_change of every widget of a question: store the whole answer."""
    _save(code, question.id, answer_from_widgets(question))


def metric_not_applicable(code: str, question: MetricQuestion) -> None:
    """on_change of a metric's "Not applicable" box: N/A and a number exclude each other."""
    if state.value(state.na_key(question.id)):
        state.set_value(state.answer_key(question.id), None)
    save_question(code, question)


def flush_comments(code: str, questionnaire: Questionnaire) -> None:
    """Save comments typed but not yet saved (a text area reports only on blur)."""
    try:
        stored = store.responses(code).answers
    except SextantError as exc:
        state.record_save_error(exc.message)
        return
    for question_id in questionnaire.questions_by_id:
        key = state.comment_key(question_id)
        if not state.has(key):
            continue
        typed = state.value(key) or ""
        answer = stored.get(question_id, Answer())
        if typed != answer.comment:
            _save(code, question_id, answer.model_copy(update={"comment": typed}))


def _save(code: str, question_id: str, answer: Answer) -> None:
    try:
        state.record_saved(store.save_answer(code, question_id, answer))
    except SextantError as exc:
        state.record_save_error(f"Not saved: {exc.message}")


# Moving around ----------------------------------------------------------------------------
def jump_to_section() -> None:
    """on_change of "Jump to a section": scroll to it once, then empty the box again."""
    chosen = state.value(state.ASSESS_JUMP)
    if chosen:
        state.set_focus(state.capability_anchor(chosen))
    state.set_value(state.ASSESS_JUMP, None)


def go_to_question(dimension_id: str, question_id: str) -> None:
    """on_click of a question on the Review page: its dimension, scrolled to it."""
    state.set_dimension(dimension_id)
    state.set_focus(state.question_anchor(question_id))


# Start, resume, import, finish ------------------------------------------------------------
def start_assessment(questionnaire: Questionnaire) -> None:
    """on_click of "Start": create the assessment with the chosen scope and open it."""
    excluded: list[str] = []
    for dimension in questionnaire.dimensions:
        if not state.value(state.scope_key(questionnaire.id, dimension.id), True):
            excluded.append(dimension.id)
            continue
        excluded.extend(
            c.id
            for c in dimension.capabilities
            if not state.value(state.scope_key(questionnaire.id, c.id), True)
        )
    included = {d.id for d in questionnaire.dimensions} - set(excluded)
    if not included or all(
        c.id in excluded
        for d in questionnaire.dimensions
        if d.id in included
        for c in d.capabilities
    ):
        state.set_start_error("new", "Choose at least one capability to assess.")
        return
    respondent = Respondent(
        organisation=(state.value(state.START_ORGANISATION) or "").strip(),
        team=(state.value(state.START_TEAM) or "").strip(),
    )
    choice = _chosen_benchmark(state.START_INDUSTRY, state.START_EDITION)
    if choice is None:
        state.set_start_error("new", "Choose an industry and an edition from the lists.")
        return
    try:
        code = store.create(questionnaire, respondent, Scope(exclude=tuple(excluded)), choice)
    except SextantError as exc:
        state.set_start_error("new", exc.message)
        return
    state.set_start_error("new", None)
    state.open_assessment(code)
    state.flash("Your assessment is ready. Keep the link below to come back to it.")


def resume_assessment() -> None:
    """on_click of "Open": accept an access code or a whole resume link."""
    typed = (state.value(state.START_RESUME_CODE) or "").strip()
    code = _code_in(typed)
    try:
        store.record(code)
    except NotFoundError as exc:
        state.set_start_error("resume", exc.message)
        return
    state.set_start_error("resume", None)
    state.set_value(state.START_RESUME_CODE, "")
    state.open_assessment(code)


def import_file() -> None:
    """on_click of "Import": a new assessment holding the file's answers, or nothing."""
    uploaded = state.value(state.START_IMPORT_FILE)
    if uploaded is None:
        state.set_start_error("import", "Choose a JSON file first.")
        return
    source = uploaded.name
    try:
        data = parse_responses_json(uploaded.getvalue(), source)
        header = read_responses_header(data, source)
        questionnaire = installed_questionnaires().get(header.questionnaire)
        if questionnaire is None:
            raise ResponsesError(
                f"{source}: answers the questionnaire '{header.questionnaire}', "
                "which is not installed here"
            )
        responses = parse_responses(questionnaire, header, source)
        code = store.import_responses(questionnaire, responses)
    except SextantError as exc:
        state.set_start_error("import", exc.message)
        return
    state.set_start_error("import", None)
    state.open_assessment(code)
    count = sum(a.is_answered for a in responses.answers.values())
    state.flash(f"Imported {count} answers into a new assessment.")


def finish(code: str, questionnaire: Questionnaire) -> None:
    flush_comments(code, questionnaire)
    store.finish(code)


def reopen(code: str) -> None:
    store.reopen(code)
    state.forget_answers()


def save_target(
    code: str, questionnaire: Questionnaire, wip_limit: int | None, capacity: int | None = None
) -> None:
    """on_change of the target slider: one target level for every dimension (capability
    targets are dropped: one slider means one target)."""
    target = float(state.value(state.RESULTS_TARGET))
    try:
        store.save_targets(
            code, {d.id: target for d in questionnaire.dimensions}, wip_limit, capacity
        )
    except SextantError as exc:
        state.record_save_error(f"Target not saved: {exc.message}")


def save_benchmark(code: str) -> None:
    """on_change of the industry or edition on Results: compare with other DORA figures."""
    choice = _chosen_benchmark(state.RESULTS_INDUSTRY, state.RESULTS_EDITION)
    if choice is None:
        state.record_save_error("Benchmark not saved: choose an industry from the list.")
        return
    try:
        store.set_benchmark(code, choice)
    except SextantError as exc:
        state.record_save_error(f"Benchmark not saved: {exc.message}")


def _chosen_benchmark(industry_key: str, edition_key: str) -> BenchmarkChoice | None:
    """The industry and edition two widgets show, or None if they name none DORA has."""
    try:
        return BenchmarkChoice(
            industry=state.value(industry_key) or DEFAULT_INDUSTRY,
            edition=state.value(edition_key) or DEFAULT_EDITION,
        )
    except ValueError:  # pydantic's ValidationError
        return None


def _code_in(typed: str) -> str:
    """The access code in what was pasted: the code itself, or a link with ``?a=CODE``."""
    if "?" in typed or "/" in typed:
        found = parse_qs(urlsplit(typed).query).get(state.CODE_PARAM)
        if found:
            return found[0].strip()
    return typed
