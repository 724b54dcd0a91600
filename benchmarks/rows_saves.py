"""Rows for saving answers: many writers at once, against plain upserts on the same tables.

Each writer is a thread (as every session of a Streamlit server is) answering its own
assessment of the full questionnaire, question after question and round again, through the
product's save path (a fresh session per save, as the app's ``store`` does). The baseline
writers hold one plain DBAPI connection each and run one ``INSERT … ON CONFLICT DO UPDATE``
per answer. Afterwards every stored answer is compared with the last one sent: an answer
missing, different, or whose save raised is *lost*.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, make_url, text

from assessment_models import storage
from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import Answer, Respondent, Scope
from benchmarks import generate
from benchmarks.harness import Bench, Result, row
from benchmarks.product import save_answer

UPSERT = (
    "INSERT INTO answers (assessment_id, question_id, level, value, na, comment, confidence, "
    "updated_at) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}) "
    "ON CONFLICT (assessment_id, question_id) DO UPDATE SET level = excluded.level, "
    "value = excluded.value, na = excluded.na, comment = excluded.comment, "
    "confidence = excluded.confidence, updated_at = excluded.updated_at"
)


class Database:
    """A migrated database of its own: a SQLite file, or a PostgreSQL schema."""

    def __init__(self, kind: str, bench: Bench) -> None:
        self.kind = kind
        if kind == "sqlite":
            self.path = Path(tempfile.mkdtemp(prefix="sextant-bench-")) / "sextant.db"
            self.url = f"sqlite:///{self.path}"
        else:
            base = os.environ["TEST_DATABASE_URL"]
            self.schema = f"sextant_bench_{uuid.uuid4().hex[:12]}"
            admin = storage.make_engine(base)
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            admin.dispose()
            url = make_url(base).update_query_dict({"options": f"-csearch_path={self.schema}"})
            self.url = url.render_as_string(hide_password=False)
            self.base = base
            bench.on_exit(self.drop)
        self.engine: Engine = storage.make_engine(self.url)
        storage.migrate(self.engine)

    def drop(self) -> None:
        self.engine.dispose()
        admin = storage.make_engine(self.base)
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
        admin.dispose()

    def new_assessments(self, q: Questionnaire, count: int) -> list[tuple[str, int]]:
        """``count`` fresh assessments: (access code, row id) each."""
        sessions = storage.make_sessionmaker(self.engine)
        codes = []
        for i in range(count):
            with sessions() as session:
                codes.append(storage.create_assessment(
                    session, q, Respondent(organisation="Bench", team=f"Team {i}"), Scope()))
        with self.engine.connect() as connection:
            ids = dict(connection.execute(text("SELECT access_code, id FROM assessments")).all())
        return [(code, ids[code]) for code in codes]

    def plain_connection(self) -> Any:
        if self.kind == "sqlite":
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                         check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            return connection
        import psycopg

        base = make_url(self.base)
        return psycopg.connect(
            host=base.host, port=base.port, user=base.username, password=base.password,
            dbname=base.database, options=f"-csearch_path={self.schema}",
        )

    def stored(self) -> dict[tuple[int, str], int | None]:
        with self.engine.connect() as connection:
            rows = connection.execute(text("SELECT assessment_id, question_id, level FROM answers"))
            return {(a, qid): level for a, qid, level in rows}


def plan(q: Questionnaire, answers_per_writer: int, seed: int) -> list[tuple[str, int]]:
    """The (question, level) sequence one writer sends: every scale question, round again."""
    questions = [x for x in q.questions_by_id.values() if not isinstance(x, MetricQuestion)]
    out = []
    for i in range(answers_per_writer):
        question = questions[i % len(questions)]
        out.append((question.id, question.options[(i + seed) % len(question.options)].level))
    return out


def run_writers(
    writers: int, work: Callable[[int], None]
) -> tuple[float, list[BaseException]]:
    """Seconds from a common start until every writer is done, and what they raised."""
    failures: list[BaseException] = []
    start = threading.Barrier(writers + 1)

    def writer(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as exc:  # counted as lost answers below
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - began, failures


class Trial:
    """One run of ``writers`` writers through either path, with its waits and losses."""

    def __init__(self, db: Database, q: Questionnaire, writers: int, per_writer: int) -> None:
        self.db, self.q, self.writers, self.per_writer = db, q, writers, per_writer
        self.worst = 0.0
        self.lost = 0
        self.errors: list[str] = []

    def _check(self, targets: list[tuple[str, int]], plans: list[list[tuple[str, int]]],
               failed: int) -> None:
        stored = self.db.stored()
        expected = {(aid, qid): level for (_, aid), p in zip(targets, plans, strict=True)
                    for qid, level in p}
        self.lost += failed + sum(stored.get(k) != v for k, v in expected.items())

    def product(self) -> float:
        targets = self.db.new_assessments(self.q, self.writers)
        plans = [plan(self.q, self.per_writer, i) for i in range(self.writers)]
        sessions = storage.make_sessionmaker(self.db.engine)
        failed = [0]

        def work(i: int) -> None:
            code = targets[i][0]
            for qid, level in plans[i]:
                began = time.perf_counter()
                try:
                    save_answer(sessions, code, qid, Answer(level=level))
                except Exception as exc:  # a lost answer, counted
                    failed[0] += 1
                    first = str(exc).splitlines()[0] if str(exc) else ""
                    self.errors.append(f"{type(exc).__name__}: {first}"[:120])
                self.worst = max(self.worst, time.perf_counter() - began)

        seconds, _ = run_writers(self.writers, work)
        self._check(targets, plans, failed[0])
        return seconds

    def baseline(self) -> float:
        targets = self.db.new_assessments(self.q, self.writers)
        plans = [plan(self.q, self.per_writer, i) for i in range(self.writers)]
        p = "?" if self.db.kind == "sqlite" else "%s"
        sql = UPSERT.format(p=p)
        failed = [0]
        # SQLite has one writer at a time: a plain program queues its writers on a lock
        # rather than let them poll the busy handler.
        write_lock = threading.Lock() if self.db.kind == "sqlite" else contextlib.nullcontext()

        def work(i: int) -> None:
            aid = targets[i][1]
            connection = self.db.plain_connection()
            try:
                for qid, level in plans[i]:
                    began = time.perf_counter()
                    try:
                        with write_lock:
                            _upsert(connection, self.db.kind, sql,
                                    (aid, qid, level, None, False, "", None, _now(self.db.kind)))
                    except Exception:
                        failed[0] += 1
                        if self.db.kind == "sqlite" and connection.in_transaction:
                            connection.execute("ROLLBACK")
                        elif self.db.kind != "sqlite":
                            connection.rollback()
                    self.worst = max(self.worst, time.perf_counter() - began)
            finally:
                connection.close()

        seconds, _ = run_writers(self.writers, work)
        self._check(targets, plans, failed[0])
        return seconds


def _upsert(connection: Any, kind: str, sql: str, values: tuple[object, ...]) -> None:
    if kind == "sqlite":
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(sql, values)
        connection.execute("COMMIT")
    else:
        connection.execute(sql, values)
        connection.commit()


def _now(kind: str) -> Any:
    now = datetime.now(UTC)
    return now.replace(tzinfo=None).isoformat(sep=" ") if kind == "sqlite" else now


def _row(bench: Bench, kind: str) -> Result:
    writers = int(bench.pick(50, 10))  # type: ignore[call-overload]
    total = int(bench.pick(4000, 400))  # type: ignore[call-overload]
    db = Database(kind, bench)
    q = generate.full_questionnaire()
    product = Trial(db, q, writers, total // writers)
    baseline = Trial(db, q, writers, total // writers)
    ps, bs = bench.pairs(product.product, baseline.baseline, bench.repetitions("huge"))
    rate = total / min(ps)
    note = (f"best {rate:.0f} answers/s vs {total / min(bs):.0f}/s plain; "
            f"lost {product.lost} (plain {baseline.lost}); worst wait "
            f"{product.worst:.2f} s (plain {baseline.worst:.2f} s)")
    if product.errors:
        note += f"; e.g. {product.errors[0]}"
    return Result(
        what=f"save answers, {kind}: {writers} writers × {total // writers} vs plain upserts",
        product=ps, baseline=bs, target=1.5, note=note, ok=product.lost == 0,
    )


@row(group="saves")
def save_answers(bench: Bench) -> Iterator[Result]:
    yield _row(bench, "sqlite")
    if os.environ.get("TEST_DATABASE_URL"):
        yield _row(bench, "postgresql")
    else:
        yield Result(what="save answers, postgresql", product=[], baseline=[],
                     note="not measured: set TEST_DATABASE_URL to a PostgreSQL server")
