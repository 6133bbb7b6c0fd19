"""The typed gazetteer: names of encyclopedia articles with the type their first sentence gives them.

Built once by ``python -m pipeline build-gazetteer --corpus viwiki2017.txt.xz`` from the Wikipedia part of the
shared corpora ("Vũ Hán là thủ phủ của tỉnh Hồ Bắc" -> Vũ Hán LOC; "Lục Trưng Tường ... là một nhà ngoại giao"
-> PER; aliases from the first parenthesis, Latin-script and Vietnamese forms only, "hay"/"còn gọi là" before
the type, and the cues of ``data/gazetteer_aliases.tsv`` anywhere in the first sentence: "tên húy là", "tên cũ
là"), with the type heads in ``data/gazetteer_heads.tsv``.
The built file ``data/gazetteer.tsv.gz`` is committed with its attribution (``data/GAZETTEER_LICENSE``); the
product reads only that file. At run time an entry is one vote among the others, never an override.
"""
from __future__ import annotations

import gzip
import lzma
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from .lexicon import DATA, lexicon, name_key, read, word_key

GAZETTEER = DATA / "gazetteer.tsv.gz"
LABELS = ("PER", "LOC", "ORG", "MISC")
_MAX_WORDS = 6
_TITLE_VOTES = 2  # an article's title counts two votes for its name, an alias one (build_gazetteer)
# A name: letters (any script with Latin letters), spaces, hyphens, apostrophes and dots; no digits.
_NAME = re.compile(r"[^\W\d_][\w'’.\- ]*", re.UNICODE)
_ALIAS_PREFIX = re.compile(r"^(?:(?:âm |phiên âm )?(?:tiếng|chữ|âm) [^:]{1,25}:|Hán Việt:|[\w '’\-]{0,20}:|"
                           r"còn (?:gọi|viết|được gọi|có tên) (?:là )?|hay |tức |viết tắt(?: là)? )\s*",
                           re.IGNORECASE)
_ALIAS_CUE = re.compile(r"(?:\blà|\btự|\bhiệu|\btức|\bhay|\bhoặc)\s+")
_SEPARATORS = re.compile(r"[;,/]")


def _type_heads() -> tuple[dict[tuple[str, ...], str], frozenset[str], dict[tuple[str, ...], str]]:
    """Type heads, skipped words, and the heads that also type a name written right after them."""
    heads, skips, appositions = {}, set(), {}
    for phrase, label, flags in read("gazetteer_heads.tsv", ["phrase", "label", "*flags"]):
        words = word_key(phrase)
        if label == "skip":
            skips.add(" ".join(words))
        elif label in LABELS:
            heads[words] = label
            if "apposition" in flags:
                appositions[words] = label
        else:
            raise ValueError(f"gazetteer_heads.tsv: {phrase!r}: label must be one of {LABELS} or skip")
    return heads, frozenset(skips), appositions


def type_of(predicate: str, heads: dict[tuple[str, ...], str], skips: frozenset[str]) -> str | None:
    """The label of the longest head that opens ``predicate`` (the words after "là"), skipped words passed."""
    words = list(word_key(" ".join(re.findall(r"\w+", predicate)[:8])))
    k = 0
    while k < len(words):
        for n in (4, 3, 2, 1):
            if tuple(words[k:k + n]) in heads:
                return heads[tuple(words[k:k + n])]
        if words[k] not in skips:
            return None
        k += 1
    return None


def _is_name(text: str) -> bool:
    text = text.strip()
    if not text or not _NAME.fullmatch(text) or not text[0].isupper():
        return False
    words = text.split()
    if len(words) > _MAX_WORDS or not all("LATIN" in unicodedata.name(c, "") or not c.isalpha() for c in text):
        return False
    return sum(w[0].isupper() for w in words) * 2 > len(words)


