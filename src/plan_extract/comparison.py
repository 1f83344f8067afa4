"""Targets across years and regions: one table, how targets moved, whether they were met.

Three questions a researcher asks of a pile of reports, each a plain function:

- :func:`compare` — one row per region × indicator × kind × year × stance: the
  *headline* record of each report for each canonical indicator
  (:mod:`plan_extract.indicators`), with its value, comparator, unit, quote and
  offsets.
- :func:`diff` — how one report's targets moved against an earlier one's:
  raised, lowered, unchanged, new, dropped, and whether the comparator changed
  (``左右`` → ``以上``: analysts read that as news).
- :func:`fulfilment` — year N's target against the achieved figure for year N
  in a later report (normally the N+1 review): met, missed or unknown.

and :func:`plot_targets` draws a compare table. pandas and matplotlib (the
``compare`` extra) are imported only when a function needs them.

**Headline.** A report often states one indicator several times (the
headline ``国内生产总值增长5%左右``, then ``经济增长预期目标为5%左右``). For each
indicator, kind, stance and scope the first record in the document is kept and
``n_records`` counts them all.

**Scope and period.** ``scope`` is ``annual`` for a figure about one year and
``multi-year`` for five-year and 到2030年 figures or 年均 rates. ``period`` is
the year an annual figure is about: a target's horizon (the report's year by
default); for an achieved figure the year before the report (reports review the
last year), unless the record's horizon names an earlier year.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from .errors import InputFileError
from .indicators import IndicatorLexicon, enrich, load_indicators
from .models import Comparator, Direction, Document, Kind, Stance, Target
from .units import base_unit

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "COLUMNS",
    "Change",
    "ChangeStatus",
    "FULFILMENT_COLUMNS",
    "Fulfilment",
    "RATE_TOLERANCE",
    "RELATIVE_TOLERANCE",
    "assess",
    "compare",
    "diff",
    "diff_table",
    "fulfilment",
    "load_documents",
    "plot_targets",
    "write_table",
]

#: Tolerance of ``~`` / ``=`` targets in percent, per mille and percentage points.
RATE_TOLERANCE = 0.5
#: Tolerance of ``~`` / ``=`` targets in any other unit, relative to the target.
RELATIVE_TOLERANCE = 0.05
_RATE_UNITS = frozenset({"%", "‰", "percentage points"})

COLUMNS: tuple[str, ...] = (
    "region",
    "level",
    "year",
    "period",
    "indicator",
    "indicator_name",
    "kind",
    "stance",
    "scope",
    "metric",
    "action",
    "direction",
    "value",
    "value_max",
    "comparator",
    "unit",
    "value_base",
    "base_unit",
    "hedge",
    "horizon",
    "text",
    "start",
    "end",
    "doc_id",
    "source_file",
    "target_id",
    "n_records",
)

FULFILMENT_COLUMNS: tuple[str, ...] = (
    "region",
    "indicator",
    "indicator_name",
    "kind",
    "period",
    "status",
    "comparator",
    "target_value",
    "target_value_max",
    "target_unit",
    "achieved_value",
    "achieved_unit",
    "gap",
    "rule",
    "target_text",
    "achieved_text",
    "target_doc_id",
    "achieved_doc_id",
    "target_start",
    "achieved_start",
)


def _pandas() -> Any:
    try:
        import pandas
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
        raise ModuleNotFoundError(
            "plan_extract.comparison needs pandas: pip install 'plan-extract[compare]'"
        ) from exc
    return pandas


# --------------------------------------------------------------------------- headlines


@dataclass(frozen=True)
class _Headline:
    doc: Document
    target: Target
    scope: str
    period: int | str | None
    n_records: int
    kind: str


def _scope_period(t: Target, year: int | None) -> tuple[str, int | str | None]:
    h = t.horizon
    if isinstance(h, str) and h.strip().isdigit():
        h = int(h.strip())
    if t.per_year or isinstance(h, str):
        return "multi-year", h
    if t.stance == Stance.TARGET:
        if h is None or year is None or h == year:
            return "annual", h if h is not None else year
        return "multi-year", h
    # achieved and forecast figures: the report reviews (or estimates) the last year
    if h is None or h == year:
        return "annual", (year - 1) if year is not None else None
    return "annual", h


def _series_kind(t: Target, lexicon: IndicatorLexicon) -> str:
    """The kind a record is filed under: a percentage of a non-rate indicator is its growth.

    ``经济增长预期目标为5%左右`` may come out as a ``ratio``; GDP has no level in
    percent, so it joins the ``change`` series of the headline.
    """
    ind = lexicon.indicators.get(t.indicator or "")
    if t.kind == Kind.RATIO and ind is not None and ind.kind != Kind.RATIO and t.unit:
        b = base_unit(t.unit)
        if b is not None and b.unit == "%":
            return Kind.CHANGE.value
    return t.kind.value


def _headlines(
    doc: Document, lexicon: IndicatorLexicon
) -> dict[tuple[str, str, str, str], _Headline]:
    """First record per (indicator, kind, stance, scope), in document order."""
    found: dict[tuple[str, str, str, str], _Headline] = {}
    counts: dict[tuple[str, str, str, str], int] = {}
    for raw in sorted(doc.targets, key=lambda t: (t.start, t.end)):
        t = enrich(raw, lexicon=lexicon)
        if t.indicator is None:
            continue
        scope, period = _scope_period(t, doc.year)
        key = (t.indicator, _series_kind(t, lexicon), t.stance.value, scope)
        counts[key] = counts.get(key, 0) + 1
        if key not in found:
            found[key] = _Headline(doc, t, scope, period, 0, key[1])
    return {
        k: _Headline(h.doc, h.target, h.scope, h.period, counts[k], h.kind)
        for k, h in found.items()
    }


def _enum_value(v: object) -> object:
    return v.value if isinstance(v, StrEnum) else v


def _row(h: _Headline, lexicon: IndicatorLexicon) -> dict[str, object]:
    t, d = h.target, h.doc
    ind = lexicon.indicators.get(t.indicator or "")
    return {
        "region": d.region,
        "level": _enum_value(d.level),
        "year": d.year,
        "period": h.period,
        "indicator": t.indicator,
        "indicator_name": ind.name if ind else None,
        "kind": h.kind,
        "stance": t.stance.value,
        "scope": h.scope,
        "metric": t.metric,
        "action": t.action,
        "direction": _enum_value(t.direction),
        "value": t.value,
        "value_max": t.value_max,
        "comparator": _enum_value(t.comparator),
        "unit": t.unit,
        "value_base": t.value_base,
        "base_unit": t.base_unit,
        "hedge": t.hedge,
        "horizon": t.horizon,
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "doc_id": d.doc_id,
        "source_file": d.source_file,
        "target_id": t.id,
        "n_records": h.n_records,
    }


def compare(
    documents: Iterable[Document],
    *,
    stances: Iterable[Stance | str] | None = None,
    scope: Literal["annual", "multi-year"] | None = None,
    lexicon: IndicatorLexicon | None = None,
) -> pd.DataFrame:
    """One row per region × indicator × kind × year × stance × scope (columns: :data:`COLUMNS`).

    Only records whose metric maps to an indicator are kept. ``stances`` and
    ``scope`` filter the rows (default: all). Rows are sorted by region,
    indicator, kind, stance, scope and year, so the table is deterministic.
    """
    pd = _pandas()
    lex = lexicon or load_indicators()
    wanted = {Stance(s).value for s in stances} if stances is not None else None
    rows: list[dict[str, object]] = []
    for doc in documents:
        for h in _headlines(doc, lex).values():
            if wanted is not None and h.target.stance.value not in wanted:
                continue
            if scope is not None and h.scope != scope:
                continue
            rows.append(_row(h, lex))
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    if df.empty:
        return df
    df["_region"] = df["region"].fillna("")
    df["_year"] = df["year"].fillna(-1)
    df = df.sort_values(
        ["_region", "indicator", "kind", "stance", "scope", "_year", "doc_id"], kind="stable"
    )
    return df.drop(columns=["_region", "_year"]).reset_index(drop=True)


# --------------------------------------------------------------------------- diff


class ChangeStatus(StrEnum):
    RAISED = "raised"
    LOWERED = "lowered"
    UNCHANGED = "unchanged"
    NEW = "new"
    DROPPED = "dropped"
    #: the values cannot be compared: different base units, or a number against none
    INCOMPARABLE = "incomparable"


class Change(BaseModel):
    """How one indicator's target moved between two reports.

    ``raised``/``lowered`` compare the number as written (the middle of a
    range; base units when the units differ), so ``能耗降低2.5%`` → ``降低3%``
    is ``raised``; opposite directions compare signed values.
    ``news`` is true for anything but an unchanged value under an unchanged
    comparator.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    region: str | None
    indicator: str
    kind: Kind
    status: ChangeStatus
    comparator_changed: bool = False
    news: bool = False
    year_before: int | None = None
    year_after: int | None = None
    metric_before: str | None = None
    metric_after: str | None = None
    value_before: float | None = None
    value_max_before: float | None = None
    comparator_before: Comparator | None = None
    unit_before: str | None = None
    text_before: str | None = None
    value_after: float | None = None
    value_max_after: float | None = None
    comparator_after: Comparator | None = None
    unit_after: str | None = None
    text_after: str | None = None


