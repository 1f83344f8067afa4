"""Imported by the batch fork server: load jieba's dictionary and compile the patterns once,
so that every worker forks with them in memory instead of loading them itself (~0.3 s each)."""

from __future__ import annotations

import atexit
import os
import sys

from ._rx import save_compiled
from .lexicon import default_lexicon
from .pipeline import parse
from .quantities import _pattern

_lex = default_lexicon()
_lex.tokenizer()
_pattern(_lex)
parse("今年地区生产总值增长5%左右。")  # the remaining lazy set-up (numerals, indicators)
save_compiled()  # (when patterns were compiled: kept for the next run, before the workers fork)


def _exit_fast_in_fork_server() -> None:
    """In the fork server only: skip the interpreter's teardown when it exits.

    The server exits when the batch's main process has gone; freeing its half a million
    dictionary entries and the rest one by one takes ~0.1 s, during which anything
    reading the batch's stderr (a pipe, ``subprocess.run(capture_output=True)``) still
    waits, since the server holds it.  It has nothing to flush or clean up: its workers
    exit on their own (with ``os._exit``) and it writes no files.
    """
    forkserver = sys.modules.get("multiprocessing.forkserver")
    if forkserver is None:  # imported by a batch's main process, its workers forked from it
        return
    frame = sys._getframe() if hasattr(sys, "_getframe") else None
    while frame is not None:
        if frame.f_code is forkserver.main.__code__:  # being preloaded by the fork server
            atexit.register(os._exit, 0)  # runs first (atexit is last in, first out)
            return
        frame = frame.f_back


_exit_fast_in_fork_server()
