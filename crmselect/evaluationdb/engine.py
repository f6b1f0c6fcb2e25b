"""Opening the evaluation database: SQLite in the project folder, or any SQLAlchemy URL.

Why the SQLite settings: WAL lets pages be read while a score is written; every write runs in
a ``BEGIN IMMEDIATE`` transaction so that concurrent writers queue on the busy timeout instead
of failing half-way; ``synchronous=FULL`` makes a saved score survive a crash of the server
or the machine. A killed server loses at most the request in flight. The SQLite file is
made readable by its owner only (0600): it holds password hashes and every score; SQLite gives
its -wal and -shm files the same mode.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from crmselect.errors import CrmselectError, Issue, display_path
from crmselect.errors import msg as t
from crmselect.project import DATABASE_FILE

#: What the every-request functions run on: an ORM session or a plain Core connection.
Executor = Session | Connection
_WRITE = "crmselect_write"
_SINGLE_READ = "crmselect_single_read"
BUSY_TIMEOUT_S = 30


def default_url(project_dir: Path | str) -> str:
    """The SQLite database of a project: ``DIR/evaluation.db``."""
    return f"sqlite:///{(Path(project_dir) / DATABASE_FILE).resolve()}"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def display_url(url: str) -> str:
    """The database as messages name it: a SQLite file's path, else the URL without password."""
    file = sqlite_file(url)
    if file is not None:
        return display_path(file)
    return make_url(url).render_as_string(hide_password=True)


def open_project_database(project_dir: Path | str, url: str | None = None, *,
                          create: bool = True, lang: str | None = None,
                          read_only: bool = False, older: bool = False) -> Database:
    """The evaluation database of a project (``url``, else ``DIR/evaluation.db``), migrated.

    With ``create=False`` a SQLite file that does not exist yet is a :class:`CrmselectError`
    instead of a new, empty database (reading from nothing is a mistake worth saying).

    ``read_only`` (the reading commands: ``status``, ``rfp``, ``score --from-db``, ``scores
    pull``): the database is opened
    read-only (SQLite ``mode=ro``; PostgreSQL read-only transactions) and never migrated: a
    command that only reads must not change the user's database. A schema older than this
    crmselect's is then a one-line :class:`CrmselectError` naming the command that upgrades it,
    unless ``older`` says the caller reads what it can (:attr:`Database.schema_older`).
    Migrating stays in one place, :meth:`Database.migrate` (``serve``, ``invite`` and ``scores
    push`` through here).
    """
    url = url or default_url(project_dir)
    try:
        file = sqlite_file(url)
        if not create and file is not None and not file.is_file():
            raise CrmselectError(Issue(file=str(file), message=t("scores_no_database")))
        db = Database(url, read_only=read_only)
    except ArgumentError:  # --db that is not a database URL
        raise CrmselectError(t("db_bad_url")) from None
    try:
        if read_only:
            _check_schema(db, project_dir, file, older)
        else:
            db.migrate()
    except CrmselectError:
        db.dispose()
        raise
    except SQLAlchemyError as exc:  # not a database file, a folder, a server not reachable
        db.dispose()
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        message = t("db_cannot_open", error=reason)
        raise CrmselectError(Issue(file=str(file), message=message) if file is not None
                             else t("prefixed", prefix=display_url(url), message=message)
                             ) from None
    return db


def _check_schema(db: Database, project_dir: Path | str, file: Path | None,
                  older: bool) -> None:
    """Refuse a read-only database whose schema is not this crmselect's (see
    :func:`open_project_database`); an older one is kept open when ``older``."""
    from crmselect.evaluationdb.migrate import SCHEMA_REVISION, known_revision

    with db.read_connection() as conn:
        revision = stored_revision(conn)
    if revision == SCHEMA_REVISION:
        return
    if revision is not None and not known_revision(revision):
        message = t("db_schema_newer", revision=revision)
    elif older:
        db.schema_older = True
        return
    else:
        message = t("db_schema_older", dir=display_path(Path(project_dir)))
    raise CrmselectError(Issue(file=str(file), message=message) if file is not None
                         else t("prefixed", prefix=display_url(db.url), message=message))