def _annual_targets(doc: Document, lexicon: IndicatorLexicon) -> dict[tuple[str, str], Target]:
    return {
        (k[0], k[1]): h.target
        for k, h in _headlines(doc, lexicon).items()
        if k[2] == Stance.TARGET.value and k[3] == "annual"
    }


def _point(t: Target) -> tuple[float, str | None] | None:
    """The comparable number of a target (middle of a range) and its base unit."""
    if t.value is None:
        return None
    v = float(t.value)
    if t.value_max is not None:
        v = (v + float(t.value_max)) / 2
    b = base_unit(t.unit)
    if b is None:
        return v, None
    return v * b.factor, b.unit


def _signed(t: Target, v: float) -> float:
    return -v if t.kind == Kind.CHANGE and t.direction == Direction.DOWN else v


def _move(before: Target, after: Target) -> ChangeStatus:
    a, b = _point(before), _point(after)
    if a is None and b is None:
        return ChangeStatus.UNCHANGED
    if a is None or b is None or a[1] != b[1]:
        return ChangeStatus.INCOMPARABLE
    va, vb = a[0], b[0]
    if (before.direction or Direction.UP) != (after.direction or Direction.UP):
        va, vb = _signed(before, va), _signed(after, vb)
    if abs(va - vb) <= 1e-9 * max(1.0, abs(va), abs(vb)):
        return ChangeStatus.UNCHANGED
    return ChangeStatus.RAISED if vb > va else ChangeStatus.LOWERED


