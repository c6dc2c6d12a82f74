"""Relationship rules: one small function per relation family, each reading one
sentence (its tokens, parse and resolved mentions) and yielding candidates.

A candidate is (subject id, type, object id, evidence token range, properties); the
finding (the family modules) is separate from the emitting (:mod:`.emit`), which
checks every candidate against the schema's endpoint rules, drops self-loops and
cites the exact span of text it rests on. No rule names a person, body or document:
rules read trigger words (:mod:`.words`), the parse and the gazetteers.

==================  ==========================================================
:mod:`.posts`       titles, appositions (posts held; party membership)
:mod:`.support`     opposition, support, requests for support, funding
:mod:`.events`      meetings, visits, cooperation, participation, organising,
                    location, parties, attendance
:mod:`.systems`     developing, possession, acquiring, composition,
                    resemblance, proposals
:mod:`.structural`  what resolved entities imply on their own
:mod:`.lifted`      what a document's officials imply for their countries
:mod:`.paths`       reading a trigger word's frame off the dependency parse
:mod:`.words`       the trigger lexicon (``triggers.yaml``) and word forms
==================  ==========================================================

:data:`RULES`, :data:`IMPLIED` and :data:`LIFTED` in :mod:`.emit` are the one place
that lists the rules, in the order they run.
"""
from __future__ import annotations

from diplograph.loaders.extract.relations.emit import IMPLIED, LIFTED, RULES, relation_claims
from diplograph.loaders.extract.relations.sentence import Candidate, Sentence

__all__ = ["relation_claims", "RULES", "IMPLIED", "LIFTED", "Candidate", "Sentence"]
