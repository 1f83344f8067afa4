"""Nasty inputs must not crash, and big inputs parse in chunks with the same records.

* the corpus ``tests/data/nasty`` (see its README) plus inputs built here
  (a 10k-character line, NUL, 40-digit numbers …): decoded from bytes, parsed,
  offsets checked;
* a fuzz target, :func:`fuzz_one` (bytes → decode → parse → checks), driven by
  hypothesis over mutations of the corpus; run it longer with
  ``python tests/test_nasty_inputs.py [N]`` (atheris is used when installed);
* :mod:`plan_extract.chunked`: chunk boundaries, and ``parse_chunked`` agreeing
  with ``parse`` on each paragraph-aligned chunk of a ~200 KB text.

Known failures of the extractor are marked ``xfail(strict=True)`` with the
exact input, so they turn into errors once fixed and must be unmarked.
"""

from __future__ import annotations

import doctest
import math
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import check_document

import plan_extract.chunked
from plan_extract.chunked import chunk_bounds, parse_chunked
from plan_extract.errors import InputFileError
from plan_extract.io import decode_bytes
from plan_extract.models import Document
from plan_extract.pipeline import parse

NASTY = Path(__file__).parent / "data" / "nasty"
CORPUS = sorted(p for p in NASTY.iterdir() if p.suffix in (".txt", ".bin"))


def check_parse(text: str) -> Document:
    """Parse, then check offsets, ids, parents, determinism and the JSON round trip."""
    doc = parse(text)
    check_document(text, doc)
    js = doc.to_json()
    assert parse(text).to_json() == js
    assert Document.model_validate_json(js) == doc
    for t in doc.targets:  # a number JSON cannot hold would come back as null
        for v in (t.value, t.value_max, t.value_base):
            assert v is None or math.isfinite(v), (t.id, t.text[:40], v)
    return doc


def fuzz_one(data: bytes, name: str = "<fuzz>") -> None:
    """The fuzz target: bytes as read from a file, through the decoder and the extractor."""
    try:
        text, warnings = decode_bytes(data, name)
    except InputFileError as exc:
        assert name in str(exc)
        return
    assert isinstance(warnings, list)
    assert not any("\ud800" <= c <= "\udfff" for c in text)  # no lone surrogates out of a file
    check_parse(text)


# --------------------------------------------------------------------------- the corpus


def test_corpus_is_small_and_present() -> None:
    assert len(CORPUS) >= 25
    assert sum(p.stat().st_size for p in NASTY.iterdir()) < 30_000


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_file_does_not_crash(path: Path) -> None:
    fuzz_one(path.read_bytes(), str(path))


@pytest.mark.parametrize(
    ("name", "data", "decoded"),
    [
        ("utf16-no-bom.bin", "国内生产总值增长5%左右。", True),
        ("gb18030-mixed.bin", "就业1200万人以上。", True),
        ("truncated-utf8.bin", "增长5%，就业1200万", True),
        ("nul-inside.bin", None, False),
    ],
)
def test_corpus_bytes_decode_as_expected(name: str, data: str | None, decoded: bool) -> None:
    path = NASTY / name
    if decoded:
        text, _ = decode_bytes(path.read_bytes(), name)
        assert data is not None and data in text
    else:
        with pytest.raises(InputFileError, match=name):
            decode_bytes(path.read_bytes(), name)


BUILT = {
    "10k-char-line": "".join(f"指标{i}增长{i % 10}.{i % 7}%，" for i in range(800))[:10_000],
    "10k-line-no-punct": ("增长5" * 3400)[:10_000],
    "nul-in-str": "增长5\x00%，就\x00业1200万人\x00。\n" * 20,
    "crlf-cr-lf": "一、目标\r\n增长5%\r就业1200万人\n\r投资7亿元\r\n\r\n" * 50,
    "40-digit-numbers": "，".join(f"增长{'9' * 40}{u}" for u in ("%", "亿元", "万人", "个", "")),
    "exp-strings": "，".join(
        f"增长{x}%" for x in ("1e309", "1e-309", "1E308", "9.9e999", "-1e309")
    ),
    "baifenzhi-runs": "增长" + "百分之" * 2000 + "五",
    "cn-digit-run": "增长" + "一二三四五六七八九十" * 500 + "%",
    "wan-yi-runs": "增长" + "万" * 1000 + "亿" * 1000 + "元",
    "yishang-5k": "增长5%" + "以上" * 5000,
    "one-ge-run": "1个" * 3000,
    "slash-zero": "1/0，0/0，0/0%，1/0万元，" * 200,
    "open-brackets": "（" * 3000 + "增长5%",
    "close-brackets": "增长5%" + "）" * 3000,
    "quote-storm": "“”‘’「」『』" * 500 + "增长5%",
    "emoji-nonbmp": "🎉𠀀增长5%👍𪚥" * 300,
    "only-space": " \u3000\t\n\r\u200b\u200f" * 300,
    "dash-runs": "增长5" + "—" * 2000 + "6%",
    "fullwidth": "增长５％，就业１２００万人，投资７．５亿元，ＧＤＰ增长６％以上。" * 50,
}