def _f(v: float | int | None) -> float | None:
    return None if v is None else float(v)


def diff(
    earlier: Document, later: Document, *, lexicon: IndicatorLexicon | None = None
) -> list[Change]:
    """Per indicator and kind, how the annual headline target moved from ``earlier`` to ``later``.

    Changes come in the later report's order, then the dropped ones in the
    earlier report's order.
    """
    lex = lexicon or load_indicators()
    before, after = _annual_targets(earlier, lex), _annual_targets(later, lex)
    keys = sorted(after, key=lambda k: after[k].start) + sorted(
        (k for k in before if k not in after), key=lambda k: before[k].start
    )
    out: list[Change] = []
    for key in keys:
        b, a = before.get(key), after.get(key)
        if b is None:
            status, comp_changed = ChangeStatus.NEW, False
        elif a is None:
            status, comp_changed = ChangeStatus.DROPPED, False
        else:
            status = _move(b, a)
            comp_changed = b.comparator != a.comparator
        out.append(
            Change(
                region=later.region or earlier.region,
                indicator=key[0],
                kind=Kind(key[1]),
                status=status,
                comparator_changed=comp_changed,
                news=comp_changed or status != ChangeStatus.UNCHANGED,
                year_before=earlier.year,
                year_after=later.year,
                metric_before=b.metric if b else None,
                metric_after=a.metric if a else None,
                value_before=_f(b.value) if b else None,
                value_max_before=_f(b.value_max) if b else None,
                comparator_before=b.comparator if b else None,
                unit_before=b.unit if b else None,
                text_before=b.text if b else None,
                value_after=_f(a.value) if a else None,
                value_max_after=_f(a.value_max) if a else None,
                comparator_after=a.comparator if a else None,
                unit_after=a.unit if a else None,
                text_after=a.text if a else None,
            )
        )
    return out


