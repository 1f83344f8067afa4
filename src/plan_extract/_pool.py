"""The batch's worker processes: their start method and an early start of the fork server.

Kept apart from :mod:`plan_extract.batch` and free of the package's heavy imports.

On Linux, when the main process has a single thread, the workers are forked from the
main process itself once it has imported and warmed the extractor (pydantic, the
patterns, jieba's dictionary: what the fork server would load): one process starts up
instead of three (main, fork server, its resource tracker) competing for the cores, so
the workers start about 0.1 s sooner.  A process with other threads (a notebook's
kernel, a progress bar's monitor, a Dask client) cannot be forked safely: the workers
then fork from a clean fork server instead, which ``plan-extract batch`` starts first
thing so that it warms up while the main process plans the batch.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

# What every worker needs in memory, loaded once in the fork server (see _warm.py).
PRELOAD = ["plan_extract.batch", "plan_extract.pipeline", "plan_extract._warm"]


def fork_is_safe() -> bool:
    """True on Linux when this process has one thread: forking it cannot copy a lock held by another."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # every OS thread, also those of C libraries
    except OSError:  # pragma: no cover - no /proc
        return False


def mp_context(*, fork: bool = False) -> Any:
    """``fork`` (when asked and :func:`fork_is_safe`), else forkserver where available.

    forkserver workers fork from a clean, pre-imported server (no inherited locks or threads).
    """
    import multiprocessing as mp

    if fork and fork_is_safe():
        return mp.get_context("fork")
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return mp.get_context("spawn")  # pragma: no cover - Windows


def prestart(jobs: int | None = None) -> None:
    """Start the fork server now if a pool will be used (``jobs`` > 1, or None for all of several cores).

    Harmless when it turns out nothing is to be done: the server exits with the main process.
    """
    if jobs is None or jobs <= 0:  # all cores, as run_batch reads it
        try:
            jobs = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            jobs = os.cpu_count() or 1
    if jobs <= 1 or fork_is_safe():  # forked from this process: nothing to start ahead
        return
    ctx = mp_context()
    if ctx.get_start_method() != "forkserver":
        return  # pragma: no cover - spawn: nothing to start ahead
    from multiprocessing import forkserver

    with contextlib.suppress(Exception):  # the pool starts it anyway if this fails
        forkserver.ensure_running()
