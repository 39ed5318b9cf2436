"""Differential check: the optimized extraction helpers must give exactly what the originals gave.

The originals (syntok on every token, the regex-based phrase folding, the
slice-and-copy gazetteer scan) are kept here verbatim as `legacy_*`. The check
runs old and new on the same inputs in the same process, so it stays valid
while the extraction rules themselves change:

- sentence spans: every seed article, the generated benchmark corpus and the
  tricky sentences below;
- `fold`/`is_a`/gazetteer mentions: every sentence of the same texts;
- whole `extract()` results (dataclass equality) with the legacy helpers
  patched in versus the current ones.

Run: /work/venv/bin/python benchmarks/extract_equivalence.py [--count 2000]
Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from syntok import segmenter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_bench import SEEDS, corpus  # noqa: E402

import eventdb.extract as extract_module  # noqa: E402
from eventdb.articles import Article, read_path  # noqa: E402
from eventdb.extract import lexicon as lexicon_module  # noqa: E402
from eventdb.extract.gazetteer import Gazetteer, Mention, fold_text  # noqa: E402
from eventdb.extract.lexicon import Lexicon, default_lexicon  # noqa: E402
from eventdb.extract.sentences import Sentence, split_sentences  # noqa: E402

TRICKY = [
    "The U.S. military said Gen. Smith and Maj. Jones met Dr. Brown on St. Mark St. at 10 a.m. on Friday.",
    "Mr. Ali arrived at 9 a.m. Officials said he left at 5 p.m. The talks ended.",
    "Unit No. 5 fired 3.5 tons. No. It did not. The No. 2 base was hit.",
    "J. R. R. Tolkien wrote it. A. B. Smith and the U.N. agreed. He said so.",
    "He said: “We will respond.” The army denied it. “Never.” Then silence.",
    "“They will pay,” he said. \"It is over.\" 'Maybe.' Others disagreed.",
    "Six were hurt and others.United States Central Command denied it.Then it changed.",
    "It rose 3.5 per cent in 2023.In 2024 it fell... Nobody knew why. . . The end.",
    "Wait... what? Really! Yes?! No!? Fine.",
    "1. The first point.\n2. The second point.\n3) A third one.\n(4) And a fourth.",
    "Iraqi Militias Swap Strikes Amid Tensions\n\nThe strike hit the base. It was the third.\n\nA second paragraph here",
    "Headline Without Period \n\nBody text follows here.  \n\n  Indented paragraph.\n",
    "The attack (which Kataib Hezbollah claimed. It denied it.) was large. Then (see above) more came.",
    "The attack [An] analysis shows (injuring two civilians), as well. Then [Friday].”“The next one.",
    "The Iran-backed Islamic Resistance in Iraq; Kataib Hezbollah; and others. The PMF denied it.",
    "The IRGC. The PMF said so. IS. The group. US. The forces. II. The second. Jan. 5 was the day.",
    "It happened on Sept. 12. Then on Jan. 3. And in May. Then on 12 Jan. More.",
    "Read more at Institute for National Security Studies\nMore about: Gaza War 2023, Iran, Iraq, U.S. Foreign policy",
    "Yaron Schneider takes a close look at these groups:\nSince early November 2023, . . .\n\nIraqi militias have claimed it.",
    "Consecutive attacks..\n\nMilitias and the second generation..\n\nThe attacks went on.",
    "” But at the same time, they do not want to escalate,” he said. ‘The axis.’ Done.",
    "The drone was intercepted.\u00a0The army said so.\u200bThen more. Tabs\there.\tAnd\x0cform feeds. End",
    "",
    "   ",
    "\n\n\n",
    "no full stop at all",
    "Ends with question? Yes. Ends with exclamation! Yes. Semicolon; Capital after.",
    "They fired 14 Grad missiles. 30 were intercepted. Some 200 strikes. The count rose.",
    "It was the e.g. case, i.e. the usual. Etc. and so on. Vs. them. The Corp. Inc. Ltd. Co. said.",
    "Don’t go. He didn't. It isn’t. They won’t. OK.",
    "Pro-Iranian factions hit it. Iran-backed groups hit it.And then more.",
    "The U.S. Secretary and U.S. Army met U.S. Foreign Minister. U.S. The. In the U.S. TheX, U.S. Thes, U.S.A. Don’t.",
    "It hit Ain al-Assad. The base. Counter-attacks. Then x-b. Kalso and b. Kalso, a. The, Abu-Dr. Smith.",
]


_PIECES = ("the", "The", "army", "said", "Iraq", "U.S.", "Gen.", "Maj.", "Dr.", "St.", "No.", "no", "Mr.", "a.m.",
           "p.m.", "3.5", "5", "12", "2023", "Jan", "May", "IV", "II", "IS", "US", "A.", "J.", "e.g.", "etc.", "al.",
           ".", "..", "...", ". . .", "!", "?", ";", ":", ",", "“", "”", "\"", "'", "’", "‘", "(", ")", "[", "]",
           "{", "}", "*", "–", "-", "\n", "\n\n", " ", "  ", "\t", "\u00a0", "\u200b", "Kataib", "Hezbollah",
           "iPhone", "al-Sudani", "don’t", "isn't", "others.United", "tensions.The", "AFP.On", "1.", "2)", "(4)",
           "al-Assad.", "counter-attacks.", "x-b.", "b.", "a.", "Abu-Dr.", "World-II.", "Ex-US.", "al-Jan.",
           "pro-iPhone.", "U.S.A.", "Secretary", "Foreign", "Army", "TheX", "Thes", "The2", "The-", "Don’t", "Dont",
           "Also", "A", "Ab")


def fuzz_texts(count: int, seed: int = 3) -> Iterator[tuple[str, str]]:
    """Random strings of the pieces syntok reacts to, joined by a space or nothing."""
    rng = random.Random(seed)
    for n in range(count):
        parts = [rng.choice(_PIECES) + rng.choice(("", " ", " ", " ")) for _ in range(rng.randint(1, 40))]
        yield f"fuzz:{n}", "".join(parts)


# Paragraphs of mostly plain words with syntok's marks among them, as news text has them: the splitter hands
# syntok only a window around the marks of a stretch, which short `fuzz_texts` strings seldom leave.
# U+001C stands only inside a word: right after a sentence end it is the known difference from syntok
# (benchmarks/README.md, round 5), which the splitter keeps.
_WORDS = ("the", "army", "said", "militias", "base", "attacked", "on", "Friday", "Iraq", "Erbil", "al-Assad", "The",
          "It", "In", "No", "A", "Also", "Which", "But", "US", "IRGC", "5", "12", "2023", "300", "x", "b", "I", "II",
          "Iran’s", "don't", "iPhone", "Mr", "Gen", "Jan", "May", "etc", "e", "civilians", "two")
_MARKS = ("(", ")", "[", "]", "{", "}", ".", "..", "...", ". . .", ";", "!", "?", "“", "”", "\"", "'", "’", "‘", "*",
          ",", ":", "–", "-", "Gen.", "U.S.", "No.", "no.", "3.5", "Jan.", "e.g.", "a.m.", "p.m.", "\u00a0", "\u200b",
          "a\x1cb", "\x0c", "word.”“The", "[Friday].”“The", "(injuring", "civilians),", "(IDF)", "(4)", "2)",
          "attacks..", "provocations.*", "state;", "says.\n”", "Israel.\n[An]", "it.”Elements", "www.example.com",
          "x(.)y", "Yahoo!News", "tensions.The", "AFP.On", "(.)", ".)", ").", "”.", ".”", "?”", "!)", "〔", "（", "）",
          "。", "！")
_GLUE = (" ",) * 12 + ("", "\n", "  ", "\n\n", " \n ")


def fuzz_paragraphs(count: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """Random texts of 5 to 80 pieces: words (one in ten with a stop, ! or ?) and, one piece in five, marks."""
    rng = random.Random(seed)
    for n in range(count):
        parts = []
        for _ in range(rng.randint(5, 80)):
            r = rng.random()
            word = rng.choice(_WORDS) + rng.choice(".!?") if r < 0.08 else rng.choice(_WORDS)
            parts.append((word if r < 0.8 else rng.choice(_MARKS)) + rng.choice(_GLUE))
        yield f"paragraph:{n}", "".join(parts)


def legacy_split_sentences(text: str) -> list[Sentence]:
    """The original splitter: syntok on the whole text, then the glued-sentence pass."""
    out: list[Sentence] = []
    for paragraph in segmenter.analyze(text):
        for tokens in paragraph:
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            end = min(end, len(text))
            newline = text.find("\n", tokens[-1].offset, end)
            end = newline if newline != -1 else end
            cuts = [start] + [m.end() for m in _LEGACY_GLUED.finditer(text, start, end)] + [end]
            for s, e in [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]:
                out.append(Sentence(len(out), s, e, text[s:e]))
    return out


def legacy_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the original splitter, as extraction takes them."""
    return [(s.start, s.end) for s in legacy_split_sentences(text)]


