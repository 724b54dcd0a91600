"""Portfolio: an organisation's teams side by side and over time (opened with ``?o=CODE``)."""

import streamlit as st
from labels import plain
from portfolio import admin, keys, store, views

from assessment_models.errors import NotFoundError
from assessment_models.rollup import rollup

st.title("Portfolio")
message = keys.pop_flash()
if message:
    st.success(message, icon=":material/check_circle:")

owner = keys.owner()
organisation = None
if owner:
    try:
        organisation = store.organisation(owner)
    except NotFoundError as exc:
        keys.close_owner()
        st.error(exc.message)
if owner is None or organisation is None:
    admin.entry()
    st.stop()
keys.open_owner(owner)

histories = store.latest(owner)
team_ids = {t.name: t.id for t in organisation.teams}
name_col, close_col = st.columns([4, 1], vertical_alignment="center")
name_col.caption(f"**{plain(organisation.name)}** · {views.team_summary(histories)}")
close_col.button("Open another", key=keys.CLOSE, on_click=keys.close_owner, type="tertiary",
                 icon=":material/swap_horiz:")
if not organisation.teams:
    st.info("Add your teams under **Teams and links** to begin.", icon=":material/group_add:")

heat_tab, compare_tab, trend_tab, rollup_tab, teams_tab = st.tabs(
    ["Heatmap", "Compare", "Trend", "Roll-up", "Teams and links"]
)
with heat_tab:
    board = views.heatmap_section(histories, organisation.stale_after_months)
with compare_tab:
    views.compare_section(board)
with trend_tab:
    views.trend_section(histories, lambda name: store.team_history(owner, team_ids[name]))
with rollup_tab:
    views.rollup_section(rollup(board, histories, today=store.today()))
with teams_tab:
    admin.teams_section(owner, organisation, histories, board,
                        lambda: views.portfolio_pdf(owner, organisation))
