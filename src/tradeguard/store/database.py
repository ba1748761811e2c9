"""Opening the operational database and bringing its schema up to date with Alembic.

SQLite is the default (a file under TRADEGUARD_HOME); PostgreSQL when TRADEGUARD_DATABASE_URL
names one. Each concept keeps its tables on its own Alembic branch, so `upgrade heads` applies all.

Several processes share one SQLite file (the server, commands, a second server): it runs in WAL
mode, and a connection waits up to BUSY_TIMEOUT_SECONDS for another's write lock (a
`?timeout=S` in the URL says otherwise). A lock held longer than that, or a lock conflict on
PostgreSQL, becomes `Unavailable` at the engine (503 with Retry-After on the API, exit 2 on the
command line), never a bare OperationalError.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from tradeguard.domain.errors import Collision, Unavailable

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
BUSY_TIMEOUT_SECONDS = 10.0
RETRY_AFTER_SECONDS = 5
# SQLite's words for a lock it could not take in time; PostgreSQL's SQLSTATEs for a lock not
# available, a deadlock and a serialization failure: each is "try again", not a defect.
_SQLITE_BUSY = ("database is locked", "database is busy", "database table is locked")
_POSTGRES_BUSY = frozenset({"55P03", "40P01", "40001"})


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _is_busy(original: BaseException | None) -> bool:
    if original is None:
        return False
    if getattr(original, "sqlstate", None) in _POSTGRES_BUSY:  # psycopg 3
        return True
    if getattr(original, "pgcode", None) in _POSTGRES_BUSY:  # psycopg 2
        return True
    text = str(original).lower()
    return any(words in text for words in _SQLITE_BUSY)


def _busy_is_unavailable(context: ExceptionContext) -> BaseException | None:
    """Engine hook: a lock that could not be taken in time is Unavailable, raised in its place."""
    if _is_busy(context.original_exception):
        return Unavailable(
            "the database is busy with another change (its write lock was held too long); "
            f"nothing was written: try again in {RETRY_AFTER_SECONDS} seconds",
            RETRY_AFTER_SECONDS,
        )
    return None


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///").split("?")[0]).parent.mkdir(parents=True, exist_ok=True)
    parsed = make_url(url)
    waits = parsed.get_backend_name() == "sqlite" and "timeout" not in parsed.query
    engine = create_engine(
        url, future=True, connect_args={"timeout": BUSY_TIMEOUT_SECONDS} if waits else {}
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "handle_error", _busy_is_unavailable)
    return engine


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Apply every migration on every branch; safe to call on each start."""
    command.upgrade(alembic_config(engine), "heads")


def collision_message(error: IntegrityError) -> str:
    """Say what collided without the SQL: the constraint, or SQLite's "table.column" text."""
    original = error.orig
    diag = getattr(original, "diag", None)
    constraint = getattr(diag, "constraint_name", None) if diag is not None else None
    detail = constraint or str(original).splitlines()[0]
    return (
        f"the change collides with one stored meanwhile ({detail}); nothing was written: "
        "reload and try again"
    )


class Database:
    """An engine plus a session factory; services receive this, never a global."""

    def __init__(self, url: str, *, upgrade: bool = True) -> None:
        self.engine = make_engine(url)
        if upgrade:
            migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def new_session(self) -> Session:
        """A bare session for a unit of work (store.unit_of_work) that commits it itself."""
        return self._sessions()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends normally, rolls back otherwise.

        A unique or reference constraint that refuses a write (two requests racing to store the
        same thing) becomes a Collision, so every interface answers 409 / exit 2, not a crash.
        """
        session = self._sessions()
        try:
            yield session
            session.commit()
        except IntegrityError as error:
            session.rollback()
            raise Collision(collision_message(error)) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
