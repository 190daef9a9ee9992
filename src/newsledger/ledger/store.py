"""Open a ledger (migrating it to the current schema) and add article records to it.

Each article goes in with one transaction: the article row, its full-text entry, entities,
mentions, times, quotes, claims, events and the cross-article links either all land or none
do, so a process killed at any moment leaves no partial article behind. Adding the same
article twice stores it once (content hash); a near-identical copy is stored, linked to its
original and its events are not counted as new evidence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, is_dataclass
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    exists,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, SQLAlchemyError

from newsledger.errors import ClusterError, LedgerError
from newsledger.ledger import alert_match, driver, linking, neardup
from newsledger.ledger import schema as t
from newsledger.ledger.bulk import RowBatch, insert_rows
from newsledger.ledger.keys import name_key
from newsledger.ledger.linking import ClaimInfo, Fusion
from newsledger.ledger.lists import in_values
from newsledger.records import (
    NUL,
    SCHEMA_ID,
    ArticleRecord,
    Claim,
    Entity,
    ExtractionStamp,
    RawArticle,
    bound_record_dates,
    replace_surrogates,
    replace_unstorable,
)
from newsledger.settings import Settings, load_settings

AddStatus = Literal["new", "duplicate", "near_duplicate"]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 0x4E4C4D47  # an arbitrary fixed key for pg_advisory_xact_lock ("NLMG")
_WRITE_LOCK = 0x4E4C5752  # likewise ("NLWR"), held by each article's write transaction


@dataclass(frozen=True, slots=True)
class AddResult:
    status: AddStatus
    article_id: str
    duplicate_of: str | None = None  # the stored original, for duplicates and near-duplicates
    similarity: float | None = None  # estimated Jaccard similarity to the original


_UNSTAMPED = ExtractionStamp(None)


def _stamp_row(
    stamp: ExtractionStamp, article_id: str, version: int, created_at: datetime
) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "version": version,
        "extractor_version": stamp.extractor_version,
        "reference_date": stamp.reference_date,
        "model": stamp.model,
        "created_at": created_at,
        "record": None,
    }


def content_hash(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def _with_identity(raw: RawArticle | None, text_: str) -> str:
    """The text an identity hash covers: a feed item's link and title, then its text."""
    if raw is None or not raw.identity:
        return text_
    return f"{raw.identity}\x00{text_}"


def raw_hash(raw: RawArticle) -> str:
    """What a re-run compares to skip extraction: the raw text (and a feed item's identity)."""
    return content_hash(_with_identity(raw, raw.text))


def redact_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _is_iso_day(value: str | None) -> bool:
    if not value or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _db_reason(e: SQLAlchemyError) -> str:
    """The database's own one-line message, without the SQL statement and its parameters.

    ``str(e)`` of a SQLAlchemy error appends the statement and every bound value, which for an
    article is kilobytes of its text.
    """
    orig = getattr(e, "orig", None)
    message = str(orig) if orig is not None else str(e).split("\n[SQL:", 1)[0]
    first = message.strip().splitlines()[0] if message.strip() else type(e).__name__
    return first[:300]


def create_ledger_engine(url: str) -> Engine:
    """An engine with the settings the ledger relies on (SQLite: WAL, busy timeout, FKs)."""
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise LedgerError(
            f"{url!r} is not a database URL; use sqlite:///PATH or postgresql+psycopg://..."
        ) from e
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise LedgerError(
                    f"{url}: the folder {parent} does not exist; create it or pick another --db"
                )
        engine = create_engine(url, connect_args={"timeout": 30})
        _configure_sqlite(engine, memory=not database or database == ":memory:")
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.get_driver_name() not in ("psycopg", ""):
            raise LedgerError(
                f"{redact_url(url)}: use the psycopg 3 driver (postgresql+psycopg://...)"
            )
        if parsed.get_driver_name() == "":
            parsed = parsed.set(drivername="postgresql+psycopg")
        # An article's rows of a table go in one INSERT of arrays (ledger.bulk), not
        # SQLAlchemy's multi-row VALUES, whose text changes with the number of rows.
        return create_engine(parsed, pool_pre_ping=True)
    raise LedgerError(f"{redact_url(url)}: unsupported database; use SQLite or PostgreSQL")


def require_shared_ledger(url: str) -> None:
    """Refuse a ledger that processes on other machines cannot write to (for ``--cluster``)."""
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as e:
        raise LedgerError(
            f"{url!r} is not a database URL; use postgresql+psycopg://USER@HOST/DB"
        ) from e
    if backend != "postgresql":
        raise ClusterError(
            f"--cluster needs a PostgreSQL ledger, not {backend} ({redact_url(url)}): workers "
            "on many machines write to one ledger, and a SQLite file lives on one machine. "
            "Pass --db postgresql+psycopg://USER@HOST/DB, a server every worker can reach."
        )


