"""spaCy pipeline component ``plan_targets``: the extractor's records as a span group.

Registered through the ``spacy_factories`` entry point, so after installing
``plan_extract[spacy]``::

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("plan_targets", config={"year": 2023})
    doc = nlp(text)
    for span in doc.spans["targets"]:
        span.label_, span._.target.value

Each record becomes a span (label = its ``kind``), its character span widened
to whole tokens (``alignment_mode="expand"``); the record itself, with its
exact offsets, is kept as a JSON-able dict in ``doc.user_data`` under
``("plan_extract.target", record_id)`` and the span's ``id_`` is the record id,
so ``span._.target`` survives ``DocBin(store_user_data=True)`` and pickling.
Only this module imports spaCy; the rest of the package never does.
"""

from __future__ import annotations

from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .models import Level, Target

__all__ = ["USER_DATA_KEY", "PlanTargets", "make_plan_targets", "register_extensions"]

#: First element of the ``doc.user_data`` keys holding the records.
USER_DATA_KEY = "plan_extract.target"


def _user_data(doc: Doc) -> dict[Any, Any]:
    """``doc.user_data``, typed as it is used (spaCy's stubs say ``dict[str, Any]``; keys are tuples)."""
    return cast(dict[Any, Any], doc.user_data)


def _span_target(span: Span) -> Target | None:
    """``span._.target``: the record behind a span of the component's group, else ``None``."""
    data = _user_data(span.doc).get((USER_DATA_KEY, span.id_))
    if data is None:
        return None
    return Target.model_validate(dict(data))


def _doc_targets(doc: Doc) -> list[Target]:
    """``doc._.targets``: every record the component stored, in document order."""
    found = [
        Target.model_validate(dict(v))
        for k, v in _user_data(doc).items()
        if isinstance(k, tuple) and len(k) == 2 and k[0] == USER_DATA_KEY
    ]
    return sorted(found, key=lambda t: (t.start, t.end))


def register_extensions() -> None:
    """Add ``Span._.target`` and ``Doc._.targets`` (idempotent; needed before reading a DocBin)."""
    if not Span.has_extension("target"):
        Span.set_extension("target", getter=_span_target)
    if not Doc.has_extension("targets"):
        Doc.set_extension("targets", getter=_doc_targets)


register_extensions()


class PlanTargets:
    """Runs :func:`plan_extract.pipeline.parse` on ``doc.text`` and writes ``doc.spans[spans_key]``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "plan_targets",
        *,
        year: int | None = None,
        region: str | None = None,
        level: str | None = None,
        spans_key: str = "targets",
    ) -> None:
        self.name = name
        self.year = year
        self.region = region
        self.level = Level(level).value if level else None  # fail early on a bad level
        self.spans_key = spans_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import parse

        parsed = parse(doc.text, year=self.year, region=self.region, level=self.level)
        user_data = _user_data(doc)
        for key in [k for k in user_data if isinstance(k, tuple) and k[:1] == (USER_DATA_KEY,)]:
            del user_data[key]  # a doc run through the component twice
        spans: list[Span] = []
        for t in parsed.targets:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:  # a record over whitespace only: nothing to anchor it to
                continue
            spans.append(Span(doc, span.start, span.end, label=t.kind.value, span_id=t.id))
            user_data[(USER_DATA_KEY, t.id)] = t.model_dump(mode="json")
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)
        return doc

    def __repr__(self) -> str:
        return f"PlanTargets(year={self.year!r}, spans_key={self.spans_key!r})"


@Language.factory(
    "plan_targets",
    default_config={"year": None, "region": None, "level": None, "spans_key": "targets"},
)
def make_plan_targets(
    nlp: Language,
    name: str,
    year: int | None,
    region: str | None,
    level: str | None,
    spans_key: str,
) -> PlanTargets:
    """Factory of the ``plan_targets`` component (see the module docstring)."""
    return PlanTargets(nlp, name, year=year, region=region, level=level, spans_key=spans_key)
