"""diplograph: news and curated records about diplomacy and defence as a cited graph.

The public API lives in :mod:`diplograph.api` and is re-exported here.
"""
from diplograph.api import *  # noqa: F403 - the facade re-exports the API
from diplograph.api import __all__ as _api_all

__all__ = list(_api_all)
__version__ = "0.1.0"