def diff_table(
    documents: Iterable[Document], *, lexicon: IndicatorLexicon | None = None
) -> pd.DataFrame:
    """:func:`diff` of each region's consecutive reports (by year), as one table."""
    pd = _pandas()
    by_region: dict[str, list[Document]] = {}
    for d in documents:
        by_region.setdefault(d.region or "", []).append(d)
    rows: list[dict[str, object]] = []
    for region in sorted(by_region):
        docs = sorted(
            (d for d in by_region[region] if d.year is not None), key=lambda d: d.year or 0
        )
        for earlier, later in zip(docs, docs[1:], strict=False):
            rows.extend(c.model_dump(mode="json") for c in diff(earlier, later, lexicon=lexicon))
    return pd.DataFrame(rows, columns=list(Change.model_fields))


# --------------------------------------------------------------------------- fulfilment


class Fulfilment(StrEnum):
    MET = "met"
    MISSED = "missed"
    UNKNOWN = "unknown"


_FLIP = {
    Comparator.GE: Comparator.LE,
    Comparator.GT: Comparator.LT,
    Comparator.LE: Comparator.GE,
    Comparator.LT: Comparator.GT,
}


def _fmt(x: float) -> str:
    return f"{x:.10g}"


def assess(
    target: Target, achieved: Target | None, *, better: Literal["higher", "lower"] | None = None
) -> tuple[Fulfilment, float | None, str]:
    """Was ``target`` met by ``achieved``? Returns (status, gap, the rule applied).

    Values are compared in base units (``1200万人`` against ``1244万人``); a
    ``change`` with direction ``down`` (``能耗降低2.5%``) is compared as a
    negative number, and its comparator turns round (``下降2%以上`` means a
    change ≤ −2). ``gap`` is achieved − target on that signed scale.

    - ``>=``, ``>``, ``<=``, ``<``: the comparison as written (以上/以内 include
      the number, 超过/低于 exclude it).
    - ``range``: met within ``[value, value_max]``.
    - ``~`` and ``=``: met when ``|achieved − target| ≤ 0.5`` for rates (``%``,
      ``‰``, percentage points: :data:`RATE_TOLERANCE`) or within 5 % of the
      target for other units (:data:`RELATIVE_TOLERANCE`).
    - ``range``, ``~``, ``=``: when the indicator says which way is better
      (``better``), overshooting on that side also counts as met: growth of
      5.8 % against ``5%左右`` is met, and so is inflation of 0.2 % against the
      cap ``居民消费价格涨幅3%左右`` (``better="lower"``).
    - ``unknown``: no achieved figure, a value missing, a qualitative record,
      or units that do not convert to the same base unit.
    """
    if achieved is None:
        return Fulfilment.UNKNOWN, None, "no achieved figure"
    if target.value is None or achieved.value is None:
        return Fulfilment.UNKNOWN, None, "no value to compare"
    bt, ba = base_unit(target.unit), base_unit(achieved.unit)
    ut, ua = (
        (bt.unit, bt.factor) if bt else (None, 1.0),
        (ba.unit, ba.factor) if ba else (None, 1.0),
    )
    if ut[0] != ua[0]:
        return Fulfilment.UNKNOWN, None, f"units differ: {target.unit} vs {achieved.unit}"
    lo = _signed(target, float(target.value) * ut[1])
    hi = _signed(target, float(target.value_max) * ut[1]) if target.value_max is not None else lo
    lo, hi = min(lo, hi), max(lo, hi)
    a = _signed(achieved, float(achieved.value) * ua[1])
    comp = target.comparator or Comparator.EQ
    if target.kind == Kind.CHANGE and target.direction == Direction.DOWN:
        comp = _FLIP.get(comp, comp)
    gap = a - lo if comp != Comparator.RANGE else (a - lo if a < lo else a - hi if a > hi else 0.0)
    checks = {
        Comparator.GE: (a >= lo, f"{_fmt(a)} >= {_fmt(lo)}"),
        Comparator.GT: (a > lo, f"{_fmt(a)} > {_fmt(lo)}"),
        Comparator.LE: (a <= lo, f"{_fmt(a)} <= {_fmt(lo)}"),
        Comparator.LT: (a < lo, f"{_fmt(a)} < {_fmt(lo)}"),
    }
    if comp in checks:
        ok, rule = checks[comp]
        return (Fulfilment.MET if ok else Fulfilment.MISSED), gap, rule
    if comp == Comparator.RANGE:
        ok, rule = lo <= a <= hi, f"{_fmt(lo)} <= {_fmt(a)} <= {_fmt(hi)}"
    else:
        rate = ut[0] in _RATE_UNITS
        tol = RATE_TOLERANCE if rate else RELATIVE_TOLERANCE * abs(lo)
        ok = abs(a - lo) <= tol + 1e-9
        rule = f"|{_fmt(a)} - {_fmt(lo)}| <= {_fmt(tol)}" + ("" if rate else " (5% of target)")
    if not ok and better is not None:
        favourable = a > hi if better == "higher" else a < lo
        if favourable:
            return Fulfilment.MET, gap, f"{rule} fails, but {better} is better"
    return (Fulfilment.MET if ok else Fulfilment.MISSED), gap, rule


