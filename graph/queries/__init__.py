"""Queries: plain functions of a graph that return data and never mutate it."""
from graph.queries.lookup import resolve, suggest
from graph.queries.neighborhood import incident_edges, neighborhood, neighbors
from graph.queries.paths import shortest_paths
from graph.queries.results import (EdgeSummary, Neighborhood, NodeDetail, NodeSummary,
                                   PathResult, Stats)
from graph.queries.summary import describe, stats

__all__ = ["resolve", "suggest", "neighborhood", "neighbors", "incident_edges",
           "shortest_paths", "describe", "stats", "EdgeSummary", "Neighborhood", "NodeDetail",
           "NodeSummary", "PathResult", "Stats"]
