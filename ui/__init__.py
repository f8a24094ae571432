"""Hushnote's desktop app (PySide6 Qt Widgets).

``ui.workers`` is the one place that meets the core; view-models in
``ui.viewmodels`` hold state; widgets in ``ui.widgets`` bind to them.
"""
