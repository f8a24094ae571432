"""Widgets: each binds to a view-model and asks ``ui.workers`` for long work."""