def fulfilment(
    documents: Iterable[Document], *, lexicon: IndicatorLexicon | None = None
) -> pd.DataFrame:
    """Each annual target against the achieved figure for its year.

    Columns: :data:`FULFILMENT_COLUMNS`.

    Target of year N (report N) and achieved figure of year N (normally from
    report N+1's review) are matched on region, indicator and kind; see
    :func:`assess` for the rules and tolerances. Targets with no value
    (qualitative) are left out; targets with no achieved figure are ``unknown``.
    """
    pd = _pandas()
    lex = lexicon or load_indicators()
    targets: list[_Headline] = []
    achieved: dict[tuple[str, str, str, object], list[_Headline]] = {}
    for doc in documents:
        for key, h in _headlines(doc, lex).items():
            if key[3] != "annual" or not isinstance(h.period, int):
                continue
            if key[2] == Stance.TARGET.value and h.target.kind != Kind.QUALITATIVE:
                targets.append(h)
            elif key[2] == Stance.ACHIEVED.value:
                akey = (doc.region or "", key[0], key[1], h.period)
                achieved.setdefault(akey, []).append(h)
    rows: list[dict[str, object]] = []
    for h in targets:
        t = h.target
        cands = achieved.get((h.doc.region or "", t.indicator or "", h.kind, h.period), [])
        # prefer the review in the next year's report, then the earliest report
        cands = sorted(
            cands,
            key=lambda c: (
                c.doc.year != (h.period + 1 if isinstance(h.period, int) else None),
                c.doc.year or 0,
            ),
        )
        got = cands[0] if cands else None
        ind = lex.indicators.get(t.indicator or "")
        status, gap, rule = assess(
            t, got.target if got else None, better=ind.better if ind else None
        )
        a = got.target if got else None
        rows.append(
            {
                "region": h.doc.region,
                "indicator": t.indicator,
                "indicator_name": ind.name if ind else None,
                "kind": h.kind,
                "period": h.period,
                "status": status.value,
                "comparator": _enum_value(t.comparator),
                "target_value": t.value,
                "target_value_max": t.value_max,
                "target_unit": t.unit,
                "achieved_value": a.value if a else None,
                "achieved_unit": a.unit if a else None,
                "gap": gap,
                "rule": rule,
                "target_text": t.text,
                "achieved_text": a.text if a else None,
                "target_doc_id": h.doc.doc_id,
                "achieved_doc_id": got.doc.doc_id if got else None,
                "target_start": t.start,
                "achieved_start": a.start if a else None,
            }
        )
    df = pd.DataFrame(rows, columns=list(FULFILMENT_COLUMNS))
    if df.empty:
        return df
    df["_region"] = df["region"].fillna("")
    df = df.sort_values(["_region", "indicator", "kind", "period"], kind="stable")
    return df.drop(columns=["_region"]).reset_index(drop=True)


