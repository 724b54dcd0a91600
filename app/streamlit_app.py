"""Sextant's Streamlit entry point: page config, shared resources, the access code, routing."""

import guard
import routes
import state
import store
import streamlit as st
import views
from resources import installed_questionnaires, sessions
from workshop import wnav

from assessment_models.errors import DatabaseUnavailableError, NotFoundError, SextantError

st.set_page_config(page_title="Sextant", page_icon="🧭", layout="wide")


def main() -> None:
    # The menu, the notices and the page read the same assessment: once per run.
    with store.one_read_per_run():
        _route()


def _route() -> None:
    try:
        sessions()  # opens the database and migrates it, once per process
        installed_questionnaires()  # parses the YAML, once per process
    except DatabaseUnavailableError:
        raise  # the guard says so, and comes back by itself when the database answers
    except SextantError as exc:
        st.error(exc.message)
        st.stop()

    # The access code travels in the URL (?a=CODE): a refresh, a bookmark or a shared link
    # reopens the assessment from storage.
    url_code = state.code_from_url()
    if url_code and url_code != state.code():
        try:
            store.record(url_code)
        except NotFoundError:
            state.drop_code_from_url()
            views.unknown_code(url_code)
        except DatabaseUnavailableError:
            state.open_assessment(url_code)  # checked again once the database answers
        else:
            state.open_assessment(url_code)
    state.show_code_in_url()
    wnav.open_from_url()  # a facilitator link, ?w=CODE

    # One page per dimension: the menu is built from the open assessment's score card.
    page = st.navigation(
        {
            **routes.pages(views.open_card()),
            "Workshop": wnav.pages(),
            "Across teams": [
                st.Page(routes.PORTFOLIO, title="Portfolio", icon=":material/groups:")
            ],
        }
    )
    dimension = routes.dimension_of(page)
    if dimension is not None:
        state.set_dimension(dimension)
    views.commit_typing_before_navigating()
    guard.notices()  # saving trouble: not saved yet, another window changed an answer
    page.run()


guard.run(main)  # no traceback ever reaches the page
