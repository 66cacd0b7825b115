"""Participants quality (DESIGN §6, issue 8 §4): CoNLL-2003 name sets, hand-annotated roles,
and the seed roster.

    python bench/participants.py [--no-conll]

1. CoNLL-2003 dev (``../shared/data/ner/conll2003_testa.txt``, 216 Reuters documents): per
   document, the predicted people, organisations and places as name sets against the gold
   PER, ORG and LOC names (an alias counts as its full name: "Simmons" = "Phil Simmons"; a
   second prediction of one entity is an error). Micro precision/recall/F1 over documents.
2. ``../shared/gold/roles_dev.jsonl`` (25 CNN/DailyMail dev articles): people P/R/F1 (a
   prediction matches when its name or an alias equals a gold name or alias; a duplicate is
   an error), role accuracy (over the gold people that have a role, the share whose
   predicted role contains at least half of the gold role's content words) and shown-role
   precision (over the roles shown for matched people, the share that is right by the same
   measure; a role shown for someone the gold gives none is wrong): readers forgive a
   missing role, not a wrong one.
   The same on ``bench/gold/roles_untuned.jsonl`` (CNN/DailyMail dev articles 25–99, people
   and roles annotated here), printed beside it in two halves: A (articles 25–61) is the half
   rules may be written against; B (articles 62–99) is held out and only ever scored.
3. The seed article's roster against ``../shared/gold/seed_participants.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.models import Article, Participants, Person
from summarizer.read.articles import participants_of
from summarizer.read.participants import extract
from summarizer.read.participants.names import Cluster
from summarizer.read.participants.roles import candidate_roles, role_of
from summarizer.text.parser import load_pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "gold/roles_dev.jsonl"
UNTUNED = Path(__file__).resolve().parent / "gold/roles_untuned.jsonl"
ARTICLES = SHARED / "data/summarization/cnndm_dev.jsonl"

CONLL = SHARED / "data/ner/conll2003_testa.txt"
SEED = Path(__file__).resolve().parents[1] / "seeds/000_726b05e1c8879489.txt"
SEED_GOLD = SHARED / "gold/seed_participants.json"
_KINDS = {"PER": "people", "ORG": "organizations", "LOC": "places"}
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)'\]]|n't|'s|'re|'ve|'ll|'d)(?=\s|$)")


@dataclass
class ConllDocument:
    text: str
    names: dict[str, set[str]]  # kind -> gold names as written


def conll_documents(path: Path) -> list[ConllDocument]:
    """Documents of a CoNLL-2003 file: the text (tokens joined, one sentence per line) and
    the names of each kind (IOB1 spans)."""
    documents: list[ConllDocument] = []
    sentences: list[str] = []
    names: dict[str, set[str]] = {kind: set() for kind in _KINDS.values()}
    tokens: list[str] = []
    current: list[str] = []
    current_kind = ""

    def close_entity() -> None:
        nonlocal current, current_kind
        if current and current_kind in _KINDS:
            names[_KINDS[current_kind]].add(" ".join(current))
        current, current_kind = [], ""

    def close_sentence() -> None:
        nonlocal tokens
        close_entity()
        if tokens:
            sentences.append(_NO_SPACE_BEFORE.sub(r"\1", " ".join(tokens)))
        tokens = []

    def close_document() -> None:
        nonlocal sentences, names
        close_sentence()
        if sentences:
            documents.append(ConllDocument("\n".join(sentences), names))
        sentences, names = [], {kind: set() for kind in _KINDS.values()}

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            close_document()
            continue
        if not line.strip():
            close_sentence()
            continue
        token, *_, tag = line.split()
        kind = tag[2:] if tag != "O" else ""
        if not kind or tag.startswith("B-") or kind != current_kind:
            close_entity()
        if kind:
            current.append(token)
            current_kind = kind
        tokens.append(token)
    close_document()
    return documents


def _canonical(names: set[str]) -> dict[str, str]:
    """Each gold name -> the longest gold name it is a form of ("Simmons" -> "Phil Simmons")."""
    longest = sorted(names, key=lambda n: (-len(n.split()), n))
    canonical: dict[str, str] = {}
    for name in longest:
        words = name.split()
        owner = next(
            (
                full
                for full in longest
                if len(full.split()) > len(words)
                and any(full.split()[i : i + len(words)] == words for i in range(len(full.split())))
            ),
            name,
        )
        canonical[name] = canonical.get(owner, owner)
    return canonical


def score_sets(predicted: list[list[str]], gold: list[set[str]]) -> tuple[float, float, float]:
    """Micro P/R/F1 over documents of name sets: a prediction (name or any alias) matches a
    gold entity when it equals any form of it; a second prediction of the same entity is an
    error."""
    true_positive = false_positive = false_negative = 0
    for forms_list, names in zip(predicted, gold, strict=True):
        canonical = _canonical(names)
        matched: set[str] = set()
        for forms in forms_list:
            entity = next((canonical[f] for f in forms if f in canonical), None)
            if entity is None or entity in matched:
                false_positive += 1
            else:
                matched.add(entity)
                true_positive += 1
        false_negative += len(set(canonical.values()) - matched)
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / max(1, true_positive + false_negative)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[\w-]+", text.lower().replace("’", "'"))
    return {w for w in words if w not in STOP_WORDS and w != "s"}


def _forms(participants: Participants, kind: str) -> list[list[str]]:
    if kind == "people":
        return [[p.name, *p.aliases] for p in participants.people]
    return [[e.name] for e in getattr(participants, kind)]


def conll_table(path: Path, model: str | None) -> None:
    """Scores on the even-numbered documents (rules may be written against them) beside the
    odd-numbered ones (held out)."""
    documents = conll_documents(path)
    started = time.perf_counter()
    articles = [Article(id=str(i), text=d.text) for i, d in enumerate(documents)]
    predicted = participants_of(articles, model=model)
    bare = _bare_people(documents)
    elapsed = time.perf_counter() - started
    halves = {
        "even (tune)": range(0, len(documents), 2),
        "odd (held out)": range(1, len(documents), 2),
    }
    print(f"CoNLL-2003 dev: {len(documents)} documents, {elapsed:.1f} s\n")
    print("| kind | " + " | ".join(f"{h} P / R / F1" for h in halves) + " |")
    print("|---|" + "---:|" * len(halves))

    def row(label: str, forms: list[list[list[str]]], kind: str) -> None:
        cells = []
        for indices in halves.values():
            p, r, f = score_sets(
                [forms[i] for i in indices], [documents[i].names[kind] for i in indices]
            )
            cells.append(f"{p:.3f} / {r:.3f} / {f:.3f}")
        print(f"| {label} | " + " | ".join(cells) + " |")

    for kind in _KINDS.values():
        row(kind, [_forms(x, kind) for x in predicted], kind)
    row("people, bare en_core_web_sm pass (reference)", bare, "people")


def _bare_people(documents: list[ConllDocument]) -> list[list[list[str]]]:
    """PERSON entities of the same model with no rules: naive alias merging only (a name
    inside a longer name of the document is that person)."""
    nlp = load_pipeline()
    result = []
    for doc in nlp.pipe(d.text for d in documents):
        names = {e.text for e in doc.ents if e.label_ == "PERSON"}
        canonical = _canonical(names)
        result.append(
            [
                [full, *(f for f, c in canonical.items() if c == full and f != full)]
                for full in set(canonical.values())
            ]
        )
    return result


def _gold_articles(
    path: Path, articles_from: int, articles_to: int
) -> tuple[list[dict], list[Article]]:
    """The gold rows of ``path`` whose article number lies in ``[articles_from, articles_to]``,
    and their articles."""
    gold = [
        row
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if articles_from <= row.get("article", 0) <= articles_to
    ]
    texts = {
        r["id"]: r["article"]
        for r in map(json.loads, ARTICLES.read_text(encoding="utf-8").splitlines())
    }
    return gold, [Article(id=g["id"], text=texts[g["id"]]) for g in gold]


def _matched_people(entry: dict, result: Participants) -> tuple[dict[str, Person], list[Person]]:
    """The predicted person each gold person (by name) is matched to, and the predicted people
    matched to none: a prediction matches when its name or an alias is a gold form, and a
    second prediction of the same gold person is an extra."""
    owner = {f: p["name"] for p in entry["people"] for f in [p["name"], *p["aliases"]]}
    matched: dict[str, Person] = {}
    extra: list[Person] = []
    for person in result.people:
        name = next((owner[f] for f in [person.name, *person.aliases] if f in owner), None)
        if name is None or name in matched:
            extra.append(person)
        else:
            matched[name] = person
    return matched, extra


def _role_is_right(gold_role: str | None, role: str | None) -> bool:
    """At least half of the gold role's content words are in the role."""
    wanted = _content_words(gold_role or "")
    return bool(wanted) and len(wanted & _content_words(role or "")) >= 0.5 * len(wanted)


