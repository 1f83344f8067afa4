"""A review page: one self-contained HTML file to check a document's records by eye.

The report text with every record highlighted by stance (its fields on hover),
beside a sortable table of the records; a click on a row scrolls to the record
in the text and flashes it, a click on a highlight selects its row.  CSS and JS
are inline and nothing is fetched, so the page can be mailed or archived.

Overlapping records nest; where two records cross, the one that must close
early is split into parts that share its ``data-id`` (only the first part
carries the element ``id``), so the text of a record's parts is its quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .models import Document, Stance, Target

__all__ = ["STANCE_COLOURS", "render_review_page"]

#: Highlight colours by stance (background, border).
STANCE_COLOURS: dict[Stance, tuple[str, str]] = {
    Stance.TARGET: ("#ffe58a", "#d4a106"),
    Stance.ACHIEVED: ("#cfe4ff", "#3b7dd8"),
    Stance.FORECAST: ("#e6d5ff", "#8a4fd8"),
}

#: Table columns: (field, header, numeric sort).
_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("id", "id", False),
    ("start", "pos", True),
    ("stance", "stance", False),
    ("kind", "kind", False),
    ("text", "quote", False),
    ("metric", "metric", False),
    ("action", "action", False),
    ("value", "value", True),
    ("value_max", "max", True),
    ("unit", "unit", False),
    ("comparator", "cmp", False),
    ("horizon", "horizon", False),
    ("hedge", "hedge", False),
    ("parent", "parent", False),
)

_WRAP = frozenset({"text", "metric"})

_TOOLTIP_FIELDS: tuple[str, ...] = (
    "id",
    "stance",
    "kind",
    "metric",
    "action",
    "direction",
    "value",
    "value_max",
    "unit",
    "comparator",
    "horizon",
    "hedge",
    "parent",
    "optional",
    "indicator",
    "confidence",
)

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#fafafa}
header{padding:8px 16px;background:#263238;color:#fff;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}
header h1{font-size:16px;margin:0;font-weight:600}
header .meta{font-size:12px;opacity:.85}
.legend{display:flex;gap:12px;font-size:12px}
.legend span{padding:1px 8px;border-radius:3px;color:#222}
main{display:flex;height:calc(100vh - 44px)}
#text{flex:1 1 55%;overflow:auto;padding:16px 24px;white-space:pre-wrap;word-break:break-all;background:#fff;border-right:1px solid #ddd;margin:0;font:inherit;line-height:1.9}
#side{flex:1 1 45%;overflow:auto}
table{border-collapse:collapse;width:100%;font-size:12px}
th,td{padding:3px 6px;border-bottom:1px solid #eee;text-align:left;vertical-align:top;white-space:nowrap}
td.wrap{white-space:normal;min-width:7em;max-width:14em}
th{position:sticky;top:0;background:#eceff1;cursor:pointer;user-select:none;white-space:nowrap}
th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr{cursor:pointer}tbody tr:hover{background:#f5f5f5}
tbody tr.sel{background:#fff3c4}
mark.rec{border-bottom:2px solid;border-radius:2px;padding:0 1px;color:inherit;cursor:help}
mark.rec mark.rec{padding:0}
mark.kind-qualitative{border-bottom-style:dashed}
mark.opt{opacity:.6}
td .st{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:middle}
@keyframes flash{0%,100%{box-shadow:none}20%,60%{box-shadow:0 0 0 4px #ff5722}}
mark.flash{animation:flash 1.6s ease-in-out}
.empty{padding:16px;color:#777}
"""

_JS = """
(function(){
  var tbody=document.querySelector('#records tbody');
  var heads=document.querySelectorAll('#records th');
  heads.forEach(function(th,i){
    th.addEventListener('click',function(){
      var asc=!th.classList.contains('asc');
      heads.forEach(function(h){h.classList.remove('asc','desc');});
      th.classList.add(asc?'asc':'desc');
      var num=th.dataset.num==='1';
      var rows=Array.prototype.slice.call(tbody.rows);
      rows.sort(function(a,b){
        var x=a.cells[i].dataset.sort,y=b.cells[i].dataset.sort,c;
        if((x==='')!==(y==='')){return x===''?1:-1;}  /* empty cells last either way */
        if(num){var fx=parseFloat(x),fy=parseFloat(y);c=fx<fy?-1:fx>fy?1:0;}
        else{c=x.localeCompare(y,'zh');}
        if(c===0){return (+a.dataset.order)-(+b.dataset.order);}
        return asc?c:-c;
      });
      rows.forEach(function(r){tbody.appendChild(r);});
    });
  });
  function marks(id){return document.querySelectorAll('mark[data-id="'+CSS.escape(id)+'"]');}
  function select(row){
    tbody.querySelectorAll('tr.sel').forEach(function(r){r.classList.remove('sel');});
    if(row){row.classList.add('sel');}
  }
  tbody.addEventListener('click',function(ev){
    var row=ev.target.closest('tr');if(!row){return;}
    select(row);
    var ms=marks(row.dataset.id);if(!ms.length){return;}
    ms[0].scrollIntoView({block:'center',behavior:'smooth'});
    ms.forEach(function(m){m.classList.remove('flash');void m.offsetWidth;m.classList.add('flash');});
  });
  document.getElementById('text').addEventListener('click',function(ev){
    var m=ev.target.closest('mark.rec');if(!m){return;}
    var row=tbody.querySelector('tr[data-id="'+CSS.escape(m.dataset.id)+'"]');
    if(row){select(row);row.scrollIntoView({block:'center',behavior:'smooth'});}
  });
})();
"""


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(getattr(value, "value", value))


