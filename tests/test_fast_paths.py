"""The speed-ups must not change a single output: each fast path against the slow one it replaces.

No timing here (benchmarks/ prints the figures); only equality of results.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from plan_extract import _segment, normalize
from plan_extract._rx import compile_scanner
from plan_extract.formats import load_text
from plan_extract.lexicon import default_lexicon
from plan_extract.quantities import _pattern

CORPUS = Path(__file__).resolve().parents[1] / "corpora"


def corpus_texts(n: int = 40) -> list[str]:
    paths = sorted(p for p in CORPUS.rglob("*.txt") if p.name != "README.txt")
    if not paths:
        pytest.skip("no corpus")
    # spread over the corpus: old and new, national and county, pages
    step = max(1, len(paths) // n)
    return [load_text(p).text for p in paths[::step]]


NASTY = [
    "",
    "增长5%左右，1 0 ％，２０２３年",
    "1.5年 2.25年 3.125年 0.5年以上",
    "翻两番翻番倍增计划",
    "一百四十五亿七千七百万元；三分之二；1/8；百分之三十五到百分之四十",
    "1" * 300 + "以上" * 50 + "万" * 30,
    "（（（（1个1个1个1个））））" * 20,
    "abc123 GDP增长6.5%，CPI涨幅3%左右。\r\n\t 全角１２３４５６７８９０",
]


def test_quantity_scanner_matches_regex_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    import plan_extract.quantities as q

    lex = default_lexicon()
    fast = _pattern(lex)
    monkeypatch.setattr(q, "compile_scanner", regex.compile)  # the same source, compiled by regex
    slow = q._pattern.__wrapped__(lex)  # type: ignore[attr-defined]
    assert isinstance(slow, regex.Pattern)
    texts = [normalize.normalize(t).text for t in corpus_texts()] + NASTY
    for t in texts:
        a = [(m.span(), m.groupdict()) for m in fast.finditer(t)]
        b = [(m.span(), m.groupdict()) for m in slow.finditer(t)]
        assert a == b


def test_compile_scanner_falls_back_to_regex() -> None:
    assert isinstance(compile_scanner(r"\p{Han}+"), regex.Pattern)  # re has no \p
    assert isinstance(compile_scanner(r"(?<=a{1,3})b"), regex.Pattern)  # variable look-behind
    p = compile_scanner(r"(?<=\d\.\d{1,2})年")  # rewritten into fixed-width look-behinds
    assert isinstance(p, re.Pattern)
    assert [m.start() for m in p.finditer("1.5年 1.25年 1.255年 5年")] == [3, 9]


def test_fast_cut_is_jiebas_cut_without_hmm() -> None:
    tok = default_lexicon().tokenizer()
    memo: dict[str, dict] = {}
    fast = _segment.FastCut(tok, lambda name: memo.setdefault(name, {}))
    rng = random.Random(4)
    samples = list(NASTY)
    for t in corpus_texts(20):
        for _ in range(200):
            a = rng.randrange(len(t) + 1)
            samples.append(t[a : a + rng.choice([1, 2, 5, 9, 14, 30, 120])])
    alphabet = list("ab1 .%-+#&_一二增长生产总值\n\r\t，。（）ＡA")
    samples += [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(25))) for _ in range(2000)
    ]
    for s in samples:
        want = list(tok.cut(s, HMM=False))
        assert fast.lcut(s, HMM=False) == want, s
        assert list(fast.cut(s, HMM=False)) == want, s
        assert fast.lcut(s, HMM=False) == want, s  # again, from the memo
    assert fast.lcut("地区生产总值增长", HMM=True) == tok.lcut("地区生产总值增长", HMM=True)


def test_dictionary_cache_loads_what_jieba_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jieba

    monkeypatch.setattr(_segment.tempfile, "gettempdir", lambda: str(tmp_path))
    ref = jieba.Tokenizer()
    ref.initialize()
    first = (
        _segment.initialized_tokenizer()
    )  # no cache yet: jieba's own loading, then the cache is written
    caches = list(tmp_path.glob("plan_extract.jieba.*.cache"))
    assert len(caches) == 1
    second = _segment.initialized_tokenizer()  # from the cache
    for tok in (first, second):
        assert tok.initialized and tok.total == ref.total and tok.FREQ == ref.FREQ
    # a damaged cache is ignored (and replaced)
    data = caches[0].read_bytes()
    caches[0].write_bytes(data[: len(data) // 2])
    third = _segment.initialized_tokenizer()
    assert third.FREQ == ref.FREQ and third.total == ref.total
    assert caches[0].read_bytes() == data


def test_lazy_dictionary_behaves_as_the_loaded_one(tmp_path: Path) -> None:
    """LazyFreq loads the words of a key's first two characters on first use; every operation sees what a dict would."""
    import threading

    words = {"地": 5, "地区": 9, "地区生": 0, "地区生产": 0, "地区生产总值": 7, "增": 3, "增长": 8, "a": 1, "ab": 2}
    words |= {"地方": 4, "地方性": 2, "增加值": 6, "增加": 0, "abc": 1}
    path = tmp_path / "freq.cache"
    _segment._write_cache(path, words, 35)
    lazy, total = _segment._read_cache(path)  # type: ignore[misc]
    assert total == 35 and isinstance(lazy, _segment.LazyFreq)
    assert len(lazy._d) == 0  # nothing loaded yet
    assert lazy.get("地区") == 9 and "地区生产" in lazy and lazy["增长"] == 8 and lazy.get("增减") is None
    assert set(lazy._d) == {"地区", "地区生", "地区生产", "地区生产总值", "增长"}  # only those groups
    assert lazy.get("地") == 5 and "地方" not in lazy._d  # (a word of one character: a group of its own)
    assert "地方" not in lazy._d and lazy.get("地方性") == 2 and "地方" in lazy._d
    assert lazy.get("x") is None and "xy" not in lazy and lazy.get("地x") is None
    assert "ab" not in lazy._d and "a" in lazy and "ab" not in lazy._d and lazy.get("abc") == 1
    assert lazy.get("增加值") == 6 and lazy["增加"] == 0
    # a fresh one, loaded all at once, is the same mapping
    fresh, _ = _segment._read_cache(path)  # type: ignore[misc]
    assert fresh == words and len(fresh) == len(words)
    with pytest.raises(KeyError):
        fresh["增减"]
    lazy["增加"] = 4  # add_word's writes land after the dictionary's own entries
    lazy["增产"] = 1  # a group not loaded yet: loaded first, then the write
    assert lazy.get("增长") == 8 and lazy["增加"] == 4 and lazy["增产"] == 1
    want = {**words, "增加": 4, "增产": 1}
    assert lazy == want and len(lazy) == len(want) and sorted(lazy) == sorted(want)
    # threads asking for the same first character all see its words
    lazy2, _ = _segment._read_cache(path)  # type: ignore[misc]
    seen: list[object] = []
    ts = [threading.Thread(target=lambda: seen.append(lazy2.get("地区生产总值"))) for _ in range(8)]
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    assert seen == [7] * 8


