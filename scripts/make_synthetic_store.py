"""Generate a synthetic store of N analysed articles, for the FTS and insert benchmarks.

The articles are random but shaped like news: Zipf-distributed words from
a fixed vocabulary (so common words have long posting lists, like real
text), a headline, a few paragraphs, named people, and attributions whose
content is a sentence of the text. Nothing here is committed: the store goes
wherever --out says (default /tmp).

    .venv/bin/python scripts/make_synthetic_store.py --n 100000 --out /tmp/newsgraph-100k.db
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from collections.abc import Iterator
from pathlib import Path

from newsgraph.model import (
    AnalyzedDocument,
    Article,
    Attribution,
    Entity,
    Mention,
    Rights,
    SourceRef,
    Span,
    SpeakerRef,
)

SYLLABLES = ["ka", "lo", "ri", "ven", "tor", "mi", "sa", "del", "an", "qu", "es", "ba", "nor", "il", "ur", "pe",
             "da", "gan", "ti", "mor", "el", "sun", "ra", "vo", "li", "ber", "ch", "on", "ex", "fa"]
TOPIC_WORDS = ["cease-fire", "ceasefire", "tariff", "election", "budget", "strike", "flood", "vaccine", "hostages",
               "sanctions", "refinery", "drought", "pipeline", "inflation", "protest", "treaty", "harbor", "bridge"]
FIRST = ["Ana", "Boris", "Chen", "Dara", "Elif", "Femi", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Lena", "Mira"]
LAST = ["Varga", "Osei", "Lindqvist", "Okafor", "Reyes", "Novak", "Brandt", "Kessler", "Adeyemi", "Marchetti"]


def vocabulary(n: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words) + TOPIC_WORDS


def zipf_sampler(vocab: list[str], rng: random.Random, s: float = 1.1):  # type: ignore[no-untyped-def]
    import itertools

    cum = list(itertools.accumulate(1 / (i + 1) ** s for i in range(len(vocab))))
    order = vocab[:]
    rng.shuffle(order)

    def sample(k: int) -> list[str]:
        return rng.choices(order, cum_weights=cum, k=k)

    return sample


def article(i: int, sample, rng: random.Random) -> AnalyzedDocument:  # type: ignore[no-untyped-def]
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
    sentences = []
    for _ in range(rng.randint(10, 18)):
        words = sample(rng.randint(12, 24))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(people))
        sentences.append(" ".join(words).capitalize() + ".")
    paras = [" ".join(sentences[j:j + 3]) for j in range(0, len(sentences), 3)]
    text = "\n\n".join(paras)
    title = " ".join(sample(6)).capitalize()
    atts, ents = [], []
    for a, person in enumerate(people):
        sent = rng.choice(sentences)
        start = text.index(sent)
        cue = text.find(person)
        ents.append(Entity(f"e{a + 1}", person, "PERSON", aliases=(person,),
                           mentions=(Mention(cue, cue + len(person), person),) if cue >= 0 else ()))
        atts.append(Attribution(f"a{a + 1}", "indirect", Span(start, start + len(sent), sent), None,
                                SpeakerRef(None, None, None, f"e{a + 1}", person)))
    data = f"{i}\n{title}\n{text}".encode()
    sha = hashlib.sha256(data).hexdigest()
    day = f"20{rng.randint(20, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return AnalyzedDocument(
        source=SourceRef(f"synthetic-{i}", f"synthetic:{i}", sha, "text"),
        article=Article(title=title, text=text, published=day, publisher="Synthetic Times",
                        rights=Rights("Synthetic Times Ltd.", int(day[:4]), f"Copyright {day[:4]} Synthetic Times")),
        entities=tuple(ents), attributions=tuple(atts),
    )


def articles(n: int, seed: int = 6, vocab_size: int = 30_000) -> Iterator[AnalyzedDocument]:
    rng = random.Random(seed)
    sample = zipf_sampler(vocabulary(vocab_size, rng), rng)
    for i in range(n):
        yield article(i, sample, rng)


def build(out: Path, n: int, batch: int = 500) -> float:
    """Write n synthetic articles into a new store at `out`; returns seconds taken."""
    from newsgraph.store import open_store

    if out.exists():
        out.unlink()
    t0 = time.perf_counter()
    with open_store(out) as store:
        chunk = []
        for doc in articles(n):
            chunk.append(doc)
            if len(chunk) >= batch:
                store.put_many(chunk)
                chunk = []
        store.put_many(chunk)
        store.conn.execute("PRAGMA optimize")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/newsgraph-100k.db"))
    args = ap.parse_args(argv)
    secs = build(args.out, args.n)
    print(f"wrote {args.n} synthetic articles to {args.out} in {secs:.0f}s ({args.n / secs:.0f} docs/s)")


if __name__ == "__main__":
    main()