def roles_ceiling(
    path: Path, title: str, model: str | None, articles_from: int, articles_to: int
) -> None:
    """Where the gold roles are lost: the person is not found, no finder reads any role for
    them, or a finder reads the right one and another is chosen. Totals only, so it may be
    run on the held-out half."""
    gold, articles = _gold_articles(path, articles_from, articles_to)
    candidates: dict[str, list[str]] = {}

    def recording(cluster: Cluster, people: frozenset[str]) -> str | None:
        found = candidate_roles(cluster, people)
        candidates[cluster.name] = [role for _, role in found]
        return role_of(cluster, people)

    counts = dict.fromkeys(("gold", "not found", "no candidate", "right", "any right"), 0)
    for entry, article in zip(gold, articles, strict=True):
        candidates.clear()
        with patch.object(extract, "role_of", recording):
            (result,) = participants_of([article], model=model)
        matched, _ = _matched_people(entry, result)
        for person in (p for p in entry["people"] if p["role"]):
            counts["gold"] += 1
            found = matched.get(person["name"])
            if found is None:
                counts["not found"] += 1
                continue
            read = candidates.get(found.name, [])
            counts["no candidate"] += not read
            counts["right"] += _role_is_right(person["role"], found.role)
            counts["any right"] += any(_role_is_right(person["role"], role) for role in read)
    print(
        f"| {title} | {counts['gold']} | {counts['not found']} | {counts['no candidate']} | "
        f"{counts['right']} | {counts['any right']} |"
    )