def test_a_cache_of_another_format_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_segment.tempfile, "gettempdir", lambda: str(tmp_path))
    path = _segment._cache_path()
    assert path is not None
    path.write_bytes(b"plan-extract jieba dictionary 1\n{}\n")
    assert _segment._read_cache(path) is None


# the normalisation patterns as first written, before they were turned to start with their first character
_SP = normalize._SP
_SP1 = normalize._SP1
_HAN = normalize._HAN
_AFTER = normalize._AFTER_NUM
ORIGINAL_PATTERNS = {
    "_SPACED_DIGITS": rf"(?<![0-9A-Za-z.])[0-9.](?:[{_SP1}][0-9.]){{1,24}}(?=[{_SP1}]?{_AFTER})",
    "_SPACED_DECIMAL": rf"(?<![0-9A-Za-z.])[0-9](?:[{_SP1}][0-9]){{0,24}}[{_SP1}]\.[{_SP1}][0-9]",
    "_NUM_UNIT_SPACE": rf"(?<=[0-9%‰])[{_SP1}]{{1,2}}(?={_AFTER})",
    "_CJK_SPACE": rf"(?<=[{_HAN}])[{_SP1}](?=[{_HAN}0-9])",
    "_PINYIN": rf"(?<=[{_HAN}])[(（] ?([a-zü\u00e0-\u00fc\u0101-\u01dc\u0144\u0148\u01f9\u1e3f]{{1,7}}) ?[)）]",
    "_BREAKS": rf"[{_SP}]*(?:\r?\n[{_SP}]*)+",
}


@pytest.mark.parametrize("name", sorted(ORIGINAL_PATTERNS))
def test_normalisation_patterns_match_as_first_written(name: str) -> None:
    slow = re.compile(ORIGINAL_PATTERNS[name])
    fast = getattr(normalize, name)
    rng = random.Random(name)
    alphabet = list(
        "12.3 \u00a0\u2009\u202f\u3000\t\r\n%‰万元年以上左右中國增长(（)）qūā zh a,，。；"
    )
    texts = [*corpus_texts(20), *NASTY]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(60))) for _ in range(3000)]
    for t in texts:
        assert [(m.span(), m.groups()) for m in fast.finditer(t)] == [
            (m.span(), m.groups()) for m in slow.finditer(t)
        ], repr(t[:80])


