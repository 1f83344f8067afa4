"""Input formats (.txt, .html, .docx, .pdf) and manifests: text out, clear errors for bad files.

The HTML, .docx and .pdf inputs are built here with the libraries (the PDF by
hand, with the predefined STSong-Light CJK font so that no font is embedded),
so the repository holds no binary test files.  ``tests/test_batch.py`` reuses
the builders.
"""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from plan_extract import formats, manifest
from plan_extract.errors import DataFileError, InputFileError, InputTooLargeError
from plan_extract.formats import load_text
from plan_extract.manifest import DocMeta, infer_meta, load_manifest

REPORT_LINES = ["今年主要预期目标是：", "地区生产总值增长5%左右，新增高新技术企业20家以上。"]
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\xff\xfe\x00"


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer is ``lines`` (UCS-2 strings in STSong-Light)."""
    shown = " ".join(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 14 TL 50 780 Td {shown} ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        "/DescendantFonts [6 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        "<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def make_docx(path: Path, lines: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    document.save(str(path))
    return path


def make_html(lines: list[str]) -> bytes:
    nav = "".join(f'<li><a href="/{i}">导航链接{i}</a></li>' for i in range(8))
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    filler = "<p>" + "各项工作扎实推进，人民群众获得感持续增强。" * 6 + "</p>"
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府工作报告</title></head><body>'
        f"<header><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>政府工作报告</h1>{paragraphs}{filler}</article></main>"
        "<footer><p>版权所有 网站地图 联系我们</p></footer></body></html>"
    ).encode()


def test_module_doctests() -> None:
    for module in (formats, manifest):
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__


def test_txt_is_decoded_and_hashed(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes("\ufeff".encode() + "地区生产总值增长5%左右。".encode())
    loaded = load_text(p)
    assert loaded.text.endswith("地区生产总值增长5%左右。")
    assert len(loaded.sha256) == 64


def test_html_main_text_without_navigation(tmp_path: Path) -> None:
    p = tmp_path / "r.html"
    p.write_bytes(make_html(REPORT_LINES))
    text = load_text(p).text
    assert "地区生产总值增长5%左右" in text
    assert "导航链接" not in text
    assert "网站地图" not in text


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    p = make_docx(
        tmp_path / "r.docx", REPORT_LINES, table=[["指标", "目标"], ["GDP", "增长5%左右"]]
    )
    text = load_text(p).text
    assert (
        text.index("今年主要预期目标")
        < text.index("新增高新技术企业20家以上")
        < text.index("GDP\t增长5%左右")
    )


def test_pdf_text_layer(tmp_path: Path) -> None:
    p = tmp_path / "r.pdf"
    p.write_bytes(make_pdf(REPORT_LINES))
    assert load_text(p).text.split("\n") == REPORT_LINES


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("png.txt", PNG_BYTES, ""),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("zip.docx", b"PK\x03\x04 not really a zip", "docx"),
        ("broken.pdf", b"%PDF-1.4\n garbage", "pdf"),
        ("image.pdf", make_pdf([]), "text layer"),
        (
            "no-text.html",
            b"<html><head><title>x</title></head><body><img src='a.png'></body></html>",
            "main text",
        ),
    ],
)
def test_bad_files_raise_input_file_error(
    tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputFileError) as info:
        load_text(p)
    assert info.value.path == str(p)
    assert words in str(info.value)


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes("增长5%。".encode() * 100)
    with pytest.raises(InputTooLargeError, match="--max-bytes"):
        load_text(p, max_bytes=100)
    assert load_text(p, max_bytes=10_000).text.startswith("增长5%")


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot read"):
        load_text(tmp_path / "missing.txt")
    (tmp_path / "r.rtf").write_text("x")
    with pytest.raises(InputFileError, match="unsupported"):
        load_text(tmp_path / "r.rtf")


# ----------------------------------------------------------------------------- manifests


def test_infer_meta_from_names() -> None:
    assert infer_meta("hebei-2026.txt") == DocMeta(doc_id="hebei-2026", year=2026)
    assert infer_meta("2019/jiangsu-plan-2020.pdf").year == 2020
    assert infer_meta("report-12345.txt").year is None


def test_csv_manifest(shared_datadir: Path) -> None:
    m = load_manifest(shared_datadir / "batch" / "manifest.csv")
    assert len(m) == 2
    assert m.meta_for("hebei-2026.txt") == DocMeta("hebei-2026", "河北省", 2026, "province")
    # a batch over a subfolder still finds its rows
    assert m.meta_for("zhengding-2025.txt").region == "河北省石家庄市正定县"
    # not listed: inferred from the name
    assert m.meta_for("other/shanxi-2024.txt") == DocMeta("other/shanxi-2024", None, 2024, None)


def test_json_manifest_list_and_mapping(tmp_path: Path) -> None:
    rows = [
        {
            "file": "national/guowuyuan-2024.txt",
            "doc_id": "gwy-2024",
            "region": "国务院",
            "level": "national",
            "year": 2024,
            "source": "ignored",
        }
    ]
    p = tmp_path / "m.json"
    p.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    assert load_manifest(p).meta_for("national/guowuyuan-2024.txt").doc_id == "gwy-2024"
    assert load_manifest(p).meta_for("corpora/national/guowuyuan-2024.txt").year == 2024
    p.write_text(json.dumps({"a-2020.txt": {"region": "甲"}}, ensure_ascii=False), encoding="utf-8")
    assert load_manifest(p).meta_for("a-2020.txt") == DocMeta("a-2020", "甲", 2020, None)


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("m.csv", "file,level\na.txt,prefecture\n", "line 2"),
        ("m.csv", "doc_id,year\nx,2020\n", "'file' column"),
        ("m.csv", "file,year\na.txt,twenty\n", "line 2"),
        ("m.json", '[{"file": "a.txt"}, {"doc_id": "b"}]', "[1]"),
        ("m.json", '[{"file": "a.txt"}, {"file": "a.txt"}]', "twice"),
        ("m.json", '[{"file": "a.txt",}]', "line 1"),
    ],
)
def test_bad_manifest_names_file_and_row(
    tmp_path: Path, name: str, content: str, where: str
) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_manifest(p)
    assert str(p) in str(info.value) and where in str(info.value)