def _configure_sqlite(engine: Engine, *, memory: bool) -> None:
    # pysqlite's own transaction handling defers BEGIN and skips it for DDL; take it over so
    # that migrations and each article are real transactions (the SQLAlchemy-documented recipe).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL sync survives a killed process; only power loss may drop the
            # last commits, and never leaves a half-written one.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


_STORED_RAW = select(t.articles.c.id).where(t.articles.c.raw_hash == bindparam("raw_hash")).limit(1)


class Ledger:
    """A NewsLedger database. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, settings: Settings, fusion: Fusion | None = None) -> None:
        self.engine = engine
        self.settings = settings
        # The fusion algorithms (near-duplicates, same event, denials) that writes need;
        # newsledger.pipeline hands them over (newsledger.fuse.FUSION). None: read only.
        self.fusion = fusion
        self.dialect = engine.dialect.name
        self._entities = EntityCache()

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        settings: Settings | None = None,
        migrate: bool = True,
        fusion: Fusion | None = None,
    ) -> Ledger:
        """Open the ledger at ``url`` (default: settings.db) and bring its schema to the head.

        ``fusion`` is needed to store articles (:meth:`add` may also be given it).
        """
        settings = settings or load_settings()
        url = url or settings.db
        engine = create_ledger_engine(url)
        ledger = cls(engine, settings, fusion)
        try:
            if migrate:
                ledger.migrate()
            else:
                with engine.connect():
                    pass
        except DatabaseError as e:
            engine.dispose()
            reason = _db_reason(e)
            if "not a database" in reason or "malformed" in reason:
                # SQLite's words for a file that is not an SQLite database or is damaged.
                raise LedgerError(f"{redact_url(url)}: not a NewsLedger database ({reason})") from e
            raise LedgerError(f"{redact_url(url)}: cannot open the database ({reason})") from e
        return ledger

    def migrate(self) -> None:
        """Upgrade to the newest schema in one transaction (a no-op when already there)."""
        # Deferred on purpose: alembic loads only when a ledger is opened with migrate=True.
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        with (
            self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn,
            conn.begin(),
        ):
            if conn.dialect.name == "postgresql":
                # Two processes opening a new database at once: the second waits here, then
                # finds the schema at head. (SQLite gets the same from BEGIN IMMEDIATE.)
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A read connection for queries.

        On PostgreSQL its transaction, having written nothing, ends with a commit instead of
        the pool's rollback: psycopg drops every prepared statement of a connection at a
        rollback, so a read between articles (ingest looks up stored inputs every 16, a
        cluster task on each start) made the server parse and plan the write transaction's
        statements again. (Autocommit would do too, but streamed results need a transaction.)
        """
        with self.engine.connect() as conn:
            yield conn
            if self.dialect == "postgresql" and conn.in_transaction():
                conn.commit()

    # -- writing -----------------------------------------------------------------------

    def has_articles(self) -> bool:
        with self.connect() as conn:
            return conn.execute(select(t.articles.c.id).limit(1)).first() is not None

    def stored_raw(self, raw: RawArticle) -> str | None:
        """The id of the article already stored from exactly this raw text, if any."""
        with self.connect() as conn:
            return conn.execute(_STORED_RAW, {"raw_hash": raw_hash(raw)}).scalar()

    def stored_raws(
        self, raws: Sequence[RawArticle]
    ) -> list[tuple[str, ExtractionStamp | None] | None]:
        """For each raw article, in order: the article already stored from exactly this raw
        text and the stamp of its current extraction, or None. One statement per 500 inputs,
        where :meth:`stored_raw` and :meth:`stored_stamp` take two per input."""
        hashes = [raw_hash(raw) for raw in raws]
        a, x = t.articles, t.extractions
        found: dict[str, tuple[str, ExtractionStamp | None]] = {}
        wanted = sorted(set(hashes))
        with self.connect() as conn:
            for start in range(0, len(wanted), 500):
                rows = conn.execute(
                    select(
                        a.c.raw_hash,
                        a.c.id,
                        x.c.version,
                        x.c.extractor_version,
                        x.c.reference_date,
                        x.c.model,
                    )
                    .outerjoin(
                        x, (x.c.article_id == a.c.id) & (x.c.version == a.c.extraction_version)
                    )
                    .where(a.c.raw_hash.in_(wanted[start : start + 500]))
                    .order_by(a.c.id)
                )
                for rhash, article_id, version, *stamp in rows:
                    if rhash not in found:  # the same raw text stored twice: the first id
                        found[rhash] = (
                            article_id,
                            ExtractionStamp(*stamp) if version is not None else None,
                        )
        return [found.get(h) for h in hashes]

    def stored_stamp(self, article_id: str) -> ExtractionStamp | None:
        """The extractor and options of the article's current extraction (None: no article)."""
        a, x = t.articles, t.extractions
        with self.connect() as conn:
            row = conn.execute(
                select(x.c.extractor_version, x.c.reference_date, x.c.model)
                .join(a, (a.c.id == x.c.article_id) & (a.c.extraction_version == x.c.version))
                .where(a.c.id == article_id)
            ).first()
        return ExtractionStamp(*row) if row is not None else None

    def add(
        self,
        record: ArticleRecord,
        raw: RawArticle | None = None,
        *,
        stamp: ExtractionStamp | None = None,
        fusion: Fusion | None = None,
    ) -> AddResult:
        """Store one article record in one transaction; idempotent by content hash.

        Dates outside the ledger's range, NUL characters and lone surrogates are not stored (see
        ``records.bound_record_dates`` and ``records.replace_unstorable``); the stored record says
        so in its warnings. ``record`` itself is left as it was.

        ``stamp`` names the extractor and options that made ``record`` (extraction version 1).
        ``fusion`` (else the ledger's own) decides near-duplicates and cross-article links.
        """
        fusion = self._fusion(fusion)
        record, record_json = _storable(record)
        # A feed item's link and title are part of what it is (two items may share a summary),
        # and its headline part of what near-duplicate detection compares.
        chash = content_hash(_with_identity(raw, record.text))
        sig = fusion.signature(
            f"{record.headline or ''}\n{record.text}"
            if raw is not None and raw.identity
            else record.text
        )
        # Whatever needs no database is made before the write lock is taken, so that other
        # writers wait only for the statements.
        bands = fusion.band_keys(sig)
        stamp = stamp or _UNSTAMPED
        row = _article_row(record, record_json, raw, chash, sig, stamp)
        self._entities.discard()  # anything learned by a transaction that did not commit
        try:
            # Everything in one write transaction: the checks see every committed article,
            # including another process's, and a kill leaves either all of it or nothing.
            with (
                self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn,
                conn.begin(),
            ):
                _serialize_writers(conn)
                ((existing, id_taken, alerts),) = driver.rows(
                    conn, _FIRST_LOOK, {"chash": chash, "id": record.id}
                )
                if existing is not None:
                    return AddResult("duplicate", existing, existing, 1.0)
                match = neardup.best_match(
                    conn, sig, bands, self.settings.near_duplicate_threshold, fusion
                )
                original, similarity = match if match else (None, None)
                if id_taken:
                    # Same 16-hex id, different text (a prefix collision): keep both, tell
                    # them apart.
                    row["id"] = chash[:32]
                article_id = _insert_article(
                    conn,
                    self._entities,
                    record,
                    row,
                    stamp,
                    original,
                    similarity,
                    fusion,
                    bands=bands,
                    alerts=bool(alerts),
                )
            self._entities.commit()
        except IntegrityError:
            # PostgreSQL: another process stored the same text between our check and insert.
            with self.connect() as conn:
                existing = conn.execute(_BY_CONTENT_HASH, {"chash": chash}).scalar()
            if existing is None:
                raise
            return AddResult("duplicate", existing, existing, 1.0)
        except SQLAlchemyError as e:
            raise LedgerError(
                f"{record.source.uri or record.id}: could not be stored ({_db_reason(e)})"
            ) from e
        if original is None:
            return AddResult("new", article_id)
        return AddResult("near_duplicate", article_id, original, similarity)

    def replace_extraction(
        self,
        article_id: str,
        record: ArticleRecord,
        *,
        stamp: ExtractionStamp,
        expected_version: int,
        fusion: Fusion | None = None,
    ) -> int | None:
        """Make ``record`` the article's current extraction, in one transaction.

        The entities, times, quotes, claims and events of the current extraction are replaced
        and its record kept as a readable earlier version. Returns the new version number, or
        None when the article is no longer at ``expected_version`` (another run replaced it
        first): so each re-extraction is applied exactly once, even by racing processes.
        Out-of-range dates, NUL characters and lone surrogates are dropped as by :meth:`add`.
        """
        fusion = self._fusion(fusion)
        record, record_json = _storable(record)
        self._entities.discard()
        try:
            with (
                self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn,
                conn.begin(),
            ):
                version = _replace_extraction(
                    conn,
                    self._entities,
                    article_id,
                    record,
                    record_json,
                    stamp,
                    expected_version,
                    fusion,
                )
            self._entities.commit()
        except SQLAlchemyError as e:
            raise LedgerError(f"{article_id}: the new extraction could not be stored ({e})") from e
        return version

    def _fusion(self, given: Fusion | None) -> Fusion:
        fusion = given or self.fusion
        if fusion is None:
            raise LedgerError(
                "storing articles needs the fusion algorithms: open the ledger with "
                "fusion=newsledger.fuse.FUSION, or store through newsledger.pipeline"
            )
        return fusion

    def add_failure(self, source: str | None, reason: str, stage: str = "ingest") -> None:
        """Record an input that could not be ingested, with its one-line reason.

        The same input failing the same way again (a re-run) updates the time of the existing
        row instead of adding another.
        """
        f = t.ingest_failures
        # NUL cannot be stored on PostgreSQL; written out, it still tells what the input held.
        source = replace_surrogates((source or "<input>").replace(NUL, "\\x00"))
        reason = " ".join(replace_surrogates(reason.replace(NUL, "\\x00")).split())
        now = datetime.now(UTC)
        with (
            self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn,
            conn.begin(),
        ):
            _serialize_writers(conn)
            found = conn.execute(
                select(f.c.id).where(f.c.source == source, f.c.reason == reason).limit(1)
            ).scalar()
            if found is not None:
                conn.execute(update(f).where(f.c.id == found).values(occurred_at=now, stage=stage))
            else:
                conn.execute(
                    insert(f).values(source=source, reason=reason, stage=stage, occurred_at=now)
                )


