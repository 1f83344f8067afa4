"""Chinese numerals: the fast reader agrees with cn2an (the reference) on well-formed integers."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_extract.numerals import _WELL_FORMED, _fallback_cn, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", 1200), ("8.5", 8.5), ("一千二百", 1200), ("三十", 30), ("两万", 20000),
        ("十點七", 10.7), ("二千零一十五", 2015), ("四百六十", 460), ("十五", 15), ("一百", 100),
        ("一万二千", 12000), ("零点五", 0.5), ("一亿五千零七十二万四千", 150724000),
    ],
)
def test_values(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["十亿零七千万", "三万零五十", "一亿零五百万", "十亿零七千万零五", "一万零一"])
def test_zero_before_a_missing_place_is_read_without_cn2an(text: str) -> None:
    # (一九八二年的报告: 十亿零七千万 — a 零 standing for an empty 千万 place, as cn2an reads it)
    assert _WELL_FORMED.fullmatch(text), text
    assert _fallback_cn(text) == float(cn2an.cn2an(text, "strict")) == parse_number(text)


@pytest.mark.parametrize("text", ["", "x", "百分之", "一九八〇"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_fast_reader_agrees_with_cn2an(n: int) -> None:
    text = cn2an.an2cn(n, "low")
    assert _WELL_FORMED.fullmatch(text), text
    assert _fallback_cn(text) == float(cn2an.cn2an(text, "strict")) == n
