"""Normalisation: the case table, the offset map's invariants, the seed's OCR damage, the t2s data."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_extract.normalize import Normalized, _table, normalize

ROOT = Path(__file__).resolve().parents[1]
CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "normalize_cases.json").read_text(encoding="utf-8")
)["cases"]
SEED = ROOT / "corpora" / "bengbu-gxq-2023.txt"
PAGES = ROOT / "corpora" / "pages"


def check_invariants(n: Normalized) -> None:
    """The offset map is a strictly increasing 1:1-or-delete map into the original."""
    assert len(n.index) == len(n.text) + 1
    assert n.index[-1] == len(n.original)
    assert all(a < b for a, b in zip(n.index, n.index[1:], strict=False))
    table = _table()
    for i, ch in enumerate(n.text):
        orig = n.original[n.index[i]]
        # (the one substitution besides folding: an OCR'd l or I inside a number is the digit 1)
        assert orig.translate(table) == ch or (ch == "1" and orig in "lI"), (i, ch)
    for s, e in n.duplicate_spans:
        assert 0 <= s < e <= len(n.text)


# --------------------------------------------------------------------------- case table


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    n = normalize(case["input"])
    assert n.text == case["expected"]
    check_invariants(n)
    if "duplicates" in case:
        assert [n.text[s:e] for s, e in n.duplicate_spans] == case["duplicates"]


def test_case_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def test_empty() -> None:
    n = normalize("")
    assert (n.text, n.index, n.duplicate_spans) == ("", [0], [])
    assert n.to_original(0, 0) == (0, 0)


def test_span_helpers() -> None:
    n = normalize("地區(qū)生產(chǎn)總值增長 1 0 ％")
    assert n.text == "地区生产总值增长 10%"
    s = n.text.index("地区")
    assert n.original_slice(s, s + 6) == "地區(qū)生產(chǎn)總值"
    assert n.clean_original(s, s + 6) == "地區生產總值"
    p = n.text.index("10%")
    assert n.to_original(p, p + 3) == (n.original.index("1 0"), len(n.original))
    assert n.original_slice(p, p + 3) == "1 0 ％"


# --------------------------------------------------------------------------- real text


@pytest.fixture(scope="module")
def seed() -> Normalized:
    return normalize(SEED.read_text(encoding="utf-8"))


def test_seed_invariants(seed: Normalized) -> None:
    check_invariants(seed)


def test_seed_ocr_breaks_joined(seed: Normalized) -> None:
    assert "防眩光玻璃、丰原年产100万吨蛋白饲料" in seed.text
    assert "竣工长城哈弗蓝标品牌汽车4S店" in seed.text
    assert "深化改革工作要点》" in seed.text
    p = seed.text.index("丰原年产")
    assert seed.original_slice(p, p + 2) == "丰\n\n原"
    assert seed.clean_original(p, p + 4) == "丰原年产"


def test_seed_headings_not_joined(seed: Normalized) -> None:
    for heading in ("持续强化项目工作 发挥有效投资作用", "全面深化改革开放 高质量建设自贸区"):
        line = next(x for x in seed.text.split("\n") if heading in x)
        assert line == heading
    assert "发挥有效投资作用\n\n把“双招双引”" in seed.text


def test_seed_duplicate_paragraph(seed: Normalized) -> None:
    dups = [seed.text[s:e] for s, e in seed.duplicate_spans]
    assert len(dups) == 1
    assert dups[0].startswith("设施项目,开工黄墩窑码头")
    s, e = seed.duplicate_spans[0]
    os_, oe = seed.to_original(s, e)
    assert seed.original[os_:oe] == dups[0]
    # the first copy is not a duplicate
    first = seed.text.index("开工黄墩窑码头")
    assert not any(s <= first < e for s, e in seed.duplicate_spans)


_PINYIN_NOISE = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def test_pages_pinyin_removed() -> None:
    files = sorted(
        p for p in PAGES.glob("*.txt") if _PINYIN_NOISE.search(p.read_text(encoding="utf-8"))
    )
    assert files, "expected pinyin-annotated pages in the corpus"
    for path in files:
        n = normalize(path.read_text(encoding="utf-8"))
        assert not re.search(
            r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", n.text
        ), path.name
        check_invariants(n)


def test_pinyin_clean_original_keeps_traditional() -> None:
    path = PAGES / "page-025-changzhou-edz-2024.txt"
    n = normalize(path.read_text(encoding="utf-8"))
    p = n.text.index("常州经开区")
    assert n.clean_original(p, p + 5) == "常州經開區"
    assert "(jīng)" in n.original_slice(p, p + 5)


def test_pdf_wrapped_lines_joined() -> None:
    n = normalize((PAGES / "page-065-xinjiang-2023-broken.txt").read_text(encoding="utf-8"))
    assert "向大会报告工作,请予审议,并请各位政协委员" in n.text
    assert "各位代表:\n" in n.text  # the title line before it is left alone
    check_invariants(n)


def test_a_megabyte_keeps_the_offset_map() -> None:
    # Speed is measured by benchmarks/bench_throughput.py, not asserted here.
    text = SEED.read_text(encoding="utf-8") * 60  # ~1 MB of UTF-8
    n = normalize(text)
    assert len(n.index) == len(n.text) + 1
    check_invariants(n)


# --------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("增长下降国內總區產值万亿元年个百分点以上左右")
    + list("0123456789０１２３４５６７８９％．，。；：、“”—")
    + list(" \u3000\u00a0\u2009\n\n\r\t")
    + list("()（）qūzhǎngabcGDP%.,;")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_property_invariants(text: str) -> None:
    n = normalize(text)
    check_invariants(n)
    for s in range(0, len(n.text) + 1, 7):
        e = min(len(n.text), s + 5)
        assert len(n.clean_original(s, e)) == e - s
        os_, oe = n.to_original(s, e)
        assert 0 <= os_ <= oe <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_property_any_text(text: str) -> None:
    check_invariants(normalize(text))


# --------------------------------------------------------------------------- data file


def test_t2s_table_is_well_formed() -> None:
    raw = resources.files("plan_extract").joinpath("data/t2s.tsv").read_text(encoding="utf-8")
    lines = raw.splitlines()
    header = [x for x in lines if x.startswith("#")]
    assert any("OpenCC" in x for x in header) and any("Apache" in x for x in header)
    keys: set[str] = set()
    for no, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        trad, simp = line.split("\t")
        assert len(trad) == 1 and len(simp) == 1 and trad != simp, no
        assert trad not in keys, no
        keys.add(trad)
    for kept in "乾覆藉瞭徵":  # ordinary simplified characters
        assert kept not in keys
    assert len(keys) > 3000
