"""``plan-extract batch``: outputs, tables, bad files, resume, SIGKILL, and the Dask engine.

Inputs are ``tests/data/batch`` (copied by pytest-datadir) plus files built
here; nothing reads the shared corpora.  No timing assertions.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_formats import PNG_BYTES, REPORT_LINES, make_docx, make_html, make_pdf

from plan_extract.batch import STATE_DIR, extractor_fingerprint, run_batch
from plan_extract.cli import main


@pytest.fixture
def reports(shared_datadir: Path) -> Path:
    """The committed .txt reports plus an HTML, a .docx and a .pdf report."""
    root = shared_datadir / "batch" / "reports"
    (root / "web").mkdir()
    (root / "web" / "shanxi-2024.html").write_bytes(make_html(REPORT_LINES))
    make_docx(root / "word-2023.docx", REPORT_LINES)
    (root / "scan-2022.pdf").write_bytes(make_pdf(REPORT_LINES))
    return root


def add_bad_files(root: Path) -> None:
    (root / "bad").mkdir()
    (root / "bad" / "image.txt").write_bytes(PNG_BYTES)
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "huge.txt").write_bytes("增长5%。".encode() * 10_000)
    (root / "bad" / "fake.docx").write_bytes(b"PK\x03\x04 truncated")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` except the lock, by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def visible(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(root).items() if not k.startswith(STATE_DIR)}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_outputs_tables_and_errors(reports: Path, tmp_path: Path) -> None:
    add_bad_files(reports)
    out = tmp_path / "out"
    summary = run_batch(
        reports,
        out,
        jobs=1,
        manifest=reports.parent / "manifest.csv",
        table="csv",
        max_bytes=60_000,
    )
    assert summary.exit_code == 1
    assert {r.rel for r in summary.failed} == {
        "bad/empty.txt",
        "bad/fake.docx",
        "bad/huge.txt",
        "bad/image.txt",
    }
    assert summary.count("done") == 5

    # one JSON per document; converted formats keep their text beside it
    files = visible(out)
    for rel in (
        "hebei-2026",
        "counties/zhengding-2025",
        "web/shanxi-2024",
        "word-2023",
        "scan-2022",
    ):
        assert f"{rel}.json" in files
    for rel in ("web/shanxi-2024", "word-2023", "scan-2022"):
        assert f"{rel}.txt" in files
    assert "hebei-2026.txt" not in files  # a .txt input is its own text

    hebei = json.loads(files["hebei-2026.json"])
    assert (hebei["doc_id"], hebei["region"], hebei["year"], hebei["level"]) == (
        "hebei-2026",
        "河北省",
        2026,
        "province",
    )
    assert hebei["source_file"] == "hebei-2026.txt"
    assert hebei["targets"], "the extractor found nothing in the Hebei report"
    pdf = json.loads(files["scan-2022.json"])
    assert pdf["year"] == 2022 and pdf["doc_id"] == "scan-2022"
    assert any("scan-2022.txt" in w for w in pdf["warnings"])
    for name in ("scan-2022", "word-2023", "web/shanxi-2024"):
        doc = json.loads(files[f"{name}.json"])
        text = files[f"{name}.txt"].decode("utf-8")
        for t in doc["targets"]:  # offsets are reproducible from the saved text
            assert text[t["start"] : t["end"]] == t["text"]

    # the combined table: one line per record, in input order, with the document's metadata
    rows = read_jsonl(out / "targets.jsonl")
    n = sum(len(json.loads(v)["targets"]) for k, v in files.items() if k.endswith(".json"))
    assert len(rows) == n == summary.n_targets
    assert [r["doc_id"] for r in rows] == sorted(
        (r["doc_id"] for r in rows), key=[r["doc_id"] for r in rows].index
    )
    assert rows[0]["region"] is not None or rows[0]["doc_id"] != "hebei-2026"
    assert set(rows[0]) >= {
        "doc_id",
        "region",
        "year",
        "level",
        "source_file",
        "start",
        "end",
        "text",
        "metric",
        "value",
        "unit",
        "comparator",
        "stance",
    }
    import pandas as pd

    frame = pd.read_csv(out / "targets.csv")
    assert len(frame) == n and list(frame.columns[:5]) == [
        "doc_id",
        "region",
        "year",
        "level",
        "source_file",
    ]

    # errors: path, class and message, sorted by path
    errors = read_jsonl(out / "errors.jsonl")
    assert [e["path"] for e in errors] == [
        "bad/empty.txt",
        "bad/fake.docx",
        "bad/huge.txt",
        "bad/image.txt",
    ]
    by_path = {e["path"]: e for e in errors}
    assert by_path["bad/huge.txt"]["error"] == "InputTooLargeError"
    assert "--max-bytes" in by_path["bad/huge.txt"]["message"]
    assert by_path["bad/empty.txt"]["message"] == "empty file"
    assert all(e["error"] and e["message"] and str(reports) not in e["message"] for e in errors)


def test_parquet_table(reports: Path, tmp_path: Path) -> None:
    import pandas as pd

    summary = run_batch(reports, tmp_path / "out", jobs=1, table="parquet")
    assert summary.exit_code == 0
    frame = pd.read_parquet(tmp_path / "out" / "targets.parquet")
    assert len(frame) == summary.n_targets > 0
    assert frame["horizon"].map(lambda v: v is None or isinstance(v, str)).all()


def test_resume_skips_up_to_date_and_redoes_changed(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch(reports, out, jobs=1)
    before = tree(out)
    second = run_batch(reports, out, jobs=1)
    assert second.count("skipped") == len(second.results) == first.count("done")
    assert tree(out) == before

    # a changed input, a lost output and a changed manifest are redone; nothing else
    (reports / "hebei-2026.txt").write_text(
        "2026年主要预期目标：地区生产总值增长6%左右。\n", encoding="utf-8"
    )
    (out / "word-2023.json").unlink()
    (out / "scan-2022.txt").write_text("tampered", encoding="utf-8")
    third = run_batch(reports, out, jobs=1)
    assert sorted(r.rel for r in third.results if r.status == "done") == [
        "hebei-2026.txt",
        "scan-2022.pdf",
        "word-2023.docx",
    ]
    assert (out / "scan-2022.txt").read_bytes() == before["scan-2022.txt"]
    rows = read_jsonl(out / "targets.jsonl")
    assert [r["text"] for r in rows if r["doc_id"] == "hebei-2026"] == ["6%左右"]

    fourth = run_batch(reports, out, jobs=1, manifest=reports.parent / "manifest.csv")
    assert sorted(r.rel for r in fourth.results if r.status == "done") == [
        "counties/zhengding-2025.txt",
        "hebei-2026.txt",
    ]
    assert run_batch(reports, out, jobs=1, force=True).count("done") == len(fourth.results)


def test_files_emptied_by_a_power_loss_are_redone(reports: Path, tmp_path: Path) -> None:
    """Per-document outputs are renamed into place without fsync: after a power loss a renamed
    file can be empty. The digests in the state file catch it and the document is converted again."""
    out = tmp_path / "out"
    run_batch(reports, out, jobs=1)
    before = tree(out)
    (out / "hebei-2026.json").write_bytes(b"")  # an output lost, its state intact
    states = [p for p in out.rglob("word-2023.docx.json") if p.is_file()]
    assert len(states) == 1, "the state file of word-2023.docx"
    states[0].write_bytes(b"")  # a state file lost
    again = run_batch(reports, out, jobs=1)
    assert sorted(r.rel for r in again.results if r.status == "done") == ["hebei-2026.txt", "word-2023.docx"]
    assert tree(out) == before


def test_a_file_that_turns_bad_loses_its_old_output(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(reports, out, jobs=1)
    (reports / "hebei-2026.txt").write_bytes(PNG_BYTES)
    summary = run_batch(reports, out, jobs=1)
    assert summary.exit_code == 1
    assert not (out / "hebei-2026.json").exists()
    assert all(r["doc_id"] != "hebei-2026" for r in read_jsonl(out / "targets.jsonl"))


def test_clashing_names_keep_their_suffix(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "report-2024.txt").write_text("\n".join(REPORT_LINES), encoding="utf-8")
    (src / "report-2024.pdf").write_bytes(make_pdf(REPORT_LINES))
    (src / "other-2024.pdf").write_bytes(make_pdf(REPORT_LINES))
    out = src / "out"  # an output folder inside the input folder is not walked
    assert run_batch(src, out, jobs=1).exit_code == 0
    assert sorted(visible(out)) == [
        "errors.jsonl",
        "other-2024.json",
        "other-2024.txt",
        "report-2024.pdf.json",
        "report-2024.pdf.txt",
        "report-2024.txt.json",
        "targets.jsonl",
    ]
    assert run_batch(src, out, jobs=1).count("skipped") == 3


def test_cli_exit_codes_and_summary(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(reports), "-o", str(out), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "5 documents: 5 converted" in err and "0 failed" in err
    (reports / "image.txt").write_bytes(PNG_BYTES)
    assert main(["batch", str(reports), "-o", str(out), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "5 up to date, 1 failed" in err and "image.txt" in err
    assert main(["batch", str(tmp_path / "nowhere"), "-o", str(out)]) == 2


def test_cli_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, plan_extract.cli as c; c.build_parser(); "
        "heavy = [m for m in ('pandas', 'dask', 'distributed', 'tqdm', 'trafilatura', 'docx', "
        "'pdfplumber', 'jieba', 'plan_extract.batch') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


SLOW_SITECUSTOMIZE = """
import os
if os.environ.get("PLAN_EXTRACT_TEST_DELAY"):
    import time
    import plan_extract.pipeline as _p
    _parse = _p.parse
    def _slow_parse(*args, **kwargs):
        time.sleep(float(os.environ["PLAN_EXTRACT_TEST_DELAY"]))
        return _parse(*args, **kwargs)
    _p.parse = _slow_parse
