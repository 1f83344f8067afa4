"""Batch conversion: a folder of reports to per-document JSON and one tidy table.

Design, briefly:

* **One pure step per file** (:func:`convert_file`): read, extract, write the
  outputs atomically, then write a small *state* record (input sha256,
  extractor fingerprint, metadata, sha256 of every output).  The state is
  written last, so a file whose state is present and matches was finished.
* **Resume** is a comparison of states, done before any work is handed out;
  up-to-date files are skipped, everything else is redone.  A run killed at
  any point (even SIGKILL) leaves at worst hidden ``*.tmp`` files, which the
  next run removes.
* **Engines** run the same step: in process (``jobs=1``), on a process pool,
  or on Dask distributed.  Output files depend only on the inputs, so every
  engine writes the same bytes.  The combined ``targets.jsonl`` (and the
  optional CSV/Parquet table) is rebuilt from the per-document JSON files at
  the end, in input order, so it is consistent after a resume.
* **A bad file never stops the batch**: its error goes to ``errors.jsonl``.

Nothing heavy is imported at module import time; pandas, Dask and the
format readers load when they are needed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

from .errors import InputFileError, PlanExtractError
from .formats import SUPPORTED_SUFFIXES, is_derived_text
from .manifest import DocMeta, Manifest, infer_meta, load_manifest

if TYPE_CHECKING:
    import re
else:
    from ._rx import re  # the standard module, compile() reusing earlier runs' work

__all__ = [
    "BatchError",
    "BatchProgress",
    "BatchSummary",
    "FileResult",
    "Task",
    "convert_file",
    "discover",
    "extractor_fingerprint",
    "run_batch",
]

STATE_DIR = ".plan-extract"
# this run's lines of targets.jsonl, one file per document, made by the workers; removed at the end
ROWS_DIR = f"{STATE_DIR}/rows"
TARGETS_JSONL = "targets.jsonl"
ERRORS_JSONL = "errors.jsonl"
DOC_COLUMNS = ("doc_id", "region", "year", "level", "source_file")
Status = Literal["done", "skipped", "failed"]
_TMP_NAME = re.compile(r"^\..+\.tmp$")
_UMASK = os.umask(0o022)  # read once (os.umask can only be read by setting it)
os.umask(_UMASK)


class BatchError(PlanExtractError):
    """The batch as a whole cannot run (bad folder, output folder in use, missing extra)."""

    code = "E400"


@dataclass(frozen=True)
class Task:
    """One input file and where its outputs go (paths under ``out_dir`` are POSIX, relative)."""

    source: str
    rel: str
    out_dir: str
    out_json: str
    out_text: str | None
    meta: DocMeta
    fingerprint: str
    max_bytes: int | None = None
    size: int = 0

    @property
    def state_rel(self) -> str:
        return f"{STATE_DIR}/state/{self.rel}.json"


@dataclass(frozen=True)
class FileResult:
    """What happened to one input file."""

    rel: str
    status: Status
    n_targets: int = 0
    error_class: str | None = None
    error_code: str | None = None
    message: str | None = None
    # the worker also wrote the document's lines of targets.jsonl (see _rows_rel)
    rows: bool = field(default=False, compare=False, repr=False)


@dataclass
class BatchSummary:
    """Counts and paths of a finished batch; ``exit_code`` is 0 when nothing failed."""

    in_dir: Path
    out_dir: Path
    results: list[FileResult] = field(default_factory=list)
    n_targets: int = 0
    seconds: float = 0.0
    engine: str = "local"
    jobs: int = 1
    outputs: list[Path] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    @property
    def docs_per_second(self) -> float:
        done = self.count("done")
        return done / self.seconds if self.seconds > 0 else 0.0


class BatchProgress(Protocol):
    """Receives progress; the CLI draws a bar with it, the library draws nothing."""

    def start(self, total: int, skipped: int) -> None: ...

    def advance(self, result: FileResult) -> None: ...


# --------------------------------------------------------------------------- helpers


# ``from .x import …`` and ``from . import a, b`` (lazy imports inside functions too)
_RELATIVE_IMPORT = re.compile(r"^[ \t]*from[ \t]+\.([A-Za-z_]\w*)?[\w.]*[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)", re.M)


def _package_closure(root: Path, start: Sequence[str]) -> list[Path]:
    """The package modules reachable from ``start`` through relative imports (lazy ones too).

    Read with a pattern rather than ``ast`` (parsing the pipeline took 0.2 s of every batch's
    start-up); tests check that it finds what the syntax tree finds.
    """
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        path = root / f"{name}.py"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        for m in _RELATIVE_IMPORT.finditer(path.read_text(encoding="utf-8")):
            if m.group(1):
                todo.append(m.group(1))
            else:
                names = m.group(2).strip("() \t\n")
                todo.extend(n.split()[0] for n in names.replace("\n", " ").split(",") if n.strip())
    return [root / f"{name}.py" for name in sorted(seen)]


def extractor_fingerprint() -> str:
    """The extractor version plus a hash of the code and data that shape a document's output.

    The code is the modules reachable from the pipeline and the batch step,
    so an edit to the extractor redoes every document even when the version
    number was not bumped (an editable install during development), while an
    edit to an unrelated module (scoring, plots) does not.
    """
    from . import __version__

    root = Path(__file__).resolve().parent
    files = _package_closure(root, ["pipeline", "batch", "formats", "manifest"])
    data = root / "data"
    if data.is_dir():
        files += sorted(p for p in data.rglob("*") if p.is_file())
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return f"{__version__}+{h.hexdigest()[:16]}"


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_file(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


@contextlib.contextmanager
def _atomic_open(path: Path, *, sync: bool = True) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``path`` only once it is complete (and synced, with ``sync``)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fchmod(f.fileno(), 0o666 & ~_UMASK)  # mkstemp creates 0600 files
            if sync:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    with _atomic_open(path, sync=sync) as f:
        f.write(data)


def _state_json(task: Task, input_sha: str, outputs: dict[str, str]) -> bytes:
    state = {
        "input": task.rel,
        "sha256": input_sha,
        "extractor": task.fingerprint,
        "meta": task.meta.as_dict(),
        "outputs": outputs,
    }
    return (json.dumps(state, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def _outputs_of(task: Task) -> list[str]:
    return [p for p in (task.out_text, task.out_json) if p is not None]


def _remove_outputs(task: Task) -> None:
    """Forget a document (state first, so that a crash here never leaves a stale state)."""
    out = Path(task.out_dir)
    for rel in (task.state_rel, *_outputs_of(task)):
        with contextlib.suppress(FileNotFoundError):
            (out / rel).unlink()


def is_up_to_date(task: Task) -> bool:
    """True when the state matches the input, the extractor and the metadata, and every output is intact."""
    out = Path(task.out_dir)
    try:
        state = json.loads((out / task.state_rel).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(state, dict):
        return False
    if (
        state.get("extractor") != task.fingerprint
        or state.get("meta") != task.meta.as_dict()
        or state.get("input") != task.rel
    ):
        return False
    outputs = state.get("outputs")
    if not isinstance(outputs, dict) or sorted(outputs) != sorted(_outputs_of(task)):
        return False
    if state.get("sha256") != _sha256_file(Path(task.source)):
        return False
    return all(_sha256_file(out / rel) == digest for rel, digest in outputs.items())


# --------------------------------------------------------------------------- the per-file step


def convert_file(task: Task) -> FileResult:
    """Extract one file and write its outputs; never raises for a bad file.

    Runs in worker processes (or Dask workers): it reads the input itself and
    writes its own outputs, atomically, state last.
    """
    from .chunked import parse_chunked
    from .formats import load_text

    out = Path(task.out_dir)
    try:
        loaded = load_text(task.source, max_bytes=task.max_bytes)
        doc = parse_chunked(  # big texts in paragraph-aligned chunks: bounded memory
            loaded.text,
            year=task.meta.year,
            region=task.meta.region,
            level=task.meta.level,  # type: ignore[arg-type]  # a Level value, validated by the manifest
            doc_id=task.meta.doc_id,
            source_file=task.rel,
        )
        extra = list(loaded.warnings)
        if task.out_text is not None:
            extra.append(
                f"text converted from {PurePosixPath(task.rel).name}; offsets refer to "
                f"{PurePosixPath(task.out_text).name}"
            )
        if extra:
            doc = doc.model_copy(update={"warnings": [*doc.warnings, *extra]})
        # Per-document files are renamed into place complete but not fsynced: an fsync per
        # file made two workers queue on the file system's journal (batch --jobs 2 ran 7 %
        # slower with it). A run cut short by a power loss still resumes correctly: the state
        # file records the digest of every output, and a document whose state or outputs do
        # not check out is converted again (is_up_to_date).
        outputs: dict[str, str] = {}
        if task.out_text is not None:
            text_bytes = loaded.text.encode("utf-8")
            _write_atomic(out / task.out_text, text_bytes, sync=False)
            outputs[task.out_text] = _sha256_bytes(text_bytes)
        json_bytes = (doc.to_json(indent=2) + "\n").encode("utf-8")
        _write_atomic(out / task.out_json, json_bytes, sync=False)
        outputs[task.out_json] = _sha256_bytes(json_bytes)
        _write_atomic(out / task.state_rel, _state_json(task, loaded.sha256, outputs), sync=False)
        # The combined table's lines, made here (in parallel) rather than by the main process
        # re-reading every JSON at the end (a scratch file of this run).
        rows = True
        try:
            _write_atomic(out / _rows_rel(task.rel), _rows_bytes(json_bytes), sync=False)
        except (OSError, ValueError):
            rows = False
        return FileResult(task.rel, "done", n_targets=len(doc.targets), rows=rows)
    except Exception as exc:  # noqa: BLE001 - one bad file (or an extractor bug) must not stop the batch
        with contextlib.suppress(OSError):
            _remove_outputs(task)
        return _failure(task, exc)


def _failure(task: Task, exc: BaseException) -> FileResult:
    message = str(exc)
    if isinstance(exc, InputFileError) and message.startswith(f"{exc.path}: "):
        message = message[len(exc.path) + 2 :]  # the path is recorded on its own, relative
    message = message.replace(task.source, task.rel)
    return FileResult(
        task.rel,
        "failed",
        error_class=type(exc).__name__,
        error_code=getattr(exc, "code", None),
        message=message or type(exc).__name__,
    )


def convert_chunk(tasks: Sequence[Task]) -> list[FileResult]:
    """Several small files in one round trip to a worker."""
    return [convert_file(t) for t in tasks]


# --------------------------------------------------------------------------- planning


def discover(in_dir: Path, *, exclude: Path | None = None) -> list[str]:
    """Supported files under ``in_dir``, as sorted POSIX relative paths; hidden entries skipped."""
    found: list[str] = []
    excluded = exclude.resolve() if exclude is not None else None
    for root, dirs, files in os.walk(in_dir):
        root_path = Path(root)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and (excluded is None or (root_path / d).resolve() != excluded)
        )
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            found.append((root_path / name).relative_to(in_dir).as_posix())
    return sorted(found)


def _output_names(rels: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """``a/b.pdf`` → (``a/b.json``, ``a/b.txt``); inputs whose outputs would clash keep their suffix."""
    full: set[str] = set()
    while True:
        names: dict[str, tuple[str, str | None]] = {}
        for rel in rels:
            base = rel if rel in full else PurePosixPath(rel).with_suffix("").as_posix()
            names[rel] = (f"{base}.json", f"{base}.txt" if is_derived_text(rel) else None)
        owners: dict[str, list[str]] = {}
        for rel, outs in names.items():
            for o in outs:
                if o is not None:
                    owners.setdefault(o.casefold(), []).append(rel)
        clashes = {r for rs in owners.values() if len(rs) > 1 for r in rs} - full
        if not clashes:
            return names
        full |= clashes


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# A file's cost in bytes-equivalent: its size plus a fixed part (reading, JSON, atomic writes),
# which dominates for the many small files of a corpus (a 64-file chunk of 2 KB pages takes
# as long as a 300 KB report).
_FILE_COST = 8 << 10


def _chunks(tasks: Sequence[Task], jobs: int) -> list[list[Task]]:
    """Largest files first, in chunks that shrink as the work left shrinks, so that the workers finish together.

    The biggest files go out first (longest processing time first) and each chunk holds
    about 1/(4 × jobs) of the work still left (guided scheduling): big chunks while there
    is plenty to share, then smaller and smaller ones, the last ones a file or a few small
    files, so no worker is left with a long chunk while the others idle.
    """
    ordered = sorted(tasks, key=lambda t: (-t.size, t.rel))
    left = sum(t.size + _FILE_COST for t in ordered)
    chunks: list[list[Task]] = []
    current: list[Task] = []
    current_cost = 0
    target = 0
    for t in ordered:
        if not current:
            target = min(4 << 20, max(2 * _FILE_COST, left // max(1, jobs * 4)))
        cost = t.size + _FILE_COST
        current.append(t)
        current_cost += cost
        left -= cost
        if current_cost >= target or len(current) >= 64:
            chunks.append(current)
            current, current_cost = [], 0
    if current:
        chunks.append(current)
    return chunks


def _clean_temporaries(out_dir: Path) -> None:
    """Remove hidden ``*.tmp`` files left by a killed run (our atomic writes only)."""
    for root, _dirs, files in os.walk(out_dir):
        for name in files:
            if _TMP_NAME.match(name):
                with contextlib.suppress(OSError):
                    (Path(root) / name).unlink()


@contextlib.contextmanager
def _exclusive(out_dir: Path) -> Iterator[None]:
    """One batch at a time per output folder (the lock dies with the process, even on SIGKILL)."""
    lock_path = out_dir / STATE_DIR / "lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    with open(lock_path, "a+b") as f:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BatchError(f"{out_dir}: another batch is writing to this folder") from None
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


# --------------------------------------------------------------------------- engines


def _worker_init(lifeline: Any, inherited: int | None = None) -> None:
    """Workers ignore Ctrl-C (the main process stops them) and exit when the main process dies.

    ``lifeline`` is the read end of a pipe whose only write end the main
    process holds: it reads EOF when the main process is gone, even after
    SIGKILL.  (The parent of a forkserver worker is the fork server, which
    itself lives as long as the workers do, so the parent pid cannot tell.)
    A worker forked from the main process closes its copy of that write end
    (``inherited``), so that the main process's is the only one left.
    """
    import signal
    import threading

    if inherited is not None:
        os.close(inherited)

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        try:
            while True:
                lifeline.recv_bytes()
        except (EOFError, OSError):
            pass
        os._exit(1)

    threading.Thread(target=watch, name="plan-extract-lifeline", daemon=True).start()


def _mp_context() -> Any:
    """fork from this process when that is safe (see :mod:`plan_extract._pool`), else forkserver."""
    from ._pool import mp_context

    return mp_context(fork=True)


def _run_serial(tasks: Sequence[Task], emit: Callable[[FileResult], None]) -> None:
    for t in sorted(tasks, key=lambda t: t.rel):
        emit(convert_file(t))


def _run_pool(
    tasks: Sequence[Task], jobs: int, emit: Callable[[FileResult], None], *, chunked: bool = True
) -> list[Task]:
    """Run on a process pool; returns the tasks lost to a dead worker (to be retried)."""
    chunks = _chunks(tasks, jobs) if chunked else [[t] for t in tasks]
    ctx = _mp_context()
    forked = ctx.get_start_method() == "fork"
    if forked:  # the workers inherit what this process has loaded: load it once, here
        from . import _warm  # noqa: F401
    with _frozen_heap(forked):
        return _pool_run(ctx, forked, chunks, jobs, emit)


@contextlib.contextmanager
def _frozen_heap(frozen: bool) -> Iterator[None]:
    """``gc.freeze()`` while workers fork from this process: their collections then skip the
    inherited objects (jieba's dictionary, the patterns) instead of touching, and so copying,
    every page of them. Undone afterwards."""
    if not frozen:
        yield
        return
    import gc

    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _pool_run(
    ctx: Any, forked: bool, chunks: list[list[Task]], jobs: int, emit: Callable[[FileResult], None]
) -> list[Task]:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    lost: list[Task] = []
    lifeline, keepalive = ctx.Pipe(duplex=False)
    with (
        contextlib.closing(keepalive),
        contextlib.closing(lifeline),
        ProcessPoolExecutor(
            max_workers=min(jobs, len(chunks)),
            mp_context=ctx,
            initializer=_worker_init,
            initargs=(lifeline, keepalive.fileno() if forked else None),
        ) as pool,
    ):
        futures: dict[Future[list[FileResult]], list[Task]] = {
            pool.submit(convert_chunk, c): c for c in chunks
        }
        try:
            for fut in as_completed(futures):
                try:
                    results = fut.result()
                except BrokenProcessPool:
                    lost.extend(futures[fut])
                    continue
                for r in results:
                    emit(r)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return lost


def _run_local(tasks: Sequence[Task], jobs: int, emit: Callable[[FileResult], None]) -> None:
    if jobs <= 1 or len(tasks) <= 1:
        _run_serial(tasks, emit)
        return
    lost = _run_pool(tasks, jobs, emit)
    if not lost:
        return
    # A worker died (crash, OOM kill) and the pool stopped the others, perhaps in the middle
    # of an atomic write: their hidden temporary files go once the retries are done.
    stopped = list(lost)
    # retry one file per task, then alone
    lost = _run_pool(lost, jobs, emit, chunked=False)
    deaths = 0
    for t in sorted(lost, key=lambda t: t.rel):
        if deaths >= 3:  # workers cannot even start: do not spawn a pool per file
            emit(_worker_died(t, "worker processes keep dying; skipped without retrying"))
            continue
        again = _run_pool([t], 1, emit, chunked=False)
        deaths = deaths + 1 if again else 0
        if again:
            emit(_worker_died(t, "the worker process died on this file"))
    _clean_temporaries_of(stopped)


def _clean_temporaries_of(tasks: Sequence[Task]) -> None:
    """Remove hidden ``*.tmp`` files in the folders these tasks write to (no worker is running)."""
    folders = {
        (Path(t.out_dir) / rel).parent
        for t in tasks
        for rel in (*_outputs_of(t), t.state_rel, _rows_rel(t.rel))
    }
    for folder in folders:
        with contextlib.suppress(OSError):
            for name in os.listdir(folder):
                if _TMP_NAME.match(name):
                    with contextlib.suppress(OSError):
                        (folder / name).unlink()


def _worker_died(task: Task, message: str) -> FileResult:
    return FileResult(task.rel, "failed", error_class="WorkerDied", message=message)


def _run_dask(
    tasks: Sequence[Task],
    jobs: int,
    emit: Callable[[FileResult], None],
    *,
    scheduler: str | None,
    processes: bool,
) -> None:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise BatchError(
            "--engine dask needs dask.distributed: pip install 'plan-extract[dask]'"
        ) from exc
    import logging

    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=processes,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        chunks = _chunks(tasks, jobs)
        futures = client.map(convert_chunk, chunks, pure=False)
        by_key = {f.key: c for f, c in zip(futures, chunks, strict=True)}
        for fut, value in as_completed(futures, with_results=True, raise_errors=False):
            if fut.status == "error":  # the task itself died (worker lost, unpicklable code)
                err = value[1] if isinstance(value, tuple) and len(value) == 3 else value
                if not isinstance(err, BaseException):
                    err = RuntimeError(f"Dask task failed: {value!r}")
                for t in by_key[fut.key]:
                    emit(_failure(t, err))
                continue
            for r in value:
                emit(r)


# --------------------------------------------------------------------------- combined outputs


def _records_of(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    head = {k: doc.get(k) for k in DOC_COLUMNS}
    for target in doc.get("targets", []):
        yield {**head, **target}


def _iter_records(out_dir: Path, tasks: Sequence[Task]) -> Iterator[dict[str, Any]]:
    for t in tasks:
        yield from _records_of(json.loads((out_dir / t.out_json).read_text(encoding="utf-8")))


def _rows_bytes(json_bytes: bytes) -> bytes:
    """A document's lines of targets.jsonl, from its JSON exactly as written (what _write_tables would make)."""
    doc = json.loads(json_bytes.decode("utf-8"))
    lines = [json.dumps(rec, ensure_ascii=False) + "\n" for rec in _records_of(doc)]
    return "".join(lines).encode("utf-8")


def _rows_rel(rel: str) -> str:
    """Where a worker leaves the lines of targets.jsonl of the document ``rel``."""
    return f"{ROWS_DIR}/{rel}.jsonl"


# The rows of up to this many bytes are read while the workers run (see _KeptRows).
_ROWS_KEPT_MAX = 64 << 20


@dataclass
class _KeptRows:
    """The lines of targets.jsonl a worker made, read (and their scratch file removed) as each
    document is reported done: while the workers run, the main process has nothing else to do,
    and after the last one it only writes them.  Up to ``_ROWS_KEPT_MAX`` bytes in memory; the
    rest is read at the end, as before."""

    out_dir: Path
    data: dict[str, bytes] = field(default_factory=dict)
    size: int = 0

    def take(self, rel: str) -> None:
        if self.size >= _ROWS_KEPT_MAX:
            return
        path = self.out_dir / _rows_rel(rel)
        try:
            data = path.read_bytes()
            path.unlink()
        except OSError:
            return
        self.data[rel] = data
        self.size += len(data)


def _write_tables(
    out_dir: Path,
    tasks: Sequence[Task],
    table: str | None,
    fresh: frozenset[str] = frozenset(),
    kept: dict[str, bytes] | None = None,
) -> tuple[int, list[Path]]:
    """targets.jsonl (and CSV/Parquet) in input order; ``fresh``: documents whose rows a worker made
    in this run, ``kept``: those of them already read (see _KeptRows)."""
    jsonl = out_dir / TARGETS_JSONL
    # Rebuild the requested table, and any table an earlier run left, so none is stale.
    formats = [f for f in ("csv", "parquet") if f == table or (out_dir / f"targets.{f}").exists()]
    rows: list[dict[str, Any]] = []
    n = 0
    try:
        with _atomic_open(jsonl) as f:
            for t in tasks:
                data = kept.get(t.rel) if kept else None
                if data is None and t.rel in fresh:
                    with contextlib.suppress(OSError):
                        data = (out_dir / _rows_rel(t.rel)).read_bytes()
                if data is None:  # up to date from an earlier run (or the rows were not written)
                    data = b"".join(
                        (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
                        for rec in _iter_records(out_dir, [t])
                    )
                f.write(data)
                n += data.count(b"\n")
                if formats:
                    rows.extend(json.loads(line) for line in data.decode("utf-8").splitlines())
    finally:
        import shutil

        shutil.rmtree(out_dir / ROWS_DIR, ignore_errors=True)
    written = [jsonl]
    for fmt in formats:
        written.append(_write_table(out_dir, rows, fmt))
    return n, written


def _write_table(out_dir: Path, rows: list[dict[str, Any]], table: str) -> Path:
    import io

    import pandas as pd

    from .models import Target

    columns = list(DOC_COLUMNS) + [c for c in Target.model_fields if c not in DOC_COLUMNS]
    for row in rows:  # keep fields a newer extractor may add
        columns.extend(k for k in row if k not in columns)
    frame = pd.DataFrame(rows, columns=columns)
    # horizon is a year (int) or a period ("2026-2030"): one type per column.
    frame["horizon"] = (
        frame["horizon"].map(lambda v: None if v is None else str(v)).astype("object")
    )
    if table == "csv":
        path = out_dir / "targets.csv"
        _write_atomic(path, frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    elif table == "parquet":
        path = out_dir / "targets.parquet"
        buf = io.BytesIO()
        frame.to_parquet(buf, index=False)
        _write_atomic(path, buf.getvalue())
    else:
        raise BatchError(f"unknown table format {table!r} (csv or parquet)")
    return path


def _write_errors(out_dir: Path, failed: Sequence[FileResult]) -> Path:
    path = out_dir / ERRORS_JSONL
    lines = [
        json.dumps(
            {"path": r.rel, "error": r.error_class, "code": r.error_code, "message": r.message},
            ensure_ascii=False,
        )
        + "\n"
        for r in sorted(failed, key=lambda r: r.rel)
    ]
    _write_atomic(path, "".join(lines).encode("utf-8"))
    return path


# --------------------------------------------------------------------------- entry point


def plan_tasks(
    in_dir: Path,
    out_dir: Path,
    *,
    manifest: Manifest | None = None,
    max_bytes: int | None = None,
    fingerprint: str | None = None,
) -> list[Task]:
    """Every input file under ``in_dir`` with its metadata and output names, in path order."""
    rels = discover(in_dir, exclude=out_dir)
    names = _output_names(rels)
    fp = fingerprint or extractor_fingerprint()
    tasks = []
    for rel in rels:
        source = in_dir / rel
        try:
            size = source.stat().st_size
        except OSError:
            size = 0
        meta = manifest.meta_for(rel) if manifest is not None else infer_meta(rel)
        out_json, out_text = names[rel]
        tasks.append(
            Task(
                source=str(source),
                rel=rel,
                out_dir=str(out_dir),
                out_json=out_json,
                out_text=out_text,
                meta=meta,
                fingerprint=fp,
                max_bytes=max_bytes,
                size=size,
            )
        )
    return tasks


def run_batch(
    in_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    manifest: str | os.PathLike[str] | Manifest | None = None,
    table: Literal["csv", "parquet"] | None = None,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    force: bool = False,
    max_bytes: int | None = None,
    progress: BatchProgress | None = None,
    dask_processes: bool = True,
) -> BatchSummary:
    """Convert every report under ``in_dir`` into ``out_dir``; see the module docstring.

    Raises :class:`BatchError` only for problems with the batch as a whole;
    problems with single files are in the returned summary and ``errors.jsonl``.
    """
    started = time.perf_counter()
    src = Path(in_dir).resolve()
    dst = Path(out_dir).resolve()
    if not src.is_dir():
        raise BatchError(f"{in_dir}: not a folder")
    if engine not in ("local", "dask"):
        raise BatchError(f"unknown engine {engine!r} (local or dask)")
    if table not in (None, "csv", "parquet"):
        raise BatchError(f"unknown table format {table!r} (csv or parquet)")
    n_jobs = jobs if jobs and jobs > 0 else _default_jobs()
    man = load_manifest(manifest) if isinstance(manifest, str | os.PathLike) else manifest
    dst.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary(in_dir=src, out_dir=dst, engine=engine, jobs=n_jobs)
    with _exclusive(dst):
        if engine == "local" and n_jobs > 1:
            # the fork server imports and warms the extractor while this process plans
            # (plan-extract batch has started it already, first thing)
            from ._pool import prestart

            prestart(n_jobs)
        _clean_temporaries(dst)
        tasks = plan_tasks(src, dst, manifest=man, max_bytes=max_bytes)
        todo = [t for t in tasks if force or not is_up_to_date(t)]
        todo_rels = {t.rel for t in todo}
        results: dict[str, FileResult] = {
            t.rel: FileResult(t.rel, "skipped") for t in tasks if t.rel not in todo_rels
        }
        if progress is not None:
            progress.start(len(todo), len(results))

        kept = _KeptRows(dst)

        def emit(result: FileResult) -> None:
            results[result.rel] = result
            if result.rows:
                kept.take(result.rel)
            if progress is not None:
                progress.advance(result)

        if todo:
            if engine == "dask":
                _run_dask(todo, n_jobs, emit, scheduler=scheduler, processes=dask_processes)
            else:
                _run_local(todo, n_jobs, emit)
        summary.results = [results[t.rel] for t in tasks]
        finished = [t for t in tasks if results[t.rel].status != "failed"]
        fresh = frozenset(r.rel for r in results.values() if r.rows)
        summary.n_targets, written = _write_tables(dst, finished, table, fresh, kept.data)
        summary.outputs = [*written, _write_errors(dst, summary.failed)]
    summary.seconds = time.perf_counter() - started
    return summary
