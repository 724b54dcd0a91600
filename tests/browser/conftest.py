"""Browser fixtures: Debian's chromium through Playwright, against ``streamlit run``.

Skipped when chromium or Playwright is missing, unless ``REQUIRE_BROWSER=1`` (CI).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The tests import their helpers (browsing.py) by name.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from browsing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_ROOT,
    Server,
    missing_browser,
    serve,
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = missing_browser()
    if reason is not None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """The app with the five-question mini questionnaire."""
    running = serve(tmp_path, PROJECT_ROOT / "tests" / "fixtures" / "mini.yaml")
    yield running
    running.stop()


@pytest.fixture
def quick_server(tmp_path: Path) -> Iterator[Server]:
    """The app with the shipped quick check: five dimensions to move between."""
    running = serve(tmp_path, PROJECT_ROOT / "questionnaires" / "delivery-quick.yaml")
    yield running
    running.stop()