"""


def make_corpus(root: Path, n: int) -> None:
    for i in range(n):
        d = root / f"group{i % 3}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"county{i:02d}-{2010 + i % 15}.txt").write_text(
            f"第{i}号县{2010 + i % 15}年政府工作报告\n"
            f"今年主要预期目标是：地区生产总值增长{5 + i % 4}%左右，"
            f"新增就业{1000 + 37 * i}人以上，城镇调查失业率5.5%以内。\n",
            encoding="utf-8",
        )
    (root / "group0" / "broken.txt").write_bytes(PNG_BYTES)


def _wait_for_session_gone(pgid: int, timeout: float) -> bool:
    """True once no process of the killed batch's session is left (workers exit when orphaned)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and process groups are POSIX")
def test_sigkill_then_resume_gives_identical_outputs(tmp_path: Path) -> None:
    src, clean, out, hook = (tmp_path / d for d in ("in", "clean", "out", "hook"))
    make_corpus(src, 30)
    fingerprint = extractor_fingerprint()
    assert run_batch(src, clean, jobs=1).exit_code == 1  # the broken file is recorded
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent(SLOW_SITECUSTOMIZE), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(hook), "PLAN_EXTRACT_TEST_DELAY": "0.08"}
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    cmd = [sys.executable, "-m", "plan_extract.cli", "batch", str(src), "-o", str(out), "-j", "2"]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not any(out.rglob("county*.json")) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.6))  # somewhere in the middle of the run
        still_running = proc.poll() is None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert _wait_for_session_gone(proc.pid, 15), "orphaned workers kept running"
    finally:
        if proc.poll() is None:
            proc.kill()
    assert still_running, f"the batch finished before the kill (seed {seed})"

    # whatever is visible after the kill is complete and final
    reference = tree(clean)
    for rel, data in visible(out).items():
        if not Path(rel).name.startswith("."):  # hidden: an atomic write's temporary file, in any folder
            assert data == reference[rel], f"{rel} is partial (seed {seed})"
    states = list((out / STATE_DIR / "state").rglob("*.json"))
    finished = len(states)
    fingerprints = {json.loads(p.read_text(encoding="utf-8"))["extractor"] for p in states}
    assert finished < 30, f"nothing was left to resume (seed {seed})"

    # restart: only the missing documents are converted, and the result equals a clean run
    rerun = subprocess.run(
        [*cmd[:-1], "2"], env={**os.environ}, capture_output=True, text=True, timeout=120
    )
    assert rerun.returncode == 1, rerun.stderr
    if fingerprints - {fingerprint} or extractor_fingerprint() != fingerprint:
        pytest.skip("the extractor's code changed while the test ran (a concurrent edit)")
    m = re.search(r"31 documents: (\d+) converted.*?(\d+) up to date, 1 failed", rerun.stderr)
    assert m, rerun.stderr
    assert (int(m.group(1)), int(m.group(2))) == (30 - finished, finished), (
        f"seed {seed}; fingerprints before restart {fingerprints}, now {extractor_fingerprint()}"
    )
    assert tree(out) == reference, f"resumed outputs differ from a clean run (seed {seed})"
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


