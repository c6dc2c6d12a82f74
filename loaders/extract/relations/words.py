"""The words relation rules read, loaded from the trigger lexicon (``triggers.yaml``
beside this module): which word signals which relationship and where its two ends sit
in the parse (:class:`Frame`), the title words that mark a post, and the inflected
forms of each, so the pipeline needs no lemmatizer.

Editing ``triggers.yaml`` is the way to teach the rules a new verb, noun or
preposition; the rules never spell a trigger word out. Loading checks every
relationship name against the schema, so a misspelt one fails at import.

>>> [f"{f.pos} {f.type}" for f in FRAMES["meet"]]
['verb MET_WITH', 'noun MET_WITH']
>>> LEMMAS["sanctions"], FRAMES["sanctions"][0].object
('sanctions', ('on', 'against'))
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diplograph.graph.errors import InvalidInput, SchemaError
from diplograph.graph.schema import SCHEMA
from diplograph.loaders.safe_yaml import read_yaml

__all__ = ["Frame", "FRAMES", "TITLE_WORDS", "AGENT_NOUNS", "SUPPORT_NOUNS", "ASK_WORDS",
           "LIGHT_VERBS", "TRANSPARENT", "PRONOUNS", "BODY_PRONOUNS", "STAND_INS", "ROLE_VERBS",
           "APPOINTMENT_VERBS", "SPEECH_VERBS", "LEADING_VERBS", "SENDING_VERBS",
           "GATHERING_VERBS", "PAIR_NOUNS", "LEMMAS",
           "ROLES", "PREPOSITIONS", "LEXICON", "load_lexicon", "word", "is_verb", "is_noun"]

#: The trigger lexicon shipped with diplograph.
LEXICON = Path(__file__).with_name("triggers.yaml")
_POS = ("verb", "noun", "prep", "adj")
#: Roles that are not a preposition's own word (see triggers.yaml).
ROLES = frozenset({"subj", "obj", "poss", "mod", "head", "to", "sidelines", "event"})
#: Prepositions a role may name (the object of that preposition).
PREPOSITIONS = frozenset("with between among of in at to for from on against over toward "
                         "towards during after before by into".split())


@dataclass(frozen=True, slots=True)
class Frame:
    """One reading of a trigger word: relationship ``type``, the word's part of speech,
    and the roles (:data:`ROLES` or a preposition) its subject and object fill."""

    type: str
    pos: str
    subject: tuple[str, ...]
    object: tuple[str, ...]


def _words(value: Any) -> list[str]:
    return str(value or "").split()


def load_lexicon(path: Path = LEXICON) -> tuple[dict[str, list[Frame]], dict[str, set[str]]]:
    """(base word -> frames, word list name -> words) of a trigger lexicon file; a type
    the schema does not know, a part of speech or a frame that does not parse is an
    :class:`InvalidInput` naming the file and line."""
    data = read_yaml(path)
    name = str(path)
    if not isinstance(data, dict) or not isinstance(data.get("triggers"), dict):
        raise InvalidInput("a trigger lexicon needs a 'triggers:' mapping", name)
    frames: dict[str, list[Frame]] = {}
    for rel, by_pos in data["triggers"].items():
        line = getattr(data["triggers"], "line", None)
        try:
            rel = SCHEMA.relation(str(rel)).name
        except SchemaError as exc:
            raise InvalidInput(str(exc), name, line) from None
        if not isinstance(by_pos, dict):
            raise InvalidInput(f"{rel}: expected parts of speech {', '.join(_POS)}", name, line)
        for pos, entries in by_pos.items():
            if pos not in _POS or not isinstance(entries, dict):
                raise InvalidInput(f"{rel}: {pos!r} is not one of {', '.join(_POS)}",
                                   name, getattr(by_pos, "line", line))
            for base, spec in entries.items():
                left, arrow, right = str(spec).partition("->")
                subject, obj = tuple(left.split()), tuple(right.split())
                where = getattr(entries, "line", line)
                if not arrow or not subject or not obj:
                    raise InvalidInput(f"{rel} {pos} {base!r}: a frame is 'SUBJECT ROLES -> "
                                       f"OBJECT ROLES', got {spec!r}", name, where)
                unknown = [r for r in (*subject, *obj) if r not in ROLES | PREPOSITIONS]
                if unknown:
                    raise InvalidInput(f"{rel} {pos} {base!r}: unknown role {unknown[0]!r}; "
                                       f"roles are {', '.join(sorted(ROLES))} or a "
                                       "preposition", name, where)
                frames.setdefault(str(base), []).append(Frame(rel, pos, subject, obj))
    lists = {key: set(_words(data.get(key))) for key in
             ("title_words", "agent_nouns", "support_nouns", "ask_words", "light_verbs",
              "transparent_nouns", "pronouns", "body_pronouns", "stand_ins", "role_verbs",
              "appointment_verbs", "speech_verbs", "leading_verbs", "sending_verbs",
              "gathering_verbs", "pair_nouns")}
    return frames, lists


FRAMES, _LISTS = load_lexicon()
TITLE_WORDS = frozenset(_LISTS["title_words"])
#: nouns naming the one who acts ("Taiwan's backer"): their owner is the object
AGENT_NOUNS = frozenset(_LISTS["agent_nouns"])
#: nouns of help someone may ask another for
SUPPORT_NOUNS = frozenset(_LISTS["support_nouns"])
#: verbs and nouns of asking ("A urged B to support ...")
ASK_WORDS = frozenset(_LISTS["ask_words"])
#: verbs whose subject is the subject of the noun they take ("A held talks with B")
LIGHT_VERBS = frozenset(_LISTS["light_verbs"])
#: nouns a role looks through to their "of" ("at the close of E")
TRANSPARENT = frozenset(_LISTS["transparent_nouns"])
#: words that refer back to the last person named
PRONOUNS = frozenset(_LISTS["pronouns"])
#: words that refer back to the last state or body named
BODY_PRONOUNS = frozenset(_LISTS["body_pronouns"])
#: nouns that, counted "two" or "both", refer back to the last two states named
PAIR_NOUNS = frozenset(_LISTS["pair_nouns"])
#: nouns that stand for the country of the demonym before them ("the Chinese side")
STAND_INS = frozenset(_LISTS["stand_ins"])
#: verbs of a relative clause that give its person the title after them ("who acts as")
ROLE_VERBS = frozenset(_LISTS["role_verbs"])
#: verbs that give their object a post ("named X its defence minister")
APPOINTMENT_VERBS = frozenset(_LISTS["appointment_verbs"])
#: verbs of saying ("..., a spokesperson for B said": the title is the speaker's)
SPEECH_VERBS = frozenset(_LISTS["speech_verbs"])
#: verbs of leading a group ("a delegation led by A")
LEADING_VERBS = frozenset(_LISTS["leading_verbs"])
#: verbs of sending someone ("sent A to P for talks")
SENDING_VERBS = frozenset(_LISTS["sending_verbs"])
#: verbs whose subject holds the talks named "for", "during" or "at" after them
GATHERING_VERBS = frozenset(_LISTS["gathering_verbs"])

_IRREGULAR = {"met": "meet", "built": "build", "bought": "buy", "led": "lead", "sent": "send",
              "took": "take", "taken": "take", "held": "hold", "spoke": "speak",
              "spoken": "speak", "sought": "seek", "made": "make", "gave": "give",
              "given": "give", "began": "begin", "begun": "begin", "flew": "fly",
              "flown": "fly", "fought": "fight", "brought": "bring", "meetings": "meeting",
              "sidelines": "sidelines", "margins": "sidelines", "sideline": "sidelines",
              "margin": "sidelines", "chose": "choose", "chosen": "choose",
              "sworn": "swear", "swore": "swear", "became": "become", "paid": "pay",
              "has": "have", "had": "have", "having": "have", "sold": "sell", "won": "win",
              "withdrew": "withdraw", "withdrawn": "withdraw", "oversaw": "oversee",
              "overseen": "oversee", "undertook": "undertake", "undertaken": "undertake",
              "struck": "strike", "drew": "draw", "drawn": "draw", "said": "say", "says": "say",
              "told": "tell", "is": "be", "was": "be", "are": "be", "were": "be",
              "been": "be", "being": "be"}
_OTHER_WORDS = "hold take locate base send lead during speak deliver between part"


def _forms(base: str) -> set[str]:
    """Regular inflections of an English verb or noun (overgenerating is harmless:
    the forms are only looked up; a two-letter word such as "be" is irregular)."""
    if len(base) < 3:
        return {base}
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
for _base in sorted({*FRAMES, *AGENT_NOUNS, *SUPPORT_NOUNS, *ASK_WORDS, *LIGHT_VERBS,
                     *ROLE_VERBS, *APPOINTMENT_VERBS, *SPEECH_VERBS, *LEADING_VERBS,
                     *SENDING_VERBS, *GATHERING_VERBS, *_OTHER_WORDS.split()}):
    for _form in _forms(_base):
        LEMMAS.setdefault(_form, _base)
LEMMAS.update(_IRREGULAR)
for _base in FRAMES:        # a listed word is its own base ("talks" is not "talk")
    LEMMAS[_base] = _base


def word(token: Any) -> str:
    """The base form of ``token`` if the rules know it, else its lower-case text."""
    return LEMMAS.get(token.lower_, token.lower_)


def is_verb(token: Any) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def is_noun(token: Any) -> bool:
    return token.tag_ in {"NN", "NNS"}