def stored_revision(conn: Connection) -> str | None:
    """The schema revision a database records (alembic's ``alembic_version``), None for a
    database without one (empty, or made by no crmselect); read with one plain query, so
    that a reading command needs neither alembic nor a write."""
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_engine(url: str, read_only: bool = False) -> Engine:
    """An engine for ``url`` with the connection settings crmselect relies on; ``read_only``:
    one that cannot write (SQLite opens the file with ``mode=ro``; PostgreSQL's transactions
    are read-only)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        file = sqlite_file(url)
        if read_only and file is not None:
            url = parsed.set(database=_read_only_uri(file),
                             query={**parsed.query, "uri": "true"}).render_as_string(
                                 hide_password=False)
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
            pool_size=20, max_overflow=20,
        )
        if file is not None and not read_only:
            event.listen(engine, "do_connect", lambda *_: _private_file(file))
        event.listen(engine, "connect", _sqlite_read_only_connect if read_only
                     else _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    if read_only and parsed.get_backend_name() == "postgresql":
        event.listen(engine, "connect", _read_only_session)
    return engine


def _read_only_session(dbapi_connection: Any, _record: object) -> None:
    """Every transaction of this connection is read-only: the server refuses any write or DDL
    (PostgreSQL's ``default_transaction_read_only``; kept apart from the URL's own options)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.close()
    dbapi_connection.commit()  # a SET in a transaction rolled back would be undone


def _read_only_uri(file: Path) -> str:
    """sqlite3's URI for reading ``file`` without writing anything: ``mode=ro`` (never
    created, never written). A WAL database that no connection has open has no ``-wal`` and
    ``-shm`` files, and a read-only connection would leave both behind: then the file is also
    opened ``immutable`` (nobody is writing it at that moment; the read is one short
    command)."""
    path = file.resolve()
    immutable = not any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm"))
    return f"file:{path.as_uri()[len('file://'):]}?mode=ro" + ("&immutable=1" if immutable
                                                              else "")