@lru_cache(maxsize=1)
def alias_rules() -> tuple[frozenset[str], tuple[str, ...]]:
    """data/gazetteer_aliases.tsv: the type words that close a Sino-Vietnamese reading ("Hoành Tân thị" ->
    "Hoành Tân") and the cues of another name anywhere in an article's first sentence ("tên húy là")."""
    suffixes, cues = set(), []
    for phrase, kind in read("gazetteer_aliases.tsv", ["phrase", "kind"]):
        if kind == "suffix":
            suffixes.add(phrase)
        elif kind == "cue":
            cues.append(phrase)
        elif kind not in ("gloss", "gloss-after"):
            raise ValueError(f"gazetteer_aliases.tsv: {phrase!r}: kind must be suffix, cue, gloss or gloss-after")
    return frozenset(suffixes), tuple(sorted(cues, key=len, reverse=True))


@lru_cache(maxsize=1)
def _gloss_pattern() -> re.Pattern[str]:
    """A name glossed in parentheses by another, the cue words of data/gazetteer_aliases.tsv allowed around the
    gloss: "Phú Xuân (Huế)", "Yên Kinh (tức Bắc Kinh ngày nay)"; groups name, cue, gloss."""
    rows = read("gazetteer_aliases.tsv", ["phrase", "kind"])
    before = "|".join(sorted((re.escape(r.phrase) for r in rows if r.kind == "gloss"), key=len, reverse=True))
    after = "|".join(sorted((re.escape(r.phrase) for r in rows if r.kind == "gloss-after"), key=len, reverse=True))
    word = r"[^\W\d_][\w'’\-]*"
    return re.compile(rf"(?<![\w\-])(?P<name>{word}(?: {word}){{0,3}}) \((?:(?P<cue>{before}) )?"
                      rf"(?P<gloss>{word}(?: {word}){{0,3}}?)(?: (?P<after>{after}))?\)")


def _glosses(line: str) -> list[tuple[str, str, bool]]:
    """(name, gloss, cued) of a line: the capitalized run that ends right before the parenthesis and the whole
    gloss in it, both names; cued where a cue word before the gloss says it is the same place ("tức", "nay là").
    A word after it alone ("Bình Dư (Hà Nam ngày nay)") says as often where the place lies today: no cue."""
    out = []
    for m in _gloss_pattern().finditer(line):
        words = m.group("name").split()
        k = len(words)
        while k > 0 and words[k - 1][:1].isupper():
            k -= 1
        name, gloss = " ".join(words[k:]), m.group("gloss")
        if name != gloss and _is_name(name) and _is_name(gloss) and len(name.split()) > 1 \
                and len(gloss.split()) > 1 and all(w[:1].isupper() for w in gloss.split() + name.split()):
            out.append((name, gloss, bool(m.group("cue"))))
    return out


def _latin_runs(part: str) -> list[str]:
    """The runs of words in Latin script of ``part`` (Hán characters, kana and brackets cut them):
    "東京都 (Đông Kinh Đô" -> ["Đông Kinh Đô"]."""
    runs = re.split(r"[^\w'’.\- ]|[\d_]", "".join(c if "LATIN" in unicodedata.name(c, "") or not c.isalpha() else "|"
                                                for c in part))
    return [" ".join(run.split()) for run in runs if run.strip()]


def _without_suffix(name: str) -> str:
    """A reading without the type word that closes it, two words at least left ("Trường Kỳ Huyện" -> "Trường
    Kỳ")."""
    words = name.split()
    suffixes = alias_rules()[0]
    return " ".join(words[:-1]) if len(words) > 2 and words[-1].lower() in suffixes else name


def _aliases(inside: str) -> list[str]:
    """Names given in an article's first parenthesis ("tiếng Việt: Hủa Phăn, còn viết là Houaphan"; "Nhật:
    東京都 (Đông Kinh Đô)" -> "Đông Kinh"): Latin-script or Vietnamese forms only."""
    out = []
    for part in _SEPARATORS.split(inside):
        part = _ALIAS_PREFIX.sub("", part.strip()).strip(" \"'“”")
        for run in [part] if _is_name(part) else _latin_runs(part):
            run = _without_suffix(_ALIAS_PREFIX.sub("", run).strip(" \"'“”"))
            if _is_name(run) and (" " in run or len(run) > 3):  # not a bare "Ý", "La"
                out.append(run)
    return out


