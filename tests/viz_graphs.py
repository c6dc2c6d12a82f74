"""Small graphs with planted hostile and non-Latin text, shared by the page, export and
browser tests."""
from __future__ import annotations

import networkx as nx

from graph.claims import Citation, DocumentRecord, EdgeClaim, NodeClaim
from graph.merge import build_graph

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
