"""The names of the app's widget keys and URL parameters, in one place.

Keys are prefixed by the page that owns them (``start.``, ``assess.``, ``results.``,
``roadmap.``, ``downloads.``), so a page can forget its own widgets by prefix. Tests and
benchmarks find widgets by these keys, never by position.
"""

from __future__ import annotations

#: The URL query parameter that carries the access code (``?a=CODE``).
CODE_PARAM = "a"
#: The URL query parameter that carries the dimension shown on the Assess page.
DIMENSION_PARAM = "d"

#: Prefix of every Assess page key: dropping them makes answers re-read from storage.
ASSESS_PREFIX = "assess."
#: Prefix of every Roadmap page key: dropped when another assessment is opened.
ROADMAP_PREFIX = "roadmap."
_ASSESS = ASSESS_PREFIX
_START = "start."
_RESULTS = "results."
_ROADMAP = ROADMAP_PREFIX

# Keys of widgets --------------------------------------------------------------------------
def answer_key(question_id: str) -> str:
    """The radio (scale, choice) or number input (metric) of a question."""
    return f"{_ASSESS}answer.{question_id}"


def na_key(question_id: str) -> str:
    """The "Not applicable" checkbox of a metric question."""
    return f"{_ASSESS}na.{question_id}"


def comment_key(question_id: str) -> str:
    return f"{_ASSESS}comment.{question_id}"


def confidence_key(question_id: str) -> str:
    return f"{_ASSESS}confidence.{question_id}"


def question_anchor(question_id: str) -> str:
    """Key of the container around a question; Streamlit gives it the class ``st-key-…``."""
    return f"q-{question_id}"


def read_only_anchor(question_id: str) -> str:
    """Key of the box holding a finished assessment's answer to a question."""
    return f"ro-{question_id}"


def capability_anchor(capability_id: str) -> str:
    """Key of the container around a capability's section on the Assess page."""
    return f"cap-{capability_id}"


#: Key of the container at the top of the Assess page (scrolled to after "Next").
PAGE_TOP_ANCHOR = "assess-top"
#: Key of the bar that stays in view on the Assess page: progress and ways to move.
PROGRESS_BAR_ANCHOR = "assess-progress"


DIMENSION_PICKER = f"{_ASSESS}dimension_picker"
ASSESS_JUMP = f"{_ASSESS}jump"
ASSESS_NEXT_UNANSWERED = f"{_ASSESS}next_unanswered"

START_QUESTIONNAIRE = f"{_START}questionnaire"
START_ORGANISATION = f"{_START}organisation"
START_TEAM = f"{_START}team"
START_INDUSTRY = f"{_START}industry"
START_EDITION = f"{_START}edition"
START_FORM = f"{_START}form"
START_SUBMIT = f"{_START}submit"
START_RESUME_CODE = f"{_START}resume_code"
START_RESUME = f"{_START}resume"
START_RESUME_SUBMIT = f"{_START}resume_submit"
START_IMPORT_FILE = f"{_START}import_file"
START_IMPORT = f"{_START}import"
START_CONTINUE = f"{_START}continue"
START_NEW = f"{_START}new"
START_CLOSE_CONFIRM = f"{_START}close_confirm"
START_CLOSE_CANCEL = f"{_START}close_cancel"
START_COPY = f"{_START}copy"
START_CARD = f"{_START}resume_card"


def scope_key(questionnaire_id: str, unit_id: str) -> str:
    """The "include" checkbox of a dimension or capability on the Start page."""
    return f"{_START}scope.{questionnaire_id}.{unit_id}"


ASSESS_PREVIOUS = f"{_ASSESS}previous"
ASSESS_NEXT = f"{_ASSESS}next"
ASSESS_REVIEW = f"{_ASSESS}to_review"
ASSESS_REOPEN = f"{_ASSESS}reopen"

REVIEW_FINISH = "review.finish"
REVIEW_RESULTS = "review.results"


def review_goto_key(question_id: str) -> str:
    return f"review.goto.{question_id}"


RESULTS_TARGET = f"{_RESULTS}target"
RESULTS_EXPLAIN = f"{_RESULTS}explain"
RESULTS_INDUSTRY = f"{_RESULTS}industry"
RESULTS_EDITION = f"{_RESULTS}edition"


# Roadmap page and downloads (roadmap., downloads.) -----------------------------------------
ROADMAP_WIP = f"{_ROADMAP}wip_limit"
ROADMAP_CAPACITY = f"{_ROADMAP}capacity"
ROADMAP_INITIATIVES = f"{_ROADMAP}initiatives"
ROADMAP_RADAR = f"{_ROADMAP}radar"
ROADMAP_TABLE = f"{_ROADMAP}table"


def roadmap_target_key(dimension_id: str) -> str:
    """The target slider of a dimension on the Roadmap page."""
    return f"{_ROADMAP}target.{dimension_id}"


def roadmap_capability_target_key(capability_id: str) -> str:
    """A capability's own target on the Roadmap page (None: its dimension's)."""
    return f"{_ROADMAP}capability_target.{capability_id}"


def tracking_owner_key(recommendation_id: str) -> str:
    return f"{_ROADMAP}owner.{recommendation_id}"


def tracking_due_key(recommendation_id: str) -> str:
    return f"{_ROADMAP}due.{recommendation_id}"


def tracking_status_key(recommendation_id: str) -> str:
    return f"{_ROADMAP}status.{recommendation_id}"


DOWNLOAD_PAGE_SIZE = "downloads.page_size"
DOWNLOAD_PDF = "downloads.pdf"
DOWNLOAD_JSON = "downloads.json"
DOWNLOAD_ROADMAP_CSV = "downloads.roadmap_csv"
DOWNLOAD_ANSWERS_CSV = "downloads.answers_csv"
