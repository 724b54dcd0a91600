"""Alembic's environment: runs on the connection :func:`storage.engine.migrate` passes in.

Without one (e.g. ``alembic revision --autogenerate`` driven from code) it opens
``database_url()`` itself.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection

from assessment_models.storage.column_types import BoundedInteger, FiniteFloat, UTCDateTime
from assessment_models.storage.engine import database_url, make_engine
from assessment_models.storage.tables import Base

config = context.config
target_metadata = Base.metadata


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    # Migrations spell the stored type, not Sextant's Python-side decorator.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, BoundedInteger):
        return "sa.Integer()"
    if type_ == "type" and isinstance(obj, FiniteFloat):
        return "sa.Float()"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        render_item=_render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(config.get_main_option("sqlalchemy.url")),
        target_metadata=target_metadata,
        literal_binds=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as own:
            _run(own)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
