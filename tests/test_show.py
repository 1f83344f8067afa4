"""The review page holds every record, parses as HTML, fetches nothing, and renders in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plan_extract.cli import main
from plan_extract.gold import load_gold
from plan_extract.io import read_text
from plan_extract.models import Document, Target
from plan_extract.show import render_review_page

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
GOLD_CASES = ["bengbu-gxq-2023", "page-066-jiangsu-2024", "page-069-shandong-2023"]
CHROMIUM = Path("/usr/bin/chromium")
_VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base"})


class _Page(HTMLParser):
    """Collects the highlight elements (text per record id, element ids) and the table rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []  # open tags
        self.open_marks: list[str | None] = []  # data-id of each open <mark> (None if not a record)
        self.mark_text: dict[str, str] = {}
        self.mark_attrs: dict[str, dict[str, str | None]] = {}
        self.element_ids: list[str] = []
        self.row_ids: list[str] = []
        self.pre_text: list[str] = []
        self.in_pre = 0
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(f"{tag} {key}={a[key]}")
        if tag == "link":
            self.external.append("link")
        if "id" in a and a["id"]:
            self.element_ids.append(a["id"])
        if tag == "pre":
            self.in_pre += 1
        if tag == "mark":
            rid = a.get("data-id")
            self.open_marks.append(rid)
            if rid is not None:
                self.mark_text.setdefault(rid, "")
                if "id" in a:
                    self.mark_attrs[rid] = a
        if tag == "tr" and a.get("data-id") is not None:
            self.row_ids.append(a["data-id"] or "")
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> in {self.stack[-3:]}"
        self.stack.pop()
        if tag == "mark":
            self.open_marks.pop()
        if tag == "pre":
            self.in_pre -= 1

    def handle_data(self, data: str) -> None:
        for rid in self.open_marks:
            if rid is not None:
                self.mark_text[rid] += data
        if self.in_pre:
            self.pre_text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    assert page.stack == [], f"unclosed tags: {page.stack}"
    return page


def _check_page(html: str, text: str, doc: Document) -> _Page:
    page = _parse(html)
    assert "".join(page.pre_text) == text  # the whole text, unaltered once unescaped
    assert len(page.mark_text) == len(doc.targets)
    assert sorted(page.row_ids) == sorted(t.id for t in doc.targets)
    for t in doc.targets:
        assert page.mark_text[t.id] == t.text, t.id
        attrs = page.mark_attrs[t.id]
        assert attrs["id"] == f"rec-{t.id}"
        assert attrs["data-start"] == str(t.start) and attrs["data-end"] == str(t.end)
        assert attrs["data-stance"] == t.stance.value
        assert attrs["data-kind"] == t.kind.value
        assert t.text.replace("\n", " ").split()[0] in (attrs["title"] or "")
    assert len(page.element_ids) == len(set(page.element_ids)), "duplicate element ids"
    assert not page.external
    assert not re.search(r"https?://|url\(|@import|<link", html)
    return page


@pytest.mark.parametrize("name", GOLD_CASES)
def test_gold_records_all_highlighted(name: str) -> None:
    doc = load_gold(ROOT / "gold" / f"{name}.json")
    assert doc.source_file
    text = read_text(CORPUS / doc.source_file)
    _check_page(render_review_page(text, doc), text, doc)


def test_extracted_records_all_highlighted(tmp_path: Path) -> None:
    src = CORPUS / "pages" / "page-066-jiangsu-2024.txt"
    out = tmp_path / "page.html"
    assert main(["show", str(src), "--year", "2024", "-o", str(out)]) == 0
    from plan_extract.pipeline import parse

    text = read_text(src)
    html = out.read_text(encoding="utf-8")
    page = _check_page(html, text, parse(text, year=2024))
    assert {"st-target", "st-achieved"} <= set(re.findall(r"st-\w+", html))
    assert page.mark_text


