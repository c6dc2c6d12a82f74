"""Queries: plain functions of a graph that return data and never mutate it."""
from diplograph.graph.queries.lookup import resolve, suggest
from diplograph.graph.queries.neighborhood import incident_edges, neighborhood, neighbors
from diplograph.graph.queries.paths import shortest_paths
from diplograph.graph.queries.results import (EdgeSummary, Neighborhood, NodeDetail, NodeSummary,
                                   PathResult, Stats)
from diplograph.graph.queries.summary import describe, stats

__all__ = ["resolve", "suggest", "neighborhood", "neighbors", "incident_edges",
           "shortest_paths", "describe", "stats", "EdgeSummary", "Neighborhood", "NodeDetail",
           "NodeSummary", "PathResult", "Stats"]

# The analyst's questions (issue 5).
from diplograph.graph.queries.analysis_results import (Between, Communities, Contradictions, Diff,  # noqa: E402
                                            Posts, Ranking, Timeline, Who)
from diplograph.graph.queries.centrality import LOUVAIN_SEED, communities, rank  # noqa: E402
from diplograph.graph.queries.contradictions import contradictions  # noqa: E402
from diplograph.graph.queries.diff import diff  # noqa: E402
from diplograph.graph.queries.mechanisms import between, who  # noqa: E402
from diplograph.graph.queries.paths import all_paths, path_strength  # noqa: E402
from diplograph.graph.queries.posts import posts  # noqa: E402
from diplograph.graph.queries.timeline import timeline  # noqa: E402

__all__ += ["between", "who", "posts", "all_paths", "path_strength", "rank", "communities",
            "LOUVAIN_SEED", "timeline", "contradictions", "diff", "Between", "Who", "Posts",
            "Ranking", "Communities", "Timeline", "Contradictions", "Diff"]
