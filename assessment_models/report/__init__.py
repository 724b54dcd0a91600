"""Reports of one assessment: CSV exports (``csv_export``) and the PDF (``pdf``).

Kept import-light: ``csv_export`` needs no reportlab, ``pdf`` loads it on import.
"""
