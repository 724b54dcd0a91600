"""Pieces the workshop pages draw: links, participation, distributions, agenda, radar.

Drawing only: every figure comes from a :class:`WorkshopAggregate`. Each table says how
many answers a figure rests on ("n of N").
"""

from __future__ import annotations

import io

import links
import plotly.graph_objects as go
import segno
import streamlit as st
from labels import plain, saved_text

from assessment_models.errors import NotFoundError
from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import question_level
from assessment_models.storage.workshop_records import WorkshopRecord
from assessment_models.workshop import Anonymity, Participant, QuestionSpread, WorkshopAggregate
from workshop import wstate, wstore

ANONYMITY_LABELS: dict[str, str] = {
    "named": "Named: everyone sees names beside answers once revealed",
    "facilitator_only": "Facilitator only: you see names, participants see the group",
    "anonymous": "Anonymous: nobody sees who answered what; no names are stored",
}
PRIVACY_FOR_PARTICIPANTS: dict[str, str] = {
    "named": "Named workshop: once the facilitator reveals the answers, everyone sees "
    "your name beside yours.",
    "facilitator_only": "The facilitator sees your name beside your answers; the other "
    "participants see only the group's figures.",
    "anonymous": "Anonymous workshop: no name is asked or stored, and nobody can see which "
    "answers are yours.",
}
ANONYMITY_SHORT = {
    "named": "named",
    "facilitator_only": "facilitator only",
    "anonymous": "anonymous",
}


def open_workshop() -> WorkshopRecord:
    """The facilitator's workshop in this tab; otherwise the not-found message, and stop."""
    code = wstate.facilitator_code()
    if code is not None:
        try:
            return wstore.record(code)
        except NotFoundError:
            wstate.close_workshop_view()
    st.error("No workshop with this code or link.")
    st.caption("Open the facilitator link you were given when the workshop was created.")
    st.stop()


def join_link(join_code: str) -> str:
    return links.app_link("join", {wstate.JOIN_PARAM: join_code})


def facilitator_link(code: str) -> str:
    return links.app_link("workshop", {wstate.FACILITATOR_PARAM: code})


