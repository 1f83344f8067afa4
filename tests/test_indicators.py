"""The indicator lexicon and the units table: the data files linted, lookups, enrich()."""

from __future__ import annotations

import json
import unicodedata
from importlib import resources
from typing import Any

import pytest

from plan_extract.errors import DataFileError
from plan_extract.indicators import (
    IndicatorLexicon,
    enrich,
    get_indicator,
    indicator_for,
    load_indicators,
    normalize_metric,
)
from plan_extract.models import Kind, Target
from plan_extract.units import UnitTable, base_unit, load_units, to_base


def _data(name: str) -> dict[str, Any]:
    raw = resources.files("plan_extract").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


INDICATORS = _data("indicators.json")
UNITS = _data("units_base.json")

# The issue's list: each wording must map to the id next to it.
ISSUE_LIST = {
    "国内生产总值": "gdp",
    "地区生产总值": "gdp",
    "生产总值": "gdp",
    "GDP": "gdp",
    "经济增长": "gdp",
    "本地生产总值": "gdp",
    "规模以上工业增加值": "industrial_value_added_above_scale",
    "规上工业增加值": "industrial_value_added_above_scale",
    "固定资产投资": "fixed_asset_investment",
    "全社会固定资产投资": "fixed_asset_investment",
    "社会消费品零售总额": "retail_sales",
    "一般公共预算收入": "general_budget_revenue",
    "进出口总额": "trade",
    "外贸进出口": "trade",
    "实际使用外资": "fdi",
    "FDI": "fdi",
    "城镇新增就业": "urban_new_jobs",
    "城镇调查失业率": "surveyed_unemployment",
    "居民消费价格": "cpi",
    "CPI": "cpi",
    "居民人均可支配收入": "disposable_income",
    "单位GDP能耗": "energy_intensity",
    "单位国内生产总值能耗": "energy_intensity",
    "粮食产量": "grain_output",
    "研发经费投入强度": "rd_intensity",
    "赤字率": "deficit_ratio",
    "专项债券": "special_bonds",
}


# ----------------------------------------------------------------- the data files themselves


def test_indicator_file_names_its_source() -> None:
    assert isinstance(INDICATORS.get("source"), str) and len(INDICATORS["source"]) > 40


def test_at_least_forty_indicators_with_unique_ids() -> None:
    ids = [i["id"] for i in INDICATORS["indicators"]]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("item", INDICATORS["indicators"], ids=lambda i: i["id"])
def test_indicator_entry_is_complete(item: dict[str, Any]) -> None:
    assert set(item) >= {"id", "name", "zh", "aliases", "kind"}
    assert item["name"].isascii() and item["name"]
    assert item["zh"] in item["aliases"], "the Chinese name is itself an alias"
    assert item["kind"] in {k.value for k in Kind}
    assert item.get("better") in (None, "higher", "lower")
    assert len(item["aliases"]) == len(set(item["aliases"]))


def test_every_alias_maps_to_exactly_one_id() -> None:
    lex = load_indicators()
    owners: dict[str, set[str]] = {}
    for item in INDICATORS["indicators"]:
        for alias in item["aliases"]:
            owners.setdefault(lex.normalize(alias), set()).add(item["id"])
    shared = {a: ids for a, ids in owners.items() if len(ids) > 1}
    assert not shared, f"aliases in two indicators: {shared}"
    for item in INDICATORS["indicators"]:
        for alias in item["aliases"]:
            assert indicator_for(alias) == item["id"], alias


def test_traditional_table_maps_single_characters_to_different_ones() -> None:
    for table in (INDICATORS["traditional"], UNITS["traditional"]):
        for trad, simp in table.items():
            assert len(trad) == 1 and len(simp) == 1 and trad != simp, (trad, simp)


def test_units_file_is_valid() -> None:
    assert isinstance(UNITS.get("source"), str) and UNITS["source"]
    assert all(isinstance(v, int | float) and v > 0 for v in UNITS["multipliers"].values())
    for name, spec in UNITS["units"].items():
        assert unicodedata.normalize("NFKC", name) == name
        assert isinstance(spec["base"], str) and spec["base"]


# ----------------------------------------------------------------- lookups


@pytest.mark.parametrize(("wording", "expected"), sorted(ISSUE_LIST.items()))
def test_issue_list(wording: str, expected: str) -> None:
    assert indicator_for(wording) == expected


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        # as the extractor writes them: region words, traditional characters, noise, quotes
        ("全省地区生产总值", "gdp"),
        ("全市生产总值", "gdp"),
        ("本市规上工业增加值", "industrial_value_added_above_scale"),
        ("國內生產總值", "gdp"),
        ("地區(qū)生產(chǎn)總值", "gdp"),
        ("“GDP”", "gdp"),
        (" gdp ", "gdp"),
        ("ＧＤＰ", "gdp"),
        ("GDP增速", "gdp"),
        ("城鎮登記失業率", "registered_unemployment"),
        ("社會消費品零售總額", "retail_sales"),
        ("居民消費價格總水平", "cpi"),
        ("外貿進出口總額", "trade"),
        ("農牧民人均純收入", "rural_disposable_income"),
        ("單位生產總值能耗", "energy_intensity"),
        ("细颗粒物（PM2.5）浓度", "pm25"),
        ("全社会研发经费投入强度", "rd_intensity"),
        ("地方政府专项债券", "special_bonds"),
        ("国民生产总值", "gnp"),
        # not indicators
        ("高质量发展", None),
        ("亿元以上项目", None),
        ("全省", None),
        ("", None),
        (None, None),
    ],
)
def test_indicator_for(metric: str | None, expected: str | None) -> None:
    assert indicator_for(metric) == expected


