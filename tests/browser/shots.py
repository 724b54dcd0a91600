"""Screenshots of what a test shows, to look at: under the test's tmp dir, path printed.

With ``SEXTANT_SHOTS=DIR`` in the environment, a copy also goes to ``DIR``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

#: The two widths every notice is looked at: a laptop and a phone.
WIDTHS = {"wide": (1280, 900), "phone": (390, 844)}


def shoot(page: Any, target: Any, folder: Path, name: str) -> list[Path]:
    """``target`` (a locator) in view at each width; the page is left at the first width."""
    taken = []
    for width_name, (width, height) in reversed(WIDTHS.items()):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)  # Streamlit re-lays out the columns
        target.scroll_into_view_if_needed()
        path = folder / f"{name}-{width_name}.png"
        page.screenshot(path=str(path))
        print(f"screenshot: {path}")
        taken.append(path)
        copies = os.environ.get("SEXTANT_SHOTS")
        if copies:
            Path(copies).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(copies) / path.name)
    return taken
