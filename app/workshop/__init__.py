"""Facilitated workshops in the UI: state, storage calls, callbacks and views.

Page scripts live in ``app_pages/workshop_*.py``; every figure they show comes from
:mod:`assessment_models.workshop`.
"""
