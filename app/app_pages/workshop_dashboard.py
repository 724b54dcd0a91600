"""The facilitator's dashboard: who answered, the spread of every question, the agenda.

Controls sit outside the live part; the live part redraws itself every few seconds from
the workshop's one cached aggregate (see ``workshop/wstore.py``).
"""

import routes
import state
import streamlit as st
from workshop import wactions, wexports, wstate, wstore, wviews

from assessment_models.workshop import (
    ANONYMITY_ORDER,
    aggregate,
    discuss_first,
    narrowing,
)

record = wviews.open_workshop()
code = record.facilitator_code
questionnaire = record.questionnaire

st.title("Workshop dashboard")
wviews.header(record)
message = state.pop_flash()
if message:
    st.success(message, icon=":material/check_circle:")

links = st.columns(3)
links[0].page_link(routes.WORKSHOP_PROJECTOR, label="Projector view", icon=":material/tv:")
links[1].page_link(
    routes.WORKSHOP_CONSENSUS, label="Agree the answers", icon=":material/handshake:"
)
links[2].page_link(routes.WORKSHOP_JOIN, label="Join as a participant", icon=":material/login:")

with st.expander("Facilitator link and settings", icon=":material/settings:"):
    st.markdown("**Your facilitator link** (keep it private)")
    st.code(wviews.facilitator_link(code), language=None, wrap_lines=True)
    st.markdown(f"**Join link for participants**: `{wviews.join_link(record.join_code)}`")
    state.seed(wstate.DASH_THRESHOLD, record.threshold)
    st.slider(
        "Discuss first from a spread of",
        min_value=0.0,
        max_value=2.0,
        step=0.1,
        key=wstate.DASH_THRESHOLD,
        on_change=wactions.save_threshold,
        args=(code,),
        help="Spread is the standard deviation of the levels: 1.0 means answers a full "
        "level apart on average.",
    )
    allowed = ANONYMITY_ORDER[ANONYMITY_ORDER.index(record.anonymity) :]
    state.seed(wstate.DASH_ANONYMITY, record.anonymity)
    st.selectbox(
        "Anonymity (can be raised, never lowered)",
        options=list(allowed),
        format_func=wviews.ANONYMITY_LABELS.__getitem__,
        key=wstate.DASH_ANONYMITY,
        on_change=wactions.save_anonymity,
        args=(code,),
    )
    if record.is_open:
        st.button(
            "Close the workshop",
            key=wstate.DASH_CLOSE,
            on_click=wactions.close,
            args=(code,),
            icon=":material/lock:",
        )
        st.caption("Closing stops joins and answers; everything stays readable.")
    else:
        st.button(
            "Reopen the workshop",
            key=wstate.DASH_REOPEN,
            on_click=wactions.reopen,
            args=(code,),
            icon=":material/lock_open:",
        )

reveal_col, all_col = st.columns([4, 1], vertical_alignment="bottom")
state.seed(wstate.DASH_REVEAL, list(record.revealed))
reveal_col.multiselect(
    "Show participants the group's answers for",
    options=[d.id for d in questionnaire.dimensions if d.id not in record.scope.exclude],
    format_func=lambda d: questionnaire.dimensions_by_id[d].title,
    key=wstate.DASH_REVEAL,
    on_change=wactions.save_reveal,
    args=(code,),
    placeholder="Nothing revealed yet",
)
all_col.button(
    "Reveal all",
    key=wstate.DASH_REVEAL_ALL,
    on_click=wactions.reveal_all,
    args=(code, questionnaire),
    width="stretch",
)
problem = wstate.error("dash")
if problem:
    st.error(problem)


@st.fragment(run_every=5)
def live() -> None:
    current, _, agg = wstore.dashboard(code)
    who_tab, agenda_tab, questions_tab, radar_tab, comments_tab = st.tabs(
        ["Participation", "Discuss first", "Every question", "Dimensions", "Comments"]
    )
    with who_tab:
        wviews.participation(agg, st.context.timezone)
    with agenda_tab:
        agenda = discuss_first(agg.questions, current.threshold)
        st.markdown(
            f"**{len(agenda)} of {len(agg.questions)} questions** have a spread of "
            f"{current.threshold:.1f} or more. Talk about these; the rest is agreed by "
            "default and can be settled by the median."
        )
        if agenda:
            wviews.spread_table(questionnaire, agenda, key=wstate.DASH_AGENDA)
        if current.second_round:
            before = aggregate(
                questionnaire, wstore.first_round(code), current.scope, current.anonymity
            )
            st.markdown("**Second round: how far the spread narrowed**")
            st.dataframe(
                [
                    {
                        "Question": questionnaire.questions_by_id[m.question_id].text,
                        "Spread, first round": m.sd_before,
                        "Spread now": m.sd_after,
                        "Narrowed by": "—" if m.share is None else f"{m.share:.0%}",
                        "Answers": f"{m.n_before} → {m.n_after} of {agg.participants}",
                    }
                    for m in narrowing(current.second_round, before, agg)
                ],
                hide_index=True,
                width="stretch",
            )
    with questions_tab:
        wviews.spread_table(questionnaire, list(agg.questions), key=wstate.DASH_QUESTIONS)
    with radar_tab:
        if any(d.n for d in agg.dimensions):
            st.plotly_chart(
                wviews.radar(agg, current.anonymity),
                config={"displayModeBar": False},
                key="workshop.dash.radar",
            )
            st.caption(
                " · ".join(f"{d.title}: n = {d.n} of {agg.participants}" for d in agg.dimensions)
            )
        else:
            st.caption("The radar appears once someone has answered.")
    with comments_tab:
        wviews.comments(questionnaire, list(agg.questions))


live()
st.divider()
_, everyone, _ = wstore.dashboard(code)
wexports.downloads(record, everyone)
