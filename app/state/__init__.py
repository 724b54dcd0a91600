"""Every session-state key and widget key of the app, with typed accessors.

Session state is a per-browser-tab cache; the database is the truth. Pages read it only
through ``state.<name>``; the names live in modules by responsibility:

- :mod:`state.keys`: widget keys and URL parameters (add a page's keys here);
- :mod:`state.values`: reading and writing widget values;
- :mod:`state.assessment`: the open assessment, the address bar, where the respondent is;
- :mod:`state.saving`: the last save, answers not saved yet, conflicts, the last good read;
- :mod:`state.messages`: Start errors, "Close this assessment?", one-time messages.
"""

# Star imports keep ``state.answer_key`` and the rest working for every page and test;
# each module but ``keys`` lists what it offers in ``__all__``.
from .assessment import *  # noqa: F403
from .keys import *  # noqa: F403
from .messages import *  # noqa: F403
from .saving import *  # noqa: F403
from .values import *  # noqa: F403
