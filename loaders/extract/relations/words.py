"""The words relation rules read: which trigger word signals which relationship type,
the titles that mark a post, and the inflected forms of each, so the pipeline needs
no lemmatizer.

Editing a trigger list here is the way to teach the rules a new verb or noun; the
rules themselves never spell a trigger word out again.
"""
from __future__ import annotations

from typing import Any

from diplograph.loaders.extract.vocab import (ACQUIRES, COOPERATES_WITH, DEVELOPS, FUNDS, MET_WITH,
                                   OPPOSES, ORGANIZES, PART_OF, PARTICIPATES_IN, PROPOSES,
                                   RESEMBLES, SEEKS_SUPPORT_FROM, SUPPORTS, VISITED)

__all__ = ["TITLE_WORDS", "TRIGGERS", "AGENT_NOUNS", "SUPPORT_NOUNS", "ASK_WORDS", "LEMMAS",
           "word", "is_verb", "is_noun"]

TITLE_WORDS = {"minister", "secretary", "director", "president", "chairman", "chairwoman",
               "chair", "spokesperson", "spokesman", "spokeswoman", "official", "ambassador",
               "researcher", "professor", "fellow", "analyst", "adviser", "advisor", "chief",
               "head", "commander", "deputy", "lawmaker", "legislator", "senator", "envoy",
               "premier", "governor", "mayor", "chancellor", "dean", "ceo", "founder",
               "representative", "general", "admiral", "officer", "vice", "undersecretary"}

#: trigger word (base form) -> relationship type
TRIGGERS: dict[str, str] = {}
for _type, _words in {
    OPPOSES: "oppose opposition object objection reject rejection criticize criticise "
             "criticism condemn protest accuse pressure threat harassment anger angered "
             "punishment provoke provocation hostility against coerce intimidate",
    SUPPORTS: "support supporter backer back assist assistance help supply supplier aid "
              "provide arm",
    SEEKS_SUPPORT_FROM: "urge request seek appeal",
    COOPERATES_WITH: "cooperation cooperate collaboration collaborate partner partnership "
                     "exchange interaction interoperability rapprochement",
    MET_WITH: "meet",
    VISITED: "visit trip travel",
    PARTICIPATES_IN: "participate attend attendee address join delegation during",
    ORGANIZES: "organize organise host convene conduct",
    PROPOSES: "announce propose launch unveil introduce",
    FUNDS: "fund allocate earmark finance",
    DEVELOPS: "develop build produce manufacture design",
    ACQUIRES: "buy purchase acquire procure",
    RESEMBLES: "resemble resemblance similar similarity likened liken model inspire",
    PART_OF: "include integrate comprise incorporate consist",
}.items():
    for _w in _words.split():
        TRIGGERS[_w] = _type
#: nouns naming the one who acts ("Taiwan's backer"): their owner is the object
AGENT_NOUNS = {"backer", "supporter", "supplier", "partner", "ally"}
#: nouns of help someone may ask another for
SUPPORT_NOUNS = {"support", "assistance", "help", "aid"}
#: verbs and nouns of asking ("A urged B to support ...")
ASK_WORDS = {"urge", "call", "ask", "hope", "request", "seek", "appeal"}

_IRREGULAR = {"met": "meet", "built": "build", "bought": "buy", "led": "lead", "sent": "send",
              "took": "take", "taken": "take", "held": "hold", "spoke": "speak",
              "spoken": "speak", "sought": "seek", "made": "make", "gave": "give",
              "given": "give", "began": "begin", "begun": "begin"}
_OTHER_WORDS = ("urge call ask hope request seek appeal hold take locate base send "
                "participate attend address join lead during speak deliver between")


def _forms(base: str) -> set[str]:
    """Regular inflections of an English verb or noun (overgenerating is harmless:
    the forms are only looked up)."""
    forms = {base, base + "s", base + "es", base + "ed", base + "ing", base + "d",
             base + base[-1] + "ed", base + base[-1] + "ing"}
    if base.endswith("e"):
        forms |= {base[:-1] + "ing"}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    return forms


#: lower-case form -> base word, for the words the rules read. The pipeline runs no
#: lemmatizer (nor the attribute ruler it needs): the rules read no other lemma.
LEMMAS: dict[str, str] = {}
for _base in sorted({*TRIGGERS, *AGENT_NOUNS, *SUPPORT_NOUNS, *_OTHER_WORDS.split()}):
    for _form in _forms(_base):
        LEMMAS.setdefault(_form, _base)
LEMMAS.update(_IRREGULAR)
for _base in TRIGGERS:
    LEMMAS[_base] = _base


def word(token: Any) -> str:
    """The base form of ``token`` if the rules know it, else its lower-case text."""
    return LEMMAS.get(token.lower_, token.lower_)


def is_verb(token: Any) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def is_noun(token: Any) -> bool:
    return token.tag_ in {"NN", "NNS"}