LOGGING_SITECUSTOMIZE = """
import os
if os.environ.get("PLAN_EXTRACT_TEST_LOG"):
    import plan_extract.batch as _b
    _convert = _b.convert_file
    def _logged(task):
        if "crash" in task.rel:
            os._exit(7)  # a worker killed on this file (a crash in a format reader, an OOM kill)
        log = os.path.join(os.environ["PLAN_EXTRACT_TEST_LOG"], str(os.getpid()))
        with open(log, "a", encoding="utf-8") as f:
            f.write(task.rel + "\\n")
        return _convert(task)
    _b.convert_file = _logged
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the fork server is POSIX")
def test_a_dead_worker_costs_one_file_and_jobs_2_writes_the_same_bytes(
    reports: Path, tmp_path: Path
) -> None:
    """A worker killed on a file: that file is recorded as WorkerDied, everything else as with --jobs 1."""
    add_bad_files(reports)
    make_corpus(reports / "many", 24)
    ref, out, hook, log = (tmp_path / d for d in ("ref", "out", "hook", "log"))
    assert run_batch(reports, ref, jobs=1, max_bytes=60_000).exit_code == 1

    (reports / "web" / "crash-2024.html").write_bytes(make_html(REPORT_LINES))
    hook.mkdir()
    log.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent(LOGGING_SITECUSTOMIZE), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(hook), "PLAN_EXTRACT_TEST_LOG": str(log)}
    cmd = [sys.executable, "-m", "plan_extract.cli", "batch", str(reports), "-o", str(out)]
    proc = subprocess.Popen(
        [*cmd, "-j", "2", "--max-bytes", "60000"], env=env, stderr=subprocess.PIPE, text=True
    )
    stderr = proc.communicate(timeout=300)[1]
    assert proc.returncode == 1, stderr
    assert "web/crash-2024.html: WorkerDied" in stderr

    by_pid = {int(p.name): p.read_text(encoding="utf-8").splitlines() for p in log.iterdir()}
    assert proc.pid not in by_pid and by_pid, by_pid  # converted in the worker processes

    errors = read_jsonl(out / "errors.jsonl")
    assert [e["error"] for e in errors if e["path"] == "web/crash-2024.html"] == ["WorkerDied"]
    assert [e for e in errors if e["path"] != "web/crash-2024.html"] == read_jsonl(
        ref / "errors.jsonl"
    )
    got = {k: v for k, v in tree(out).items() if k != "errors.jsonl"}
    assert got == {k: v for k, v in tree(ref).items() if k != "errors.jsonl"}


def test_dask_engine_writes_the_same_bytes(reports: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    add_bad_files(reports)
    local = run_batch(reports, tmp_path / "local", jobs=1, table="csv", max_bytes=60_000)
    dask = run_batch(
        reports,
        tmp_path / "dask",
        jobs=2,
        engine="dask",
        table="csv",
        max_bytes=60_000,
        dask_processes=False,
    )
    assert [(r.rel, r.status) for r in dask.results] == [(r.rel, r.status) for r in local.results]
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")


def test_package_closure_finds_what_the_syntax_tree_finds() -> None:
    """The fingerprint's module closure is read with a pattern; it must equal the ast reading."""
    import ast

    from plan_extract import batch as B

    root = Path(B.__file__).resolve().parent

    def ast_closure(start: list[str]) -> list[Path]:
        seen: set[str] = set()
        todo = list(start)
        while todo:
            name = todo.pop()
            path = root / f"{name}.py"
            if name in seen or not path.is_file():
                continue
            seen.add(name)
            for node in ast.walk(ast.parse(path.read_bytes())):
                if isinstance(node, ast.ImportFrom) and node.level == 1:
                    if node.module:
                        todo.append(node.module.split(".")[0])
                    else:
                        todo.extend(alias.name for alias in node.names)
        return [root / f"{n}.py" for n in sorted(seen)]

    for start in (["pipeline", "batch", "formats", "manifest"], ["cli"], ["evaluation"], ["comparison"]):
        assert B._package_closure(root, start) == ast_closure(start), start


