"""crmselect: reproducible, auditable CRM selection."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("crmselect")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
    __version__ = "0.0.0"

__all__ = ["__version__", "evaluate"]


def __getattr__(name: str):
    """``crmselect.evaluate`` without importing numpy and the scoring engine at start-up."""
    if name == "evaluate":
        from crmselect.scoring import evaluate

        return evaluate
    raise AttributeError(f"module 'crmselect' has no attribute {name!r}")


# The edge's message renderer, so that a core Message reads as text wherever it is printed
# (the core itself holds only codes with parameters; see crmselect.errors.Message).
import crmselect.i18n as _i18n  # noqa: E402,F401
