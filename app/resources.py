"""Resources shared by every session of this server process, opened once and cached.

Nothing per-user lives here: only the installed questionnaires (parsed once) and the
database engine (migrated once at start-up, when behind).
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from assessment_models import storage
from assessment_models.loader import load_installed, questionnaires_dir
from assessment_models.questionnaire import Questionnaire
from assessment_models.storage.startup import migrate_at_startup


def configured_database_url() -> str:
    """``$DATABASE_URL``, else ``DATABASE_URL`` from ``.streamlit/secrets.toml``, else SQLite."""
    if os.environ.get("DATABASE_URL"):
        return storage.database_url()
    try:
        from_secrets = st.secrets.get("DATABASE_URL")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        # No secrets file at all is the normal case for a local run.
        from_secrets = None
    return storage.database_url(str(from_secrets) if from_secrets else None)


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = storage.make_engine(url)
    # Migrates in a child process, and only when the database is behind: the server never
    # holds Alembic (about 12 MiB) for the rest of its life.
    migrate_at_startup(engine, url)
    return engine


@st.cache_resource(show_spinner=False)
def _sessions(url: str) -> sessionmaker[Session]:
    return storage.make_sessionmaker(_engine(url))


def sessions() -> sessionmaker[Session]:
    """Session factory for the repository functions: ``with sessions()() as s: …``."""
    return _sessions(configured_database_url())


@st.cache_resource(show_spinner="Reading the questionnaires…")
def _installed(directory: str) -> dict[str, Questionnaire]:
    return load_installed(Path(directory))


def installed_questionnaires() -> dict[str, Questionnaire]:
    """The questionnaires that can be started, parsed once per directory and process."""
    return _installed(str(questionnaires_dir()))