def test_package_closure_reads_every_form_of_relative_import(tmp_path: Path) -> None:
    from plan_extract.batch import _package_closure

    (tmp_path / "a.py").write_text(
        "from .b import x\n"
        "def f():\n"
        "    from . import c, d as dd\n"
        "    from . import (\n        e,\n        f2,\n    )\n"
        "from .g.h import y  # a subpackage's module names its package\n",
        encoding="utf-8",
    )
    for n in ("b", "c", "d", "e", "f2", "g", "z"):
        (tmp_path / f"{n}.py").write_text("", encoding="utf-8")
    got = [p.name for p in _package_closure(tmp_path, ["a"])]
    assert got == ["a.py", "b.py", "c.py", "d.py", "e.py", "f2.py", "g.py"]


PARENT_SITECUSTOMIZE = """
import os
if os.environ.get("PLAN_EXTRACT_TEST_LOG"):
    import plan_extract.batch as _b
    _convert = _b.convert_file
    def _logged(task):
        log = os.path.join(os.environ["PLAN_EXTRACT_TEST_LOG"], str(os.getpid()))
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getppid()} {task.rel}\\n")
        return _convert(task)
    _b.convert_file = _logged
"""

# run_batch with --jobs 2 from a process that has a second thread (a notebook, a Dask client)
THREADED_BATCH = """
import sys, threading
from plan_extract.batch import run_batch
stop = threading.Event()
threading.Thread(target=stop.wait, daemon=True).start()
summary = run_batch(sys.argv[1], sys.argv[2], jobs=2, table="csv", max_bytes=60_000)
stop.set()
print(summary.exit_code)
"""


