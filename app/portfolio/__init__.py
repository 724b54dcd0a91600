"""The Portfolio feature: an organisation's teams side by side and over time.

- ``keys``: session-state keys and the owner code in the URL (``?o=CODE``);
- ``store``: the calls into storage and the domain the page needs;
- ``actions``: widget callbacks (create, open, add a team, start or attach an assessment);
- ``charts``: plotly figures (radar overlay, trend lines, level distribution);
- ``views``: the page's sections; ``reassess``: carried-over answers on Assess, Review,
  Results.
"""
