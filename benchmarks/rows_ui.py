"""Rows for the pages, through Streamlit's AppTest: a click on the Assess page against the
bare script with the same widgets, and a rerun of the Roadmap page against one of Assess."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from benchmarks.harness import Bench, Result, cpu_seconds, row
from benchmarks.ui import ASSESS, ROADMAP, Fixture, checked


def clicker(at: Any, key: str, levels: tuple[int, int]) -> Callable[[], float]:
    """Seconds for one answer click and the rerun it starts; alternates between two levels."""
    turn = [0]

    def click() -> float:
        turn[0] += 1
        widget = at.radio(key=key).set_value(levels[turn[0] % 2])
        start = cpu_seconds()
        checked(widget.run())
        return cpu_seconds() - start

    return click


def rerun(at: Any) -> Callable[[], float]:
    def once() -> float:
        start = cpu_seconds()
        checked(at.run())
        return cpu_seconds() - start

    return once


@row(group="ui")
def assess_page(bench: Bench) -> Iterator[Result]:
    import state  # the app's widget keys (app/ is on sys.path once benchmarks.ui is imported)

    fixture = Fixture()
    qid = fixture.scale_question()
    app = fixture.app_on(ASSESS)
    if app.title[0].value != fixture.dimension.title:
        raise RuntimeError(f"expected the {fixture.dimension.title} page, got {app.title[0]}")
    bare = fixture.bare()
    questions = sum(len(c.questions) for c in fixture.dimension.capabilities)
    product = clicker(app, state.answer_key(qid), (2, 3))
    baseline = clicker(bare, f"answer.{qid}", (2, 3))
    product(), baseline()  # warm-up: first runs compile and cache
    ps, bs = bench.pairs(product, baseline, bench.repetitions("medium"))
    stored = fixture.stored_level(qid)
    if stored != 2 + (len(ps) + 1) % 2:  # the click really saved (the last level set)
        raise RuntimeError(f"the clicks did not reach storage: {qid} holds level {stored}")
    yield Result(
        what=f"Assess: answer click + rerun, {fixture.dimension.title} ({questions} q), "
             "AppTest, vs bare script",
        product=ps, baseline=bs, target=1.5,
    )

    roadmap = fixture.app_on(ROADMAP)
    assess = rerun(app)
    plan = rerun(roadmap)
    plan(), assess()
    ps, bs = bench.pairs(plan, assess, bench.repetitions("medium"))
    yield Result(what="Roadmap page rerun vs Assess page rerun (AppTest)",
                 product=ps, baseline=bs, target=2.0)