def _private_file(path: Path) -> None:
    """Make the SQLite file (and its companions) readable by its owner only, creating the
    database file empty when it does not exist yet (SQLite then makes a new database in it)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return  # a folder that does not exist, or no right to write: sqlite3 says why
    else:
        os.close(fd)
    for companion in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm",
                                                                        "-journal"))):
        try:
            mode = companion.stat().st_mode & 0o777
            if mode & 0o077:
                companion.chmod(mode & 0o700)
        except OSError:
            pass  # not there, or not ours


def _sqlite_connect(dbapi_connection: object, _record: object) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling defers it
    # and never takes the write lock up front).
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _sqlite_read_only_connect(dbapi_connection: object, _record: object) -> None:
    # As _sqlite_connect, without the settings that write (journal_mode, synchronous): the
    # file was made in WAL mode by the commands that write it.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _sqlite_begin(connection: object) -> None:
    options = connection.get_execution_options()  # type: ignore[attr-defined]
    if options.get(_SINGLE_READ, False):
        return  # one SELECT is consistent on its own: no BEGIN ... ROLLBACK round trip
    write = options.get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")  # type: ignore[attr-defined]


class Database:
    """The evaluation database of one project: short read and write transactions.

    ``migrate`` is run by the web app at start-up (and by ``crmselect invite``), so a database
    written by an older crmselect is upgraded in place.
    """

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only
        #: Opened read-only with a schema older than this crmselect's (see
        #: :func:`open_project_database`): the caller reads what it can.
        self.schema_older = False
        self.engine = open_engine(url, read_only)
        # SQLite has one writer at a time. Threads of this process queue here, in order,
        # instead of in SQLite's busy handler, which sleeps in steps of up to 100 ms; other
        # processes still wait on the busy timeout.
        self._write_lock = threading.Lock() if self.dialect == "sqlite" else nullcontext()
        # SQLite: each thread keeps one driver connection for the DriverStatements (see
        # _driver); all of them, to close them in dispose().
        self._thread = threading.local()
        self._kept: list[Any] = []
        self._kept_lock = threading.Lock()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest revision (see :mod:`crmselect.evaluationdb.migrate`)."""
        from crmselect.evaluationdb.migrate import upgrade

        assert not self.read_only, "a read-only database is never migrated"
        upgrade(self)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it changes is committed. The objects it loaded stay
        readable after the block (they are detached, not expired)."""
        with self.engine.connect() as conn, Session(bind=conn) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes are committed together when the block ends without error."""
        with self.engine.connect() as conn, self._write_lock:
            conn.execution_options(**{_WRITE: True})
            with Session(bind=conn, expire_on_commit=False) as session:
                with session.begin():
                    yield session

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A Core connection for one reading statement (lighter than a session, for the
        every-request reads). On SQLite it opens no transaction: run one statement in it."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_SINGLE_READ: True})
            yield conn

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A Core connection in a write transaction, committed when the block ends without
        error (migrations, and the score save that every page sends)."""
        # The connection is taken from the pool before the lock: the lock is held only for
        # the transaction itself (every save waits for the one before it to commit).
        with self.engine.connect() as conn, self._write_lock:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _driver(self) -> Iterator[DriverConnection]:
        """A driver connection for :class:`DriverStatement` statements.

        On SQLite each thread keeps its own (opened through the engine, so with the same
        settings), as a plain sqlite3 application would: taking one from the pool and giving
        it back cost as much as the statements of a save. Elsewhere one from the pool (which
        checks it is still alive and rolls back what is left open when it is given back).
        """
        if self.dialect != "sqlite":
            raw = self.engine.raw_connection()
            try:
                yield DriverConnection(raw.driver_connection, self.engine.dialect)
            finally:
                raw.close()
            return
        conn = getattr(self._thread, "conn", None)
        if conn is None:
            raw = self.engine.raw_connection()
            conn = DriverConnection(raw.driver_connection, self.engine.dialect)
            raw.detach()  # this thread's from now on; closed by dispose()
            with self._kept_lock:
                self._kept.append(conn.driver)
            self._thread.conn = conn
        try:
            yield conn
        except BaseException:
            if conn.driver.in_transaction:  # a statement failed: nothing is kept open
                self._thread.conn = None
                conn.driver.close()
            raise

    @contextmanager
    def driver_read(self) -> Iterator[DriverConnection]:
        """A driver connection for :class:`DriverStatement` reads only (the access check of
        every request). Nothing is committed (on SQLite no transaction is opened: run one
        statement, which is consistent on its own)."""
        with self._driver() as conn:
            yield conn

    @contextmanager
    def driver_write(self) -> Iterator[DriverConnection]:
        """A driver connection in a write transaction (``BEGIN IMMEDIATE`` on SQLite, in this
        process's write lock), committed when the block ends without error, for
        :class:`DriverStatement` statements only.

        Why: the score save that 20 people send at once. The same transaction as
        :meth:`write_connection`, without SQLAlchemy's per-statement work (its events, result
        objects), which cost more than SQLite's own work for the save.
        """
        with self._driver() as conn, self._write_lock:
            if self.dialect == "sqlite":
                conn.run("BEGIN IMMEDIATE", ())
            try:
                yield conn
            except BaseException:
                conn.driver.rollback()
                raise
            conn.commit()

    def dispose(self) -> None:
        with self._kept_lock:
            kept, self._kept = self._kept, []
            self._thread = threading.local()
        for driver in kept:
            driver.close()
        self.engine.dispose()


class DriverConnection:
    """A pooled connection of the database's driver (sqlite3, psycopg) that runs
    :class:`DriverStatement` statements; its errors are SQLAlchemy's, as on a Connection."""

    __slots__ = ("driver", "dialect")

    def __init__(self, driver: Any, dialect: Dialect) -> None:
        self.driver = driver
        self.dialect = dialect

    def run(self, sql: str, args: Any) -> list[Any]:
        """Run one statement; its rows (none for a statement that returns none)."""
        try:
            cursor = self.driver.cursor()
            try:
                cursor.execute(sql, args)
                return cursor.fetchall() if cursor.description is not None else []
            finally:
                cursor.close()
        except self.dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(sql, args, error, self.dialect.loaded_dbapi.Error,
                                      dialect=self.dialect) from error

    def commit(self) -> None:
        try:
            self.driver.commit()
        except self.dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance("COMMIT", (), error, self.dialect.loaded_dbapi.Error,
                                      dialect=self.dialect) from error


