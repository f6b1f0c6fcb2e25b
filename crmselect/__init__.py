"""crmselect: reproducible, auditable CRM selection."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("crmselect")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
