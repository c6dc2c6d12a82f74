"""The model: schema, claims, the merged graph, its stores and its queries.

This package imports nothing from ``loaders``, ``viz`` or ``diplograph``.
"""