def _serialize_writers(conn: Connection) -> None:
    """Let one write transaction at a time through, on PostgreSQL as SQLite does.

    An article's checks read what earlier articles stored (same text, near-duplicate bands,
    fused events, denials); two workers writing at once could each miss the other's article
    and, say, both store one text as an original. SQLite's BEGIN IMMEDIATE already takes the
    database's write lock; on PostgreSQL this advisory lock, released at commit or rollback
    (or when a killed worker's connection drops), does the same. Parsing, the slow part, runs
    outside it; only the few milliseconds of storing queue.

    Why it spans the whole transaction and no less: it must be the transaction's first
    statement, since under PostgreSQL's READ COMMITTED each later statement then reads with a
    snapshot taken after the previous holder committed (a read in the same statement as the
    lock could miss it); and it must last until commit, since every decision it protects (no
    stored copy of the text, no near-duplicate original, which fused event an event joins,
    which claims a denial answers, which alerts already fired for a fused event) holds only
    until another writer commits. What needs no database (the content hash, the MinHash
    signature, the article's columns and its record as JSON) is made before it is taken. The
    unique index on the content hash stays the last guard: a second writer of one text that
    got past the check by any road fails with an IntegrityError, which :meth:`Ledger.add`
    reports as a duplicate.
    """
    if conn.dialect.name == "postgresql":
        driver.rows(conn, _TAKE_WRITE_LOCK, {"key": _WRITE_LOCK})


