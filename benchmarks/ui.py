"""Set-up shared by the UI rows: a database with one answered assessment of the full
questionnaire, the app's AppTest on a page, and the bare script's specification."""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from assessment_models import storage
from assessment_models.questionnaire import Dimension, MetricQuestion, Questionnaire
from benchmarks import generate

ROOT = generate.project_root()
APP_DIR = ROOT / "app"
APP = APP_DIR / "streamlit_app.py"
BARE_ASSESS = Path(__file__).with_name("bare_assess.py")
ASSESS = "app_pages/assess.py"
ROADMAP = "app_pages/roadmap.py"

# Driving pages from outside a script run warns "missing ScriptRunContext": noise here.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    lambda record: "ScriptRunContext" not in record.getMessage()
)

# The app's modules import each other by name, as Streamlit runs them from app/.
if str(APP_DIR) not in sys.path:
    sys.path.insert(0, str(APP_DIR))


class _OneScriptCache:
    """Hands out one :class:`ScriptCache` for every AppTest run, as a server does.

    A Streamlit server keeps one ``ScriptCache`` for all its sessions (``Runtime`` makes it
    once and hands it to every ``AppSession``; it is emptied only when a source file
    changes), so a script is parsed, magic-rewritten and compiled once per process. AppTest
    makes a fresh one on every ``run()`` (``app_test.py`` for the page scripts,
    ``local_script_runner.py`` for the main script), so each rerun recompiles every script
    it executes. Both sides of a row pay that, but not alike: the app recompiles its entry
    point and a page script (about 230 lines), the bare script about 60, so the per-rerun
    compile made up 19 % of the app's script time against 12 % of the bare script's. No
    user waits for it on a server; the rows measure both sides without it.
    """

    def __init__(self) -> None:
        from streamlit.runtime.scriptrunner.script_cache import ScriptCache

        self.cache = ScriptCache()

    def __call__(self) -> Any:
        return self.cache


def share_compiled_scripts() -> None:
    """Make every AppTest in this process reuse compiled scripts (see :class:`_OneScriptCache`)."""
    from streamlit.testing.v1 import app_test, local_script_runner

    if not isinstance(app_test.ScriptCache, _OneScriptCache):
        shared = _OneScriptCache()
        app_test.ScriptCache = shared  # type: ignore[assignment,misc]
        local_script_runner.ScriptCache = shared  # type: ignore[assignment,misc]


def largest_dimension(q: Questionnaire) -> Dimension:
    return max(q.dimensions, key=lambda d: sum(len(c.questions) for c in d.capabilities))


class Fixture:
    """A temporary folder with a SQLite database holding one answered assessment."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sextant-bench-ui-"))
        self.url = f"sqlite:///{self.folder / 'sextant.db'}"
        os.environ["DATABASE_URL"] = self.url
        self.questionnaire = generate.full_questionnaire()
        self.dimension = largest_dimension(self.questionnaire)
        engine = storage.make_engine(self.url)
        storage.migrate(engine)
        with storage.make_sessionmaker(engine)() as session:
            self.code = storage.import_responses(
                session, self.questionnaire, generate.answers(self.questionnaire, comments=1)
            )
        engine.dispose()
        self.spec = self.folder / "bare-assess.json"
        self.spec.write_text(json.dumps(bare_spec(self.questionnaire, self.dimension)))
        os.environ["SEXTANT_BENCH_SPEC"] = str(self.spec)
        share_compiled_scripts()

    def scale_question(self) -> str:
        """The first non-metric question of the dimension: the one the rows click."""
        return next(
            question.id
            for capability in self.dimension.capabilities
            for question in capability.questions
            if not isinstance(question, MetricQuestion)
        )

    def stored_level(self, question_id: str) -> object:
        engine = storage.make_engine(self.url)
        try:
            with storage.make_sessionmaker(engine)() as session:
                answer = storage.load_responses(session, self.code).answers.get(question_id)
        finally:
            engine.dispose()
        return None if answer is None else answer.level

    def app_on(self, page: str) -> Any:
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params["a"] = self.code
        at.query_params["d"] = self.dimension.id
        at.run()
        at.switch_page(page)
        checked(at.run())
        if page == ASSESS:
            # Assess forwards to the dimension's own page (/assess-<id>), where a browser
            # then stays: a click reruns that page alone. AppTest would request the
            # forwarding page again on every run (switch_page's choice sticks), running
            # the app twice per click. Point it at the page the run ended on, as the URL
            # does; AppTest has no public way to, hence the private attribute (the UI
            # tests' ui_routing.py does the same).
            at._page_hash = at._finished_page_script_hash
        return at

    def bare(self) -> Any:
        from streamlit.testing.v1 import AppTest

        return checked(AppTest.from_file(str(BARE_ASSESS), default_timeout=120).run())


def checked(at: Any) -> Any:
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].value}")
    return at


def bare_spec(q: Questionnaire, dimension: Dimension) -> dict[str, Any]:
    return {
        "picker": [d.title for d in q.dimensions],
        "title": dimension.title,
        "description": dimension.description,
        "capabilities": [
            {
                "title": c.title,
                "description": c.description,
                "questions": [
                    {
                        "id": x.id,
                        "text": x.text,
                        "help": x.help,
                        "references": "; ".join(x.references),
                        "options": None if isinstance(x, MetricQuestion)
                        else [[o.level, f"{o.label}: {o.descriptor}"] for o in x.options],
                    }
                    for x in c.questions
                ],
            }
            for c in dimension.capabilities
        ],
    }
