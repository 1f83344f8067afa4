"""``plan-extract extract`` / ``evaluate`` on bad files: clear messages, exit codes, no damage.

Exit codes: 0 success, 2 bad input.  Every input is generated here under
``tmp_path``; most cases run ``plan_extract.cli.main`` in process (fast), a
few run the installed command to check real exit codes.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plan_extract.chunked import parse_chunked
from plan_extract.cli import main
from plan_extract.models import Document

REPORT = (
    "2025年政府工作报告\n\n"
    "一、今年主要预期目标\n"
    "国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；\r\n"
    "居民消费价格涨幅2%左右；粮食产量1.3万亿斤以上。\n\n"
    "（一）扩大内需。安排超长期特别国债资金1.3万亿元，其中3000亿元支持消费品以旧换新。\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def records(doc: Document) -> list[tuple[object, ...]]:
    return [
        (t.start, t.end, t.text, t.value, t.unit, t.metric, t.kind, t.stance) for t in doc.targets
    ]


def extract(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Document:
    code, out, err = run(["extract", str(path), *extra], capsys)
    assert code == 0, err
    return Document.model_validate_json(out)


@pytest.fixture
def utf8_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Document:
    doc = extract(write(tmp_path, "utf8.txt", REPORT.encode("utf-8")), capsys)
    assert len(doc.targets) >= 6
    return doc


def test_empty_file_gives_an_empty_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "empty.txt", b"")
    code, out, err = run(["extract", str(path)], capsys)
    assert (code, err) == (0, "")
    doc = Document.model_validate_json(out)
    assert doc.targets == [] and doc.source_file == str(path)


def test_whitespace_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = extract(write(tmp_path, "blank.txt", " \r\n\u3000\n\t".encode()), capsys)
    assert doc.targets == []


def test_png_renamed_txt_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "report.txt", PNG)
    code, out, err = run(["extract", str(path)], capsys)
    assert code == 2 and out == ""
    assert str(path) in err and "PNG" in err


@pytest.mark.parametrize("cut", [1, 2])
def test_truncated_utf8_keeps_the_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], utf8_doc: Document, cut: int
) -> None:
    data = (REPORT + "投资增长7%，达到").encode("utf-8")[:-cut]  # 到 loses its last byte(s)
    doc = extract(write(tmp_path, "cut.txt", data), capsys)
    assert records(doc)[: len(utf8_doc.targets)] == records(utf8_doc)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_other_encodings_give_the_same_records(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    utf8_doc: Document,
    encoding: str,
    bom: bytes,
) -> None:
    doc = extract(write(tmp_path, f"{encoding}.txt", bom + REPORT.encode(encoding)), capsys)
    assert records(doc) == records(utf8_doc)
    assert (doc.year, doc.title) == (utf8_doc.year, utf8_doc.title)


def test_mixed_utf8_and_gb18030_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], utf8_doc: Document
) -> None:
    lines = REPORT.splitlines(keepends=True)
    data = b"".join(line.encode("gb18030" if i % 2 else "utf-8") for i, line in enumerate(lines))
    doc = extract(write(tmp_path, "mixed.txt", data), capsys)
    assert records(doc) == records(utf8_doc)


def test_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports.txt"
    folder.mkdir()
    code, out, err = run(["extract", str(folder)], capsys)
    assert code == 2 and out == ""
    assert str(folder) in err and "directory" in err


@pytest.mark.parametrize("kind", ["missing", "dangling-symlink"])
def test_missing_path_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = tmp_path / "gone.txt"
    if kind == "dangling-symlink":
        path.symlink_to(tmp_path / "nowhere.txt")
    code, out, err = run(["extract", str(path)], capsys)
    assert code == 2 and out == ""
    assert str(path) in err and "cannot read" in err


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a chmod 000 file anyway"
)
def test_unreadable_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "secret.txt", REPORT.encode())
    path.chmod(0)
    try:
        code, out, err = run(["extract", str(path)], capsys)
    finally:
        path.chmod(0o644)
    assert code == 2 and out == ""
    assert str(path) in err and "cannot read" in err


def test_file_over_max_bytes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], utf8_doc: Document
) -> None:
    data = REPORT.encode()
    path = write(tmp_path, "big.txt", data)
    code, out, err = run(["extract", str(path), "--max-bytes", str(len(data) - 1)], capsys)
    assert code == 2 and out == ""
    assert str(path) in err and "--max-bytes" in err
    # raising the limit lets it through
    assert records(extract(path, capsys, "--max-bytes", str(len(data)))) == records(utf8_doc)


def test_huge_max_bytes_on_a_small_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], utf8_doc: Document
) -> None:
    path = write(tmp_path, "small.txt", REPORT.encode())
    assert records(extract(path, capsys, "--max-bytes", str(1 << 50))) == records(utf8_doc)


def test_default_limit_is_64_mb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sparse.txt"
    with path.open("wb") as f:  # a sparse file: 64 MB + 1 on paper, nothing on disk
        f.truncate(64 * 1024 * 1024 + 1)
    code, _out, err = run(["extract", str(path)], capsys)
    assert code == 2 and "--max-bytes" in err and str(path) in err


def test_failed_extract_leaves_the_output_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "out.json"
    out_file.write_text("previous result\n", encoding="utf-8")
    path = write(tmp_path, "image.txt", PNG)
    code, _out, _err = run(["extract", str(path), "-o", str(out_file)], capsys)
    assert code == 2
    assert out_file.read_text(encoding="utf-8") == "previous result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["image.txt", "out.json"]


def test_big_text_goes_through_chunked_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a tiny chunk size the CLI's output is parse_chunked's, offsets valid on the whole file."""
    text = "".join(
        REPORT.replace("2025年政府工作报告\n\n", "").replace("5%", f"{i}%") for i in range(40)
    )
    text = "2025年政府工作报告\n\n" + text
    path = write(tmp_path, "long.txt", text.encode())
    assert parse_chunked.__kwdefaults__ is not None
    monkeypatch.setitem(parse_chunked.__kwdefaults__, "chunk_chars", 1_000)
    doc = extract(path, capsys)
    assert doc == parse_chunked(text, source_file=str(path))
    assert doc.year == 2025 and len(doc.targets) > 100
    for t in doc.targets:
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b'{"doc_id": "x", "targets": [', "invalid JSON"),
        (None, "at targets[1].start"),
        (b"[1, 2]", "at $"),
        (b"\xff\xfe\x00garbage", ""),
    ],
)
def test_evaluate_malformed_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, needle: str
) -> None:
    if content is None:
        good = {
            "id": "t1",
            "start": 0,
            "end": 2,
            "text": "5%",
            "kind": "ratio",
            "value": 5,
            "unit": "%",
        }
        gold = {
            "doc_id": "x",
            "source_file": "x.txt",
            "region": None,
            "level": None,
            "year": 2025,
            "targets": [good, {**good, "id": "t2", "start": "twelve"}],
        }
        content = json.dumps(gold, ensure_ascii=False).encode()
    path = write(tmp_path, "bad-gold.json", content)
    (tmp_path / "x.txt").write_text("5%", encoding="utf-8")
    code, out, err = run(["evaluate", "--gold", str(path), "--corpus", str(tmp_path)], capsys)
    assert code == 2 and out == ""
    assert str(path) in err and needle in err