def dialect_name(session: Executor) -> str:
    """``sqlite`` or ``postgresql`` (or another SQLAlchemy dialect name)."""
    if isinstance(session, Connection):
        return session.dialect.name
    return session.get_bind().dialect.name


def prepared(build: Callable[[str], Any]) -> Callable[[Executor], Any]:
    """A statement built once per dialect and reused.

    Why: the save that every scoring page sends runs a few statements; building their SQL
    expressions anew on each request costs more than running them on SQLite.
    """
    made: dict[str, Any] = {}

    def get(session: Executor) -> Any:
        name = dialect_name(session)
        if name not in made:
            made[name] = build(name)
        return made[name]

    return get


def dialect_insert(session: Session | Connection | str, table: type) -> Any:
    """An INSERT for ``table`` that supports ``on_conflict_do_*`` on SQLite and PostgreSQL
    (``session`` may also be the dialect's name)."""
    name = session if isinstance(session, str) else dialect_name(session)
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


class DriverStatement:
    """A Core statement (``build(dialect name)``) compiled once per dialect and run with
    ``exec_driver_sql``.

    Why: the save that 20 people send at once runs three statements inside the write lock, and
    SQLAlchemy's per-execution work (compiled-cache lookup, parameter and result processing)
    cost about three times the statement itself on SQLite. The SQL and the type conversions
    still come from the Core statement (one source), and the engine's events still see it.
    ``result_types`` converts the returned columns (e.g. a stored time back to an aware one).
    """

    def __init__(self, build: Callable[[str], Any], *, column_keys: list[str] | None = None,
                 result_types: tuple[Any, ...] = ()) -> None:
        self._build = build
        self._column_keys = column_keys
        self._result_types = result_types
        self._made: dict[str, tuple[str, tuple[str, ...] | None, dict[str, Any],
                                    dict[str, Any], list[Any]]] = {}

    def _compiled(self, conn: Connection | DriverConnection) -> tuple[str, tuple[str, ...] | None,
                                                    dict[str, Any], dict[str, Any], list[Any]]:
        name = conn.dialect.name
        made = self._made.get(name)
        if made is None:
            dialect = conn.dialect
            compiled = self._build(name).compile(dialect=dialect, column_keys=self._column_keys)
            # The statement's own literal values; the others come with each execution.
            fixed = {key: bind.effective_value for key, bind in compiled.binds.items()
                     if not bind.required}
            processors = {}
            for key, bind in compiled.binds.items():
                processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
                if processor is not None:
                    processors[key] = processor
            positions = tuple(compiled.positiontup) if dialect.positional else None
            results = [t.dialect_impl(dialect).result_processor(dialect, None)
                       if t is not None else None
                       for t in self._result_types]
            made = (compiled.string, positions, fixed, processors, results)
            self._made[name] = made
        return made

    def execute(self, conn: Connection | DriverConnection,
                params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Run the statement; its rows (all of them, converted per ``result_types``)."""
        sql, positions, fixed, processors, results = self._compiled(conn)
        values = {**fixed, **params}
        for key, processor in processors.items():
            values[key] = processor(values[key])
        args: Any = tuple(values[key] for key in positions) if positions is not None else values
        if isinstance(conn, DriverConnection):
            rows = conn.run(sql, args)
        else:
            result = conn.exec_driver_sql(sql, args)
            if not result.returns_rows:
                return []
            rows = result.fetchall()
        if not any(results):
            return [tuple(row) for row in rows]
        return [tuple(p(v) if p is not None else v for p, v in zip(results, row, strict=False))
                + tuple(row[len(results):]) for row in rows]