def test_chinese_year_pattern_matches_as_first_written() -> None:
    """structure._CN_YEAR (stdlib re, first character first) finds what the regex pattern it replaced found."""
    from plan_extract import structure

    slow = regex.compile(r"(?<![零〇○一二两三四五六七八九十百千万亿\d])[一二12][〇○零一二三四五六七八九0-9]{3}(?=\s*年)")
    fast = structure._CN_YEAR
    rng = random.Random(1958)
    alphabet = list("一二九八五〇○零十百0129 \t\n\u3000\u2028\x1c\x1f\x85\u200b年月度")
    texts = [*corpus_texts(20), *NASTY]
    texts += [f"到{y}{sp}年" for y in ("一九五八", "1958", "二〇二五", "十九五八") for sp in ("", " ", "\u3000", "\x85", "\x1c", "\x1f", "\u200b")]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(5000)]
    for t in texts:
        assert [m.span() for m in fast.finditer(t)] == [m.span() for m in slow.finditer(t)], repr(t[:80])
        assert [m.span() for m in fast.finditer(t, 0, 8)] == [m.span() for m in slow.finditer(t, 0, 8)]
        assert structure.ascii_years(t) == slow.sub(lambda m: m.group(0).translate(structure._CN_YEAR_DIGITS), t)


def test_offset_maps_sliced_from_the_shared_list_are_the_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    """normalize() slices its offset maps from a shared list of offsets: the same maps as from
    fresh ranges, for texts shorter and longer than the shared list, which stays 0, 1, 2 …"""
    long_text = "增长 1 0 ％，地區(qū)生產總值\n" * 14_000  # (longer than the shared list may grow)
    texts = [*corpus_texts(20), *NASTY, "一", "增長 1 0 ％，地區(qū)生產總值", long_text]
    assert len(long_text) > normalize._SHARED_OFFSETS_MAX
    fast = [normalize.normalize(t) for t in texts]
    shared = normalize._shared_offsets
    assert shared == list(range(len(shared))) and len(shared) <= normalize._SHARED_OFFSETS_MAX
    monkeypatch.setattr(normalize, "_offsets", lambda n: list(range(n)))
    assert fast == [normalize.normalize(t) for t in texts]


def test_translation_list_is_the_table() -> None:
    table = normalize._table()
    as_list = normalize._table_list()
    for t in [
        *corpus_texts(20),
        *NASTY,
        "".join(map(chr, range(0x20, 0x3000, 7))),
        "\U0002b736\U0002b737𠀀",
    ]:
        assert t.translate(as_list) == t.translate(table)


def test_fold_by_replacement_is_the_translation() -> None:
    """_fold (one str.replace per distinct changed character) gives str.translate's text."""
    as_list = normalize._table_list()
    changed = sorted(k for k, v in normalize._table().items() if k != v)
    rng = random.Random(11)
    some = "".join(chr(rng.choice(changed)) for _ in range(200))
    texts = [
        *corpus_texts(20),
        *NASTY,
        "".join(map(chr, range(0x20, 0x3000, 7))),
        "\U0002b736\U0002b737𠀀",
        "薴苧苎，薴",  # a replacement that is itself replaced
        "苧（）",
        "增長１０％（ＧＤＰ）",
        "地區" + some[:20] + "，" + some[:5],
        some,  # more distinct characters than are replaced one by one
        some + "\U00020000",
    ]
    for t in texts:
        assert normalize._fold(t) == t.translate(as_list)
    _scanner, targets = normalize._fold_tables()
    assert "薴" not in targets and "苧" not in targets and targets["，"] == ","