@pytest.mark.parametrize("name", sorted(BUILT))
def test_built_input_does_not_crash(name: str) -> None:
    text = BUILT[name]
    check_parse(text)
    fuzz_one(text.encode("utf-8"), name)


def test_huge_chinese_numeral_with_decimal_does_not_crash() -> None:
    check_parse("增长一" + "亿" * 39 + "点五元")


def test_309_digit_number_round_trips() -> None:
    check_parse("增长" + "9" * 309 + "%")


def test_value_base_overflow_round_trips() -> None:
    check_parse("增长" + "9" * 301 + "亿元")


# --------------------------------------------------------------------------- formerly quadratic

# Inputs on which matching was once quadratic (capped repeats and look-behinds fixed them).
# Their cost is measured by benchmarks/bench_adversarial.py, which prints figures; here they
# must simply parse, with valid offsets.
_FORMERLY_QUADRATIC = {
    "spaced-digits": "1 2 3 4 5 6 7 8 9 0 " * 800,
    "spaced-decimals": "1 . 5 " * 3000,
    "comma-groups": "123," * 9000,
}


@pytest.mark.parametrize("name", sorted(_FORMERLY_QUADRATIC))
def test_formerly_quadratic_inputs_parse(name: str) -> None:
    check_parse(_FORMERLY_QUADRATIC[name])


# --------------------------------------------------------------------------- fuzzing

