"""Opening the operational database and bringing its schema up to date with Alembic.

SQLite is the default (a file under TRADEGUARD_HOME); PostgreSQL when TRADEGUARD_DATABASE_URL
names one. Each concept keeps its tables on its own Alembic branch, so `upgrade heads` applies all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from tradeguard.domain.errors import Collision

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
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
