"""The guard around fragments: their own reruns skip the page's guard, so they carry one."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def test_a_guarded_fragment_that_fails_shows_a_reference_and_the_page_goes_on() -> None:
    def page() -> None:
        import guard
        import streamlit as st

        @st.fragment
        @guard.guarded
        def part() -> None:
            raise RuntimeError("a bug in one part of the page")

        part()
        st.markdown("The rest of the page")

    at = AppTest.from_function(page).run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith(
        "Something went wrong in this part of the page, so it stopped here."
    )
    assert "Reference " in error.value
    assert "a bug" not in error.value
    assert at.markdown[-1].value == "The rest of the page"