# --------------------------------------------------------------------------- plotting

_MARKERS = {">=": "^", ">": "^", "<=": "v", "<": "v", "~": "o", "=": "s", "range": "_"}
_LABELS = {
    ">=": "target, at least (≥)",
    ">": "target, more than (>)",
    "<=": "target, at most (≤)",
    "<": "target, less than (<)",
    "~": "target, about (~)",
    "=": "target (=)",
    "range": "target range",
}


def plot_targets(
    df: pd.DataFrame,
    *,
    indicator: str,
    region: str | None = None,
    kind: str | None = None,
    by: Literal["year", "region"] = "year",
    title: str | None = None,
) -> Figure:
    """A matplotlib figure of one indicator's targets (marked by comparator) and achieved values.

    ``df`` is a :func:`compare` table. ``by="year"`` puts each figure at the
    year it is about (``period``; achieved figures join the line); with
    ``by="region"`` the x axis lists the regions (one year's targets side by
    side). ``kind`` defaults to ``change`` when the indicator has growth
    figures, else to the most common kind. The figure is drawn on the Agg
    canvas without pyplot, so no window and no global state.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    sub = df[(df["indicator"] == indicator) & (df["scope"] == "annual")]
    if region is not None:
        sub = sub[sub["region"] == region]
    if kind is None and not sub.empty:
        kinds = sub["kind"].value_counts()
        kind = "change" if "change" in kinds.index else str(kinds.index[0])
    if kind is not None:
        sub = sub[sub["kind"] == kind]
    fig = Figure(figsize=(10, 4.8))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    unit = next((u for u in sub["unit"].dropna()), "") if not sub.empty else ""
    if by == "region":
        regions = list(dict.fromkeys(sub["region"].fillna("").tolist()))
        xpos = {r: i for i, r in enumerate(regions)}
        xs_of: list[int | None] = [xpos[r] for r in sub["region"].fillna("")]
        ax.set_xticks(range(len(regions)))
        ax.set_xticklabels(regions, rotation=60, ha="right", fontsize=8)
    else:
        xs_of = [p if isinstance(p, int) else None for p in sub["period"]]
    sub = sub.assign(_x=xs_of).dropna(subset=["_x", "value"])
    tg = sub[sub["stance"] == "target"]
    for comp, grp in tg.groupby(tg["comparator"].fillna("="), sort=True):
        comp_s = str(comp)
        if comp_s == "range":
            lo = grp["value"].astype(float)
            hi = grp["value_max"].fillna(grp["value"]).astype(float)
            mid = (lo + hi) / 2
            ax.errorbar(
                grp["_x"],
                mid,
                yerr=[mid - lo, hi - mid],
                fmt="none",
                capsize=4,
                ecolor="tab:blue",
                label=_LABELS["range"],
            )
        else:
            ax.scatter(
                grp["_x"],
                grp["value"].astype(float),
                marker=_MARKERS.get(comp_s, "s"),
                s=46,
                color="tab:blue",
                label=_LABELS.get(comp_s, comp_s),
                zorder=3,
            )
    ach = sub[sub["stance"] == "achieved"].sort_values("_x")
    if not ach.empty:
        xs: list[float] = []
        ys: list[float] = []
        for x, y in zip(ach["_x"].astype(float), ach["value"].astype(float), strict=True):
            if by == "year" and xs and x - xs[-1] > 1:  # a year without a figure breaks the line
                xs.append(float("nan"))
                ys.append(float("nan"))
            xs.append(x)
            ys.append(y)
        ax.plot(
            xs,
            ys,
            marker="x",
            linestyle="-" if by == "year" else "",
            color="tab:orange",
            label="achieved",
            zorder=2,
        )
    name = (
        next((n for n in sub["indicator_name"].dropna()), indicator) if not sub.empty else indicator
    )
    ax.set_title(title or f"{name}{f' — {region}' if region else ''} ({kind or 'no data'})")
    ax.set_ylabel(str(unit))
    ax.set_xlabel("region" if by == "region" else "year")
    ax.grid(True, alpha=0.3)
    if not sub.empty:
        ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- files


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                sorted(
                    c
                    for c in p.iterdir()
                    if c.is_file()
                    and c.suffix.lower() in (".txt", ".json", ".jsonl")
                    and c.name != "manifest.json"
                )
            )
        elif p.is_file():
            out.append(p)
        else:
            raise InputFileError(p, "no such file or folder")
    return out


def _manifest_meta(path: Path) -> dict[str, Any]:
    """Metadata from a ``manifest.json`` in the file's folder or up to two folders above."""
    from .manifest import load_manifest

    here = path.resolve()
    for folder in list(here.parents)[:3]:
        m = folder / "manifest.json"
        if m.is_file():
            rel = here.relative_to(folder).as_posix()
            meta = load_manifest(m).meta_for(rel)
            if meta.region is not None or meta.level is not None:
                return {k: v for k, v in meta.as_dict().items() if v is not None}
    from .manifest import infer_meta

    meta = infer_meta(path.name)
    return {k: v for k, v in meta.as_dict().items() if v is not None}


