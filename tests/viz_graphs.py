"""Small graphs with planted hostile and non-Latin text, shared by the page, export and
browser tests."""
from __future__ import annotations

import networkx as nx

from diplograph.graph.claims import Citation, DocumentRecord, EdgeClaim, NodeClaim
from diplograph.graph.merge import build_graph

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=1</script>"
KU, LIN = "顧立雄", "林佳龍"


def hostile_graph() -> nx.MultiDiGraph:
    """Six nodes, six ties; names, aliases, snippets and a document title carry markup."""
    d1 = Citation(doc="d1", start=0, end=10, snippet=f"snippet {SCRIPT}", method="rule",
                  confidence=0.8)
    d2 = Citation(doc="d2", note=f"note {IMG}")
    return build_graph([
        DocumentRecord(id="d1", title=f"Title {IMG}", outlet="Outlet", date="2025-10-01",
                       url="https://example.org/a"),
        DocumentRecord(id="d2", title="Second", outlet="Focus Taiwan", date="2026-01-05"),
        NodeClaim(id="person:ku", label="Person", name=KU, aliases=("Wellington Koo",),
                  citation=d1),
        NodeClaim(id="person:lin", label="Person", name=LIN, aliases=("Lin Chia-lung",)),
        NodeClaim(id="person:evil", label="Person", name=IMG, aliases=(SCRIPT,), citation=d2),
        NodeClaim(id="org:mnd", label="Organization", name="Ministry of National Defense",
                  kind="ministry", aliases=("MND",)),
        NodeClaim(id="org:mofa", label="Organization", name="Ministry of Foreign Affairs",
                  kind="ministry"),
        NodeClaim(id="country:taiwan", label="Country", name="Taiwan"),
        EdgeClaim("person:ku", "HOLDS_POSITION", "org:mnd", d1,
                  {"title": "Minister", "start": "2025-03"}),
        EdgeClaim("person:ku", "HOLDS_POSITION", "org:mnd", d2, {"title": "Minister"}),
        EdgeClaim("person:lin", "HOLDS_POSITION", "org:mofa", d2,
                  {"title": f"Minister {SCRIPT}", "start": "2024-05", "end": "2025-02",
                   "status": "former"}),
        EdgeClaim("person:evil", "MET_WITH", "person:ku", d1, {"date": "2025-10-01"}),
        EdgeClaim("org:mnd", "PART_OF", "country:taiwan", d2),
        EdgeClaim("org:mofa", "PART_OF", "country:taiwan", d2),
        EdgeClaim("person:lin", "COOPERATES_WITH", "person:ku", d1),
    ])


def two_clusters_graph() -> nx.MultiDiGraph:
    """Two planted communities of five joined by one tie. In each, a hub tied to the four
    others, who pair off; the hubs (one Organization among People, one Person named with
    markup) are the most connected members, so each community is named after its hub."""
    d1 = Citation(doc="d1", note="planted")
    claims: list = [DocumentRecord(id="d1", title="Planted", outlet="Tests", date="2025-01-01")]
    for side, hub, hub_label, hub_name in (("a", "org:a-hub", "Organization", "Alpha Hub"),
                                           ("b", "person:b-hub", "Person", f"Beta {IMG}")):
        members = [f"person:{side}{i}" for i in range(1, 5)]
        claims.append(NodeClaim(id=hub, label=hub_label, name=hub_name))
        claims += [NodeClaim(id=m, label="Person", name=f"{side.upper()}{m[-1]}")
                   for m in members]
        claims += [EdgeClaim(hub, "COOPERATES_WITH", m, d1) for m in members]
        claims += [EdgeClaim(members[0], "MET_WITH", members[1], d1),
                   EdgeClaim(members[2], "MET_WITH", members[3], d1)]
    claims.append(EdgeClaim("person:a4", "MET_WITH", "person:b4", d1))
    return build_graph(claims)