_LEGACY_GLUED = re.compile(r"(?:(?<=[a-z0-9\]\)][.!?])|(?<=[A-Z]{2}[.]))[”\"’]?\*?(?=[“\"]?[A-Z][a-z])")
_LEGACY_APOSTROPHES = "'’ʼ‘`"


def legacy_fold(phrase: str) -> str:
    return re.sub(r"[-\s]+", " ", re.sub(f"[{_LEGACY_APOSTROPHES}]", "'", phrase.lower()))


def legacy_find(self: Lexicon, category: str, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(self.pattern(category).finditer(text, start, len(text) if end is None else end))


def legacy_is_a(self: Lexicon, category: str, phrase: str) -> bool:
    key = "legacy-set:" + category
    folded = self._patterns.get(key)
    if folded is None:
        folded = self._patterns[key] = frozenset(legacy_fold(p) for p in self.words[category])  # type: ignore[assignment]
    return legacy_fold(phrase) in folded  # type: ignore[operator]


def legacy_find_mentions(self: Gazetteer, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """The original gazetteer scan: fold a copy of the slice, check boundaries on the copy."""
    if not self.entries:
        return []
    end = len(text) if end is None else end
    folded = fold_text(text[start:end])
    found = []
    for last, surface in self.automaton.iter(folded):
        s, e = last - len(surface) + 1, last + 1
        before = folded[s - 1] if s > 0 else " "
        after = folded[e] if e < len(folded) else " "
        if not before.isalnum() and not after.isalnum():
            found.append((s, e, self.entries[surface]))
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[Mention] = []
    taken_until = -1
    for s, e, entry in found:
        if s < taken_until:
            continue
        taken_until = e
        out.append(Mention(start + s, start + e, text[start + s:start + e], entry.actor, entry.adjective,
                           entry.place, entry.weapon, entry.outlet))
    return out


def texts(count: int) -> Iterator[tuple[str, str]]:
    """(origin, text) for the tricky sentences, every seed article and `count` corpus articles."""
    for n, text in enumerate(TRICKY):
        yield f"tricky:{n}", text
    for path in sorted(SEEDS.glob("*.txt")):
        for a in read_path(path):
            if isinstance(a, Article):
                yield f"seed:{path.name}", a.text
    for a in corpus(count):
        yield a.origin, a.text


def articles(count: int) -> Iterator[Article]:
    for origin, text in texts(count):
        yield Article(text=text, origin=origin)
    for a in corpus(count, seed=11):  # with publication dates, for the date rules
        yield a


@contextmanager
def legacy_helpers() -> Iterator[None]:
    """Patch the original helpers in wherever extraction looks them up."""
    with mock.patch.object(extract_module, "sentence_spans", legacy_sentence_spans), \
         mock.patch.object(lexicon_module, "_fold", legacy_fold), \
         mock.patch.object(Lexicon, "is_a", legacy_is_a), \
         mock.patch.object(Lexicon, "find", legacy_find), \
         mock.patch.object(Gazetteer, "find", legacy_find_mentions):
        yield


def compare(name: str, items: Iterable[tuple[str, object, object]]) -> int:
    """Count and print the (origin, old, new) triples that differ."""
    checked = bad = 0
    for origin, old, new in items:
        checked += 1
        if old != new:
            bad += 1
            if bad <= 5:
                print(f"  DIFF {name} {origin}:\n    old {old!r}\n    new {new!r}")
    print(f"{name}: {checked} compared, {bad} different")
    return bad


def sentence_pairs(count: int) -> Iterator[tuple[str, object, object]]:
    for origin, text in itertools.chain(texts(count), fuzz_texts(count * 10), fuzz_paragraphs(count * 5)):
        yield origin, legacy_split_sentences(text), split_sentences(text)


def fold_pairs(count: int, lexicon: Lexicon) -> Iterator[tuple[str, object, object]]:
    categories = sorted(lexicon.words)
    for origin, text in texts(count // 10):
        for word in re.findall(r"[\w’'‘ʼ`-]+(?:\s+[\w’'‘ʼ`-]+)?", text):
            yield origin, legacy_fold(word), lexicon_module.fold(word)
            yield origin, [legacy_is_a(lexicon, c, word) for c in categories], [lexicon.is_a(c, word) for c in categories]


def find_pairs(count: int, lexicon: Lexicon) -> Iterator[tuple[str, object, object]]:
    """Phrase matches over whole sentences and random stretches (also starting or ending inside a word)."""
    rng = random.Random(5)
    categories = sorted({*lexicon.words, "triggers", "roles"})
    for origin, text in texts(count // 10):
        spans = [(s.start, s.end) for s in legacy_split_sentences(text)] + [(0, len(text))]
        spans += [tuple(sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))) for _ in range(20)]
        for category in categories:
            for s, e in spans:
                old = [(m.span(), m.group()) for m in legacy_find(lexicon, category, text, s, e)]
                yield origin, old, [(m.span(), m.group()) for m in lexicon.find(category, text, s, e)]


def mention_pairs(count: int, gazetteer: Gazetteer) -> Iterator[tuple[str, object, object]]:
    for origin, text in texts(count):
        for s in legacy_split_sentences(text):
            yield origin, legacy_find_mentions(gazetteer, text, s.start, s.end), gazetteer.find(text, s.start, s.end)
        yield origin, legacy_find_mentions(gazetteer, text), gazetteer.find(text)


def extraction_pairs(count: int, run: Callable[[Article], object]) -> Iterator[tuple[str, object, object]]:
    for article in articles(count):
        with legacy_helpers():
            old = run(article)
        yield article.origin, old, run(article)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000, help="generated corpus articles")
    args = parser.parse_args()
    tools = extract_module.tools_for()
    bad = compare("sentence spans", sentence_pairs(args.count))
    bad += compare("fold / is_a", fold_pairs(args.count, default_lexicon()))
    bad += compare("lexicon find", find_pairs(args.count, default_lexicon()))
    bad += compare("gazetteer mentions", mention_pairs(args.count, tools.gazetteer))
    bad += compare("extract()", extraction_pairs(args.count // 4, extract_module.extract))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
