"""The Portfolio page's way in (create, open, sign in) and its Teams and links tab."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit, urlunsplit

import routes
import state
import streamlit as st
import views as app_views
from labels import plural
from resources import installed_questionnaires

from assessment_models.portfolio import Heatmap, TeamHistory
from assessment_models.report.portfolio_csv import portfolio_csv
from assessment_models.storage import OrganisationRecord
from portfolio import actions, keys, store

#: The URL path Streamlit gives app_pages/portfolio.py.
PAGE_PATH = "portfolio"


# Optional sign-in --------------------------------------------------------------------------
def auth_configured() -> bool:
    """True when ``[auth]`` is set in ``.streamlit/secrets.toml`` (OIDC through st.login)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return False


def signed_in_subject() -> str | None:
    """The signed-in owner's stable id (OIDC ``sub``), when sign-in is configured."""
    if not auth_configured() or not st.user.is_logged_in:
        return None
    subject = st.user.get("sub") or st.user.get("email")
    return str(subject) if subject else None


# The way in --------------------------------------------------------------------------------
def entry() -> None:
    """No organisation open: create one, open one with its owner link, or pick a listed one."""
    st.write(
        "See your teams side by side and over time: where each stands, where the organisation "
        "is improving, and whether the plan is working."
    )
    subject = signed_in_subject()
    if auth_configured():
        _sign_in_box(subject)
    create_col, open_col = st.columns(2)
    with create_col, st.container(border=True):
        st.subheader("Create an organisation", anchor=False)
        with st.form("portfolio.create_form", border=False):
            st.text_input("Organisation name", key=keys.CREATE_NAME, max_chars=200)
            st.form_submit_button("Create", type="primary", key=keys.CREATE,
                                  on_click=actions.create_organisation, args=(subject,))
        if keys.error("create"):
            st.error(keys.error("create"))
    with open_col, st.container(border=True):
        st.subheader("Open your organisation", anchor=False)
        with st.form("portfolio.open_form", border=False):
            st.text_input("Owner link or code", key=keys.OPEN_CODE,
                          placeholder="Paste the owner link you kept")
            st.form_submit_button("Open", key=keys.OPEN, on_click=actions.open_organisation)
        if keys.error("open"):
            st.error(keys.error("open"))


def _sign_in_box(subject: str | None) -> None:
    with st.container(border=True):
        if subject is None:
            st.caption("Sign in to see the organisations you created while signed in.")
            if st.button("Sign in", key=keys.SIGN_IN, icon=":material/login:"):
                st.login()
            return
        mine = store.organisations_of(subject)
        st.markdown(f"**Your organisations** ({st.user.get('email') or subject})")
        for organisation in mine:
            st.button(organisation.name, key=f"portfolio.mine.{organisation.owner_code[:8]}",
                      on_click=actions.open_listed, args=(organisation.owner_code,),
                      type="tertiary", icon=":material/arrow_forward:")
        if not mine:
            st.caption("None yet: create one below.")
        if st.button("Sign out", key=keys.SIGN_OUT):
            st.logout()


# Teams and links ---------------------------------------------------------------------------
def owner_link(owner: str) -> str:
    """The address of this page that reopens the organisation: ``…/portfolio?o=CODE``."""
    query = urlencode({keys.OWNER_PARAM: owner})
    url = st.context.url
    if not url:
        return f"/{PAGE_PATH}?{query}"
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.rpartition("/")[2] == PAGE_PATH:
        path = path.rpartition("/")[0]
    return urlunsplit((parts.scheme, parts.netloc, f"{path}/{PAGE_PATH}", query, ""))


def teams_section(
    owner: str,
    organisation: OrganisationRecord,
    histories: list[TeamHistory],
    board: Heatmap,
    make_pdf: Callable[[], bytes],
) -> None:
    st.markdown("**Owner link**")
    st.code(owner_link(owner), language=None, wrap_lines=True)
    st.caption("Whoever holds this link sees every team of the organisation and can add "
               "teams and assessments. Keep it to the people who run the portfolio; teams "
               "get links to their own assessments only.")

    with st.form("portfolio.team_form", border=False):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input("New team", key=keys.TEAM_NAME, max_chars=200,
                        placeholder="e.g. Payments")
        right.form_submit_button("Add team", key=keys.ADD_TEAM, on_click=actions.add_team,
                                 args=(owner,), width="stretch")
    if keys.error("team"):
        st.error(keys.error("team"))
    if not organisation.teams:
        return

    by_name = {h.team: h for h in histories}
    under_way = store.under_way(owner)
    st.table(
        [
            {
                "Team": team.name,
                "Finished assessments": by_name[team.name].count if team.name in by_name else 0,
                "Latest": _latest_text(by_name.get(team.name)),
                "Under way": len(under_way.get(team.id, [])),
            }
            for team in organisation.teams
        ],
        hide_index=True,
        border="horizontal",
    )
    _start_box(owner, organisation, by_name, under_way)
    _attach_box(owner, organisation)
    _settings_and_downloads(owner, organisation, board, make_pdf)


