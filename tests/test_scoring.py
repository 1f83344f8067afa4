"""Scoring rules (spec, *Scoring*) on hand-made cases, and ``plan-extract evaluate`` end to end.

The cases in ``tests/data/scoring/*.json`` each hold gold and predicted records
and the expected counts; ``detection``/``strict`` are ``[tp, fp, fn]``.  None of
these tests depend on the extractor: ``evaluate`` runs with a fake
``plan_extract.pipeline``.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from plan_extract.cli import main
from plan_extract.evaluation import evaluate_gold, format_report, report_json
from plan_extract.gold import load_gold, save_gold
from plan_extract.models import Comparator, Document, Kind, Level, Stance, Target
from plan_extract.scoring import FIELDS, char_f1, match, micro, norm_text, score

CASES_DIR = Path(__file__).parent / "data" / "scoring"
CASES = sorted(CASES_DIR.glob("*.json"))


def _load_case(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _records(rows: list[dict[str, Any]]) -> list[Target]:
    return [Target.model_validate(r) for r in rows]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_scoring_case(path: Path) -> None:
    case = _load_case(path)
    gold, pred = _records(case["gold"]), _records(case["predicted"])
    s = score(gold, pred)
    exp = case["expect"]
    assert [s.detection.tp, s.detection.fp, s.detection.fn] == exp["detection"]
    if "strict" in exp:
        assert [s.strict.tp, s.strict.fp, s.strict.fn] == exp["strict"]
    if "f1" in exp:
        assert s.detection.f1 == pytest.approx(exp["f1"])
    for key in ("n_gold", "n_gold_optional", "n_pred"):
        if key in exp:
            assert getattr(s, key) == exp[key]
    if "qualitative" in exp:
        assert s.qualitative.model_dump() == exp["qualitative"]
    if "pairs" in exp:
        got = sorted([gold[gi].id, pred[pi].id] for gi, pi in match(gold, pred))
        assert got == sorted(exp["pairs"])
    if "wrong_fields" in exp:
        assert [w.fields for w in s.wrong] == [exp["wrong_fields"]]
    # Error lists agree with the counts.
    assert len(s.missed) == s.detection.fn
    assert len(s.spurious) == s.detection.fp


def test_case_files_are_valid() -> None:
    assert len(CASES) >= 10
    for path in CASES:
        case = _load_case(path)
        assert case["id"] == path.stem
        assert case["description"]
        _records(case["gold"])
        _records(case["predicted"])


# ---------------------------------------------------------------- code cases


def _t(id: str, start: int, end: int, value: float | None = 1, **kw: Any) -> Target:
    fields: dict[str, Any] = {"kind": Kind.AMOUNT, "text": "x" * (end - start)}
    fields.update(kw)
    return Target(id=id, start=start, end=end, value=value, **fields)


def test_documents_and_lists_are_both_accepted() -> None:
    gold = Document(doc_id="d1", targets=[_t("t1", 0, 4, 5)])
    s = score(gold, Document(targets=[_t("p1", 1, 3, 5)]))
    assert s.doc_id == "d1"
    assert s.detection.f1 == 1.0
    assert score(list(gold.targets), [_t("p1", 1, 3, 5)]).detection.f1 == 1.0


def test_values_compare_with_a_relative_tolerance() -> None:
    assert score([_t("t1", 0, 4, 0.3)], [_t("p1", 0, 4, 0.1 + 0.2)]).detection.tp == 1
    assert score([_t("t1", 0, 4, 1e6)], [_t("p1", 0, 4, 1e6 + 1e-4)]).detection.tp == 1
    assert score([_t("t1", 0, 4, 0.3)], [_t("p1", 0, 4, 0.3001)]).detection.tp == 0


def test_optional_wins_no_ties_and_prefers_counted_gold() -> None:
    # Equal overlap with an optional and a counted record: the counted one is matched.
    gold = [_t("t1", 0, 4, 5, optional=True), _t("t2", 4, 8, 5)]
    s = score(gold, [_t("p1", 2, 6, 5)])
    assert (s.detection.tp, s.detection.fp, s.detection.fn) == (1, 0, 0)


def test_precision_recall_f1() -> None:
    gold = [_t(f"t{i}", i * 10, i * 10 + 4, i) for i in range(4)]
    pred = [_t("p0", 0, 4, 0), _t("p1", 10, 14, 1), _t("p9", 50, 54, 9)]
    s = score(gold, pred)
    assert (s.detection.tp, s.detection.fp, s.detection.fn) == (2, 1, 2)
    assert s.detection.precision == pytest.approx(2 / 3)
    assert s.detection.recall == pytest.approx(0.5)
    assert s.detection.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert [e.gold.id for e in s.missed if e.gold] == ["t2", "t3"]
    assert [e.predicted.id for e in s.spurious if e.predicted] == ["p9"]


def test_field_accuracies() -> None:
    gold = [
        _t("t1", 0, 4, 5, metric="规上工业增加值", action="增长", unit="%", kind=Kind.CHANGE),
        _t("t2", 10, 14, 6, metric="GDP", action=None, unit="%", comparator=Comparator.APPROX),
    ]
    pred = [
        _t("p1", 0, 4, 5, metric="工业增加值", action="增长", unit="%", kind=Kind.CHANGE),
        _t("p2", 10, 14, 6, metric="居民收入", action="增长", unit="个", comparator=Comparator.EQ),
    ]
    f = score(gold, pred).fields
    assert list(f) == list(FIELDS)
    assert (f["metric"].agree, f["metric"].total) == (0, 2)
    assert f["metric_partial"].agree == 1  # 规上工业增加值 ~ 工业增加值
    assert f["action"].agree == 1
    assert f["unit"].agree == 1
    assert f["comparator"].agree == 1
    assert f["kind"].agree == 2
    assert f["parent"].accuracy == 1.0  # neither has a parent


def test_parent_agreement_goes_through_the_matching() -> None:
    gold = [_t("t1", 0, 4, 100), _t("t2", 10, 14, 40, parent="t1"), _t("t3", 20, 24, 7)]
    good = [_t("a", 0, 4, 100), _t("b", 10, 14, 40, parent="a"), _t("c", 20, 24, 7)]
    assert score(gold, good).fields["parent"].agree == 3
    wrong_parent = [_t("a", 0, 4, 100), _t("b", 10, 14, 40, parent="c"), _t("c", 20, 24, 7)]
    assert score(gold, wrong_parent).fields["parent"].agree == 2
    no_parent = [_t("a", 0, 4, 100), _t("b", 10, 14, 40), _t("c", 20, 24, 7, parent="a")]
    assert score(gold, no_parent).fields["parent"].agree == 1


def test_stance_accuracy_counts_gold_found_with_another_stance() -> None:
    gold = [_t("t1", 0, 4, 5), _t("t2", 10, 14, 6)]
    pred = [_t("p1", 0, 4, 5), _t("p2", 10, 14, 6, stance=Stance.ACHIEVED)]
    s = score(gold, pred)
    assert (s.detection.tp, s.detection.fn) == (1, 1)
    assert (s.fields["stance"].agree, s.fields["stance"].total) == (1, 2)


def test_achieved_as_target_counts_spurious_over_non_target_gold() -> None:
    gold = [_t("t1", 0, 4, 5, stance=Stance.ACHIEVED), _t("t2", 10, 14, 6)]
    pred = [_t("p1", 0, 4, 5), _t("p2", 10, 14, 6), _t("p3", 30, 34, 9)]
    s = score(gold, pred)
    assert s.achieved_as_target == 1
    assert len(s.spurious) == 2


def test_qualitative_predictions_stay_out_of_detection() -> None:
    gold = [_t("t1", 0, 4, None, kind=Kind.QUALITATIVE)]
    pred = [_t("p1", 0, 4, None, kind=Kind.QUALITATIVE)]
    s = score(gold, pred)
    assert (s.detection.tp, s.detection.fp, s.detection.fn) == (0, 0, 0)
    assert (s.qualitative.found, s.qualitative.total) == (1, 1)
    # A qualitative prediction of another stance finds nothing.
    s = score(gold, [_t("p1", 0, 4, None, kind=Kind.QUALITATIVE, stance=Stance.FORECAST)])
    assert (s.qualitative.found, len(s.missed_qualitative)) == (0, 1)


def test_norm_text_and_char_f1() -> None:
    assert norm_text("《 规划 》「ＡＢ」\u3000c") == "规划abc"
    assert norm_text(None) is None
    assert char_f1("GDP", "ｇｄｐ") == 1.0
    assert char_f1(None, None) == 1.0
    assert char_f1("GDP", None) == 0.0
    assert char_f1("居民收入", "财政收入") == pytest.approx(0.5)


def test_micro_adds_counts() -> None:
    a = score([_t("t1", 0, 4, 5)], [_t("p1", 0, 4, 5), _t("p2", 8, 9, 3)], doc_id="a")
    b = score([_t("t1", 0, 4, 5), _t("t2", 6, 8, 2)], [], doc_id="b")
    m = micro([a, b])
    assert (m.detection.tp, m.detection.fp, m.detection.fn) == (1, 1, 2)
    assert m.n_documents == 2 and m.n_gold == 3 and m.n_pred == 2
    assert m.fields["kind"].total == 1
    assert [e.doc_id for e in m.missed] == ["b", "b"]
    assert micro([]).detection.f1 == 1.0


# ------------------------------------------------------------- evaluate (CLI)

TEXT = "今年主要目标：地区生产总值增长5%左右，新增高新技术企业20家以上，居民收入与经济增长同步。"


def _gold_doc(doc_id: str = "demo-2024") -> Document:
    def at(quote: str) -> tuple[int, int]:
        i = TEXT.index(quote)
        return i, i + len(quote)

    s1, e1 = at("5%左右")
    s2, e2 = at("20家以上")
    s3, e3 = at("与经济增长同步")
    return Document(
        doc_id=doc_id,
        source_file="reports/demo.txt",
        region="某市",
        level=Level.CITY,
        year=2024,
        targets=[
            Target(id="t1", start=s1, end=e1, text="5%左右", metric="地区生产总值", action="增长",
                   kind=Kind.CHANGE, value=5, unit="%", comparator=Comparator.APPROX),
            Target(id="t2", start=s2, end=e2, text="20家以上", metric="高新技术企业", action="新增",
                   kind=Kind.AMOUNT, value=20, unit="家", comparator=Comparator.GE),
            Target(id="t3", start=s3, end=e3, text="与经济增长同步", metric="居民收入",
                   kind=Kind.QUALITATIVE),
        ],
    )  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A gold folder and its corpus folder side by side, like the repository's."""
    (tmp_path / "corpora" / "reports").mkdir(parents=True)
    (tmp_path / "corpora" / "reports" / "demo.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold").mkdir()
    save_gold(_gold_doc(), tmp_path / "gold" / "demo-2024.json")
    return tmp_path