def test_normalize_metric() -> None:
    assert normalize_metric("“GDP” ") == "GDP"
    assert normalize_metric("國內生產總值") == "国内生产总值"


def test_get_indicator() -> None:
    gdp = get_indicator("gdp")
    assert gdp is not None and gdp.better == "higher" and gdp.kind == Kind.CHANGE
    assert get_indicator("no_such_thing") is None


def test_alias_in_two_indicators_is_a_data_error() -> None:
    raw = {
        "source": "test",
        "indicators": [
            {"id": "a", "name": "A", "zh": "甲", "aliases": ["甲", "乙"], "kind": "amount"},
            {"id": "b", "name": "B", "zh": "丙", "aliases": ["丙", "乙"], "kind": "amount"},
        ],
    }
    with pytest.raises(DataFileError, match="乙"):
        IndicatorLexicon.from_dict(raw)


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"indicators": []},
        {
            "source": "s",
            "indicators": [
                {"id": "A b", "name": "x", "zh": "甲", "aliases": ["甲"], "kind": "amount"}
            ],
        },
        {
            "source": "s",
            "indicators": [
                {"id": "a", "name": "x", "zh": "甲", "aliases": ["甲"], "kind": "level"}
            ],
        },
        {
            "source": "s",
            "indicators": [{"id": "a", "name": "x", "zh": "甲", "aliases": [], "kind": "amount"}],
        },
    ],
)
def test_malformed_lexicon_is_a_data_error(bad: Any) -> None:
    with pytest.raises(DataFileError):
        IndicatorLexicon.from_dict(bad)


def test_custom_lexicon_from_file(tmp_path: Any) -> None:
    path = tmp_path / "ind.json"
    path.write_text(
        json.dumps(
            {
                "source": "test",
                "indicators": [
                    {
                        "id": "x",
                        "name": "X",
                        "zh": "甲指标",
                        "aliases": ["甲指标"],
                        "kind": "amount",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    lex = load_indicators(path)
    assert indicator_for("甲指标", lexicon=lex) == "x"
    assert indicator_for("GDP", lexicon=lex) is None


# ----------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (110, "亿元", (1.1e10, "元")),
        (4.06, "万亿元", (4.06e12, "元")),
        (1200, "万人", (1.2e7, "人")),
        (1.3, "万亿斤", (1.3e12, "斤")),
        (3, "億元", (3e8, "元")),
        (5, "萬人", (5e4, "人")),
        (3.5, "万吨", (3.5e4, "吨")),
        (23, "万平方米", (2.3e5, "平方米")),
        (1760, "亩", (1760.0, "亩")),
        (20, "家", (20.0, "家")),
        (12, "个", (12.0, "个")),
        (30, "项", (30.0, "项")),
        (5, "%", (5.0, "%")),
        (5, "％", (5.0, "%")),
        (0.5, "个百分点", (0.5, "percentage points")),
        (10, "万千瓦", (1e5, "千瓦")),
        (58, "万元/人", (5.8e5, "元/人")),
        (0.6, "人/百亿元", (0.6, "人/百亿元")),
        (2, "亿美元", (2e8, "美元")),
        (150, "万标箱", (1.5e6, "标箱")),
        (3, "微克/立方米", (3.0, "微克/立方米")),
        (7, None, None),
        (None, "亿元", None),
    ],
)
def test_to_base(value: float | None, unit: str | None, expected: tuple[float, str] | None) -> None:
    got = to_base(value, unit)
    if expected is None:
        assert got is None
    else:
        assert got is not None
        assert got[1] == expected[1]
        assert got[0] == pytest.approx(expected[0])


def test_base_values_have_no_binary_noise() -> None:
    assert to_base(4.06, "万亿元") == (4060000000000.0, "元")


def test_count_units_share_a_dimension() -> None:
    dims = {base_unit(u).dimension for u in ("个", "家", "项")}  # type: ignore[union-attr]
    assert dims == {"count"}


def test_malformed_units_table_is_a_data_error() -> None:
    with pytest.raises(DataFileError):
        UnitTable.from_dict({"source": "s", "units": {"元": {}}, "multipliers": {}})
    with pytest.raises(DataFileError):
        UnitTable.from_dict({"source": "s", "units": {}, "multipliers": {"万": -1}})
    assert load_units() is load_units()


# ----------------------------------------------------------------- enrich


def _target(**kw: Any) -> Target:
    base: dict[str, Any] = {"id": "t1", "start": 0, "end": 1, "text": "x", "kind": Kind.AMOUNT}
    base.update(kw)
    return Target(**base)


def test_enrich_fills_indicator_and_base_value() -> None:
    t = _target(metric="粮食产量", value=1.3, unit="万亿斤")
    e = enrich(t)
    assert (e.indicator, e.value_base, e.base_unit) == ("grain_output", 1.3e12, "斤")
    assert t.indicator is None, "the original is left alone"
    assert e.model_dump(exclude={"indicator", "value_base", "base_unit"}) == t.model_dump(
        exclude={"indicator", "value_base", "base_unit"}
    )


def test_enrich_without_value_or_metric() -> None:
    e = enrich(_target(kind=Kind.QUALITATIVE, metric="居民收入"))
    assert (e.indicator, e.value_base, e.base_unit) == ("disposable_income", None, None)
    e = enrich(_target(metric=None, value=5, unit="%"))
    assert (e.indicator, e.value_base, e.base_unit) == (None, 5.0, "%")


def test_enrich_is_idempotent_and_round_trips() -> None:
    e = enrich(_target(metric="城镇新增就业", value=1200, unit="万人"))
    assert enrich(e) == e
    assert Target.model_validate_json(e.model_dump_json()) == e
