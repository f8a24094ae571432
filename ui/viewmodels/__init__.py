"""View-models: Qt item models and plain state, testable without widgets."""