def parse_article(title: str, first: str, heads: dict[tuple[str, ...], str],
                  skips: frozenset[str]) -> list[tuple[str, str]]:
    """(name, label) pairs of one article: its title as written in the first sentence, and its aliases."""
    base = re.sub(r"\s*\(.*\)\s*$", "", title).split(",")[0].strip()
    at = first.lower().find(base.lower()) if base else -1
    before = first[:at].lower().split() if at > 0 else []
    if at < 0 or (at > 0 and tuple(before) not in heads):
        return []  # the title opens the sentence, or follows its own head ("Sông Mê Kông")
    name = first[at:at + len(base)]
    rest = first[at + len(base):]
    if rest[:1].isalnum() or not _is_name(name):
        return []
    aliases: list[str] = []
    if rest.lstrip().startswith("("):
        close = _closing(rest, rest.index("("))
        if close < 0:
            return []
        aliases += _aliases(rest[rest.index("(") + 1:close])
        rest = rest[close + 1:]
    label = None
    for verb in re.finditer(r"(?:^|[\s,])là\s", rest[:300]):
        label = type_of(rest[verb.end():], heads, skips)
        if label is not None:
            aliases += _named(rest[:verb.start()], heads)
            break
    if label is None:
        return []
    aliases += _cued(rest)
    return [(name, label)] + [(a, label) for a in dict.fromkeys(aliases) if a != name]


