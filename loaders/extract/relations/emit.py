"""Run every relation rule over every sentence, then emit the candidates as claims:
checked against the schema's endpoint rules, self-loops dropped, dated from their
sentence (:mod:`loaders.extract.when`) and cited at the exact span they rest on."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from diplograph.graph.claims import Citation, Claim, EdgeClaim
from diplograph.graph.schema import SCHEMA
from diplograph.loaders.documents import Document
from diplograph.loaders.extract.patterns import Gazetteer
from diplograph.loaders.extract.mentions import DocEntities, Mention
from diplograph.loaders.extract.vocab import DATED, PERSON
from diplograph.loaders.extract.when import SentenceFacts, claim_facts, sentence_facts
from diplograph.loaders.extract.relations import events, posts, support, systems
from diplograph.loaders.extract.relations.sentence import Candidate, Sentence
from diplograph.loaders.extract.relations.words import BODY_PRONOUNS, PAIR_NOUNS, PRONOUNS
from diplograph.loaders.extract.relations import lifted as lift
from diplograph.loaders.extract.relations import structural as implied

__all__ = ["RULES", "IMPLIED", "LIFTED", "relation_claims"]

SYMMETRIC = SCHEMA.symmetric_types
#: words that let a sentence with no name of its own refer to one named before
REFERRING = PRONOUNS | BODY_PRONOUNS | PAIR_NOUNS

#: Sentence rules, one relation family each, run in this order. Where two families
#: can find the same tie at the same place, the first one's properties are kept.
RULES: dict[str, Callable[[Sentence], Iterator[Candidate]]] = {
    "titles": posts.titles, "appositions": posts.appositions, "roles": posts.roles,
    "party_brackets": posts.party_brackets, "membership": posts.membership,
    "opposition": support.opposition, "support": support.support,
    "requests": support.requests, "funding": support.funding,
    "meetings": events.meetings, "visits": events.visits,
    "cooperation": events.cooperation, "attendance": events.attendance,
    "participation": events.participation,
    "organizing": events.organizing,
    "proposals": systems.proposals, "developing": systems.developing,
    "acquiring": systems.acquiring, "composition": systems.composition,
    "resemblance": systems.resemblance, "possession": systems.possession,
    "location": events.location, "parties": events.parties, "presence": events.presence,
    "sessions": events.sessions,
}
#: What each resolved entity implies on its own (:mod:`.structural`), run in this order
#: for each entity after the sentence rules.
IMPLIED: dict[str, implied.Implied] = {
    "government_bodies": implied.government_bodies, "places": implied.places,
    "instances": implied.instances, "mechanism_parties": implied.mechanism_parties,
    "dialogue_partners": implied.dialogue_partners, "sub_units": implied.sub_units,
    "organizers": implied.organizers,
    "developers": implied.developers,
}
#: What the document's people imply for the countries they serve (:mod:`.lifted`), run
#: last over all the candidates.
LIFTED: dict[str, lift.Lifted] = {
    "main_event": lift.main_event, "state_visits": lift.state_visits,
    "meetings_abroad": lift.meetings_abroad,
    "delegations": lift.delegations,
}


def _year(document: Document) -> int | None:
    return int(document.date[:4]) if document.date[:4].isdigit() else None


def relation_claims(document: Document, parsed: Any, ents: DocEntities, gaz: Gazetteer
                    ) -> list[Claim]:
    """Every rule over every sentence, checked against the schema, dated from its
    sentence (:mod:`.when`) and cited."""
    candidates: list[tuple[Candidate, Any]] = []
    by_sent: dict[int, list[Mention]] = {}
    for m in ents.mentions:
        by_sent.setdefault(m.sent, []).append(m)
    people = sorted((m for m in ents.mentions if ents.label(m) == PERSON),
                    key=lambda m: m.start)
    for sent in parsed.sents:
        mentions = by_sent.get(sent.start)
        if not mentions and not any(t.lower_ in REFERRING for t in sent):
            continue        # no name, and no word that refers back to one
        s = Sentence(parsed, sent, mentions or [], ents, gaz, people)
        for rule in RULES.values():
            candidates.extend((c, sent) for c in rule(s))
    # after the rules, which may add entities; these rest on no one sentence
    candidates.extend((c, None) for c in implied.structural(ents, gaz, parsed,
                                                            IMPLIED.values()))
    candidates.extend(lift.lifted(ents, candidates, LIFTED.values()))
    claims: list[Claim] = []
    seen: set[tuple[str, str, str, int]] = set()
    facts: dict[int, SentenceFacts] = {}
    year = _year(document)
    for (source, rel, target, lo, hi, props), sent in candidates:
        if source == target or source not in ents.entities or target not in ents.entities:
            continue
        labels = ents.entities[source].label, ents.entities[target].label
        if not SCHEMA.allows(rel, *labels) or rel in SYMMETRIC and \
                (labels[0] == PERSON) != (labels[1] == PERSON):
            continue        # people meet people; states and bodies meet their like
        start, end = parsed[lo].idx, parsed[hi - 1].idx + len(parsed[hi - 1])
        if (source, rel, target, start) in seen:
            continue
        seen.add((source, rel, target, start))
        if sent is not None and rel in DATED:
            if sent.start not in facts:
                facts[sent.start] = sentence_facts(
                    document.text[sent.start_char:sent.end_char], sent.start_char, year=year)
            props = {**claim_facts(rel, facts[sent.start], start, end), **props}
        cite = Citation(doc=document.id, start=start, end=end,
                        snippet=document.text[start:end], method="rule", confidence=0.6)
        allowed = SCHEMA.edge_properties(rel)
        claims.append(EdgeClaim(source=source, type=rel, target=target, citation=cite,
                                properties={k: v for k, v in props.items() if k in allowed}))
    return claims