def roles_table(
    path: Path,
    title: str,
    model: str | None,
    articles_from: int = 0,
    articles_to: int = 10**6,
    errors: list[str] | None = None,
) -> None:
    """People P/R/F1, role accuracy and shown-role precision of the rules on ``path`` (the rows
    whose article number lies in ``[articles_from, articles_to]``). With ``errors``, each
    wrong, missed or extra person and role is appended to it."""
    gold, articles = _gold_articles(path, articles_from, articles_to)
    predicted = participants_of(articles, model=model)
    true_positive = false_positive = false_negative = 0
    gold_roles = roles_right = shown = shown_right = 0
    for entry, result in zip(gold, predicted, strict=True):
        where = entry.get("article", "")
        found, extra = _matched_people(entry, result)
        matched = {name: person.role for name, person in found.items()}
        for person in extra:
            if errors is not None:
                errors.append(f"{where} extra: {person.name} ({person.role})")
        true_positive += len(matched)
        false_positive += len(extra)
        false_negative += len(entry["people"]) - len(matched)
        for person in entry["people"]:
            right = _role_is_right(person["role"], matched.get(person["name"]))
            if matched.get(person["name"]):
                shown += 1
                shown_right += right
            if errors is not None and person["name"] not in matched:
                errors.append(f"{where} missed: {person['name']} ({person['role']})")
            elif errors is not None and not right and (person["role"] or matched[person["name"]]):
                errors.append(
                    f"{where} role: {person['name']}: "
                    f"{matched[person['name']]!r}, gold {person['role']!r}"
                )
            if person["role"]:
                gold_roles += 1
                roles_right += right
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / max(1, true_positive + false_negative)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(
        f"| {title} ({len(gold)} articles) | {precision:.3f} | {recall:.3f} | {f1:.3f} | "
        f"{roles_right / max(1, gold_roles):.3f} ({roles_right}/{gold_roles}) | "
        f"{shown_right / max(1, shown):.3f} ({shown_right}/{shown}) |"
    )


def seed_check() -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    result = participants_of([Article(id="seed", text=SEED.read_text(encoding="utf-8"))])[0]
    expected = {p["name"] for p in gold["people"]}
    found = {p.name for p in result.people}
    with_roles = sum(1 for p in result.people if p.role)
    verdict = (
        "exact" if found == expected else f"missing {expected - found}, extra {found - expected}"
    )
    print(f"\nSeed roster: {len(found)} people, {with_roles} with a role; {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-conll", action="store_true")
    parser.add_argument("--model", help="an installed spaCy pipeline (default: the small one)")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list every person and role error on the sets rules may be written against "
        "(roles_dev and untuned half A; never half B)",
    )
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="where the untuned halves' gold roles are lost (totals only)",
    )
    args = parser.parse_args()
    if args.ceiling:
        print(
            "| set | gold roles | person not found | found, no role read | right "
            "| right with the best role read |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        roles_ceiling(UNTUNED, "A", args.model, 25, 61)
        roles_ceiling(UNTUNED, "B, held out", args.model, 62, 99)
        return 0
    if args.errors:
        found: list[str] = []
        roles_table(GOLD, "roles_dev", args.model, errors=found)
        roles_table(UNTUNED, "roles_untuned A", args.model, 25, 61, errors=found)
        print("\n".join(found))
        return 0
    if not args.no_conll:
        if CONLL.exists():
            conll_table(CONLL, args.model)
        else:
            print(f"skipped CoNLL: {CONLL} not found")
    if GOLD.exists() and ARTICLES.exists():
        print("\n| gold | people P | people R | people F1 | role accuracy | shown-role precision |")
        print("|---|---:|---:|---:|---:|---:|")
        roles_table(GOLD, "roles_dev, tuned on", args.model)
        roles_table(UNTUNED, "roles_untuned A, rules may be written against it", args.model, 25, 61)
        roles_table(UNTUNED, "roles_untuned B, held out", args.model, 62, 99)
    else:
        print(f"skipped roles: {GOLD} or {ARTICLES} not found")
    if SEED_GOLD.exists():
        seed_check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
