"""Reading report files: encodings, refusals with the file named, warnings instead of logging."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from plan_extract.errors import InputFileError, InputTooLargeError
from plan_extract.io import (
    decode_bytes,
    read_text,
    read_text_with_warnings,
    write_atomic,
)

BAD = Path(__file__).parent / "data" / "bad_inputs"
TEXT = (
    "国内生产总值增长5%左右，城镇新增就业1200万人以上。\r\n居民消费价格涨幅3%左右；粮食产量稳定。\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("encoding", "prefix", "warned"),
    [
        ("utf-8", b"", False),
        ("utf-8", codecs.BOM_UTF8, False),
        ("gb18030", b"", True),
        ("gbk", b"", True),
        ("gb2312", b"", True),
        ("utf-16-le", codecs.BOM_UTF16_LE, False),
        ("utf-16-be", codecs.BOM_UTF16_BE, False),
        ("utf-32-le", codecs.BOM_UTF32_LE, False),
        ("utf-32-be", codecs.BOM_UTF32_BE, False),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes, warned: bool) -> None:
    p = _write(tmp_path, "report.txt", prefix + TEXT.encode(encoding))
    text, warnings = read_text_with_warnings(p)
    assert text == TEXT  # BOM dropped, \r\n kept
    assert bool(warnings) == warned
    if warned:
        assert warnings == ["decoded as GB18030"]
    assert read_text(p) == TEXT


def test_gb18030_four_byte_chars(tmp_path: Path) -> None:
    text = "𠀀字与€符号，增长5%。\n"  # needs GB18030's four-byte forms
    p = _write(tmp_path, "a.txt", text.encode("gb18030"))
    assert read_text(p) == text


def test_empty_file(tmp_path: Path) -> None:
    p = _write(tmp_path, "empty.txt", b"")
    assert read_text_with_warnings(p) == ("", [])


def test_utf16_without_bom(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.txt", TEXT.encode("utf-16-le"))
    text, warnings = read_text_with_warnings(p)
    assert text == TEXT
    assert warnings == ["decoded as UTF-16-LE without a byte-order mark"]


def test_png_renamed_txt() -> None:
    p = BAD / "image-renamed.txt"
    with pytest.raises(InputFileError) as info:
        read_text(p)
    assert "image-renamed.txt" in str(info.value)
    assert "PNG" in str(info.value)
    assert info.value.path == str(p)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"some text\x00\x01\x02\x03\xff\xfe binary", "NUL"),
    ],
)
def test_binary_refused(tmp_path: Path, data: bytes, what: str) -> None:
    p = _write(tmp_path, "report.txt", data)
    with pytest.raises(InputFileError, match=what) as info:
        read_text(p)
    assert str(p) in str(info.value)


def test_truncated_utf8(tmp_path: Path) -> None:
    text, warnings = read_text_with_warnings(BAD / "truncated-utf8.txt")
    assert text == "粮食产量稳定在3.5万吨左右。增"
    assert warnings == ["truncated UTF-8 sequence at end dropped"]
    p = _write(tmp_path, "cut.txt", TEXT.encode("utf-8") + "长".encode()[:2])
    assert read_text_with_warnings(p) == (TEXT, ["truncated UTF-8 sequence at end dropped"])


def test_truncated_utf16(tmp_path: Path) -> None:
    p = _write(tmp_path, "cut.txt", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x41")
    text, warnings = read_text_with_warnings(p)
    assert text == TEXT
    assert warnings and "truncated" in warnings[0]


def test_mixed_encodings() -> None:
    text, warnings = read_text_with_warnings(BAD / "mixed-utf8-gbk.txt")
    assert (
        text == "国内生产总值增长5%左右。\n城镇新增就业1200万人以上。\n居民消费价格涨幅3%左右。\n"
    )
    assert warnings == ["mixed encodings: 2 lines decoded as UTF-8, 1 as GB18030"]


def test_damaged_utf8_line_keeps_the_rest(tmp_path: Path) -> None:
    data = TEXT.encode("utf-8")
    cut = data.index("居".encode())
    p = _write(tmp_path, "a.txt", data[: cut + 1] + data[cut + 3 :])  # 居 mangled mid-file
    text, warnings = read_text_with_warnings(p)
    assert text.startswith("国内生产总值增长5%左右")
    assert "\ufffd民消费价格" in text
    assert any("U+FFFD" in w for w in warnings)


def test_big5_guessed(tmp_path: Path) -> None:
    text = "國內生產總值增長5%左右，城鎮新增就業1200萬人以上。居民消費價格漲幅3%左右。\n" * 4
    p = _write(tmp_path, "big5.txt", text.encode("big5"))
    decoded, warnings = read_text_with_warnings(p)
    assert decoded == text
    assert warnings and "big5" in warnings[0].lower()


def test_undecodable(tmp_path: Path) -> None:
    p = _write(tmp_path, "noise.txt", bytes(range(1, 256)) * 8)
    with pytest.raises(InputFileError, match="not decodable") as info:
        read_text(p)
    assert "noise.txt" in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="directory") as info:
        read_text(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot read") as info:
        read_text(tmp_path / "nope.txt")
    assert "nope.txt" in str(info.value)


def test_too_large(tmp_path: Path) -> None:
    p = _write(tmp_path, "big.txt", TEXT.encode("utf-8"))
    with pytest.raises(InputTooLargeError, match="--max-bytes") as info:
        read_text(p, max_bytes=10)
    assert isinstance(info.value, InputFileError)
    assert "big.txt" in str(info.value)
    assert read_text(p, max_bytes=len(TEXT.encode("utf-8"))) == TEXT


def test_decode_bytes_names_the_input() -> None:
    assert decode_bytes("增长".encode()) == ("增长", [])
    with pytest.raises(InputFileError, match="^batch/x.txt: "):
        decode_bytes(b"\x89PNG\r\n\x1a\n", "batch/x.txt")


def test_write_atomic_round_trip(tmp_path: Path) -> None:
    p = tmp_path / "sub" / "out.txt"
    write_atomic(p, TEXT)
    assert read_text(p) == TEXT
    write_atomic(p, b"\xef\xbb\xbfabc")
    assert read_text(p) == "abc"
    assert [x.name for x in p.parent.iterdir()] == ["out.txt"]
