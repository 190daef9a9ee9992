"""Extraction on every core: worker processes that each load the language pipeline once.

:func:`extract_parallel` has the shape of :func:`newsledger.pipeline.extract_pairs` (raw
articles and :class:`~newsledger.pipeline.ExtractOptions` in, ``(raw, record-or-failure)``
pairs out) and can stand in for it wherever results are stored one by one, such as
``pipeline.ingest_raw(..., extract=...)``. The differences: pairs come in order of arrival
(whichever worker finishes first), and the raw article in each pair is the very object that
was passed in, so a caller can map results back to its own bookkeeping by identity.

Workers are started with ``forkserver`` (``spawn`` where that is missing), never ``fork``: a
forked copy of a parent that has spaCy, database connections and threads is not safe, and
each worker needs its own model anyway. A worker takes a chunk of articles at a time so that
spaCy still batches; at most two chunks per worker are in flight, which bounds memory however
long the input is. A worker that dies (killed, out of memory) is replaced and its chunk sent
again; a chunk that kills workers twice is retried one article at a time, and an article
that still kills its worker becomes a failure instead of ending the run.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import select
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from newsledger.errors import NewsLedgerError
from newsledger.pipeline import ExtractOptions, extract_pairs
from newsledger.records import ArticleRecord, RawArticle

if TYPE_CHECKING:
    from newsledger.extract.pipeline import ExtractionFailure

__all__ = [
    "ExtractorPool",
    "WorkerDiedError",
    "default_jobs",
    "extract_parallel",
    "keep_loaded",
    "warm_up",
]

CHUNK_SIZE = 8  # articles per task: enough for spaCy's batching, little lost on a crash
IN_FLIGHT_PER_WORKER = 2  # one being parsed, one waiting, so no worker idles between chunks
_CRASHES_BEFORE_SPLIT = 2
_MAX_RESTARTS_WITHOUT_PROGRESS = 3


class WorkerDiedError(NewsLedgerError):
    """Worker processes keep dying before finishing any work (out of memory, killed)."""


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_parallel(
    raws: Iterable[RawArticle],
    options: ExtractOptions,
    *,
    jobs: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[tuple[RawArticle, ArticleRecord | ExtractionFailure]]:
    """Each raw article with its record or failure, extracted by ``jobs`` worker processes.

    ``jobs`` defaults to the number of cores; ``jobs=1`` extracts in this process, in input
    order, exactly as :func:`~newsledger.pipeline.extract_pairs` does.
    """
    jobs = jobs or default_jobs()
    if jobs == 1:
        yield from extract_pairs(raws, options)
        return
    with ExtractorPool(jobs, options, chunk_size=chunk_size) as pool:
        yield from pool.extract(raws)


# -- the pool ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Chunk:
    raws: list[RawArticle]
    crashes: int = 0
    future: Future[list[ArticleRecord | ExtractionFailure]] | None = field(default=None)


class ExtractorPool:
    """``jobs`` worker processes, each with the language pipeline loaded once.

    Use as a context manager; :meth:`start` loads the models in every worker up front (the
    benchmark times extraction without the start-up), otherwise they load on first use.
    """

    def __init__(self, jobs: int, options: ExtractOptions, *, chunk_size: int = CHUNK_SIZE) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.jobs = jobs
        self.options = options
        self.chunk_size = max(1, chunk_size)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def pids(self) -> list[int]:
        """Process ids of the live workers (for memory reports)."""
        if self._executor is None:
            return []
        processes = getattr(self._executor, "_processes", None) or {}
        return sorted(processes)

    def start(self) -> None:
        """Start every worker and wait until each has loaded the pipeline."""
        executor = self._pool()
        seen: set[int] = set()
        deadline = time.monotonic() + 600
        while len(seen) < self.jobs and time.monotonic() < deadline:
            # Each probe holds its worker briefly, so the next ones reach the others.
            probes = [executor.submit(_probe) for _ in range(self.jobs)]
            seen.update(probe.result() for probe in probes)

    def extract(
        self, raws: Iterable[RawArticle]
    ) -> Iterator[tuple[RawArticle, ArticleRecord | ExtractionFailure]]:
        """Pairs in order of arrival; the input is read only as fast as workers take it."""
        source = iter(raws)
        in_flight: list[_Chunk] = []
        exhausted = self._refill(source, in_flight)
        restarts_without_progress = 0
        while in_flight:
            done, _ = wait([c.future for c in in_flight if c.future], return_when=FIRST_COMPLETED)
            broken = False
            finished: list[tuple[RawArticle, ArticleRecord | ExtractionFailure]] = []
            for chunk in [c for c in in_flight if c.future in done]:
                assert chunk.future is not None
                try:
                    results = chunk.future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                in_flight.remove(chunk)
                restarts_without_progress = 0
                finished.extend(zip(chunk.raws, results, strict=True))
            if broken:
                restarts_without_progress += 1
                if restarts_without_progress > _MAX_RESTARTS_WITHOUT_PROGRESS:
                    raise WorkerDiedError(
                        "extraction worker processes keep dying before finishing any article "
                        "(out of memory or killed); try fewer --jobs"
                    )
                in_flight, lost = self._restart(in_flight)
                finished.extend(lost)
            # Workers get their next chunks before the caller stores these results, so that
            # none sits idle while the writer stores them.
            exhausted = exhausted or self._refill(source, in_flight)
            yield from finished

    # -- internals ---------------------------------------------------------------------

    def _refill(self, source: Iterator[RawArticle], in_flight: list[_Chunk]) -> bool:
        """Send chunks until ``jobs * IN_FLIGHT_PER_WORKER`` are in flight; True: no input left."""
        while len(in_flight) < self.jobs * IN_FLIGHT_PER_WORKER:
            batch = list(islice(source, self.chunk_size))
            if not batch:
                return True
            chunk = _Chunk(batch)
            self._submit(chunk)
            in_flight.append(chunk)
        return False

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            methods = multiprocessing.get_all_start_methods()
            method = "forkserver" if "forkserver" in methods else "spawn"
            self._executor = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context(method),
                initializer=_init_worker,
                initargs=(self.options, os.getpid()),
            )
        return self._executor

    def _submit(self, chunk: _Chunk) -> None:
        chunk.future = self._pool().submit(_extract_chunk, chunk.raws, self.options)

    def _restart(
        self, in_flight: list[_Chunk]
    ) -> tuple[list[_Chunk], list[tuple[RawArticle, ExtractionFailure]]]:
        """A fresh pool; every unfinished chunk again, a twice-crashed one article by article."""
        # Deferred on purpose: the parent process never loads spaCy; workers do.
        from newsledger.extract.pipeline import ExtractionFailure

        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        again: list[_Chunk] = []
        lost: list[tuple[RawArticle, ExtractionFailure]] = []
        for chunk in in_flight:
            chunk.crashes += 1
            if chunk.crashes < _CRASHES_BEFORE_SPLIT:
                again.append(chunk)
            elif len(chunk.raws) > 1:
                again.extend(_Chunk([raw], crashes=1) for raw in chunk.raws)
            else:
                raw = chunk.raws[0]
                reason = (
                    "the worker process extracting it died twice (out of memory or killed); "
                    "try it alone with --jobs 1"
                )
                lost.append((raw, ExtractionFailure(raw.uri, reason)))
        for chunk in again:
            self._submit(chunk)
        return again, lost


# -- in the worker process -----------------------------------------------------------------

_load_error: NewsLedgerError | None = None


def _init_worker(options: ExtractOptions, parent: int) -> None:
    global _load_error
    _exit_with(parent)
    try:
        warm_up(options)
    except NewsLedgerError as e:  # reported with the first task, as the user's error
        _load_error = e
    else:
        keep_loaded()


def keep_loaded() -> None:
    """Leave what is loaded now (the pipeline, its lexicons) out of garbage collection.

    It stays for the worker's life, and the collector's full passes would walk its 136,000
    objects again and again while articles are parsed: 0.45 ms per Reuters story in
    collections, 0.09 ms once they are frozen (``gc.freeze``).
    """
    gc.freeze()


def warm_up(options: ExtractOptions) -> None:
    """Load the pipeline and everything extraction loads on first use (lexicons, rules).

    Run once per worker at start, so that the first articles cost what the others do.
    """
    for _raw, _result in extract_pairs([RawArticle(text=_WARM_UP_TEXT)], options):
        pass


_WARM_UP_TEXT = (
    "RIVERTON, May 4 (Wire) - The Riverton council approved a new bridge on Monday, "
    'its chairwoman Ada Lund said. "Work starts in June," she told reporters.'
)


def _exit_with(parent: int) -> None:
    """End this worker when the process that uses the pool is gone (killed with -9, say).

    Watching ``getppid()`` is not enough: a forkserver worker's parent is the fork server,
    which stays alive as long as its workers do (they hold its pipe open).
    """
    try:
        handle = os.pidfd_open(parent)  # becomes readable when that process ends
    except (AttributeError, OSError):
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])
        else:
            while _alive(parent):
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="newsledger-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _probe() -> int:
    time.sleep(0.2)
    if _load_error is not None:
        raise _load_error
    return os.getpid()


def _extract_chunk(
    raws: list[RawArticle], options: ExtractOptions
) -> list[ArticleRecord | ExtractionFailure]:
    if _load_error is not None:
        raise _load_error
    return [result for _raw, result in extract_pairs(raws, options)]
