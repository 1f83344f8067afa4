"""Scoring predicted records against gold, as in the *Scoring* section of the spec.

Rules, in short:

* Only records with ``stance == "target"`` are scored; gold records of another
  stance (should a gold file carry them) are never a TP or an FN, and a target
  prediction over one is counted in ``achieved_as_target`` (and is spurious).
* Qualitative records (gold or predicted) are kept out of detection and strict
  scores and counted apart: a gold qualitative record is *found* when a qualitative prediction
  overlaps it (not one-to-one: one prediction over a span shared by two gold
  qualitatives finds both).
* A quantified prediction matches a gold record when the spans overlap and the
  values are equal (1e-9 relative tolerance).  Matching is one-to-one and
  greedy, largest overlap first; ties go to a non-optional gold record, then by
  position (gold start/end, prediction start/end), so results are deterministic.
* ``optional`` gold records take part in the matching, but a prediction that
  matches one is neither a TP nor an FP, and an unmatched one is not an FN.
* *strict* also needs equal ``metric``, ``unit``, ``comparator``, ``kind`` and
  ``value_max``; strings are compared after :func:`norm_text`.  A detected but
  strictly wrong pair counts as one strict FP and one strict FN.
* Field accuracies are shares of the counted (non-optional) matched pairs.
  ``stance`` is measured on a second matching of gold and predictions of every
  stance (otherwise it would be 1.0 by construction): the share of matched
  pairs whose stances agree.
  ``parent`` agrees when neither has a parent, or when the predicted parent is
  the prediction matched to the gold parent.
* P, R and F1 of an empty denominator are 1.0 (no predictions: nothing wrong was
  said; no gold: nothing was missed), so a document with no targets and no
  predictions scores 1.0, and one with predictions but no gold scores P = 0.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field, computed_field

from .models import Document, Kind, Number, Stance, Target

__all__ = [
    "FIELDS",
    "STRICT_FIELDS",
    "ErrorRecord",
    "FieldCount",
    "PRF",
    "QualitativeCount",
    "Scores",
    "char_f1",
    "match",
    "micro",
    "norm_text",
    "score",
]

#: Fields whose disagreement makes a detected pair strictly wrong.
STRICT_FIELDS: tuple[str, ...] = ("metric", "unit", "comparator", "kind", "value_max")
#: Fields reported as per-field accuracy, in this order.
FIELDS: tuple[str, ...] = (
    "metric",
    "metric_partial",
    "action",
    "unit",
    "comparator",
    "kind",
    "stance",
    "parent",
)

_QUOTES = "“”‘’\"'「」『』《》"
_DROP = {ord(c): None for c in _QUOTES}
_REL_TOL = 1e-9


def norm_text(s: str | None) -> str | None:
    """NFKC, lower case, quotes and all whitespace removed; ``None`` stays ``None``.

    >>> norm_text("“ＧＤＰ” 增长")
    'gdp增长'
    """
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s).lower().translate(_DROP)
    return "".join(ch for ch in s if not ch.isspace())


def char_f1(a: str | None, b: str | None) -> float:
    """Character-multiset F1 of two normalised strings (1.0 when both are empty).

    >>> round(char_f1("规上工业增加值", "工业增加值"), 3)
    0.833
    """
    na, nb = norm_text(a) or "", norm_text(b) or ""
    if not na and not nb:
        return 1.0
    if not na or not nb:
        return 0.0
    common = sum((Counter(na) & Counter(nb)).values())
    if common == 0:
        return 0.0
    p, r = common / len(nb), common / len(na)
    return 2 * p * r / (p + r)


def _num_eq(a: Number | None, b: Number | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=_REL_TOL)


def _overlap(a: Target, b: Target) -> int:
    """Overlap length of two ``[start, end)`` spans.

    A zero-width span at ``x`` overlaps ``[s, e)`` when ``s <= x < e`` (or an
    equal zero-width span) and then counts as 1, so that it can still match.
    """
    size = min(a.end, b.end) - max(a.start, b.start)
    if size > 0:
        return size
    if a.start == a.end and b.start == b.end:
        return 1 if a.start == b.start else 0
    if a.start == a.end:
        return 1 if b.start <= a.start < b.end else 0
    if b.start == b.end:
        return 1 if a.start <= b.start < a.end else 0
    return 0


def match(gold: Sequence[Target], predicted: Sequence[Target]) -> list[tuple[int, int]]:
    """One-to-one greedy matching, largest overlap first; returns (gold index, pred index).

    Pairs need overlapping spans and equal values.  Ties: non-optional gold first,
    then gold position, then prediction position.
    """
    cands: list[tuple[int, bool, int, int, int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            ov = _overlap(g, p)
            if ov > 0 and _num_eq(g.value, p.value):
                cands.append((-ov, g.optional, g.start, g.end, p.start, p.end, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for *_, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return pairs


# --------------------------------------------------------------------- results


class PRF(BaseModel):
    """Counts and the precision, recall and F1 they give."""

    model_config = ConfigDict(frozen=True)

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class FieldCount(BaseModel):
    """How many matched pairs agree on one field."""

    model_config = ConfigDict(frozen=True)

    agree: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        return self.agree / self.total if self.total else None

    def __add__(self, other: FieldCount) -> FieldCount:
        return FieldCount(agree=self.agree + other.agree, total=self.total + other.total)


class QualitativeCount(BaseModel):
    """Qualitative targets: gold found / gold total; predictions that overlap no gold one."""

    model_config = ConfigDict(frozen=True)

    found: int = 0
    total: int = 0
    predicted: int = 0
    spurious: int = 0

    def __add__(self, other: QualitativeCount) -> QualitativeCount:
        return QualitativeCount(
            found=self.found + other.found,
            total=self.total + other.total,
            predicted=self.predicted + other.predicted,
            spurious=self.spurious + other.spurious,
        )


class ErrorRecord(BaseModel):
    """A missed gold record, a spurious prediction, or a matched pair that disagrees."""

    model_config = ConfigDict(frozen=True)

    doc_id: str | None = None
    gold: Target | None = None
    predicted: Target | None = None
    fields: list[str] = Field(default_factory=list)
    context: str | None = None


class Scores(BaseModel):
    """The scores of one document, or of several added up (:func:`micro`)."""

    model_config = ConfigDict(frozen=True)

    doc_id: str | None = None
    n_documents: int = 1
    #: Gold quantified records that count (non-optional) and optional ones.
    n_gold: int = 0
    n_gold_optional: int = 0
    #: Quantified predictions with stance target.
    n_pred: int = 0
    detection: PRF = PRF()
    strict: PRF = PRF()
    fields: dict[str, FieldCount] = Field(default_factory=dict)
    qualitative: QualitativeCount = QualitativeCount()
    #: Spurious target predictions overlapping a gold record whose stance is not target.
    achieved_as_target: int = 0
    missed: list[ErrorRecord] = Field(default_factory=list)
    missed_qualitative: list[ErrorRecord] = Field(default_factory=list)
    spurious: list[ErrorRecord] = Field(default_factory=list)
    wrong: list[ErrorRecord] = Field(default_factory=list)


# --------------------------------------------------------------------- scoring


def _targets(x: Document | Sequence[Target]) -> list[Target]:
    return list(x.targets) if isinstance(x, Document) else list(x)


def _context(text: str | None, t: Target, width: int = 20) -> str | None:
    if text is None:
        return None
    s, e = max(0, t.start), min(len(text), t.end)
    snippet = f"{text[max(0, s - width) : s]}[{text[s:e]}]{text[e : e + width]}"
    return " ".join(snippet.split())


def _differing(g: Target, p: Target) -> list[str]:
    out: list[str] = []
    if norm_text(g.metric) != norm_text(p.metric):
        out.append("metric")
    if norm_text(g.unit) != norm_text(p.unit):
        out.append("unit")
    if g.comparator != p.comparator:
        out.append("comparator")
    if g.kind != p.kind:
        out.append("kind")
    if not _num_eq(g.value_max, p.value_max):
        out.append("value_max")
    return out


def _is_qual(t: Target) -> bool:
    return t.kind == Kind.QUALITATIVE


def score(
    gold: Document | Sequence[Target],
    predicted: Document | Sequence[Target],
    *,
    text: str | None = None,
    doc_id: str | None = None,
) -> Scores:
    """Score one document's predictions against its gold records.

    ``text`` (the source text) only fills the ``context`` of error records;
    ``doc_id`` defaults to the gold document's.
    """
    if doc_id is None and isinstance(gold, Document):
        doc_id = gold.doc_id
    g_all = _targets(gold)
    p_all = _targets(predicted)

    # Gold records of another stance (achieved, forecast) are no targets: never TP or FN.
    g_target = [t for t in g_all if t.stance == Stance.TARGET]
    g_quant = [t for t in g_target if not _is_qual(t)]
    g_qual = [t for t in g_target if _is_qual(t)]
    p_target = [t for t in p_all if t.stance == Stance.TARGET]
    p_quant = [t for t in p_target if not _is_qual(t)]
    p_qual = [t for t in p_target if _is_qual(t)]

    # --- detection and strict
    pairs = match(g_quant, p_quant)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    counted = [(g_quant[gi], p_quant[pi]) for gi, pi in pairs if not g_quant[gi].optional]
    n_gold = sum(1 for g in g_quant if not g.optional)
    n_pred_counted = len(p_quant) - sum(1 for gi, _ in pairs if g_quant[gi].optional)
    tp = len(counted)
    detection = PRF(tp=tp, fp=n_pred_counted - tp, fn=n_gold - tp)

    wrong: list[ErrorRecord] = []
    strict_tp = 0
    for g, p in counted:
        diff = _differing(g, p)
        if not diff:
            strict_tp += 1
            continue
        if norm_text(g.action) != norm_text(p.action):
            diff.append("action")
        wrong.append(
            ErrorRecord(doc_id=doc_id, gold=g, predicted=p, fields=diff, context=_context(text, g))
        )
    strict = PRF(tp=strict_tp, fp=n_pred_counted - strict_tp, fn=n_gold - strict_tp)

    # --- per-field accuracy
    # Predicted id -> gold id, through every match (optional ones included).
    pred_to_gold = {p_quant[pi].id: g_quant[gi].id for gi, pi in pairs}
    agree: Counter[str] = Counter()
    for g, p in counted:
        agree["metric"] += norm_text(g.metric) == norm_text(p.metric)
        agree["metric_partial"] += char_f1(g.metric, p.metric) >= 0.5
        agree["action"] += norm_text(g.action) == norm_text(p.action)
        agree["unit"] += norm_text(g.unit) == norm_text(p.unit)
        agree["comparator"] += g.comparator == p.comparator
        agree["kind"] += g.kind == p.kind
        if g.parent is None or p.parent is None:
            agree["parent"] += g.parent is None and p.parent is None
        else:
            agree["parent"] += pred_to_gold.get(p.parent) == g.parent
    fields = {f: FieldCount(agree=agree[f], total=len(counted)) for f in FIELDS if f != "stance"}
    # Stance: a matching of gold and predictions of every stance.
    g_quant_any = [t for t in g_all if not _is_qual(t) and not t.optional]
    p_quant_any = [t for t in p_all if not _is_qual(t)]
    any_pairs = [(g_quant_any[gi], p_quant_any[pi]) for gi, pi in match(g_quant_any, p_quant_any)]
    fields["stance"] = FieldCount(
        agree=sum(g.stance == p.stance for g, p in any_pairs), total=len(any_pairs)
    )
    fields = {f: fields[f] for f in FIELDS}

    # --- qualitative
    q_total = [g for g in g_qual if not g.optional]
    found = [g for g in q_total if any(_overlap(g, p) > 0 for p in p_qual)]
    q_spurious = [p for p in p_qual if not any(_overlap(g, p) > 0 for g in g_qual)]
    qualitative = QualitativeCount(
        found=len(found), total=len(q_total), predicted=len(p_qual), spurious=len(q_spurious)
    )
    found_ids = {id(g) for g in found}

    # --- error lists
    missed = [
        ErrorRecord(doc_id=doc_id, gold=g, context=_context(text, g))
        for gi, g in enumerate(g_quant)
        if gi not in matched_g and not g.optional
    ]
    missed_q = [
        ErrorRecord(doc_id=doc_id, gold=g, context=_context(text, g))
        for g in q_total
        if id(g) not in found_ids
    ]
    spurious_p = [p for pi, p in enumerate(p_quant) if pi not in matched_p]
    spurious = [
        ErrorRecord(doc_id=doc_id, predicted=p, context=_context(text, p)) for p in spurious_p
    ]
    not_target = [g for g in g_all if g.stance != Stance.TARGET]
    achieved_as_target = sum(1 for p in spurious_p if any(_overlap(g, p) > 0 for g in not_target))

    return Scores(
        doc_id=doc_id,
        n_documents=1,
        n_gold=n_gold,
        n_gold_optional=len(g_quant) - n_gold,
        n_pred=len(p_quant),
        detection=detection,
        strict=strict,
        fields=fields,
        qualitative=qualitative,
        achieved_as_target=achieved_as_target,
        missed=missed,
        missed_qualitative=missed_q,
        spurious=spurious,
        wrong=wrong,
    )


def micro(scores_list: Iterable[Scores], *, doc_id: str | None = "micro") -> Scores:
    """Add up the counts of several documents (a micro average); error lists are joined."""
    items = list(scores_list)
    detection, strict, qual = PRF(), PRF(), QualitativeCount()
    fields = {f: FieldCount() for f in FIELDS}
    for s in items:
        detection += s.detection
        strict += s.strict
        qual += s.qualitative
        for f, c in s.fields.items():
            fields[f] = fields.get(f, FieldCount()) + c
    return Scores(
        doc_id=doc_id,
        n_documents=sum(s.n_documents for s in items),
        n_gold=sum(s.n_gold for s in items),
        n_gold_optional=sum(s.n_gold_optional for s in items),
        n_pred=sum(s.n_pred for s in items),
        detection=detection,
        strict=strict,
        fields=fields,
        qualitative=qual,
        achieved_as_target=sum(s.achieved_as_target for s in items),
        missed=[e for s in items for e in s.missed],
        missed_qualitative=[e for s in items for e in s.missed_qualitative],
        spurious=[e for s in items for e in s.spurious],
        wrong=[e for s in items for e in s.wrong],
    )