def _closing(text: str, at: int) -> int:
    """The index of the parenthesis that closes the one at ``at`` (nested ones passed over), or -1."""
    depth = 0
    for k in range(at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return -1


def _cued(sentence: str) -> list[str]:
    """Names given anywhere in the sentence after a cue of data/gazetteer_aliases.tsv ("tên húy là Lý Công Uẩn",
    "tên cũ là Sài Gòn")."""
    cues = alias_rules()[1]
    if not cues:
        return []
    out = []
    for cue in re.finditer(r"(?<!\w)(?:" + "|".join(map(re.escape, cues)) + r")\s+", sentence, re.IGNORECASE):
        run = _capitalized_run(sentence[cue.end():])
        if len(run.split()) > 1 and _is_name(run):
            out.append(run)
    return out


def _named(words: str, heads: dict[tuple[str, ...], str] | None = None) -> list[str]:
    """Names of two words or more given after a naming cue ("tên thật là Nguyễn Phúc Ánh", "còn được biết đến
    là Quang Trung Hoàng đế", "tự Uy Đình", "hay sông Dương Tử": a lower-case type head passed over), without a
    title that closes them ("Hoàng đế")."""
    titles = lexicon().titles
    out = []
    for cue in _ALIAS_CUE.finditer(words):
        tail = words[cue.end():]
        first = tail.split()[:2]
        for n in (2, 1):
            if heads and len(first) >= n and first[0].islower() and word_key(" ".join(first[:n])) in heads:
                tail = tail.split(None, n)[-1] if len(tail.split()) > n else ""
                break
        run = _capitalized_run(tail).split()
        after = tail.split()[len(run):len(run) + 1]
        if run and after and word_key(f"{run[-1]} {after[0].strip(',;')}") in titles:
            run = run[:-1]  # "Quang Trung Hoàng đế" -> "Quang Trung"
        if len(run) > 1 and _is_name(" ".join(run)):
            out.append(" ".join(run))
    return out


def _apposition_pattern(appositions: dict[tuple[str, ...], str]) -> re.Pattern[str]:
    """A lower-case head, then the words after it (cut to their capitalized run by ``_capitalized_run``)."""
    alternatives = "|".join(sorted((re.escape(" ".join(h)) for h in appositions), key=len, reverse=True))
    return re.compile(rf"(?<![\w])({alternatives}) ((?:[\w'’\-]+ ?){{1,4}})")


def _capitalized_run(words: str) -> str:
    """The capitalized words that open ``words`` ("Dương Tử ở Trung Quốc" -> "Dương Tử")."""
    run = []
    for word in words.split():
        bare = word.rstrip(",;:.)")
        if not bare[:1].isupper() or any(c.isdigit() for c in bare) or not bare.replace("-", "").isalpha():
            break
        run.append(bare)
        if bare != word:
            break
    return " ".join(run)


def _apposition_name(name: str, surnames: frozenset[str]) -> bool:
    """A name typed by appositions alone: two syllables or more, and not a person's name given to a place
    ("thành phố Hồ Chí Minh")."""
    words = name.split()
    return len(words) > 1 and not (len(words) > 2 and words[0] in surnames)


def _with_glosses(rows: list[tuple], glossed: Counter, min_glosses: int) -> list[tuple]:
    """The rows, with the names the corpus glosses by an article's title with a cue (``min_glosses`` times) given
    that article: "Yên Kinh (tức Bắc Kinh ngày nay)" -> Yên Kinh, the article Bắc Kinh. A bare gloss says as
    often where a place lies ("Khoái Châu (Hưng Yên)") and counts for nothing, but a name glossed by the titles of
    two articles, with a cue or not, names neither ("Chợ Lớn (nay là Long An)", an old province, beside "Chợ Lớn
    (Thành phố Hồ Chí Minh)"); a gloss of two articles' titles, or of a name that names another article, gives
    nothing either. ``glossed``: (name, gloss) -> the glosses with a cue, every gloss counted (zero: none)."""
    by_key = {name_key(r[0]): r for r in rows}
    titles = {key: r for key, r in by_key.items() if r[2] and not r[4]}
    given: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)  # a name -> the articles any gloss gives it
    for (alias, article), n in glossed.items():
        if article in titles:
            articles[alias].add(article)
    for (alias, article), n in glossed.items():  # the gloss is the better known name, never the other way
        if n >= min_glosses and article in titles and alias not in titles and not (alias in by_key and by_key[alias][4]) \
                and articles[alias] == {article}:
            given[alias].add(article)
    out = [r for r in rows if len(given.get(name_key(r[0]), ())) != 1]
    for alias, articles in given.items():
        if len(articles) != 1:
            continue
        title = titles[next(iter(articles))]
        old = by_key.get(alias)
        if old is not None and old[1] != title[1]:
            out.append(old)  # typed otherwise: no vote for the article
            continue
        out.append((old[0] if old else alias, title[1], old[2] if old else 0, old[3] if old else 0, title[0]))
    return out