def test_normalize_prechecks_only_skip_what_cannot_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cheap tests before normalize's scans (_SPACED_NEEDED, _SUBSCRIPT_NEEDED, the zero-width
    characters) change nothing: the same result with the scans always run."""
    texts = [
        *corpus_texts(20),
        *NASTY,
        "增长 1 0 ％，2 . 5 亿元，3 .5%，1 2 3 4 5",
        "广义货币M\n2\n增长8%，M \n 1 \r\n增长",
        "增\u200b长\ufeff5%\u2060，\u200c\u200d",
        "人均 5 . 2 万元 ，. 5 . 6",
    ]
    fast = [normalize.normalize(t) for t in texts]
    always = re.compile("")
    monkeypatch.setattr(normalize, "_SPACED_NEEDED", always)
    monkeypatch.setattr(normalize, "_SUBSCRIPT_NEEDED", always)
    assert fast == [normalize.normalize(t) for t in texts]
    for cp in range(0x10000):
        c = chr(cp)
        assert (c in normalize._ZERO_WIDTH_CHARS) == (normalize._ZERO_WIDTH.match(c) is not None)


def test_clean_original_slices_as_the_map_says() -> None:
    rng = random.Random(5)
    for t in [*corpus_texts(10), "增長 1 0 ％，地區(qū)生產總值"]:
        n = normalize.normalize(t)
        for _ in range(500):
            a = rng.randrange(len(n.text) + 1)
            b = rng.randrange(a, min(len(n.text), a + 40) + 1)
            assert n.clean_original(a, b) == "".join(n.original[i] for i in n.index[a:b])


def test_batch_table_from_worker_rows_equals_table_from_json(tmp_path: Path) -> None:
    from plan_extract.batch import ROWS_DIR, run_batch

    src = tmp_path / "in"
    texts = corpus_texts(6)[:6]
    for i, t in enumerate(texts):
        (src / f"g{i % 2}").mkdir(parents=True, exist_ok=True)
        (src / f"g{i % 2}" / f"doc{i}.txt").write_text(t, encoding="utf-8")
    out = tmp_path / "out"
    fresh = run_batch(src, out, jobs=2, table="csv")  # rows made by the workers
    assert fresh.count("done") == 6 and fresh.exit_code == 0
    made = {name: (out / name).read_bytes() for name in ("targets.jsonl", "targets.csv")}
    assert not (out / ROWS_DIR).exists()
    again = run_batch(src, out, jobs=1, table="csv")  # all up to date: rows read back from the JSON
    assert again.count("skipped") == 6
    assert {name: (out / name).read_bytes() for name in made} == made
    assert again.n_targets == fresh.n_targets == made["targets.jsonl"].count(b"\n")


def test_batch_table_with_rows_kept_in_memory_or_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows read while the workers run, up to a bound, and the rest read at the end: the same table."""
    from plan_extract import batch

    src = tmp_path / "in"
    src.mkdir()
    for i, t in enumerate(corpus_texts(6)[:6]):
        (src / f"doc{i}.txt").write_text(t, encoding="utf-8")
    tables = []
    for bound in (64 << 20, 1, 0):  # all kept, the first one only, none
        monkeypatch.setattr(batch, "_ROWS_KEPT_MAX", bound)
        out = tmp_path / f"out{bound}"
        summary = batch.run_batch(src, out, jobs=2)
        assert summary.count("done") == 6 and not (out / batch.ROWS_DIR).exists()
        tables.append((out / "targets.jsonl").read_bytes())
    assert tables[0] == tables[1] == tables[2] and tables[0].count(b"\n") > 6


# ---- prefilters in the extractor (second speed pass) --------------------------------------------


class _Everything:
    """A set that contains every string: turns a first-character prefilter off."""

    def __contains__(self, item: object) -> bool:
        return True


def _parse_all(texts: list[str]) -> list[str]:
    from plan_extract.pipeline import parse

    default_lexicon()._memos.clear()
    return [parse(t).to_json() for t in texts]


