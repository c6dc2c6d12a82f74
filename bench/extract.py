"""Benchmark: extraction speed against bare spaCy, and warm (cached) rebuilds.

    python bench/extract.py [--docs 1000] [--workers 1]

Repeats the sample texts in seeds/texts (each copy made unique, so the cache cannot
hide work) to ``--docs`` documents, then prints the time per document of diplograph's
extraction and its ratio to a bare ``nlp.pipe`` over the same texts with the same
model and the same components - the very pipeline extraction runs (the model without
the components in ``spacy_backend.UNUSED``, plus the gazetteer rulers) - which is the
cost of everything after the parse: resolving entities, the relation rules, claims and
the cache (goal <= 1.25). For context it also prints the ratios to the bare model with
all its components and to the model components alone (no gazetteer rulers), and a warm
rebuild of the unchanged corpus as a fraction of the cold one (goal <= 0.05).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diplograph.loaders.documents import parse_text  # noqa: E402
from diplograph.loaders.extract import extract_documents, get_extractor, mask_boilerplate  # noqa: E402
from diplograph.loaders.extract import spacy_backend  # noqa: E402


def corpus(n: int) -> list:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds/texts").glob("*.md"))]
    docs = []
    for i in range(n):
        text = f"{texts[i % len(texts)]}\nCopy {i}.\n"
        docs.append(parse_text(text, f"copy{i}.md", text.encode()))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=2,
                    help="alternate bare and diplograph runs this many times; keep the "
                         "fastest of each (the machine may be shared)")
    args = ap.parse_args()
    docs = corpus(args.docs)
    texts = [mask_boilerplate(d.text) for d in docs]

    bare = spacy_backend.load_nlp(None)
    same = spacy_backend.load_nlp(None, exclude=spacy_backend.UNUSED)
    extractor = get_extractor()
    list(extractor.extract(docs[:2]))           # load the pipeline outside the timing
    ours = extractor._nlp                       # the very pipeline extraction runs
    list(bare.pipe(texts[:2]))
    list(same.pipe(texts[:2]))
    t_bare = t_same = t_ours = t_cold = t_warm = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            t0 = time.perf_counter()
            for _ in spacy_backend.pipe(bare, texts, workers=args.workers):
                pass
            t_bare = min(t_bare, time.perf_counter() - t0)
            t0 = time.perf_counter()
            for _ in spacy_backend.pipe(same, texts, workers=args.workers):
                pass
            t_same = min(t_same, time.perf_counter() - t0)
            t0 = time.perf_counter()
            for _ in spacy_backend.pipe(ours, texts, workers=args.workers):
                pass
            t_ours = min(t_ours, time.perf_counter() - t0)
            cache = Path(tmp) / f"round{round_}"
            t0 = time.perf_counter()
            cold = list(extract_documents(docs, extractor=extractor, workers=args.workers,
                                          cache=cache))
            t_cold = min(t_cold, time.perf_counter() - t0)
            t0 = time.perf_counter()
            warm = list(extract_documents(docs, extractor=extractor, workers=args.workers,
                                          cache=cache))
            t_warm = min(t_warm, time.perf_counter() - t0)
            assert len(cold) == len(warm)
            print(f"round {round_ + 1}: bare {t_bare:.2f} s, diplograph {t_cold:.2f} s "
                  "(best so far)", file=sys.stderr)
    added = [name for name in ours.pipe_names if name not in bare.pipe_names]
    left = [name for name in bare.pipe_names if name not in ours.pipe_names]
    n = len(docs)

    def per_doc(t: float) -> str:
        return f"{t:8.2f} s  {1000 * t / n:7.2f} ms/doc"

    print(f"documents              {n}  (workers {args.workers}, best of "
          f"{args.rounds} alternating rounds)")
    print(f"extraction pipeline    {', '.join(ours.pipe_names)}")
    print(f"  (the model's own     {', '.join(bare.pipe_names)}; extraction adds "
          f"{', '.join(added) or '-'}, leaves out {', '.join(left) or '-'})")
    print(f"bare nlp.pipe, same model and components {per_doc(t_ours)}")
    print(f"diplograph extraction                    {per_doc(t_cold)}  ({len(cold)} claims, "
          "cache written)")
    print(f"ratio                  {t_cold / t_ours:8.3f}   (goal <= 1.25)")
    print(f"context: bare model, all its components {per_doc(t_bare)}  ratio "
          f"{t_cold / t_bare:.3f}")
    print(f"context: model components only          {per_doc(t_same)}  ratio "
          f"{t_cold / t_same:.3f}  ({', '.join(same.pipe_names)})")
    print(f"warm rebuild           {t_warm:8.2f} s  fraction of cold {t_warm / t_cold:.3f}"
          f"   (goal <= 0.05)")

if __name__ == "__main__":
    main()