def build_gazetteer(corpus: Path, out: Path, min_appositions: int = 3, min_glosses: int = 1) -> int:
    """Write the typed gazetteer of the corpus to ``out`` (gzip TSV: name, label, articles, appositions);
    returns the number of entries. An article's title counts two votes, an alias one; names known only from
    appositions ("tỉnh Hồ Bắc") need ``min_appositions`` of them, all of one type; a name glossed by an
    article's title with a cue ``min_glosses`` times gets that article (``_with_glosses``)."""
    heads, skips, appositions = _type_heads()
    pattern = _apposition_pattern(appositions)
    surnames = lexicon().surnames
    votes: dict[str, Counter] = defaultdict(Counter)
    seen: dict[str, Counter] = defaultdict(Counter)
    written: dict[str, Counter] = defaultdict(Counter)
    referents: dict[str, set[str]] = defaultdict(set)  # alias -> the articles it names
    glossed: Counter = Counter()  # (name, gloss) -> how often the text glosses the name so with a cue
    opener = lzma.open if str(corpus).endswith(".xz") else open
    with opener(corpus, "rt", encoding="utf-8") as handle:
        title = None
        for line in handle:
            if line.startswith("# "):
                title = line[2:].strip()
                continue
            if title is not None and line.strip():
                names = parse_article(title, line.strip(), heads, skips)
                for k, (name, label) in enumerate(names):
                    votes[name_key(name)][label] += 1 if k else _TITLE_VOTES
                    written[name_key(name)][name] += 1
                    if k:
                        referents[name_key(name)].add(names[0][0])
                title = None
            for name, gloss, cued in _glosses(line):
                glossed[(name_key(name), name_key(gloss))] += cued
            for m in pattern.finditer(line):
                name = _capitalized_run(m.group(2))
                if _is_name(name) and _apposition_name(name, surnames):
                    seen[name_key(name)][appositions[word_key(m.group(1))]] += 1
                    written[name_key(name)][name] += 1
    rows = []
    for key in set(votes) | set(seen):
        counts = votes.get(key) or Counter()
        (label, n), *others = counts.most_common() or [(None, 0)]
        if label is None:
            (label, n), *others = seen[key].most_common()
            if others or n < min_appositions:
                continue
            rows.append((written[key].most_common(1)[0][0], label, 0, n, ""))
            continue
        if others and others[0][1] == n:
            continue  # as many articles say one type as another: no vote
        article = referents[key].pop() if len(referents.get(key, ())) == 1 and key not in referents[key] else ""
        rows.append((written[key].most_common(1)[0][0], label, n, seen.get(key, Counter())[label], article))
    rows = _with_glosses(rows, glossed, min_glosses)
    rows.sort(key=lambda r: (r[1], name_key(r[0])))
    tmp = out.with_name(out.name + ".tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        handle.write("# name\tlabel\tarticle votes\tappositions\tarticle an alias names  (Derived from "
                     "Vietnamese Wikipedia (May 2017), by Wikipedia "
                     "contributors, CC BY-SA 3.0; see GAZETTEER_LICENSE)\n".encode())
        for name, label, n, m, article in rows:
            handle.write(f"{name}\t{label}\t{n}\t{m}\t{article}\n".encode())
    tmp.replace(out)
    return len(rows)


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    types, referents, glossed = {}, {}, {}
    if not GAZETTEER.exists():
        return types, referents, glossed
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 5 or fields[1] not in LABELS:
                raise ValueError(f"{GAZETTEER.name}:{number}: expected name, label, two counts, article; "
                                 f"got {line.strip()!r}")
            types[name_key(fields[0])] = fields[1]
            if fields[4] and _names_one_thing(int(fields[2])):
                referents[name_key(fields[0])] = fields[4]
            elif fields[4] and int(fields[2]) == 0:
                glossed[name_key(fields[0])] = fields[4]
    return types, referents, glossed


def _names_one_thing(article_votes: int) -> bool:
    """An alias row (its article column set) names that article alone: the first sentence of one article or two
    gives the name (one vote each, _TITLE_VOTES for a title). Not a name that is also the title of an article of
    its own (three votes or more: "Tân Bình", a district, also named as Quảng Bình; "Hắc Long Giang", a province,
    as the Amur): a name of two places joins neither, except where the text itself equates the two
    (linking.written_aliases); nor one the corpus gives the article only in a gloss (no vote: glossed_referents)."""
    return 0 < article_votes < _TITLE_VOTES + 1


def gazetteer() -> dict[str, str]:
    """name_key -> label of the committed gazetteer (empty when the file has not been built)."""
    return _load()[0]


def referents() -> dict[str, str]:
    """name_key of an alias -> the name of the one article it names ("Quang Trung" -> "Nguyễn Huệ")."""
    return _load()[1]


def glossed_referents() -> dict[str, str]:
    """name_key of a name the corpus knows only from glosses (no article names it) -> the article a gloss gives it
    ("Mang Khảm (tức Hà Tiên)"). Such a name is as often an old name of a part of the place, or of a place of
    another country ("Trấn Giang (tức Cần Thơ)" is also Zhenjiang in China; "Sơn Nam (tức Nam Định)" was larger):
    kept apart from ``referents``, it joins the article only where the text itself equates the two
    (linking.written_aliases)."""
    return _load()[2]