def test_prefilters_change_no_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor with every prefilter that can be switched off gives the same documents."""
    import plan_extract.pipeline as p
    import plan_extract.structure as st

    texts = corpus_texts(30) + NASTY
    fast = _parse_all(texts)
    monkeypatch.setattr(p, "_starts_with_word", lambda s, words, lengths: True)
    monkeypatch.setattr(p, "_ends_with_word", lambda s, words, lengths: True)
    monkeypatch.setattr(p, "_CUE_NEEDS", {})
    monkeypatch.setattr(p, "_qual_prefilter", lambda lex: None)
    for name in ("_NUMERAL_FIRST", "_HEADING_FIRST", "_REVIEW_FIRST", "_RX10_FIRST", "_FUTURE_LEAD_FIRST"):
        monkeypatch.setattr(st, name, _Everything())
    slow = _parse_all(texts)
    default_lexicon()._memos.clear()
    assert fast == slow


def _samples(n_random: int = 3000) -> list[str]:
    rng = random.Random(7)
    out = list(NASTY)
    for t in corpus_texts(20):
        for _ in range(300):
            a = rng.randrange(len(t) + 1)
            out.append(t[a : a + rng.choice([2, 4, 6, 9, 14, 30])])
    alphabet = list("12 一二五十（(第过去上年来今明下新未预计目标这经初据两三四、，年")
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(n_random)]
    return out


def test_first_character_prefilters_are_necessary_conditions() -> None:
    """Whenever a pattern matches, the cheap test put before it passes (structure.split_sentences)."""
    import plan_extract.structure as st

    sentences = [x for t in corpus_texts(200) for x in re.split(r"[。！？!?\n]+", t)]
    starts = [
        "据初步统计，全年", "经核算，", "初步核算", "2019年以来", "１９９８年以来", "过去五年", "这一年",
        "刚刚过去的一年", "一年多来", "几年来", "多年来", "三年来", "这两年", "去年", "上年", "回顾",
        "今后五年", "新的一年", "未来五年", "下一步", "明年", "第一部分", "（一）", "(二)", "十、", "一．",
        "　二、2023年工作回顾", "主要预期目标是", "预计全年", "而到2025年", "并在2030年", "至2035年", "2027年",
    ]
    for s in _samples() + sentences + starts:
        stripped = s.strip(" \t　")
        first = stripped[:1]
        if st._HEADING.match(s):
            assert first in st._HEADING_FIRST, s
        if st._FLAT_HEADING.match(s):
            assert first in st._NUMERAL_FIRST, s
        if st._REVIEW_START.match(stripped):
            assert first in st._REVIEW_FIRST or first.isdigit(), s
        if st._RX8.match(stripped):
            assert first in "12", s
        if st._RX10.match(stripped):
            assert first in st._RX10_FIRST, s
        if st._FUTURE_LEAD.match(stripped):
            assert first in st._FUTURE_LEAD_FIRST, s
        if st._RX11.search(stripped[:30]):
            assert "目标" in stripped[:30], s
        if st._FORECAST_WORD.search(stripped):
            assert "预计" in stripped, s


def test_cue_needs_are_in_every_match() -> None:
    import plan_extract.pipeline as p

    patterns = {
        "to_year": p._TO_YEAR,
        "year_span": p._YEAR_SPAN,
        "bare_year": p._BARE_YEAR,
        "fyp": p._FYP,
        "than_year": p._THAN_PAST_YEAR,
        "midyear": p._MIDYEAR_CUE,
        "missed": p._MISSED_TARGET_CUE,
        "consequent": p._CONSEQUENT,
    }
    assert set(p._CUE_NEEDS) <= set(patterns)
    texts = [normalize.normalize(t).text for t in corpus_texts(20)] + _samples(500)
    for kind, need in p._CUE_NEEDS.items():
        for t in texts:
            for m in patterns[kind].finditer(t):
                assert any(c in m.group(0) for c in need), (kind, m.group(0))


def test_word_prefilters_keep_every_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """_strip_words, _all_verbs, _lead_verb and _right_metric with and without the word prefilters."""
    import plan_extract.pipeline as p

    lex = default_lexicon()
    norm = normalize.normalize("".join(corpus_texts(8)))
    ex = p._Extractor(norm, lex, 2024)
    rng = random.Random(11)
    t = ex.t
    spans = []
    for _ in range(4000):
        a = rng.randrange(len(t))
        spans.append((a, min(len(t), a + rng.choice([2, 3, 4, 5, 6, 8, 12, 20]))))
    lead = sorted(lex.lead_verbs)[:300]
    words = [w + t[a:b] for w, (a, b) in zip(lead * 14, spans, strict=False)]  # phrases headed by a verb
    zones = [t[a:b] for a, b in spans] + words + _samples(300)

    def answers() -> list[object]:
        lex._memos.clear()
        out: list[object] = []
        for z in zones:
            out += [ex._strip_words(z), ex._all_verbs(z), ex._lead_verb(z)]
        out += [ex._right_metric(a, b) for a, b in spans]
        return out

    fast = answers()
    monkeypatch.setattr(p, "_starts_with_word", lambda s, words, lengths: True)
    monkeypatch.setattr(p, "_ends_with_word", lambda s, words, lengths: True)
    slow = answers()
    lex._memos.clear()
    assert fast == slow


def test_verb_candidates_are_the_overlapped_search() -> None:
    import plan_extract.pipeline as p

    lex = default_lexicon()
    by_first = p._word_tables(lex).verbs_by_first
    assert by_first is not None
    verbs = list(lex.all_verbs)
    rng = random.Random(13)
    texts = _samples(1000)
    texts += ["".join(rng.choice(verbs) for _ in range(rng.randrange(1, 6))) for _ in range(2000)]  # verbs in verbs
    texts += [normalize.normalize(t).text[:3000] for t in corpus_texts(10)]
    for s in texts:
        want = [(m.start(), m.end(), m.group(0)) for m in lex.verb_re.finditer(s, overlapped=True)]
        assert p._verb_candidates(s, by_first) == want, s


def test_enum_tables_are_the_enums() -> None:
    import plan_extract.pipeline as p
    from plan_extract.models import Comparator, Direction, Kind, Stance

    for table, cls in ((p._KINDS, Kind), (p._DIRECTIONS, Direction), (p._COMPARATORS, Comparator), (p._STANCES, Stance)):
        assert table == {m.value: cls(m.value) for m in cls}
        assert all(table[v] is cls(v) for v in table)


def test_literal_guards_in_record_are_necessary_conditions() -> None:
    """_Extractor._record tests for a literal before running these patterns: every match has it."""
    import plan_extract.pipeline as p

    guards = {
        "_RX7": (p._RX7.match, lambda s: "其中" in s),
        "_RX_SHARE_OF": (p._RX_SHARE_OF.search, lambda s: "占" in s),
        "_RX9": (p._RX9.search, lambda s: "均" in s or "每" in s or "亩产" in s or "单产" in s),
        "_RX8": (p._RX8.search, lambda s: "从" in s or "由" in s),
        "_RX10": (p._RX10.search, lambda s: "从" in s or "由" in s),
        "_ABSOLUTE_INCREMENT": (p._ABSOLUTE_INCREMENT.search, lambda s: "绝对" in s),
        "_MEASURED_AS": (p._MEASURED_AS.match, lambda s: "计算" in s),
        "_TOPIC_MEASURE": (p._TOPIC_MEASURE.fullmatch, lambda s: s[-1:] in ("力", "量", "积", "值")),
        "_RX_AMONG": (p._RX_AMONG.match, lambda s: "中" in s),
        "_RX_COMPARED_TO_YEAR": (p._RX_COMPARED_TO_YEAR.search, lambda s: "于" in s),
        "_RX11": (p._RX11.search, lambda s: "预计" in s or "高达" in s or "预期将" in s),
        "_PERFECTIVE": (p._PERFECTIVE.search, lambda s: "了" in s),
        "_YEAR_OF": (p._YEAR_OF.search, lambda s: "的" in s),
        "_CONDITIONAL": (p._CONDITIONAL.search, lambda s: any(c in s for c in p._CONDITIONAL_NEEDS)),
        "_DETACHED_MIN": (p._DETACHED_MIN.search, lambda s: "少" in s or "低" in s),
        "_DETACHED_MAX": (p._DETACHED_MAX.search, lambda s: "多" in s or "高" in s),
        "_DETACHED_APPROX": (p._DETACHED_APPROX.search, lambda s: "约" in s),
        # _clean_metric
        "_PAREN_ANY": (p._PAREN_ANY.search, lambda s: "（" in s or "(" in s),
        "_PAREN_TAIL": (p._PAREN_TAIL.search, lambda s: "（" in s or "(" in s),
        "_RX0": (p._RX0.search, lambda s: s[:1] in p._RX0_FIRST or s[:1].isdigit()),
        "_RX2": (p._RX2.search, lambda s: any(c in s for c in "比同与较")),
        "_BASE_PHRASE": (p._BASE_PHRASE.search, lambda s: "基" in s or "比原" in s),
        "_RX3": (p._RX3.search, lambda s: "占" in s),
        "_RX4": (p._RX4.search, lambda s: s.startswith("第")),
        "_QUOTED_TAIL": (p._QUOTED_TAIL.search, lambda s: "”" in s),
        "_METRIC_TAIL": (p._METRIC_TAIL.search, lambda s: any(w in s for w in ("计", "口径", "年", "目标", "调控", "预期", "少", "每"))),
        "_ROW_NUMBER": (p._ROW_NUMBER.search, lambda s: " " in s or "\t" in s or "　" in s),
        "_FRAMED_TOPIC": (p._FRAMED_TOPIC.search, lambda s: s[:1] in ("以", "就", "拿")),
        "_CREATED_DE": (p._CREATED_DE.search, lambda s: "的" in s),
        "_DESCRIPTOR_DE": (p._DESCRIPTOR_DE.search, lambda s: "的" in s),
    }
    rng = random.Random(17)
    words = [
        "其中", "占全市", "人均", "每万人", "平均", "从", "由", "增加的绝对数", "能力", "年产量", "播种面积",
        "总产值", "中", "之中", "小于", "高于1952年", "预计", "高达", "预期将", "完成了", "1958年的", "比上年的",
        "如果", "假使", "只要", "若能", "即使", "哪怕", "至少", "最低", "至多", "最高不超过", "大约", "约", "，", "。", "国", "增长",
        "（一）", "(含", "）", "3、", "比去年同期", "与上年", "在1954年的基数上", "比原计划", "第二批", "“三农”",
        "产值计划", "按可比口径", "以货币计算", "以播种面积计算", "的调控目标", "五年内", "每年", "43 ", "新装", "以钢的产量来说", "就", "新增的",
        "具有", "特色的", "技术专业、产业鲜明、生态完善的", "园区", "1", "　",
    ]
    samples = _samples(500)
    samples += ["".join(rng.choice(words) for _ in range(rng.randrange(1, 5))) for _ in range(5000)]
    for t in corpus_texts(40):
        t = normalize.normalize(t).text
        for _ in range(400):
            a = rng.randrange(len(t) + 1)
            samples.append(t[a : a + rng.choice([3, 6, 12, 25, 60])])
    hits = dict.fromkeys(guards, 0)
    for s in samples:
        for name, (run, guard) in guards.items():
            if run(s) is not None:
                hits[name] += 1
                assert guard(s), (name, s)
    assert all(hits.values()), hits  # every pattern was seen matching


def test_qualitative_prefilter_is_a_necessary_condition() -> None:
    import plan_extract.pipeline as p

    lex = default_lexicon()
    full = p._qual_pattern(lex)
    pre = p._qual_prefilter(lex)
    assert pre is not None
    q = lex.cues["qualitative"]
    rng = random.Random(19)
    parts = [w for k in ("relations", "comparisons", "states", "degrees", "changes", "tasks") for w in q[k]]
    parts += ["与", "和", "同", "要", "继续", "全面完成", "下达的", "收支平衡", "，", "。", "经济", "增长"]
    texts = [normalize.normalize(t).text for t in corpus_texts(60)]
    texts += ["".join(rng.choice(parts) for _ in range(rng.randrange(1, 7))) for _ in range(5000)]
    hits = 0
    for t in texts:
        for m in full.finditer(t):
            hits += 1
            assert pre.search(t, m.start(), m.end()) is not None, m.group(0)
    assert hits > 1000


def test_suffix_measure_first_characters() -> None:
    """_record looks for a bare measure suffix (建成率) only after a character of _SUFFIX_FIRST."""
    import plan_extract.pipeline as p

    assert {w[0] for w in p._SUFFIX_MEASURES} == set(p._SUFFIX_FIRST)


def test_quantity_pattern_compiles_with_the_fast_engine() -> None:
    """The quantity scan runs on stdlib ``re`` (about 3× faster than ``regex``): a construct
    only ``regex`` knows (\\p{Han}) in the pattern would make it fall back silently."""
    from plan_extract.quantities import _pattern

    assert isinstance(_pattern(default_lexicon()), re.Pattern)


def test_block_patterns_are_jiebas() -> None:
    import jieba

    for ours, theirs in (
        (_segment.RE_HAN, jieba.re_han_default),
        (_segment.RE_SKIP, jieba.re_skip_default),
        (_segment.RE_ENG, jieba.re_eng),
    ):
        assert (ours.pattern, ours.flags) == (theirs.pattern, theirs.flags)


def test_lite_tokenizer_holds_what_jieba_holds_with_the_user_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jieba

    monkeypatch.setattr(_segment.tempfile, "gettempdir", lambda: str(tmp_path))
    _segment.initialized_tokenizer()  # writes the cache
    lite = _segment.initialized_tokenizer()
    assert isinstance(lite, _segment.LiteTokenizer) and lite._real is None
    ref = jieba.Tokenizer()
    ref.initialize()
    for word, freq, tag in default_lexicon().userdict:
        lite.add_word(word, freq, tag)
        ref.add_word(word, freq, tag)
    assert lite._real is None  # every user word has a frequency: jieba was not needed
    assert lite.total == ref.total and lite.user_word_tag_tab == ref.user_word_tag_tab
    assert lite.FREQ == ref.FREQ
    # HMM, and a word without a frequency, go to a real jieba tokenizer over the same words
    s = "城镇新增就业人数和地区生产总值增长较快"
    assert lite.lcut(s, HMM=True) == ref.lcut(s, HMM=True)
    lite.add_word("较快增长区")
    ref.add_word("较快增长区")
    assert lite.total == ref.total and lite.FREQ["较快增长区"] == ref.FREQ["较快增长区"]
    assert list(lite.cut(s + "较快增长区")) == list(ref.cut(s + "较快增长区"))


def test_extracting_does_not_import_jieba() -> None:
    code = (
        "import sys, plan_extract\n"
        "r = plan_extract.extract('2026年地区生产总值增长5%左右，城镇新增就业60万人以上。', year=2026)\n"
        "assert len(r) == 2, r\n"
        "print('jieba' in sys.modules)\n"
    )
    outs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
        for _ in range(2)  # the first run may build the dictionary's cache (with jieba)
    ]
    assert outs[-1] == "False"


def test_records_built_without_validation_are_the_validated_ones() -> None:
    """parse() builds its Targets unvalidated (_trusted_target): each must equal a validated one field for field."""
    from plan_extract.models import Target
    from plan_extract.pipeline import parse

    for text in corpus_texts(12):
        for year in (None, 2024):
            for t in parse(text, year=year).targets:
                v = Target(**{k: getattr(t, k) for k in t.model_fields_set})
                assert list(t.__dict__) == list(Target.model_fields)  # (the JSON follows this order)
                assert [(type(x), x) for x in t.__dict__.values()] == [(type(x), x) for x in v.__dict__.values()]
                assert t.model_fields_set == v.model_fields_set == set(Target.model_fields) - {"optional", "sentence"}
                assert t.model_dump_json() == v.model_dump_json()


def test_trusted_target_validates_what_it_cannot_vouch_for() -> None:
    """Offsets out of order still fail; a horizon of another type is converted as validation converts it."""
    from pydantic import ValidationError

    from plan_extract.models import Target, _trusted_target
    from plan_extract.pipeline import parse

    t = parse("2026年地区生产总值增长5%左右。", year=2026).targets[0]
    values = dict(t.__dict__)
    with pytest.raises(ValidationError):
        _trusted_target({**values, "start": values["end"] + 1})
    with pytest.raises(ValidationError):
        _trusted_target({**values, "start": -1})
    converted = _trusted_target({**values, "horizon": 2026.0})
    assert converted.horizon == 2026 and type(converted.horizon) is int
    assert converted == Target(**{**{k: values[k] for k in t.model_fields_set}, "horizon": 2026.0})


# --------------------------------------------------------------------------- compiled patterns kept


def _package_patterns() -> list[tuple[str, object]]:
    """Every pattern the extractor's modules compile at import (and the quantity scanner)."""
    import importlib

    names = ["_segment", "batch", "chunked", "indicators", "io", "lexicon", "manifest", "normalize",
             "numerals", "pipeline", "quantities", "structure"]
    found: list[tuple[str, object]] = []
    for name in names:
        mod = importlib.import_module(f"plan_extract.{name}")
        found += [(f"{name}.{k}", v) for k, v in vars(mod).items() if isinstance(v, re.Pattern | regex.Pattern)]
    found.append(("quantities._pattern", _pattern(default_lexicon())))
    assert len(found) > 150
    return found