def _documents_from_json(p: Path) -> list[Document]:
    import json

    try:
        raw_text = p.read_text(encoding="utf-8-sig")
        if p.suffix.lower() == ".jsonl":
            items: list[Any] = [json.loads(line) for line in raw_text.splitlines() if line.strip()]
        else:
            data = json.loads(raw_text)
            items = data if isinstance(data, list) else [data]
    except (OSError, ValueError) as exc:
        raise InputFileError(p, f"not a document JSON file: {exc}") from exc
    docs: list[Document] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or "targets" not in item:
            raise InputFileError(p, f"item {i}: not a document (no 'targets')")
        try:
            docs.append(Document.model_validate(item))
        except ValueError as exc:
            raise InputFileError(p, f"item {i}: {exc}") from exc
    return docs


def load_documents(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int | None = None
) -> list[Document]:
    """Documents from report ``.txt`` files (parsed), document JSON files, or folders of them.

    A report's metadata comes from a ``manifest.json`` beside it (or up to two
    folders above), else from its file name (the year) and the text itself.
    """
    from .io import read_text

    docs: list[Document] = []
    for p in _expand(paths):
        if p.suffix.lower() in (".json", ".jsonl"):
            docs.extend(_documents_from_json(p))
            continue
        from .pipeline import parse

        meta = _manifest_meta(p)
        text = read_text(p, max_bytes=max_bytes)
        docs.append(
            parse(
                text,
                year=meta.get("year"),
                region=meta.get("region"),
                level=meta.get("level"),
                doc_id=meta.get("doc_id") or p.stem,
                source_file=str(p),
            )
        )
    return docs


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write a table as ``.csv``, ``.xlsx``, ``.html`` or ``.md`` (chosen by the suffix)."""
    from .io import write_atomic

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        write_atomic(p, df.to_csv(index=False))
    elif suffix == ".xlsx":
        import io

        buf = io.BytesIO()
        df.to_excel(buf, index=False, engine="openpyxl")
        write_atomic(p, buf.getvalue())
    elif suffix in (".html", ".htm"):
        write_atomic(p, df.to_html(index=False, na_rep=""))
    elif suffix in (".md", ".markdown"):
        write_atomic(p, df.to_markdown(index=False) + "\n")
    else:
        raise ValueError(f"{p}: unknown table format {suffix!r} (use .csv, .xlsx, .html or .md)")