_TOKENS = [
    *"以上 左右 以内 不少于 超过 约 近 多 余 万 亿 元 亿元 个 家 % ％ 一、 （一） 百分之 点 分之".split(),
    *"其中 分别 、 “ ” （ ） — - / 0 1 一 十 两 🎉 𠀀 2025年 十四五 增长 达到".split(),
    *["9" * 12, "\n", "\r\n", " ", "\u3000", "\u200b", "\u200f", "\x00"],
]
_SEEDS = [p.read_bytes() for p in CORPUS]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A corpus file (or nothing) with a few insertions, deletions and byte flips."""
    data = bytearray(draw(st.sampled_from([b"", *_SEEDS])))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["insert", "insert", "delete", "flip", "repeat"]))
        pos = draw(st.integers(0, len(data)))
        if op == "insert":
            data[pos:pos] = draw(st.sampled_from(_TOKENS)).encode(
                draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "gb18030"])), "replace"
            )
        elif op == "delete" and data:
            del data[pos : pos + draw(st.integers(1, 8))]
        elif op == "flip" and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
        elif op == "repeat" and data:
            piece = data[pos : pos + draw(st.integers(1, 12))]
            data[pos:pos] = piece * draw(st.integers(2, 50))
    return bytes(data)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(mutated(), st.binary(max_size=200)))
def test_fuzz_decode_and_parse(data: bytes) -> None:
    fuzz_one(data)


# --------------------------------------------------------------------------- big inputs


def synthetic_report(n_chars: int, seed: int = 7) -> str:
    """A report-like text with headings, paragraphs, lists, 其中 children and review sentences."""
    rng = random.Random(seed)
    metrics = "地区生产总值 城镇新增就业 居民消费价格 固定资产投资 粮食产量 单位GDP能耗".split()
    units = ["%", "万人", "亿元", "万吨", "个", "家"]
    paras: list[str] = ["2025年政府工作报告\n"]
    size = len(paras[0])
    i = 0
    while size < n_chars:
        i += 1
        lines = [f"{'一二三四五六七八九'[i % 9]}、第{i}部分工作"] if i % 5 == 0 else []
        for _ in range(rng.randint(1, 4)):
            m, u = rng.choice(metrics), rng.choice(units)
            v = rng.randint(1, 9999) / (10 if rng.random() < 0.3 else 1)
            s = rng.choice(
                [
                    f"{m}增长{v}{u}左右，其中{rng.choice(metrics)}{rng.randint(1, 99)}{u}。",
                    f"去年{m}达到{v}{u}，比上年增长{rng.randint(1, 9)}%。",
                    f"力争{m}突破{v}{u}以上；{rng.choice(metrics)}控制在{rng.randint(1, 9)}%以内。",
                    f"到2030年{m}提高到{v}{u}，城镇、农村居民收入分别增长7%、8%。",
                ]
            )
            lines.append(s * rng.randint(1, 3))
        para = "\n".join(lines) + ("\n\n" if rng.random() < 0.6 else "\n")
        paras.append(para)
        size += len(para)
    return "".join(paras)


@pytest.fixture(scope="module")
def big_text() -> str:
    return synthetic_report(200_000)


def test_chunk_bounds_cover_the_text_at_line_ends(big_text: str) -> None:
    bounds = list(chunk_bounds(big_text, 50_000))
    assert len(bounds) >= 4
    assert bounds[0][0] == 0 and bounds[-1][1] == len(big_text)
    for (_, e1), (s2, _) in zip(bounds, bounds[1:], strict=False):
        assert e1 == s2
    for s, e in bounds:
        assert 0 < e - s <= 50_000
        assert e == len(big_text) or big_text[e - 1] == "\n"


def test_chunk_bounds_cut_a_long_line_after_a_sentence() -> None:
    text = "增长5%，就业1200万人。" * 1000  # one 14k-character line
    bounds = list(chunk_bounds(text, 1000))
    assert all(e - s <= 1000 for s, e in bounds)
    assert all(text[e - 1] == "。" for _s, e in bounds)
    assert list(chunk_bounds("x" * 25, 10)) == [(0, 10), (10, 20), (20, 25)]
    assert list(chunk_bounds("", 10)) == [(0, 0)]
    with pytest.raises(ValueError):
        list(chunk_bounds("abc", 0))


def test_parse_chunked_matches_parse_per_chunk(big_text: str) -> None:
    doc = parse_chunked(big_text, chunk_chars=50_000)
    check_document(big_text, doc)
    assert [t.id for t in doc.targets] == [f"t{i + 1}" for i in range(len(doc.targets))]
    expected = []
    for s, e in chunk_bounds(big_text, 50_000):
        part = parse(big_text[s:e], year=doc.year, region=doc.region, level=doc.level)
        by_id = {t.id: t for t in part.targets}
        for t in part.targets:
            parent = by_id[t.parent].start + s if t.parent else None
            expected.append((t.start + s, t.end + s, t.value, t.metric, t.stance, parent))
    by_id = {t.id: t for t in doc.targets}
    got = [
        (t.start, t.end, t.value, t.metric, t.stance, by_id[t.parent].start if t.parent else None)
        for t in doc.targets
    ]
    assert got == expected
    assert len(got) > 1000
    assert any(p is not None for *_, p in got)  # 其中 children keep their parents
    assert doc.year == 2025


def test_parse_chunked_small_text_is_parse(big_text: str) -> None:
    text = big_text[:20_000]
    kwargs = {"year": 2024, "region": "某省", "doc_id": "x", "source_file": "x.txt"}
    assert parse_chunked(text, chunk_chars=20_000, **kwargs) == parse(text, **kwargs)  # type: ignore[arg-type]
    assert parse_chunked("") == parse("")


def test_parse_chunked_passes_metadata_to_every_chunk() -> None:
    text = "2019年政府工作报告\n\n" + "".join(f"今年经济增长{i}.5%左右。\n\n" for i in range(200))
    doc = parse_chunked(text, chunk_chars=500)
    whole = parse(text)
    assert doc.year == 2019
    assert (doc.title, doc.region, doc.level) == (whole.title, whole.region, whole.level)
    assert {t.horizon for t in doc.targets} == {2019}
    assert [(t.start, t.end, t.value) for t in doc.targets] == [
        (t.start, t.end, t.value) for t in whole.targets
    ]
    check_document(text, doc)


def test_chunked_module_doctests() -> None:
    result = doctest.testmod(plan_extract.chunked)
    assert result.attempted and not result.failed


if __name__ == "__main__":  # pragma: no cover - a longer fuzzing run by hand
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000

        @settings(max_examples=n, deadline=None, database=None, derandomize=False)
        @given(st.one_of(mutated(), st.binary(max_size=2000)))
        def fuzz(data: bytes) -> None:
            fuzz_one(data)

        fuzz()
        print(f"{n} inputs: no failure")
    else:
        atheris.Setup(sys.argv, lambda data: fuzz_one(bytes(data)))
        atheris.Fuzz()