_TAKE_WRITE_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


# -- one article, inside the caller's transaction -------------------------------------


# Statements built once: SQLAlchemy memoizes a statement's cache key on the object, so reusing
# it skips most of the per-execution overhead (a large share of the time spent per article).
_BY_CONTENT_HASH = select(t.articles.c.id).where(t.articles.c.content_hash == bindparam("chash"))
# What an article's write transaction reads first, in one statement: the article already
# stored with this text, whether its id is taken (by another text), whether any alert is saved.
_FIRST_LOOK = select(
    _BY_CONTENT_HASH.scalar_subquery().label("existing"),
    exists().where(t.articles.c.id == bindparam("id")).label("id_taken"),
    exists().where(t.alerts.c.id.is_not(None)).label("alerts"),
)
_CLAIM_IDS = (
    select(t.claims.c.id)
    .where(t.claims.c.article_id == bindparam("article_id"))
    .order_by(t.claims.c.position)
)
_INSERT_FTS = text("INSERT INTO articles_fts (article_id, headline, text) VALUES (:id, :h, :t)")


class EntityCache:
    """Canonical entity ids and aliases this process knows to be committed.

    Entities are never deleted, so a committed id stays valid; what a transaction learns is
    only kept once it commits (``commit``), never after a rollback. Bounded: cleared when full.
    """

    LIMIT = 20_000

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str], int] = {}
        self.aliases: set[tuple[int, str]] = set()
        self._new_ids: dict[tuple[str, str], int] = {}
        self._new_aliases: set[tuple[int, str]] = set()

    def commit(self) -> None:
        if len(self.ids) + len(self._new_ids) > self.LIMIT:
            self.ids.clear()
        if len(self.aliases) + len(self._new_aliases) > self.LIMIT:
            self.aliases.clear()
        self.ids.update(self._new_ids)
        self.aliases.update(self._new_aliases)
        self.discard()

    def discard(self) -> None:
        self._new_ids = {}
        self._new_aliases = set()


