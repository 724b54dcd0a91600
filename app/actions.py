"""Widget callbacks: what happens when the respondent changes something.

Each callback reads the widgets' values through :mod:`state`, calls storage through
:mod:`store` in its own transaction and records the outcome for the next render. Callbacks
run before the page is drawn, so the page always shows what storage now holds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import state
import store
from labels import NA
from resources import installed_questionnaires

from assessment_models.benchmark_data import DEFAULT_EDITION, DEFAULT_INDUSTRY
from assessment_models.errors import (
    ConflictError,
    DatabaseUnavailableError,
    NotFoundError,
    ResponsesError,
    SextantError,
)
from assessment_models.questionnaire import MetricQuestion, Question, Questionnaire
from assessment_models.responses import (
    ANSWER_PARTS,
    Answer,
    BenchmarkChoice,
    Respondent,
    Scope,
    answer_part,
    parse_responses,
    parse_responses_json,
    read_responses_header,
    with_parts,
)


# Answers ----------------------------------------------------------------------------------
def seed_question(question: Question, answer: Answer | None) -> None:
    """Give a question's widgets their stored values, unless they already hold one.

    An answer still waiting to be saved wins over storage: the respondent sees what they
    gave, not what the database last held.
    """
    waiting = state.pending().get(question.id)
    stored = answer or Answer()
    if not state.has(state.answer_key(question.id)) or state.base(question.id) is None:
        state.set_base(question.id, waiting.base or Answer() if waiting else stored)
    shown = waiting.answer if waiting else stored
    if isinstance(question, MetricQuestion):
        state.seed(state.answer_key(question.id), shown.value)
        state.seed(state.na_key(question.id), shown.na)
    else:
        state.seed(state.answer_key(question.id), NA if shown.na else shown.level)
    state.seed(state.comment_key(question.id), shown.comment)
    state.seed(
        state.confidence_key(question.id),
        None if shown.confidence is None else shown.confidence.value,
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
    """on_change of every widget of a question: store the parts that changed, and only them."""
    answer = answer_from_widgets(question)
    base = state.base(question.id) or Answer()
    changed = frozenset(p for p in ANSWER_PARTS if answer_part(answer, p) != answer_part(base, p))
    if changed:
        _save(code, question.id, answer, changed, base)


def metric_not_applicable(code: str, question: MetricQuestion) -> None:
    """on_change of a metric's "Not applicable" box: N/A and a number exclude each other."""
    if state.value(state.na_key(question.id)):
        state.set_value(state.answer_key(question.id), None)
    save_question(code, question)


def flush_comments(code: str, questionnaire: Questionnaire) -> None:
    """Save comments typed but not yet saved (a text area reports only on blur)."""
    for question_id, question in questionnaire.questions_by_id.items():
        if state.has(state.comment_key(question_id)):
            save_question(code, question)


def retry_pending(code: str, *, now: bool = False) -> bool:
    """Try again the unsaved answers whose wait is over (all of them when ``now``).

    The first one probes the database; if it still fails, the others wait too. Returns
    True when nothing is left unsaved.
    """
    due = datetime.now(UTC)
    had_any = bool(state.pending())
    for waiting in list(state.pending().values()):
        if now or waiting.next_try <= due:
            _save(
                code, waiting.question_id, waiting.answer, waiting.fields, waiting.base, probe=True
            )
            if state.offline_since() is not None:
                break
    if had_any and not state.pending():
        state.set_recovered(datetime.now(UTC))
    return not state.pending()


def keep_theirs(question_id: str) -> None:
    """on_click after a conflict: take the other window's answer, drop this window's."""
    conflict = state.conflicts().get(question_id)
    if conflict is None:
        return
    state.drop_conflict(question_id)
    state.drop_pending(question_id)
    for key in (
        state.answer_key(question_id),
        state.na_key(question_id),
        state.comment_key(question_id),
        state.confidence_key(question_id),
    ):
        state.forget(key)
    state.set_base(question_id, conflict.theirs)


def keep_mine(code: str, question_id: str) -> None:
    """on_click after a conflict: save this window's answer over the other one."""
    conflict = state.conflicts().pop(question_id, None)
    if conflict is not None:
        _save(code, question_id, conflict.mine, frozenset({conflict.field}), conflict.theirs)


def _save(
    code: str,
    question_id: str,
    answer: Answer,
    fields: frozenset[str],
    base: Answer | None,
    *,
    probe: bool = False,
) -> None:
    if state.offline_since() is not None and not probe:
        # The database is away: queue the change behind the ones waiting, and let the
        # retry probe it, rather than make every click wait for a timeout.
        state.add_pending(question_id, answer, fields, base)
        return
    try:
        saved_at = store.save_answer(code, question_id, answer, fields=fields, base=base)
    except ConflictError as exc:
        state.drop_pending(question_id)
        state.record_conflict(
            state.Conflict(question_id, exc.field, answer, exc.stored, exc.changed_at)
        )
        return
    except DatabaseUnavailableError:
        # Kept in this window, retried with backoff; the page says "not saved yet".
        state.add_pending(question_id, answer, fields, base)
        state.record_offline()
        return
    except SextantError as exc:
        state.drop_pending(question_id)
        state.record_save_error(f"Not saved: {exc.message}")
        return
    state.drop_pending(question_id)
    state.drop_conflict(question_id)
    state.record_online()
    state.set_base(question_id, with_parts(base or Answer(), answer, fields))
    state.record_saved(saved_at)


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
    message = f"Imported {count} answers into a new assessment."
    given = header.questionnaire_version
    if given is not None and given != questionnaire.version:
        message += (
            f" Note: the file was written for version {given} of “{questionnaire.title}”; "
            f"they are now answers to version {questionnaire.version}, installed here."
        )
    state.flash(message)


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
