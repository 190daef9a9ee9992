"""Ingest on a Dask cluster: many machines parse, one PostgreSQL ledger stores.

The client (``newsledger ingest --cluster ...``) never reads article files. It sends each
source to a worker: a directory is listed by a worker and cut into batches of files, each
batch is read, extracted and stored by whichever worker takes it, and only the outcome of
each input (a few short strings) comes back for the progress bar and the summary. URLs are
fetched by workers too; only standard input is read by the client and sent in batches.

Every worker loads the language pipeline once and opens the ledger once
(:class:`PipelinePlugin`), then runs the same :func:`newsledger.pipeline.ingest_raw` as a
single process does: each article in its own transaction, an input already stored skipped,
a text already stored (content hash) never stored twice. So a task that Dask retries, or
runs again because its worker died, adds nothing that is already there; a worker killed in
the middle of an article leaves no trace of that article (its transaction never commits).

A SQLite ledger is refused: it is one file on one machine, and the workers on other
machines need a database server to write to.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.errors import ClusterError

try:
    import dask
    from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed, get_worker
except ImportError as e:  # an optional extra: the default install stays light
    raise ClusterError(
        "--cluster needs Dask, which is not installed; pip install 'newsledger[cluster]'"
    ) from e

from newsledger.errors import ClusterError
from newsledger.ingest.failure import IngestFailure
from newsledger.ingest.fetch import is_url
from newsledger.ingest.sources import list_article_files
from newsledger.ledger.store import Ledger, require_shared_ledger
from newsledger.parallel import keep_loaded, warm_up
from newsledger.pipeline import (
    ExtractOptions,
    IngestEvent,
    IngestSummary,
    batched,
    ingest_raw,
    read_sources,
    record_failure,
)
from newsledger.records import RawArticle
from newsledger.settings import Settings

__all__ = [
    "ClusterError",
    "PipelinePlugin",
    "connect",
    "ingest_cluster",
    "worker_memory",
]

PLUGIN_NAME = "newsledger-pipeline"
FILES_PER_TASK = 32  # small files: one task reads this many
BYTES_PER_TASK = 4_000_000  # ... or fewer when they add up to this; a larger file goes alone
TAIL_TASKS = 8  # the last tasks of a directory shrink: each takes 1/8 of what is left at most
TAIL_FILES = 4  # ... down to this many files (a task has its own overhead, a few ms)
ITEMS_PER_TASK = 32  # articles read by the client (standard input) sent per task
# Dask's housekeeping, slowed down: its sampling profiler (every 10 ms), event-loop check
# (20 ms) and system monitor (0.5 s) cost an idle two-worker LocalCluster 17 % of a core on
# our 2-core machine, 2 % with these settings; a parse takes seconds, so nothing is missed.
# Workers started with `dask worker` take them as DASK_* variables (docs/cluster.md).
#
# The last key keeps glibc's own malloc trimming in the workers. Dask starts them with
# MALLOC_TRIM_THRESHOLD_=65536, which hands freed heap back to the system after every parse
# and takes it again for the next: a Reuters story cost 5-6 ms more system time and 4 ms more
# user time (about 2,900 page faults instead of 64), a sixth of the parse itself.
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
TASK_RETRIES = 2  # an exception in a task (a database hiccup); dead workers are rescheduled anyway


# -- connecting ----------------------------------------------------------------------------


@contextmanager
def connect(spec: str, *, dashboard: bool = True, timeout: float = 30) -> Iterator[Client]:
    """A client for ``local:N`` (a LocalCluster of N worker processes) or a scheduler address.

    Workers on a LocalCluster run one task at a time each (spaCy holds the GIL), so N is the
    number of articles parsed at once.
    """
    if spec.startswith("local:"):
        count = spec.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(
                f"--cluster {spec!r}: write local:N with N the number of worker processes "
                "(local:2), or a scheduler address (tcp://HOST:8786)"
            )
        with dask.config.set(QUIET_WORKERS):  # the nannies hand it on to their workers
            cluster = LocalCluster(
                n_workers=int(count),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0" if dashboard and _has_dashboard() else None,
                silence_logs=logging.ERROR,
            )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    address = spec if "://" in spec else f"tcp://{spec}"
    try:
        client = Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError) as e:
        raise ClusterError(
            f"--cluster {spec}: no Dask scheduler answers there ({e}); start one with "
            "`dask scheduler` and check the address and port (8786 by default)"
        ) from e
    with client:
        yield client


def _has_dashboard() -> bool:
    try:
        import bokeh  # noqa: F401  # deferred on purpose: an optional dependency, probed
    except ImportError:
        return False
    return True


# -- on each worker ------------------------------------------------------------------------


class PipelinePlugin(WorkerPlugin):
    """Loads (and warms) the language pipeline and opens the ledger once per worker process."""

    name = PLUGIN_NAME
    idempotent = False  # a new run's plugin replaces the old one (another ledger, model)

    def __init__(
        self, db_url: str, settings: Settings, options: ExtractOptions, allow_private: bool
    ) -> None:
        self.db_url = db_url
        self.settings = settings
        self.options = options
        self.allow_private = allow_private
        self.ledger: Any = None

    def setup(self, worker: Any) -> None:
        warm_up(self.options)
        keep_loaded()
        self.ledger = Ledger.open(self.db_url, settings=self.settings, migrate=False)

    def teardown(self, worker: Any) -> None:
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "ledger": None}  # sent to workers before setup opens it

    def ingest(self, items: Iterable[RawArticle | IngestFailure]) -> list[IngestEvent]:
        events: list[IngestEvent] = []
        ingest_raw(self.ledger, items, options=self.options, on_event=events.append)
        return events


def _plugin() -> PipelinePlugin:
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, PipelinePlugin):
        raise ClusterError("this worker has no NewsLedger pipeline (the plugin was not set up)")
    return plugin


def _ingest_sources(sources: list[str]) -> list[IngestEvent]:
    """Read, extract and store files or URLs on this worker."""
    plugin = _plugin()
    items = read_sources(sources, settings=plugin.settings, allow_private=plugin.allow_private)
    return plugin.ingest(items)


def _ingest_items(items: list[RawArticle | IngestFailure]) -> list[IngestEvent]:
    """Extract and store articles the client read."""
    return _plugin().ingest(items)


def _plan(source: str, files_per_task: int) -> list[list[str]]:
    """A path cut into batches of files; a file, or anything else, is one batch of itself."""
    root = Path(source)
    if not root.is_dir():
        return [[source]]
    sized = []
    for path in list_article_files(root):
        try:
            sized.append((str(path), path.stat().st_size))
        except OSError:
            sized.append((str(path), 0))  # reading it will say what is wrong
    return _batches(sized, files_per_task) or [[source]]  # an empty directory: reading says so


def _batches(sized: Sequence[tuple[str, int]], files_per_task: int) -> list[list[str]]:
    """Files in order, cut into batches of up to ``files_per_task`` files or
    ``BYTES_PER_TASK`` bytes, the last ones smaller.

    A batch holds at most 1/``TAIL_TASKS`` of the files not yet in an earlier batch (and at
    least ``TAIL_FILES``), so that batches shrink toward the end (guided self-scheduling) and
    the workers finish together, instead of one parsing the last full batch while the others
    have nothing left.
    """
    batches: list[list[str]] = []
    current: list[str] = []
    total = 0
    room = _room(len(sized), files_per_task)
    for index, (path, size) in enumerate(sized):
        if current and (len(current) >= room or total + size > BYTES_PER_TASK):
            batches.append(current)
            current, total = [], 0
            room = _room(len(sized) - index, files_per_task)
        current.append(path)
        total += size
    if current:
        batches.append(current)
    return batches


def _room(left: int, files_per_task: int) -> int:
    return min(files_per_task, max(TAIL_FILES, -(-left // TAIL_TASKS)))


def _planned_batch(plan: list[list[str]], index: int) -> list[IngestEvent]:
    return _ingest_sources(plan[index])


def _memory() -> int:
    import psutil  # deferred on purpose: comes with Dask's distributed, needed on workers only

    return int(psutil.Process().memory_info().rss)


def worker_memory(client: Client) -> dict[str, int]:
    """Resident memory of each worker process, in bytes."""
    return dict(client.run(_memory))


# -- on the client -------------------------------------------------------------------------


@dataclass(slots=True)
class _Task:
    future: Future
    sources: list[str]  # what to name in a failure when the whole task fails


def ingest_cluster(
    client: Client,
    db_url: str,
    sources: Sequence[str],
    *,
    settings: Settings,
    options: ExtractOptions,
    allow_private: bool = False,
    on_event: Callable[[IngestEvent], None] | None = None,
    files_per_task: int = FILES_PER_TASK,
) -> IngestSummary:
    """Ingest ``sources`` on the cluster's workers into the PostgreSQL ledger at ``db_url``.

    Paths must be readable at the same location on every worker (a shared file system);
    relative paths are made absolute here first.
    """
    require_shared_ledger(db_url)
    # The schema is brought to the head once, here, before any worker writes.
    with Ledger.open(db_url, settings=settings) as ledger:
        try:
            client.register_plugin(PipelinePlugin(db_url, settings, options, allow_private))
        except Exception as e:  # raised on a worker: say which step failed there
            raise ClusterError(
                f"the workers could not set up the NewsLedger pipeline ({type(e).__name__}: "
                f"{e}); every worker needs `pip install 'newsledger[cluster]'` of this "
                "version, the spaCy model, and access to the ledger's database"
            ) from e
        return _run(client, ledger, sources, settings, on_event, max(1, files_per_task))


def _run(
    client: Client,
    ledger: Any,
    sources: Sequence[str],
    settings: Settings,
    on_event: Callable[[IngestEvent], None] | None,
    files_per_task: int,
) -> IngestSummary:
    summary = IngestSummary()
    tasks: dict[Any, _Task] = {}  # by future key
    done = as_completed()

    def add(future: Future, names: list[str]) -> None:
        tasks[future.key] = _Task(future, names)
        done.add(future)

    plans: list[tuple[str, Future]] = []
    for source in sources:
        if source == "-":
            for batch in batched(read_sources(["-"], settings=settings), ITEMS_PER_TASK):
                names = [_item_name(item) for item in batch]
                add(client.submit(_ingest_items, batch, pure=False, retries=TASK_RETRIES), names)
        elif is_url(source):
            add(
                client.submit(_ingest_sources, [source], pure=False, retries=TASK_RETRIES), [source]
            )
        else:
            path = os.path.abspath(source)
            plans.append(
                (path, client.submit(_plan, path, files_per_task, pure=False, retries=TASK_RETRIES))
            )
    # Only the number of batches comes back; the file lists stay on the workers.
    for path, plan in plans:
        count = client.submit(len, plan, pure=False).result()
        for index in range(count):
            future = client.submit(_planned_batch, plan, index, pure=False, retries=TASK_RETRIES)
            add(future, [path])
    plans.clear()  # the listings are dropped from the workers once their batches are done

    for future in done:
        task = tasks.pop(future.key)
        try:
            events = future.result()
        except Exception as e:  # the task failed for good: every input in it is reported
            reason = f"the cluster task failed ({type(e).__name__}: {e})"
            events = [record_failure(ledger, name, reason, "ingest") for name in task.sources]
        for event in events:
            summary.count(event)
            if on_event is not None:
                on_event(event)
        future.release()
    return summary


def _item_name(item: RawArticle | IngestFailure) -> str:
    if isinstance(item, IngestFailure):
        return item.source
    return item.uri or "<stdin>"