def _latest_text(team: TeamHistory | None) -> str:
    if team is None or team.latest is None:
        return "—"
    return f"{team.latest.assessed_on:%d %b %Y}"


def _start_box(owner: str, organisation: OrganisationRecord,
               by_name: dict[str, TeamHistory], under_way: dict) -> None:  # type: ignore[type-arg]
    with st.container(border=True):
        st.markdown("**Start an assessment for a team**")
        questionnaires = installed_questionnaires()
        team_ids = [t.id for t in organisation.teams]
        names = {t.id: t.name for t in organisation.teams}
        left, right = st.columns(2)
        team_id = left.selectbox("Team", team_ids, format_func=names.__getitem__,
                                 key="portfolio.start_team")
        questionnaire_id = right.selectbox(
            "Questionnaire", list(questionnaires),
            format_func=lambda q: questionnaires[q].title, key=keys.QUESTIONNAIRE,
        )
        questionnaire = questionnaires[questionnaire_id]
        latest = by_name.get(names[team_id])
        latest_code = latest.latest.code if latest and latest.latest else None
        fresh_col, next_col = st.columns(2)
        if fresh_col.button("Start afresh", key=keys.start_key(team_id),
                            icon=":material/play_arrow:", width="stretch"):
            code = store.start_team_assessment(owner, team_id, questionnaire)
            state.open_assessment(code)
            state.flash(f"A new assessment for {names[team_id]} is ready. Share its link with "
                        "the team: it opens this assessment only.")
            st.switch_page(routes.START)
        if latest_code and next_col.button(
            "Start the next assessment", key=keys.next_key(team_id), type="primary",
            icon=":material/history:", width="stretch",
            help="Starts from the answers of the team's latest assessment, each marked "
                 "carried over until someone confirms or changes it.",
        ):
            code = store.start_next(latest_code, questionnaire)
            state.open_assessment(code)
            st.switch_page(routes.ASSESS)
        if not latest_code:
            next_col.caption("The next assessment carries answers over once the team has "
                             "finished one.")
        pending = under_way.get(team_id, [])
        for code, started in pending:
            st.markdown(f"Under way since {started:%d %b %Y}: "
                        f"[open it]({app_views.resume_link(code)})")


def _attach_box(owner: str, organisation: OrganisationRecord) -> None:
    with st.expander("Add an assessment started on its own"):
        st.caption("Paste the assessment's link. It takes both links, the owner link (open "
                   "here) and the assessment's own, so nobody can add or take another "
                   "team's assessment by guessing.")
        names = {t.id: t.name for t in organisation.teams}
        with st.form("portfolio.attach_form", border=False):
            st.selectbox("Team", list(names), format_func=names.__getitem__,
                         key=keys.ATTACH_TEAM)
            st.text_input("Assessment link or access code", key=keys.ATTACH_CODE)
            st.form_submit_button("Add to the team", key=keys.ATTACH, on_click=actions.attach,
                                  args=(owner,))
        if keys.error("attach"):
            st.error(keys.error("attach"))


def _settings_and_downloads(owner: str, organisation: OrganisationRecord,
                            board: Heatmap, make_pdf: Callable[[], bytes]) -> None:
    left, right = st.columns(2)
    with left:
        st.session_state.setdefault(keys.STALE_MONTHS, organisation.stale_after_months)
        st.number_input("Mark an assessment stale after (months)", min_value=1, max_value=36,
                        step=1, key=keys.STALE_MONTHS, on_change=actions.set_stale_after,
                        args=(owner,))
    with right:
        st.download_button(
            "Portfolio CSV", data=portfolio_csv(board),
            file_name=f"{_slug(organisation.name)}-portfolio.csv", mime="text/csv",
            key=keys.DOWNLOAD_CSV, icon=":material/table:",
            help="One row per team and dimension: score, level, target, date.",
        )
        # The PDF reads every team's whole history: built only when it is asked for.
        st.download_button(
            "Portfolio PDF", data=make_pdf,
            file_name=f"{_slug(organisation.name)}-portfolio.pdf", mime="application/pdf",
            key=keys.DOWNLOAD_PDF, icon=":material/picture_as_pdf:",
            help="Cover, roll-up, heatmap, a trend chart per team, DORA comparison.",
        )
    st.caption(plural(len(organisation.teams), "team", "teams"))


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "organisation"
