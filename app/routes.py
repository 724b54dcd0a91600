"""The app's pages, as paths relative to the entry point (for st.navigation and links)."""

START = "app_pages/start.py"
ASSESS = "app_pages/assess.py"
REVIEW = "app_pages/review.py"
RESULTS = "app_pages/results.py"
ROADMAP = "app_pages/roadmap.py"