def _fresh_rx(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> object:
    from plan_extract import _rx

    monkeypatch.setattr(_rx.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(_rx, "_entries", None)
    monkeypatch.setattr(_rx, "_used", {})
    monkeypatch.setattr(_rx, "_dirty", False)
    monkeypatch.setattr(_rx, "_at_exit", True)  # (no save at the end of the tests)
    return _rx


def _same_code(a: object, b: object) -> bool:
    import copyreg

    if isinstance(a, re.Pattern):
        return isinstance(b, re.Pattern) and a == b  # (re compares the code)
    reduce = copyreg.dispatch_table[regex.Pattern]
    return isinstance(b, regex.Pattern) and reduce(a)[1] == reduce(b)[1]  # type: ignore[arg-type,index]


def test_patterns_built_from_the_kept_code_are_the_compiled_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every pattern of the extractor, compiled, kept in the file, then built from it: the same code.

    (regex's code lists the characters of a set in the order of a Python set, which string
    hashing varies from process to process: a pattern of the modules, compiled in another
    process, is compared by its matches.)
    """
    rx = _fresh_rx(monkeypatch, tmp_path)
    patterns = _package_patterns()
    engine = {id(p): (rx.re if isinstance(p, re.Pattern) else rx.regex) for _, p in patterns}  # type: ignore[attr-defined]
    first = [engine[id(p)].compile(p.pattern, p.flags) for _, p in patterns]  # type: ignore[attr-defined]
    assert rx._dirty  # type: ignore[attr-defined]
    rx.save_compiled()  # type: ignore[attr-defined]
    assert len(list(tmp_path.glob("plan_extract.patterns.*.cache"))) == 1
    monkeypatch.setattr(rx, "_entries", None)
    monkeypatch.setattr(rx, "_used", {})
    with monkeypatch.context() as m:
        m.setattr(re, "compile", None)  # built from the file: no compiler at all
        m.setattr(regex, "compile", None)
        second = [engine[id(p)].compile(p.pattern, p.flags) for _, p in patterns]  # type: ignore[attr-defined]
    assert not rx._dirty  # type: ignore[attr-defined]
    samples = [normalize.normalize(t).text for t in corpus_texts(10)] + NASTY
    for (name, p), a, b in zip(patterns, first, second, strict=True):
        assert _same_code(a, b), name
        if isinstance(p, re.Pattern):
            assert _same_code(p, a), name
        assert p.groupindex == b.groupindex, name  # type: ignore[attr-defined]
        for t in samples:
            want = [(m.span(), m.groups()) for m in p.finditer(t)]  # type: ignore[attr-defined]
            assert [(m.span(), m.groups()) for m in b.finditer(t)] == want, name


def test_a_pattern_file_that_does_not_check_out_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    rx = _fresh_rx(monkeypatch, tmp_path)
    rx.re.compile("a(?P<x>b)c")  # type: ignore[attr-defined]
    rx.regex.compile(r"\p{Han}+")  # type: ignore[attr-defined]
    rx.save_compiled()  # type: ignore[attr-defined]
    (path,) = tmp_path.glob("plan_extract.patterns.*.cache")
    good = path.read_bytes()
    assert len(rx._read_entries()) == 2  # type: ignore[attr-defined]
    for bad in (good[:-1], good[:-1] + bytes([good[-1] ^ 1]), b"plan-extract compiled patterns 0\n" + good[33:], b""):
        path.write_bytes(bad)
        assert rx._read_entries() == {}  # type: ignore[attr-defined]
    path.write_bytes(good)
    os.chmod(path, 0o622)  # writable by others: not trusted
    assert rx._read_entries() == {}  # type: ignore[attr-defined]
    os.chmod(path, 0o600)
    assert len(rx._read_entries()) == 2  # type: ignore[attr-defined]


def test_the_scanner_falls_back_to_regex_after_a_plain_compile_of_the_same_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """compile_scanner's re attempt (warnings as errors) is kept apart from a plain re.compile."""
    rx = _fresh_rx(monkeypatch, tmp_path)
    with pytest.warns(FutureWarning):
        assert isinstance(rx.re.compile("[[a]x"), re.Pattern)  # type: ignore[attr-defined]
    rx.save_compiled()  # type: ignore[attr-defined]
    monkeypatch.setattr(rx, "_entries", None)
    re.purge()  # (re's own cache would give its pattern again, warning or not)
    assert isinstance(compile_scanner("[[a]x"), regex.Pattern)