def _fake_pipeline(
    monkeypatch: pytest.MonkeyPatch, *, keep: int | None = None, calls: list[dict[str, Any]]
) -> None:
    """Install a ``plan_extract.pipeline`` whose parse returns the gold (first ``keep`` records)."""

    def parse(text: str, **kw: Any) -> Document:
        calls.append({"text": text, **kw})
        gold = _gold_doc(kw["doc_id"])
        targets = gold.targets if keep is None else gold.targets[:keep]
        return gold.model_copy(update={"targets": list(targets)})

    fake = types.ModuleType("plan_extract.pipeline")
    fake.parse = parse  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "plan_extract.pipeline", fake)


def test_evaluate_gold_against_itself(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    _fake_pipeline(monkeypatch, calls=calls)
    monkeypatch.chdir(project / "gold")  # no ./corpora here: the sibling folder is used
    report = evaluate_gold(project / "gold")
    assert report.micro.detection.f1 == 1.0 and report.micro.strict.f1 == 1.0
    assert (report.micro.qualitative.found, report.micro.qualitative.total) == (1, 1)
    assert report.warnings == []
    assert calls[0]["text"] == TEXT
    assert {k: calls[0][k] for k in ("year", "region", "doc_id", "level", "source_file")} == {
        "year": 2024,
        "region": "某市",
        "doc_id": "demo-2024",
        "level": "city",
        "source_file": "reports/demo.txt",
    }
    table = format_report(report)
    assert "demo-2024" in table and "micro (1 docs)" in table and "metric_partial" in table
    assert json.loads(report_json(report))["micro"]["detection"]["f1"] == 1.0


def test_cli_evaluate_exit_codes(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[dict[str, Any]] = []
    _fake_pipeline(monkeypatch, keep=1, calls=calls)  # finds t1 only: P 1, R 0.5
    monkeypatch.chdir(project)
    gold = str(project / "gold")

    assert main(["evaluate", "--gold", gold]) == 0
    out = capsys.readouterr().out
    assert "0.667" in out  # detection F1

    assert main(["evaluate", "--gold", gold, "--min-f1", "0.6"]) == 0
    assert main(["evaluate", "--gold", gold, "--min-f1", "0.7"]) == 1
    assert "--min-f1" in capsys.readouterr().err
    assert main(["evaluate", "--gold", gold, "--strict-min-f1", "0.9"]) == 1
    capsys.readouterr()

    assert main(["evaluate", "--gold", gold, "--json", "--errors"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["micro"]["detection"]["tp"] == 1
    assert [e["gold"]["id"] for e in data["micro"]["missed"]] == ["t2"]

    assert main(["evaluate", "--gold", gold, "--errors"]) == 0
    out = capsys.readouterr().out
    assert "MISSED" in out and "[20家以上]" in out and "MISSED-Q" in out


def test_cli_evaluate_bad_input(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_pipeline(monkeypatch, calls=[])
    monkeypatch.chdir(project)
    assert main(["evaluate", "--gold", str(project / "nope")]) == 2
    assert "not found" in capsys.readouterr().err

    bad = project / "gold" / "zz-bad.json"
    bad.write_text('{"doc_id": "x", ', encoding="utf-8")
    assert main(["evaluate", "--gold", str(project / "gold")]) == 2
    err = capsys.readouterr().err
    assert "zz-bad.json" in err and "invalid JSON" in err
    bad.unlink()

    # A source text that is not in the corpus folder.
    assert main(["evaluate", "--gold", str(project / "gold"), "--corpus", str(project)]) == 2
    assert "demo.txt" in capsys.readouterr().err

    # No extractor at all.
    monkeypatch.setitem(sys.modules, "plan_extract.pipeline", None)
    assert main(["evaluate", "--gold", str(project / "gold")]) == 2
    assert "plan_extract.pipeline" in capsys.readouterr().err


def test_evaluate_warns_when_gold_does_not_fit(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_pipeline(monkeypatch, calls=[])
    (project / "corpora" / "reports" / "demo.txt").write_text("前言。" + TEXT, encoding="utf-8")
    report = evaluate_gold(project / "gold" / "demo-2024.json", project / "corpora")
    assert any("demo-2024.json: t1: text[" in w for w in report.warnings)


def test_real_gold_scored_against_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped gold, used as the prediction, scores 1.0 (checks the scorer on real data)."""
    root = Path(__file__).resolve().parents[1]
    fake = types.ModuleType("plan_extract.pipeline")
    by_id = {d.doc_id: d for d in (load_gold(p) for p in sorted((root / "gold").glob("*.json")))}
    fake.parse = lambda text, **kw: by_id[kw["doc_id"]]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "plan_extract.pipeline", fake)
    report = evaluate_gold(root / "gold", root / "corpora")
    assert report.warnings == []
    assert report.micro.detection.f1 == 1.0
    assert report.micro.strict.f1 == 1.0
    assert all(f.accuracy in (1.0, None) for f in report.micro.fields.values())