def _canonical_entities(
    batch: RowBatch, ents: list[Entity], cache: EntityCache | None = None
) -> dict[str, int]:
    """Article-local entity ids -> canonical entity ids, creating and extending entities
    (new entities at once, for their ids; new aliases in ``batch``)."""
    if not ents:
        return {}
    conn = batch.conn
    cache = cache or EntityCache()
    keys = {(name_key(e.name), e.type) for e in ents}
    found: dict[tuple[str, str], int] = {k: cache.ids[k] for k in keys if k in cache.ids}
    unknown = [e for e in ents if (name_key(e.name), e.type) not in found]
    if unknown:
        rows = [
            {
                "name": e.name,
                "name_key": name_key(e.name),
                "type": e.type,
                "weapon_class": e.weapon_class,
            }
            for e in unknown
        ]
        wanted = {(name_key(e.name), e.type) for e in unknown}
        missing = wanted
        if conn.dialect.name == "postgresql":
            # The new ones come back from the INSERT; only those stored before (by another
            # writer, or forgotten by the cache) are read.
            for eid, key, etype in insert_rows(
                conn, t.entities, rows, ignore_conflicts=True, returning=("id", "name_key", "type")
            ):
                found[(key, etype)] = eid
                cache._new_ids[(key, etype)] = eid
            missing = wanted - found.keys()
        else:
            insert_rows(conn, t.entities, rows, ignore_conflicts=True)
        names = sorted({k for k, _ in missing})
        query = _entities_by_key(conn.dialect.name)
        for chunk_start in range(0, len(names), 500):
            chunk = names[chunk_start : chunk_start + 500]
            for eid, key, etype in driver.rows(conn, query, {"keys": chunk}):
                if (key, etype) in missing:
                    found[(key, etype)] = eid
                    cache._new_ids[(key, etype)] = eid
    mapping = {e.id: found[(name_key(e.name), e.type)] for e in ents}
    aliases: dict[tuple[int, str], str] = {}
    for e in ents:
        for alias in [e.name, *e.aliases]:
            if alias.strip():
                pair = (mapping[e.id], name_key(alias))
                if pair not in cache.aliases:
                    aliases.setdefault(pair, alias.strip())
    batch.add(
        t.entity_aliases,
        [
            {"entity_id": eid, "alias_key": key, "alias": alias}
            for (eid, key), alias in aliases.items()
        ],
        ignore_conflicts=True,
    )
    cache._new_aliases.update(aliases)
    return mapping


@cache
def _entities_by_key(dialect: str) -> Any:
    e = t.entities
    return select(e.c.id, e.c.name_key, e.c.type).where(in_values(e.c.name_key, "keys", dialect))


