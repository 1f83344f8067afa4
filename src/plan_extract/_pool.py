"""The batch's worker processes: their start method and an early start of the fork server.

Kept apart from :mod:`plan_extract.batch` and free of the package's heavy imports, so
that ``plan-extract batch`` can start the fork server first thing: it then imports and
warms the extractor (pydantic, the patterns, jieba's dictionary: about half a second)
while the main process is still starting up and planning the batch.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

# What every worker needs in memory, loaded once in the fork server (see _warm.py).
PRELOAD = ["plan_extract.batch", "plan_extract.pipeline", "plan_extract._warm"]


def mp_context() -> Any:
    """forkserver where available: workers fork from a clean, pre-imported server (no inherited locks or threads)."""
    import multiprocessing as mp

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
    if jobs <= 1:
        return
    ctx = mp_context()
    if ctx.get_start_method() != "forkserver":
        return  # pragma: no cover - spawn: nothing to start ahead
    from multiprocessing import forkserver

    with contextlib.suppress(Exception):  # the pool starts it anyway if this fails
        forkserver.ensure_running()
