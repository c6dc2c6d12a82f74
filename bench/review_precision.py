"""How many of the review queue's first entries are real errors, by the gold.

    python bench/review_precision.py [--corpus ../shared/corpus] [--top 20] [--json]

Builds the dev corpus (``corpus/docs``, extraction only, no curated records) into a
temporary store, takes ``diplograph review``'s first ``--top`` entries and judges each
against the gold (``corpus/gold``) with ``corpus/score.py``'s own matching rules
(labels agree, a name or alias equal after folding; a tie matches when both ends match
and the type agrees, either direction for symmetric types):

- a ``tie`` entry is a real error when the tie matches no gold relationship (or an end
  matches no gold entity);
- a ``node`` entry when the node matches no gold entity (junk);
- a ``duplicate`` entry when both nodes match the same gold entity (a true duplicate)
  or either matches none (junk).

Prints the figure, split into wrong ties or junk nodes and true duplicates, and each
entry with its verdict.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diplograph import api  # noqa: E402


def load_score(corpus: Path):
    """corpus/score.py as a module: its matching rules, not a copy of them."""
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Gold:
    """The gold clusters and relationships, and a node's cluster by score.py's rules."""

    def __init__(self, score, gold_dir: Path) -> None:
        self.score = score
        clusters, relations, _ = score.load_gold(gold_dir)
        self.key_to_root = {(label, name): r for r in clusters.roots()
                            for label in clusters.labels[r] for name in clusters.names[r]}
        self.triples: set[tuple] = set()
        for _doc, s, types, o, _opt in relations:
            s, o = clusters.find(s), clusters.find(o)
            self.triples |= {self.triple(s, t, o) for t in types}

    def triple(self, s: int, t: str, o: int) -> tuple:
        return (o, t, s) if t in self.score.SYMMETRIC and o < s else (s, t, o)

    def root(self, node: dict) -> int | None:
        hits = {self.key_to_root[(lab, n)] for lab in self.score.node_labels(node)
                for n in self.score.node_names(node) if (lab, n) in self.key_to_root}
        return min(hits) if hits else None


def judge(item, gold: Gold, nodes: dict[str, dict]) -> tuple[bool, str]:
    """(real error?, why) for one review entry."""
    roots = [gold.root(nodes[n.id]) for n in item.nodes]
    if item.kind == "tie":
        if None in roots:
            return True, "an end matches no gold entity"
        found = gold.triple(roots[0], item.type, roots[1]) in gold.triples
        return (not found), ("in the gold" if found else "no such gold relationship")
    if item.kind == "node":
        return (roots[0] is None), ("junk: no gold entity" if roots[0] is None
                                    else "a gold entity")
    if None in roots:
        return True, "one of the pair is junk"
    same = roots[0] == roots[1]
    return same, ("one gold entity: a true duplicate" if same else "two gold entities")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--cache", default=None, help="extraction cache (default: a fresh one)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    gold = Gold(load_score(args.corpus), args.corpus / "gold")
    with tempfile.TemporaryDirectory() as tmp:
        api.build([args.corpus / "docs"], store=Path(tmp) / "store",
                  cache=args.cache or Path(tmp) / "cache")
        G = api.load_graph(store=Path(tmp) / "store")
        queue = api.review(store=Path(tmp) / "store", limit=args.top)
    nodes = {n: {"id": n, **a} for n, a in G.nodes(data=True)}
    verdicts = [judge(item, gold, nodes) for item in queue.items]
    errors = sum(bad for bad, _ in verdicts)
    # The reading: wrong ties and junk nodes; a true duplicate pair (both of its
    # nodes one gold entity) is a real defect too, but counted apart.
    split = {"true_duplicates": sum(bad and why.startswith("one gold entity")
                                    for bad, why in verdicts)}
    split["wrong_ties_or_junk_nodes"] = errors - split["true_duplicates"]
    if args.json:
        print(json.dumps({"top": args.top, "errors": errors, **split, "entries": [
            {**item.to_dict(), "real_error": bad, "why": why}
            for item, (bad, why) in zip(queue.items, verdicts)]}, ensure_ascii=False, indent=1))
        return
    print(f"{errors} of the first {len(queue.items)} review entries are real errors: "
          f"{split['wrong_ties_or_junk_nodes']} wrong ties or junk nodes, "
          f"{split['true_duplicates']} true duplicates (of {queue.total} entries; "
          f"{G.number_of_nodes()} nodes, {G.number_of_edges()} ties)")
    for i, (item, (bad, why)) in enumerate(zip(queue.items, verdicts), 1):
        what = " -> ".join(n.name for n in item.nodes)
        print(f"{i:>2} {'ERROR' if bad else 'ok   '} {item.score:.2f} {item.kind:<9} "
              f"{item.type or '':<18} {what}  [{why}]  {'; '.join(item.reasons)}")


if __name__ == "__main__":
    main()