@lru_cache(maxsize=64)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _fields_of(value: Any) -> dict[str, Any]:
    """A dataclass as a dict of its fields, for the JSON encoder, which calls this for each
    dataclass it meets and encodes lists, tuples, strings and numbers itself (in C)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {name: getattr(value, name) for name in _field_names(type(value))}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


_RECORD_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_fields_of)


def _record_json(record: ArticleRecord) -> str:
    """The record as ``ArticleRecord.to_dict`` gives it, minus ``text`` (stored in its column)."""
    data: dict[str, Any] = {"schema": SCHEMA_ID}
    for name in _field_names(ArticleRecord):
        if name != "text":
            data[name] = getattr(record, name)
    if record.dateline is not None:
        data["dateline"] = {
            "text": record.dateline.text,
            "place": record.dateline.place,
            "date": record.dateline.date,
        }
    return _RECORD_ENCODER.encode(data)


def _storable(record: ArticleRecord) -> tuple[ArticleRecord, str]:
    """The record as it is stored and its JSON: out-of-range dates dropped, NUL characters
    and lone surrogates replaced (``records.bound_record_dates``, ``replace_unstorable``).

    The text and the JSON (which holds every other field, and is needed anyway) are checked
    at C speed instead of walking every string of the record; only a record that may hold
    something to replace is walked (one that spells out a backslash and "u0000" for nothing).
    """
    record = bound_record_dates(record)
    encoded = _record_json(record)
    if _may_be_unstorable(record.text, encoded):
        stored = replace_unstorable(record)
        if stored is not record:
            return stored, _record_json(stored)
    return record, encoded


def _may_be_unstorable(text_: str, encoded: str) -> bool:
    # The JSON encoder writes NUL as its escape and keeps a lone surrogate as it is.
    if NUL in text_ or "\\u0000" in encoded:
        return True
    try:
        text_.encode("utf-8")
        encoded.encode("utf-8")
    except UnicodeEncodeError:  # only a lone surrogate has no UTF-8
        return True
    return False


def _extracted_columns(record: ArticleRecord, record_json: str) -> dict[str, Any]:
    """The article columns an extraction decides (the same for a first store and a
    re-extraction): outlet, headline, dateline, publication date, text and the record."""
    dateline = record.dateline
    return {
        "outlet": record.source.outlet or (dateline.outlet if dateline else None),
        "headline": record.headline,
        "dateline_text": dateline.text if dateline else None,
        "dateline_place": dateline.place if dateline else None,
        "dateline_date": dateline.date if dateline else None,
        "published": record.published if _is_iso_day(record.published) else None,
        "published_basis": record.published_basis,
        "language": record.language,
        "text": record.text,
        "record": record_json,
    }


def _article_row(
    record: ArticleRecord,
    record_json: str,
    raw: RawArticle | None,
    chash: str,
    sig: bytes,
    stamp: ExtractionStamp,
) -> dict[str, Any]:
    """The article's row, as far as it is known before the ledger is read (the id may still
    change on a collision, the near-duplicate columns are decided under the write lock)."""
    return dict(
        id=record.id,
        source_uri=record.source.uri,
        format=record.source.format,
        **_extracted_columns(record, record_json),
        content_hash=chash,
        raw_hash=raw_hash(raw) if raw is not None else chash,
        raw_ref=(raw.url or raw.uri) if raw is not None else record.source.uri,
        near_duplicate_of=None,
        near_duplicate_similarity=None,
        minhash=sig,
        extraction_version=1,
        extractor_version=stamp.extractor_version,
    )


def _insert_article(
    conn: Connection,
    cache: EntityCache,
    record: ArticleRecord,
    row: dict[str, Any],
    stamp: ExtractionStamp,
    original: str | None,
    similarity: float | None,
    fusion: Fusion,
    *,
    bands: list[tuple[int, int]],
    alerts: bool,
) -> str:
    """Insert the article made by :func:`_article_row`, with its signature's ``bands`` if it
    is an original; ``alerts``: whether any are saved."""
    article_id, now = row["id"], datetime.now(UTC)
    batch = RowBatch(conn)
    batch.add(
        t.articles,
        [
            {
                **row,
                "near_duplicate_of": original,
                "near_duplicate_similarity": similarity,
                "ingested_at": now,
            }
        ],
    )
    batch.add(t.extractions, [_stamp_row(stamp, article_id, 1, now)])
    if conn.dialect.name == "sqlite":
        conn.execute(
            _INSERT_FTS,
            {"id": article_id, "h": record.headline or "", "t": record.text},
        )
    if original is None:  # a near-duplicate's bands would only point at its original
        neardup.add_bands(batch, article_id, bands)
    _insert_extraction(batch, cache, article_id, record, row["outlet"], original, fusion)
    if original is None and alerts:  # a near-duplicate's events and claims are not news
        alert_match.record_matches(conn, article_id, now)
    return article_id


def _insert_extraction(
    batch: RowBatch,
    cache: EntityCache,
    article_id: str,
    record: ArticleRecord,
    outlet: str | None,
    original: str | None,
    fusion: Fusion,
) -> set[int]:
    """The rows an extraction makes (entities to events), linked across articles.

    Returns the fused events its events joined. The rows wait in ``batch`` (PostgreSQL) until
    the links are made, which read them.
    """
    conn = batch.conn
    local = _canonical_entities(batch, record.entities, cache)
    # A table without rows is left out by batch.add.
    batch.add(
        t.article_entities,
        [
            {
                "article_id": article_id,
                "local_id": e.id,
                "entity_id": local[e.id],
                "mention_count": len(e.mentions),
            }
            for e in record.entities
        ],
    )
    mention_rows = [
        {
            "article_id": article_id,
            "entity_id": local[e.id],
            "span_start": s,
            "span_end": end,
            "text": record.text[s:end][:300],
        }
        for e in record.entities
        for s, end in e.mentions
    ]
    batch.add(t.mentions, mention_rows)
    batch.add(
        t.times,
        [
            {
                "article_id": article_id,
                "position": i,
                "text": tx.text,
                "type": tx.type,
                "value": tx.value,
                "date_start": tx.start,
                "date_end": tx.end,
                "span_start": tx.span[0],
                "span_end": tx.span[1],
            }
            for i, tx in enumerate(record.times)
        ],
    )
    batch.add(
        t.quotes,
        [
            {
                "article_id": article_id,
                "position": i,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_entity_id": local.get(q.speaker_entity or ""),
                "cue": q.cue,
                "span_start": q.span[0],
                "span_end": q.span[1],
            }
            for i, q in enumerate(record.quotes)
        ],
    )

    # An undated article stays undated: never the day it was stored (see schema.events).
    published = record.published if _is_iso_day(record.published) else None
    claim_ids = _insert_claims(batch, article_id, record, local, published, outlet)

    event_rows = []
    fused_ids: set[int] = set()
    for ev in record.events:
        actor_id = local.get(ev.actor_entity or "")
        target_id = local.get(ev.target_entity or "")
        actor_name = _entity_name(record, ev.actor_entity) or ev.actor
        time = ev.time
        own_day = None
        if time is not None:
            own_day = next((d for d in (time.start, time.value) if _is_iso_day(d)), None)
        event_rows.append(
            {
                "article_id": article_id,
                "local_id": ev.id,
                "type": ev.type,
                "plover": ev.plover,
                "trigger": ev.trigger[:200],
                "actor": ev.actor,
                "actor_key": name_key(actor_name) if actor_name else None,
                "actor_entity_id": actor_id,
                "target": ev.target,
                "target_entity_id": target_id,
                "object": ev.object,
                "location": ev.location,
                "date_value": time.value if time else None,
                "date_start": time.start if time else None,
                "date_end": time.end if time else None,
                "date_text": (time.text or "")[:200] or None if time else None,
                "sort_date": own_day or published or "",
                "modality": ev.modality,
                "confidence": getattr(ev, "confidence", None),
                "sources": json.dumps(
                    [{"name": s.name, "entity": s.entity, "cue": s.cue} for s in ev.sources],
                    ensure_ascii=False,
                ),
                "claim_position": ev.claim,
                "outlet": outlet,
                "span_start": ev.span[0],
                "span_end": ev.span[1],
                "sentence_start": ev.sentence_span[0] if ev.sentence_span else None,
                "sentence_end": ev.sentence_span[1] if ev.sentence_span else None,
                "is_evidence": original is None,
            }
        )
    if event_rows:
        for row in event_rows:
            row["fused_event_id"] = None
        fused_ids = linking.assign_fused_events(conn, event_rows, fusion)
        batch.add(t.events, event_rows)
    batch.flush()

    linking.link_article(
        conn,
        article_id,
        claim_ids,
        fused_ids=fused_ids,
        fusion=fusion,
        near_duplicate=original is not None,
    )
    return fused_ids


def _replace_extraction(
    conn: Connection,
    cache: EntityCache,
    article_id: str,
    record: ArticleRecord,
    record_json: str,
    stamp: ExtractionStamp,
    expected_version: int,
    fusion: Fusion,
) -> int | None:
    a = t.articles
    query = select(
        a.c.extraction_version, a.c.record, a.c.text, a.c.headline, a.c.near_duplicate_of
    ).where(a.c.id == article_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    current = conn.execute(query).first()
    if current is None:
        raise LedgerError(f"{article_id}: no such article in the ledger")
    if current.extraction_version != expected_version:
        return None
    # The superseded record stays readable; its text only when the new one reads another.
    archived = json.loads(current.record)
    if record.text != current.text:
        archived["text"] = current.text
    conn.execute(
        update(t.extractions)
        .where(t.extractions.c.article_id == article_id)
        .where(t.extractions.c.version == expected_version)
        .values(record=json.dumps(archived, ensure_ascii=False, separators=(",", ":")))
    )
    stale_fused = _delete_extraction(conn, article_id)
    version = expected_version + 1
    now = datetime.now(UTC)
    extracted = _extracted_columns(record, record_json)
    outlet = extracted["outlet"]
    conn.execute(
        update(a)
        .where(a.c.id == article_id)
        .values(
            **extracted,
            extraction_version=version,
            extractor_version=stamp.extractor_version,
        )
    )
    batch = RowBatch(conn)
    batch.add(t.extractions, [_stamp_row(stamp, article_id, version, now)])
    if conn.dialect.name == "sqlite" and (
        record.text != current.text or record.headline != current.headline
    ):
        conn.execute(text("DELETE FROM articles_fts WHERE article_id = :id"), {"id": article_id})
        conn.execute(_INSERT_FTS, {"id": article_id, "h": record.headline or "", "t": record.text})
    # Alerts are not matched again: they report news as it arrives, and these events are
    # the same news, read again.
    _insert_extraction(batch, cache, article_id, record, outlet, current.near_duplicate_of, fusion)
    # Fused events this article's old events belonged to: recount, and drop any left empty.
    linking.refresh_counts(conn, stale_fused)
    if stale_fused:
        fe = t.fused_events
        used = select(t.events.c.fused_event_id).where(t.events.c.fused_event_id == fe.c.id)
        conn.execute(delete(fe).where(fe.c.id.in_(sorted(stale_fused)), ~used.exists()))
    return version


def _delete_extraction(conn: Connection, article_id: str) -> set[int]:
    """Delete what an article's extraction made; returns the fused events it was part of."""
    ev = t.events
    fused = set(
        conn.execute(
            select(ev.c.fused_event_id)
            .where(ev.c.article_id == article_id, ev.c.fused_event_id.is_not(None))
            .distinct()
        ).scalars()
    )
    claim_ids = select(t.claims.c.id).where(t.claims.c.article_id == article_id)
    conn.execute(
        delete(t.denials).where(
            or_(
                t.denials.c.denial_claim_id.in_(claim_ids),
                t.denials.c.denied_claim_id.in_(claim_ids),
            )
        )
    )
    conn.execute(delete(t.claim_sources).where(t.claim_sources.c.claim_id.in_(claim_ids)))
    conn.execute(delete(t.claim_entities).where(t.claim_entities.c.claim_id.in_(claim_ids)))
    for table in (t.events, t.claims, t.quotes, t.times, t.mentions, t.article_entities):
        conn.execute(delete(table).where(table.c.article_id == article_id))
    return fused