def qr_png(text: str) -> bytes:
    """A QR code of ``text`` as PNG, drawn locally by segno."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=12, border=2)
    return buffer.getvalue()


def header(record: WorkshopRecord) -> None:
    who = record.respondent.display_name
    st.caption(
        f"{record.questionnaire.title}"
        + (f" — {plain(who)}" if who else "")
        + f" · join code **{record.join_code}** · {ANONYMITY_SHORT[record.anonymity]}"
        + (" · **closed**" if not record.is_open else "")
    )


def participation(aggregate: WorkshopAggregate, timezone: str | None) -> None:
    done = sum(1 for p in aggregate.progress if p.questions and p.answered == p.questions)
    given = sum(p.answered for p in aggregate.progress)
    asked = sum(p.questions for p in aggregate.progress)
    st.markdown(
        f"**{aggregate.participants} joined** · {done} of {aggregate.participants} finished · "
        f"{given} of {asked} answers in"
    )
    if not aggregate.progress:
        st.caption("Nobody has joined yet. Show the projector view so people can join.")
        return
    st.dataframe(
        [
            {
                "Participant": p.label,
                "Answered": p.share,
                "Questions": f"{p.answered} of {p.questions}",
                "Last activity": (
                    saved_text(p.last_activity, timezone).removeprefix("Saved ")
                    if p.last_activity
                    else "—"
                ),
            }
            for p in aggregate.progress
        ],
        column_config={
            "Answered": st.column_config.ProgressColumn(
                "Answered", min_value=0.0, max_value=1.0, format="percent"
            )
        },
        hide_index=True,
        width="stretch",
    )


def spread_rows(
    questionnaire: Questionnaire, spreads: list[QuestionSpread]
) -> list[dict[str, object]]:
    """One row per question: distribution and the figures that describe it."""
    rows = []
    for s in spreads:
        question = questionnaire.questions_by_id[s.question_id]
        shown = not s.hidden
        row: dict[str, object] = {
            "Question": question.text if shown else f"{question.text} (under 3 answers: hidden)",
            "Answers": f"{s.answered} of {s.participants}",
            "Levels 1–5": [s.levels.get(level, 0) for level in range(1, 6)] if shown else [],
            "Spread": s.sd if shown else None,
            "Median": s.median if shown else None,
            "Mean": s.mean if shown else None,
            "Range": f"{s.minimum}–{s.maximum}" if shown and s.minimum is not None else "—",
            "N/A": s.na,
            "Confidence L/M/H/–": "/".join(
                str(s.confidence[c]) for c in ("low", "medium", "high", "unsure")
            ),
        }
        if isinstance(question, MetricQuestion):
            row["Values"] = (
                f"median {s.value_median:g}, middle half {s.value_q1:g}–{s.value_q3:g} "
                f"{question.unit}"
                if shown and s.value_median is not None
                else "—"
            )
        else:
            row["Values"] = ""
        rows.append(row)
    return rows


def spread_table(questionnaire: Questionnaire, spreads: list[QuestionSpread], key: str) -> None:
    st.dataframe(
        spread_rows(questionnaire, spreads),
        column_config={
            "Question": st.column_config.TextColumn("Question", width="large"),
            "Answers": st.column_config.TextColumn("Answers", help="n of N participants"),
            "Levels 1–5": st.column_config.BarChartColumn(
                "Levels 1–5", y_min=0, help="How many chose each level, 1 to 5", width="small"
            ),
            "Spread": st.column_config.NumberColumn(
                "Spread", format="%.2f", help="Standard deviation of the levels"
            ),
            "Median": st.column_config.NumberColumn("Median", format="%.1f"),
            "Mean": st.column_config.NumberColumn("Mean", format="%.2f"),
            "Confidence L/M/H/–": st.column_config.TextColumn(
                "Confidence L/M/H/–", help="Low / medium / high / not given"
            ),
            "Values": st.column_config.TextColumn(
                "Values", help="Number questions: median and interquartile range"
            ),
        },
        hide_index=True,
        width="stretch",
        key=key,
    )


def answers_by_person(
    questionnaire: Questionnaire, group: list[Participant], question_ids: list[str]
) -> list[dict[str, object]]:
    """One row per person, one column per question: the level given ("N/A", or blank)."""
    rows = []
    for person in group:
        row: dict[str, object] = {"Participant": person.label}
        for qid in question_ids:
            question = questionnaire.questions_by_id[qid]
            answer = person.answers.get(qid)
            level = question_level(question, answer)
            row[question.text] = "N/A" if answer is not None and answer.na else level
        rows.append(row)
    return rows


def comments(questionnaire: Questionnaire, spreads: list[QuestionSpread]) -> None:
    with_comments = [s for s in spreads if s.comments and not s.hidden]
    if not with_comments:
        st.caption("No comments yet.")
        return
    for s in with_comments:
        st.markdown(f"**{questionnaire.questions_by_id[s.question_id].text}**")
        for label, text in s.comments:
            st.text(f"{label}: {text}" if label else f"• {text}")


def radar(aggregate: WorkshopAggregate, anonymity: Anonymity) -> go.Figure:
    """The group median per dimension, the band from lowest to highest participant."""
    dims = [d for d in aggregate.dimensions if d.n]
    titles = [d.title for d in dims]
    closed = [*titles, titles[0]] if titles else titles

    def ring(values: list[float | None]) -> list[float | None]:
        return [*values, values[0]] if values else values

    figure = go.Figure()
    figure.add_trace(
        go.Scatterpolar(
            r=ring([d.minimum for d in dims]),
            theta=closed,
            mode="lines",
            name="Lowest",
            line={"color": "rgba(41,128,185,0.35)", "width": 1},
        )
    )
    figure.add_trace(
        go.Scatterpolar(
            r=ring([d.maximum for d in dims]),
            theta=closed,
            mode="lines",
            name="Lowest to highest",
            fill="tonext",
            fillcolor="rgba(41,128,185,0.18)",
            line={"color": "rgba(41,128,185,0.35)", "width": 1},
        )
    )
    if anonymity != "anonymous":
        labels = list(dims[0].profiles) if dims else []
        for label in labels:
            figure.add_trace(
                go.Scatterpolar(
                    r=ring([d.profiles.get(label) for d in dims]),
                    theta=closed,
                    mode="lines",
                    name=label,
                    line={"width": 1, "dash": "dot"},
                    visible="legendonly",
                )
            )
    figure.add_trace(
        go.Scatterpolar(
            r=ring([d.median for d in dims]),
            theta=closed,
            mode="lines+markers",
            name="Group median",
            line={"color": "#1b4f72", "width": 3},
        )
    )
    figure.update_layout(
        polar={"radialaxis": {"range": [0, 5], "tickvals": [1, 2, 3, 4, 5]}},
        margin={"l": 60, "r": 60, "t": 40, "b": 40},
        height=520,
        legend={"orientation": "v", "x": 1.05, "y": 1},
    )
    return figure