def _tooltip(t: Target) -> str:
    lines = [f"「{t.text}」"]
    for name in _TOOLTIP_FIELDS:
        v = getattr(t, name)
        if v is None or v is False:
            continue
        lines.append(f"{name}: {_fmt(v)}")
    return "\n".join(lines)


def _open_tag(t: Target, *, first: bool) -> str:
    stance = t.stance.value
    classes = ["rec", f"st-{stance}", f"kind-{t.kind.value}"]
    if t.optional:
        classes.append("opt")
    if not first:
        classes.append("cont")
    attrs = [
        ("class", " ".join(classes)),
        ("data-id", t.id),
        ("data-start", str(t.start)),
        ("data-end", str(t.end)),
        ("data-stance", stance),
        ("data-kind", t.kind.value),
        ("data-value", _fmt(t.value)),
        ("data-metric", t.metric or ""),
        ("title", _tooltip(t)),
    ]
    if first:
        attrs.insert(0, ("id", f"rec-{t.id}"))
    return "<mark " + " ".join(f'{k}="{escape(v, quote=True)}"' for k, v in attrs) + ">"


def highlight_text(text: str, targets: Sequence[Target]) -> str:
    """``text`` escaped for HTML, with a ``<mark>`` per record (split where records cross)."""
    recs = sorted(
        (t for t in targets if 0 <= t.start < t.end <= len(text)),
        key=lambda t: (t.start, -t.end),
    )
    bounds = sorted({0, len(text)} | {t.start for t in recs} | {t.end for t in recs})
    starts: dict[int, list[Target]] = {}
    for t in recs:
        starts.setdefault(t.start, []).append(t)
    out: list[str] = []
    stack: list[Target] = []
    for i, pos in enumerate(bounds):
        # Close the records ending here; reopen (as continuation parts) those above them.
        if any(t.end == pos for t in stack):
            keep = [t for t in stack if t.end != pos]
            depth = next(k for k, t in enumerate(stack) if t.end == pos)
            out.append("</mark>" * (len(stack) - depth))
            stack = keep[:depth]
            for t in keep[depth:]:
                out.append(_open_tag(t, first=False))
                stack.append(t)
        for t in starts.get(pos, []):  # longest first, so that they nest
            out.append(_open_tag(t, first=True))
            stack.append(t)
        if i + 1 < len(bounds):
            out.append(escape(text[pos : bounds[i + 1]], quote=False))
    out.append("</mark>" * len(stack))
    return "".join(out)


def _table(targets: Sequence[Target]) -> str:
    head = "".join(
        f'<th data-num="{1 if num else 0}" title="sort by {escape(name)}">{escape(label)}</th>'
        for name, label, num in _COLUMNS
    )
    rows: list[str] = []
    for order, t in enumerate(sorted(targets, key=lambda t: (t.start, t.end))):
        cells: list[str] = []
        for name, _label, num in _COLUMNS:
            v = getattr(t, name)
            shown = _fmt(v)
            sort = shown if not num or v is None else repr(v)
            cls = ' class="num"' if num else ' class="wrap"' if name in _WRAP else ""
            body = escape(shown)
            if name == "stance":
                colour = STANCE_COLOURS[t.stance][0]
                body = f'<span class="st" style="background:{colour}"></span>{body}'
            cells.append(f'<td{cls} data-sort="{escape(sort, quote=True)}">{body}</td>')
        rows.append(
            f'<tr data-id="{escape(t.id, quote=True)}" data-order="{order}">{"".join(cells)}</tr>'
        )
    return (
        f'<table id="records"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def render_review_page(text: str, doc: Document, *, title: str | None = None) -> str:
    """The review page for ``doc``'s records over its source ``text``, as one HTML string."""
    name = title or doc.doc_id or doc.source_file or "document"
    counts = {s: sum(1 for t in doc.targets if t.stance == s) for s in Stance}
    stance_css = "".join(
        f"mark.st-{s.value}{{background:{bg};border-color:{border}}}"
        f".legend .st-{s.value}{{background:{bg};border:1px solid {border}}}"
        for s, (bg, border) in STANCE_COLOURS.items()
    )
    legend = "".join(
        f'<span class="st-{s.value}">{escape(s.value)} ({counts[s]})</span>' for s in Stance
    )
    meta = " · ".join(
        f"{k} {escape(str(v))}"
        for k, v in (
            ("region", doc.region),
            ("level", doc.level.value if doc.level else None),
            ("year", doc.year),
            ("records", len(doc.targets)),
        )
        if v is not None
    )
    side = _table(doc.targets) if doc.targets else '<p class="empty">No records.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(name)} · plan_extract review</title>"
        f"<style>{_CSS}{stance_css}</style></head><body>"
        f'<header><h1>{escape(name)}</h1><span class="meta">{meta}</span>'
        f'<div class="legend">{legend}</div></header>'
        f'<main><pre id="text">{highlight_text(text, doc.targets)}</pre>'
        f'<div id="side">{side}</div></main>'
        f"<script>{_JS}</script></body></html>\n"
    )