def _entity_name(record: ArticleRecord, local_id: str | None) -> str | None:
    if not local_id:
        return None
    return next((e.name for e in record.entities if e.id == local_id), None)


def _insert_claims(
    batch: RowBatch,
    article_id: str,
    record: ArticleRecord,
    local: dict[str, int],
    published: str | None,
    outlet: str | None,
) -> list[Any]:
    """Insert claims with their source chains and the entities they are about."""
    if not record.claims:
        return []
    rows = [
        {
            "article_id": article_id,
            "position": i,
            "text": claim.text,
            "polarity": claim.polarity,
            "hedged": claim.hedged,
            "cue": claim.cue,
            "denies_position": claim.denies,
            "span_start": claim.span[0],
            "span_end": claim.span[1],
            "published": published,
            "outlet": outlet,
        }
        for i, claim in enumerate(record.claims)
    ]
    ids: list[int]
    if batch.deferred:
        # The ids the claims' sources, entities and denials refer to, before they go in.
        ids = batch.reserve_ids(t.claims, len(rows))
        batch.add(t.claims, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
    else:
        # SQLite returns no ordered ids from one multi-row INSERT, so SQLAlchemy would send a
        # statement per claim; in one executemany and one read-back instead (the write lock
        # is held: the article's claims are exactly these, in position order).
        batch.add(t.claims, rows)
        ids = list(batch.conn.execute(_CLAIM_IDS, {"article_id": article_id}).scalars())
    source_rows = [
        {
            "claim_id": claim_id,
            "position": p,
            "name": s.name,
            "name_key": name_key(s.name),
            "entity_id": local.get(s.entity or ""),
            "cue": s.cue,
        }
        for claim_id, claim in zip(ids, record.claims, strict=True)
        for p, s in enumerate(claim.sources)
    ]
    batch.add(t.claim_sources, source_rows)
    infos = [
        ClaimInfo(
            claim_id,
            claim.text,
            claim.polarity,
            published or "",
            frozenset(_claim_about(record, claim, local)),
            frozenset(e for s in claim.sources if (e := local.get(s.entity or "")) is not None),
        )
        for claim_id, claim in zip(ids, record.claims, strict=True)
    ]
    about_rows = [
        {"claim_id": info.id, "entity_id": e} for info in infos for e in sorted(info.about)
    ]
    batch.add(t.claim_entities, about_rows)
    links = [
        {
            "denial_claim_id": ids[i],
            "denied_claim_id": ids[c.denies],
            "basis": "article",
            "score": 1.0,
        }
        for i, c in enumerate(record.claims)
        if c.denies is not None and 0 <= c.denies < len(ids) and c.denies != i
    ]
    batch.add(t.denials, links)
    return infos


def _claim_about(record: ArticleRecord, claim: Claim, local: dict[str, int]) -> set[int]:
    """Canonical entities mentioned inside the claim's span (what the claim is about)."""
    start, end = claim.span
    about = set()
    for e in record.entities:
        if any(s < end and start < me for s, me in e.mentions):
            about.add(local[e.id])
    return about