# --------------------------------------------------------------------------- the real command


def _command() -> list[str]:
    exe = shutil.which("plan-extract", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "plan_extract.cli"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [("empty.txt", b"", 0), ("image.txt", PNG, 2), ("ok.txt", REPORT.encode("gb18030"), 0)],
)
def test_exit_codes_of_the_installed_command(
    tmp_path: Path, name: str, data: bytes, code: int
) -> None:
    path = write(tmp_path, name, data)
    proc = subprocess.run(
        [*_command(), "extract", str(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == code, proc.stderr
    if code == 0:
        assert Document.model_validate_json(proc.stdout).source_file == str(path)
    else:
        assert str(path) in proc.stderr and proc.stdout == ""


TEARDOWN_PROBE = """
import os, sys
class _Probe:
    def __del__(self):
        sys.__stderr__.write("torn down\\n")
import plan_extract
plan_extract._teardown_probe = _Probe()
if os.environ.get("PLAN_EXTRACT_TEST_ATEXIT"):
    import atexit
    atexit.register(lambda: sys.__stderr__.write("early handler ran\\n"))
"""


@pytest.mark.parametrize("early_handler", [False, True])
def test_the_program_ends_without_teardown_and_loses_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], early_handler: bool
) -> None:
    """``python -m plan_extract.cli extract``: all of stdout (more than a pipe holds) and the exit code, no teardown.

    An exit handler registered before the command's (here by a sitecustomize) still runs:
    the program then ends the usual way.
    """
    lines = [f"今年城镇新增就业{1000 + i}万人以上，粮食产量{i + 1}亿斤以上。" for i in range(300)]
    text = REPORT + "\n".join(lines) + "\n"
    big = write(tmp_path, "big.txt", text.encode("utf-8") + b"\xe4\xb8")  # a truncated last character
    code, out, err = run(["extract", str(big)], capsys)
    assert code == 0 and len(out) > 200_000 and "warning" in err
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(TEARDOWN_PROBE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(hook)}
    if early_handler:
        env["PLAN_EXTRACT_TEST_ATEXIT"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "plan_extract.cli", "extract", str(big)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == out
    assert err in proc.stderr
    if early_handler:
        assert "early handler ran" in proc.stderr and "torn down" in proc.stderr
    else:
        assert "torn down" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "plan_extract.cli", "extract", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 2 and "error" in proc.stderr
