"""crmselect: reproducible, auditable CRM selection."""

__all__ = ["__version__", "evaluate"]


def __getattr__(name: str):
    """``crmselect.__version__`` and ``crmselect.evaluate`` on first use: the package metadata
    (importlib.metadata and the e-mail parser it needs) and the scoring engine (numpy) are not
    loaded when a command starts."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("crmselect")
        except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
            found = "0.0.0"
        globals()["__version__"] = found
        return found
    if name == "evaluate":
        from crmselect.scoring import evaluate

        return evaluate
    raise AttributeError(f"module 'crmselect' has no attribute {name!r}")