def _rec(i: int, start: int, end: int, text: str, **kw: object) -> Target:
    return Target.model_validate(
        {"id": f"t{i}", "start": start, "end": end, "text": text[start:end], "kind": "amount", **kw}
    )


def test_markup_in_the_text_is_escaped_and_crossing_records_split() -> None:
    text = '<script>alert("x")</script> & 增长5%以上，新增10家</b>'
    a = text.index("5%")
    b = text.index("10家")
    doc = Document(
        targets=[
            _rec(1, a, a + 4, text, metric='<img src=x onerror="1">', stance="forecast"),
            _rec(2, a + 2, b + 3, text, stance="achieved"),  # crosses t1
            _rec(3, a + 2, b + 3, text, kind="qualitative"),  # same span as t2
            _rec(4, 0, 8, text),
        ]
    )
    html = render_review_page(text, doc, title="<t>")
    assert "<script>alert" not in html and "<img" not in html
    page = _check_page(html, text, doc)
    assert page.mark_text["t2"] == text[a + 2 : b + 3]


def test_empty_document() -> None:
    html = render_review_page("没有目标。", Document())
    page = _parse(html)
    assert "".join(page.pre_text) == "没有目标。"
    assert "No records" in html


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_renders_in_headless_chromium(tmp_path: Path) -> None:
    """Slow-ish (~3 s): the page loads in a real browser and yields a non-trivial screenshot."""
    doc = load_gold(ROOT / "gold" / "page-066-jiangsu-2024.json")
    assert doc.source_file
    html_path = tmp_path / "page.html"
    html_path.write_text(
        render_review_page(read_text(CORPUS / doc.source_file), doc), encoding="utf-8"
    )
    png = tmp_path / "shot.png"
    subprocess.run(
        [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
            "--window-size=1400,900", html_path.as_uri(),
        ],
        check=True, capture_output=True, timeout=20,
    )  # fmt: skip
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1400, 900)
    assert len(data) > 30_000  # text and a table, not a blank page


@pytest.mark.skipif(
    not CHROMIUM.exists() or shutil.which("bash") is None, reason="needs chromium and bash"
)
def test_screenshot_script(tmp_path: Path) -> None:
    import sys

    out = tmp_path / "review.png"
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "screenshot_review.sh"),
         str(CORPUS / "pages" / "page-004-echeng-2023.txt"), str(out), "--year", "2023"],
        check=True, capture_output=True, timeout=30,
        env={"PATH": "/usr/bin:/bin", "PLAN_EXTRACT": f"{sys.executable} -m plan_extract.cli"},
    )  # fmt: skip
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_sorting_and_row_click_in_chromium(tmp_path: Path) -> None:
    """Click the value header twice (descending, empty cells last) and a row (selected, flashed)."""
    doc = load_gold(ROOT / "gold" / "page-066-jiangsu-2024.json")
    assert doc.source_file
    html = render_review_page(read_text(CORPUS / doc.source_file), doc)
    col = [th for th in re.findall(r"<th [^>]*>([^<]*)</th>", html)].index("value")
    clicks = (
        f"<script>var th=document.querySelectorAll('#records th')[{col}];th.click();th.click();"
        "document.querySelector('#records tbody tr:nth-child(2)').click();</script></body>"
    )
    page = tmp_path / "page.html"
    page.write_text(html.replace("</body>", clicks), encoding="utf-8")
    dom = subprocess.run(
        [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000",
            "--dump-dom", page.as_uri(),
        ],
        check=True, capture_output=True, text=True, timeout=20,
    ).stdout  # fmt: skip
    order = re.findall(r'<tr data-id="([^"]+)"', dom)
    by_id = {t.id: t for t in doc.targets}
    values = [by_id[i].value for i in order]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers, reverse=True)
    assert values[len(numbers) :] == [None] * (len(values) - len(numbers))
    assert re.search(rf'<tr data-id="{order[1]}"[^>]*class="sel"', dom)
    assert re.search(rf'<mark id="rec-{order[1]}" class="[^"]*\bflash\b', dom)