def _parents(log: Path) -> dict[int, set[int]]:
    """Worker pid -> the parent pids it logged (one per worker)."""
    return {
        int(p.name): {int(line.split()[0]) for line in p.read_text(encoding="utf-8").splitlines()}
        for p in log.iterdir()
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork from the main process: Linux only")
def test_workers_fork_from_a_single_threaded_main_and_from_the_fork_server_otherwise(
    reports: Path, tmp_path: Path
) -> None:
    """The two ways workers start give the same bytes as --jobs 1.

    A single-threaded main process (``plan-extract batch``) forks the workers itself; a
    process with another thread hands that to the fork server, whose workers are not its
    children.
    """
    add_bad_files(reports)
    make_corpus(reports / "many", 24)
    ref, hook = tmp_path / "ref", tmp_path / "hook"
    assert run_batch(reports, ref, jobs=1, table="csv", max_bytes=60_000).exit_code == 1
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent(PARENT_SITECUSTOMIZE), encoding="utf-8")

    # the command line: workers are children of the main process
    out, log = tmp_path / "cli", tmp_path / "log-cli"
    log.mkdir()
    env = {**os.environ, "PYTHONPATH": str(hook), "PLAN_EXTRACT_TEST_LOG": str(log)}
    cmd = [sys.executable, "-m", "plan_extract.cli", "batch", str(reports), "-o", str(out)]
    proc = subprocess.Popen(
        [*cmd, "-j", "2", "--table", "csv", "--max-bytes", "60000"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    stderr = proc.communicate(timeout=300)[1]
    assert proc.returncode == 1, stderr
    parents = _parents(log)
    assert len(parents) == 2 and proc.pid not in parents, parents
    assert all(pp == {proc.pid} for pp in parents.values()), (proc.pid, parents)
    assert tree(out) == tree(ref)

    # a caller with a second thread: the fork server's children
    out, log = tmp_path / "threaded", tmp_path / "log-threaded"
    log.mkdir()
    env = {**env, "PLAN_EXTRACT_TEST_LOG": str(log)}
    proc = subprocess.Popen(
        [sys.executable, "-c", THREADED_BATCH, str(reports), str(out)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout, stderr = proc.communicate(timeout=300)
    assert stdout.strip() == "1", stderr
    parents = _parents(log)
    assert parents and proc.pid not in parents, parents
    assert all(pp and proc.pid not in pp for pp in parents.values()), (proc.pid, parents)
    assert tree(out) == tree(ref)


BAR_ON_A_TERMINAL = """
import io, sys
class Terminal(io.StringIO):
    def isatty(self):
        return True
sys.stderr = Terminal()
from plan_extract.cli_batch import _Bar
from plan_extract._pool import fork_is_safe
bar = _Bar()
bar.start(3, 0)
bar.advance(None)
print(bar._bar is not None, fork_is_safe())
bar.close()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork from the main process: Linux only")
def test_the_progress_bar_starts_no_thread() -> None:
    """A bar drawn on a terminal leaves the main process single-threaded, so the workers can fork from it."""
    pytest.importorskip("tqdm")
    out = subprocess.run(
        [sys.executable, "-c", BAR_ON_A_TERMINAL], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", "True"], out.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork from the main process: Linux only")
def test_a_forked_pool_leaves_the_callers_garbage_collector_as_it_was(
    reports: Path, tmp_path: Path
) -> None:
    """The heap is frozen (gc.freeze) only while workers fork from the caller."""
    code = (
        "import gc, sys; from plan_extract.batch import run_batch; "
        "s = run_batch(sys.argv[1], sys.argv[2], jobs=2); "
        "print(s.count('done'), gc.get_freeze_count(), gc.isenabled())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(reports), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=True,
    )
    done, frozen, enabled = out.stdout.split()
    assert int(done) > 1 and frozen == "0" and enabled == "True", out.stderr
