"""compare / diff / fulfilment / plot_targets / ``plan-extract compare`` and the notebook.

Most tests use hand-built documents (``tests/data/compare/*.json`` and the
``_doc`` helper), so they test this module and not the extractor. The tests
marked ``extractor`` run the real extractor on two national reports (the
issue's "Show" cases); the notebook test executes ``notebooks/cross_year.ipynb``.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from plan_extract.cli import main
from plan_extract.comparison import (
    COLUMNS,
    FULFILMENT_COLUMNS,
    ChangeStatus,
    Fulfilment,
    assess,
    compare,
    diff,
    diff_table,
    fulfilment,
    load_documents,
    plot_targets,
    write_table,
)
from plan_extract.models import Comparator, Direction, Document, Kind, Stance, Target

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "corpora" / "national"


# ----------------------------------------------------------------- helpers


def _t(
    metric: str,
    value: float | None,
    unit: str | None = "%",
    comparator: str | None = "=",
    *,
    kind: str = "change",
    stance: str = "target",
    direction: str | None = None,
    value_max: float | None = None,
    start: int = 0,
    **kw: Any,
) -> Target:
    if kind == "change" and direction is None:
        direction = "up"
    return Target(
        id=f"t{start}",
        start=start,
        end=start + 1,
        text=f"{value}{unit or ''}",
        metric=metric,
        kind=Kind(kind),
        direction=Direction(direction) if direction else None,
        value=value,
        value_max=value_max,
        unit=unit if value is not None else None,
        comparator=Comparator(comparator) if comparator else None,
        stance=Stance(stance),
        **kw,
    )


def _doc(year: int, *targets: Target, region: str = "甲省") -> Document:
    # give each record its own offset, in the order given
    ts = [
        t.model_copy(update={"id": f"t{i + 1}", "start": 10 * i, "end": 10 * i + 5})
        for i, t in enumerate(targets)
    ]
    return Document(doc_id=f"{region}-{year}", region=region, year=year, targets=ts)


@pytest.fixture
def city_docs(shared_datadir: Path) -> list[Document]:
    folder = shared_datadir / "compare"
    return load_documents([folder / "testcity-2023.json", folder / "testcity-2024.json"])


# ----------------------------------------------------------------- compare


def test_compare_one_row_per_key(city_docs: list[Document]) -> None:
    df = compare(city_docs)
    assert list(df.columns) == list(COLUMNS)
    keys = df[["region", "indicator", "kind", "year", "stance", "scope"]]
    assert not keys.duplicated().any()
    gdp = df[(df["indicator"] == "gdp") & (df["stance"] == "target")]
    assert gdp[["year", "value", "comparator", "text"]].values.tolist() == [
        [2023, 6, "~", "6%左右"],
        [2024, 5.5, "~", "5.5%左右"],
    ]


def test_compare_rows_carry_the_source(city_docs: list[Document], shared_datadir: Path) -> None:
    df = compare(city_docs)
    text = (shared_datadir / "compare" / "reports" / "testcity-2024.txt").read_text("utf-8")
    for row in df[df["doc_id"] == "testcity-2024"].itertuples():
        assert text[row.start : row.end] == row.text
    # 全市地区生产总值 (an achieved figure) still maps to GDP; it is about the year before
    ach = df[(df["indicator"] == "gdp") & (df["stance"] == "achieved") & (df["year"] == 2024)]
    assert ach[["metric", "period", "value"]].values.tolist() == [["全市地区生产总值", 2023, 5.4]]


def test_compare_filters(city_docs: list[Document]) -> None:
    assert set(compare(city_docs, stances=["target"])["stance"]) == {"target"}
    assert set(compare(city_docs, stances=[Stance.ACHIEVED])["stance"]) == {"achieved"}
    assert compare(city_docs, scope="multi-year").empty


def test_compare_keeps_the_headline_and_counts() -> None:
    doc = _doc(
        2024,
        _t("国内生产总值", 5, comparator="~"),
        _t("国内生产总值", 126, "万亿元", ">", kind="amount"),
        _t("经济增长", 5, comparator="~", kind="ratio"),  # a restatement, filed as growth
        _t("高质量发展", None, None, None, kind="qualitative"),  # no indicator: left out
    )
    df = compare([doc])
    assert sorted(df["kind"]) == ["amount", "change"]
    change = df[df["kind"] == "change"].iloc[0]
    assert (change["metric"], change["n_records"], change["target_id"]) == ("国内生产总值", 2, "t1")


def test_compare_separates_annual_and_multi_year() -> None:
    doc = _doc(
        2026,
        _t("地区生产总值", 5, comparator="~", horizon="2026-2030", per_year=True),
        _t("地区生产总值", 5.5, comparator="~", horizon=2026),
    )
    df = compare([doc])
    assert df[["scope", "value", "period"]].values.tolist() == [
        ["annual", 5.5, 2026],
        ["multi-year", 5, "2026-2030"],
    ]


def test_compare_of_nothing_is_an_empty_table() -> None:
    assert list(compare([]).columns) == list(COLUMNS)
    assert compare([Document(region="x", year=2020)]).empty


# ----------------------------------------------------------------- diff


def _by_indicator(changes: list[Any]) -> dict[tuple[str, str], Any]:
    return {(c.indicator, c.kind.value): c for c in changes}


def test_diff_statuses(city_docs: list[Document]) -> None:
    earlier, later = city_docs
    ch = _by_indicator(diff(earlier, later))
    gdp = ch["gdp", "change"]
    assert (gdp.status, gdp.comparator_changed, gdp.news) == (ChangeStatus.LOWERED, False, True)
    assert (gdp.value_before, gdp.value_after) == (6, 5.5)
    jobs = ch["urban_new_jobs", "amount"]
    assert jobs.status == ChangeStatus.UNCHANGED and jobs.comparator_changed and jobs.news
    assert (jobs.comparator_before, jobs.comparator_after) == (Comparator.APPROX, Comparator.GE)
    unemp = ch["surveyed_unemployment", "ratio"]
    assert (unemp.status, unemp.comparator_changed, unemp.news) == (
        ChangeStatus.UNCHANGED,
        False,
        False,
    )
    assert ch["general_budget_revenue", "change"].status == ChangeStatus.DROPPED
    assert ch["grain_output", "amount"].status == ChangeStatus.DROPPED
    new = ch["industrial_value_added_above_scale", "change"]
    assert new.status == ChangeStatus.NEW and new.value_before is None and new.value_after == 7
    # the later report's order first, then what was dropped
    order = [c.indicator for c in diff(earlier, later)]
    assert order[:2] == ["gdp", "urban_new_jobs"] and order[-1] == "grain_output"


@pytest.mark.parametrize(
    ("before", "after", "status", "comp_changed"),
    [
        (_t("GDP", 6, comparator="~"), _t("GDP", 6.5, comparator="~"), ChangeStatus.RAISED, False),
        (_t("GDP", 6, comparator="~"), _t("GDP", 6, comparator=">="), ChangeStatus.UNCHANGED, True),
        # a range compares by its middle
        (
            _t("GDP", 6.5, comparator="range", value_max=7),
            _t("GDP", 6.75, comparator="~"),
            ChangeStatus.UNCHANGED,
            True,
        ),
        (
            _t("GDP", 6, comparator="range", value_max=6.5),
            _t("GDP", 6.5, comparator="~"),
            ChangeStatus.RAISED,
            True,
        ),
        # units differ but convert: 3900亿元 = 0.39万亿元
        (
            _t("专项债券", 3900, "亿元", kind="amount"),
            _t("专项债券", 0.39, "万亿元", kind="amount"),
            ChangeStatus.UNCHANGED,
            False,
        ),
        (
            _t("专项债券", 3.8, "万亿元", kind="amount"),
            _t("专项债券", 3.9, "万亿元", kind="amount"),
            ChangeStatus.RAISED,
            False,
        ),
        # the number as written: a larger cut is "raised"
        (
            _t("单位GDP能耗", 2.5, direction="down", comparator="~"),
            _t("单位GDP能耗", 3, direction="down", comparator="~"),
            ChangeStatus.RAISED,
            False,
        ),
        # opposite directions compare signed values
        (
            _t("居民消费价格", 1, direction="down"),
            _t("居民消费价格", 0.5, direction="up"),
            ChangeStatus.RAISED,
            False,
        ),
        (
            _t("粮食产量", 1.3, "万亿斤", ">=", kind="amount"),
            _t("粮食产量", 20, "家", ">=", kind="amount"),
            ChangeStatus.INCOMPARABLE,
            False,
        ),
        (
            _t("居民收入", None, None, None, kind="qualitative"),
            _t("居民收入", None, None, None, kind="qualitative"),
            ChangeStatus.UNCHANGED,
            False,
        ),
    ],
)
def test_diff_pairs(
    before: Target, after: Target, status: ChangeStatus, comp_changed: bool
) -> None:
    (change,) = diff(_doc(2023, before), _doc(2024, after))
    assert change.status == status
    assert change.comparator_changed is comp_changed
    assert change.news is (comp_changed or status != ChangeStatus.UNCHANGED)
    assert (change.year_before, change.year_after, change.region) == (2023, 2024, "甲省")


def test_diff_ignores_achieved_and_multi_year() -> None:
    earlier = _doc(2023, _t("GDP", 5, comparator="~"))
    later = _doc(
        2024,
        _t("GDP", 5.2, stance="achieved"),
        _t("GDP", 5, comparator="~", horizon="2024-2028", per_year=True),
        _t("GDP", 5, comparator="~"),
    )
    (change,) = diff(earlier, later)
    assert change.status == ChangeStatus.UNCHANGED and change.text_after == later.targets[2].text


def test_diff_table_pairs_consecutive_years(city_docs: list[Document]) -> None:
    third = _doc(2025, _t("地区生产总值", 5, comparator=">="), region="测试市")
    df = diff_table([city_docs[1], third, city_docs[0]])
    assert set(zip(df["year_before"], df["year_after"], strict=True)) == {
        (2023, 2024),
        (2024, 2025),
    }
    gdp25 = df[(df["indicator"] == "gdp") & (df["year_after"] == 2025)].iloc[0]
    assert (gdp25["status"], gdp25["comparator_changed"]) == ("lowered", True)


# ----------------------------------------------------------------- fulfilment


def _assess(target: Target, achieved: Target | None, better: Any = None) -> Fulfilment:
    return assess(target, achieved, better=better)[0]


MET, MISSED, UNKNOWN = Fulfilment.MET, Fulfilment.MISSED, Fulfilment.UNKNOWN


@pytest.mark.parametrize(
    ("target", "achieved", "better", "expected"),
    [
        # >= (以上: the number itself counts)
        (_t("GDP", 6, comparator=">="), _t("GDP", 8.1, stance="achieved"), None, MET),
        (_t("GDP", 6, comparator=">="), _t("GDP", 6, stance="achieved"), None, MET),
        (_t("GDP", 6, comparator=">="), _t("GDP", 5.9, stance="achieved"), None, MISSED),
        # > (超过: it does not)
        (_t("GDP", 6, comparator=">"), _t("GDP", 6, stance="achieved"), None, MISSED),
        (_t("GDP", 6, comparator=">"), _t("GDP", 6.1, stance="achieved"), None, MET),
        # <= and <
        (
            _t("失业率", 5.5, comparator="<=", kind="ratio"),
            _t("失业率", 5.5, kind="ratio", stance="achieved"),
            "lower",
            MET,
        ),
        (
            _t("失业率", 5.5, comparator="<=", kind="ratio"),
            _t("失业率", 5.6, kind="ratio", stance="achieved"),
            "lower",
            MISSED,
        ),
        (
            _t("失业率", 5.5, comparator="<", kind="ratio"),
            _t("失业率", 5.5, kind="ratio", stance="achieved"),
            "lower",
            MISSED,
        ),
        (
            _t("失业率", 5.5, comparator="<", kind="ratio"),
            _t("失业率", 5.4, kind="ratio", stance="achieved"),
            "lower",
            MET,
        ),
        # range: within [value, value_max]; beyond it only on the better side
        (
            _t("GDP", 6.5, comparator="range", value_max=7),
            _t("GDP", 6.7, stance="achieved"),
            None,
            MET,
        ),
        (
            _t("GDP", 6.5, comparator="range", value_max=7),
            _t("GDP", 7, stance="achieved"),
            None,
            MET,
        ),
        (
            _t("GDP", 6.5, comparator="range", value_max=7),
            _t("GDP", 6.4, stance="achieved"),
            "higher",
            MISSED,
        ),
        (
            _t("GDP", 6.5, comparator="range", value_max=7),
            _t("GDP", 7.2, stance="achieved"),
            None,
            MISSED,
        ),
        (
            _t("GDP", 6.5, comparator="range", value_max=7),
            _t("GDP", 7.2, stance="achieved"),
            "higher",
            MET,
        ),
        # ~: within 0.5 percentage points for rates
        (_t("GDP", 5, comparator="~"), _t("GDP", 5.2, stance="achieved"), "higher", MET),
        (_t("GDP", 5, comparator="~"), _t("GDP", 4.5, stance="achieved"), "higher", MET),
        (_t("GDP", 5, comparator="~"), _t("GDP", 4.4, stance="achieved"), "higher", MISSED),
        (_t("GDP", 5, comparator="~"), _t("GDP", 5.6, stance="achieved"), None, MISSED),
        (_t("GDP", 5, comparator="~"), _t("GDP", 5.6, stance="achieved"), "higher", MET),
        # ~ on a cap: inflation well under 3%左右 meets it
        (_t("CPI", 3, comparator="~"), _t("CPI", 0.2, stance="achieved"), "lower", MET),
        (_t("CPI", 3, comparator="~"), _t("CPI", 3.6, stance="achieved"), "lower", MISSED),
        # = and ~ on amounts: within 5 % of the target, in base units
        (
            _t("就业", 1200, "万人", "~", kind="amount"),
            _t("就业", 1244, "万人", kind="amount", stance="achieved"),
            None,
            MET,
        ),
        (
            _t("就业", 1200, "万人", "=", kind="amount"),
            _t("就业", 1100, "万人", kind="amount", stance="achieved"),
            None,
            MISSED,
        ),
        (
            _t("就业", 1200, "万人", "~", kind="amount"),
            _t("就业", 13000000, "人", kind="amount", stance="achieved"),
            "higher",
            MET,
        ),
        (
            _t("粮食", 1.3, "万亿斤", ">=", kind="amount"),
            _t("粮食", 13900, "亿斤", kind="amount", stance="achieved"),
            None,
            MET,
        ),
        # direction down: 降低2.5%左右 is a change of about −2.5
        (
            _t("能耗", 2.5, comparator="~", direction="down"),
            _t("能耗", 2.6, direction="down", stance="achieved"),
            "lower",
            MET,
        ),
        (
            _t("能耗", 2.5, comparator="~", direction="down"),
            _t("能耗", 1.5, direction="down", stance="achieved"),
            "lower",
            MISSED,
        ),
        (
            _t("能耗", 2.5, comparator="~", direction="down"),
            _t("能耗", 0.5, stance="achieved"),
            "lower",
            MISSED,
        ),
        (
            _t("能耗", 2.5, comparator="~", direction="down"),
            _t("能耗", 4, direction="down", stance="achieved"),
            "lower",
            MET,
        ),
        # 下降2%以上 is a change of −2 or less
        (
            _t("能耗", 2, comparator=">=", direction="down"),
            _t("能耗", 3, direction="down", stance="achieved"),
            "lower",
            MET,
        ),
        (
            _t("能耗", 2, comparator=">=", direction="down"),
            _t("能耗", 1, direction="down", stance="achieved"),
            "lower",
            MISSED,
        ),
        # unknown
        (_t("GDP", 5, comparator="~"), None, "higher", UNKNOWN),
        (
            _t("GDP", 5, comparator="~"),
            _t("GDP", None, None, None, kind="qualitative", stance="achieved"),
            None,
            UNKNOWN,
        ),
        (
            _t("GDP", 5, comparator="~"),
            _t("GDP", 126, "万亿元", kind="amount", stance="achieved"),
            None,
            UNKNOWN,
        ),
        (
            _t("居民收入", None, None, None, kind="qualitative"),
            _t("居民收入", 6.1, stance="achieved"),
            None,
            UNKNOWN,
        ),
    ],
)
def test_assess(target: Target, achieved: Target | None, better: Any, expected: Fulfilment) -> None:
    assert _assess(target, achieved, better) == expected


def test_assess_reports_gap_and_rule() -> None:
    status, gap, rule = assess(_t("GDP", 5, comparator="~"), _t("GDP", 5.2, stance="achieved"))
    assert status == MET and gap == pytest.approx(0.2) and "0.5" in rule


def test_fulfilment_table(city_docs: list[Document]) -> None:
    df = fulfilment(city_docs)
    assert list(df.columns) == list(FULFILMENT_COLUMNS)
    got = {(r.indicator, r.period): r.status for r in df.itertuples()}
    assert got == {
        ("gdp", 2023): "missed",  # 6%左右 vs 5.4%
        ("gdp", 2024): "unknown",
        ("urban_new_jobs", 2023): "met",  # 5万人左右 vs 5.3万人: over, and more is better
        ("urban_new_jobs", 2024): "unknown",
        ("surveyed_unemployment", 2023): "met",  # 5.5%以内 vs 5.1%
        ("surveyed_unemployment", 2024): "unknown",
        ("general_budget_revenue", 2023): "missed",  # 5% vs 3%
        ("grain_output", 2023): "met",  # 30万吨以上 vs 31.2万吨
        ("industrial_value_added_above_scale", 2024): "unknown",
    }
    row = df[(df["indicator"] == "gdp") & (df["period"] == 2023)].iloc[0]
    assert (row["target_doc_id"], row["achieved_doc_id"]) == ("testcity-2023", "testcity-2024")
    assert (row["target_text"], row["achieved_text"]) == ("6%左右", "5.4%")


def test_fulfilment_matches_region_and_kind() -> None:
    docs = [
        _doc(2023, _t("GDP", 5, comparator="~"), region="甲省"),
        _doc(2024, _t("GDP", 8, stance="achieved"), region="乙省"),
        _doc(2024, _t("GDP", 126, "万亿元", kind="amount", stance="achieved"), region="甲省"),
    ]
    (row,) = fulfilment(docs).itertuples()
    assert (row.region, row.status) == ("甲省", "unknown")


# ----------------------------------------------------------------- plotting and files


@pytest.mark.filterwarnings("ignore:Glyph")
def test_plot_targets(city_docs: list[Document], tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    df = compare(city_docs)
    fig = plot_targets(df, indicator="gdp")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = ax.get_legend_handles_labels()[1]
    assert "target, about (~)" in labels and "achieved" in labels
    fig.savefig(tmp_path / "gdp.png")
    assert (tmp_path / "gdp.png").stat().st_size > 1000
    jobs = plot_targets(df, indicator="urban_new_jobs", region="测试市")
    assert {"target, about (~)", "target, at least (≥)"} <= set(
        jobs.axes[0].get_legend_handles_labels()[1]
    )


@pytest.mark.filterwarnings("ignore:Glyph")
def test_plot_targets_range_and_by_region() -> None:
    docs = [
        _doc(2026, _t("地区生产总值", 5, comparator="range", value_max=5.5), region="甲省"),
        _doc(2026, _t("地区生产总值", 6, comparator=">="), region="乙省"),
    ]
    fig = plot_targets(compare(docs), indicator="gdp", by="region")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["乙省", "甲省"]
    assert "target range" in ax.get_legend_handles_labels()[1]
    empty = plot_targets(compare(docs), indicator="cpi")
    assert isinstance(empty.axes[0].get_title(), str)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".html", ".md"])
def test_write_table(city_docs: list[Document], tmp_path: Path, suffix: str) -> None:
    df = compare(city_docs)
    out = tmp_path / f"table{suffix}"
    write_table(df, out)
    assert out.stat().st_size > 100
    if suffix == ".csv":
        assert len(pd.read_csv(out)) == len(df)
    if suffix == ".xlsx":
        assert len(pd.read_excel(out)) == len(df)
    with pytest.raises(ValueError, match="unknown table format"):
        write_table(df, tmp_path / "table.txt")


# ----------------------------------------------------------------- CLI


def test_cli_compare_json(shared_datadir: Path, tmp_path: Path, capsys: Any) -> None:
    folder = shared_datadir / "compare"
    out = tmp_path / "t.csv"
    assert main(["compare", str(folder), "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert set(df["doc_id"]) == {"testcity-2023", "testcity-2024"}
    assert main(["compare", str(folder), "--indicator", "地区生产总值", "-o", str(out)]) == 0
    assert set(pd.read_csv(out)["indicator"]) == {"gdp"}
    assert main(["compare", str(folder), "--region", "乙省", "-o", str(out)]) == 0
    assert pd.read_csv(out).empty
    assert main(["compare", str(folder), "--table", "fulfilment", "-o", str(out)]) == 0
    assert "met" in set(pd.read_csv(out)["status"])
    assert main(["compare", str(folder), "--table", "changes", "--indicator", "gdp"]) == 0
    assert "lowered" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".xlsx", ".html", ".md"])
def test_cli_compare_formats(shared_datadir: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"t{suffix}"
    assert main(["compare", str(shared_datadir / "compare"), "-o", str(out)]) == 0
    assert out.stat().st_size > 100


def test_cli_compare_errors(shared_datadir: Path, tmp_path: Path, capsys: Any) -> None:
    folder = str(shared_datadir / "compare")
    assert main(["compare", folder, "-o", str(tmp_path / "t.txt")]) == 2
    assert main(["compare", folder, "--indicator", "没有这个指标"]) == 2
    assert main(["compare", str(tmp_path / "missing")]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"no": "targets"}', encoding="utf-8")
    assert main(["compare", str(bad)]) == 2
    assert "bad.json" in capsys.readouterr().err


def test_cli_compare_reads_report_text(shared_datadir: Path, tmp_path: Path) -> None:
    """Plain reports are parsed; the year comes from the file name."""
    out = tmp_path / "t.csv"
    assert main(["compare", str(shared_datadir / "compare" / "reports"), "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert set(df["doc_id"]) <= {"testcity-2023", "testcity-2024"}
    assert set(df["year"]) <= {2023, 2024}


def test_cli_help_lists_compare(capsys: Any) -> None:
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    assert "--indicator" in capsys.readouterr().out


# ----------------------------------------------------------------- the package's lazy exports


def test_package_exports_in_session(city_docs: list[Document]) -> None:
    import plan_extract

    n = len(plan_extract.compare(city_docs))
    assert n == len(compare(city_docs))
    assert plan_extract.diff is diff and plan_extract.plot_targets is plot_targets


def test_package_exports_fresh_interpreter(shared_datadir: Path) -> None:
    code = (
        "import sys, plan_extract\n"
        "from plan_extract.models import Document\n"
        "f = plan_extract.compare\n"
        "docs = [Document.model_validate_json(open(p, encoding='utf-8').read()) for p in sys.argv[1:]]\n"
        "assert len(plan_extract.compare(docs)) > 0\n"
        "assert len(plan_extract.diff(*docs)) > 0\n"
        "assert callable(plan_extract.plot_targets)\n"
    )
    files = sorted(str(p) for p in (shared_datadir / "compare").glob("*.json"))
    proc = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


# ----------------------------------------------------------------- the cases, real reports


@pytest.fixture(scope="module")
def national_2023_2024() -> list[Document]:
    return load_documents([NATIONAL / "guowuyuan-2023.txt", NATIONAL / "guowuyuan-2024.txt"])


def test_national_metadata_from_manifest(national_2023_2024: list[Document]) -> None:
    assert [(d.region, d.year) for d in national_2023_2024] == [("国务院", 2023), ("国务院", 2024)]


def test_national_jobs_comparator_change(national_2023_2024: list[Document]) -> None:
    ch = _by_indicator(diff(*national_2023_2024))
    jobs = ch["urban_new_jobs", "amount"]
    assert (jobs.text_before, jobs.text_after) == ("1200万人左右", "1200万人以上")
    assert jobs.status == ChangeStatus.UNCHANGED
    assert jobs.comparator_changed and jobs.news
    gdp = ch["gdp", "change"]
    assert (gdp.text_before, gdp.text_after) == ("5%左右", "5%左右")
    assert gdp.status == ChangeStatus.UNCHANGED and not gdp.comparator_changed and not gdp.news


def test_national_gdp_2023_target_met(national_2023_2024: list[Document]) -> None:
    df = fulfilment(national_2023_2024)
    row = df[(df["indicator"] == "gdp") & (df["kind"] == "change") & (df["period"] == 2023)]
    assert len(row) == 1
    r = row.iloc[0]
    assert (r["target_text"], r["comparator"], r["achieved_value"]) == ("5%左右", "~", 5.2)
    assert r["status"] == "met"
    assert math.isclose(r["gap"], 0.2)


# ----------------------------------------------------------------- the notebook


def test_cross_year_notebook_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = ROOT / "notebooks" / "cross_year.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=240, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "years without a report in the corpus" in text
    assert "provinces with a GDP growth target" in text
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2
