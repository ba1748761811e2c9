"""Replace a file so that a reader sees the old content or the new, never half of either.

Each writer writes into its own uniquely named temporary file beside the target (same folder, so
the rename stays on one file system), flushes it to disk, and renames it over the target. A fixed
temporary name ("x.tmp") is not enough: two processes writing at once would share it, one
truncating what the other is about to rename.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def replace_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(temporary_path)`, then rename the result over `path`; clean up on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    partial = Path(name)
    try:
        write(partial)
        sync_file(partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
    return path


def replace_text(path: Path, text: str) -> Path:
    def write(partial: Path) -> None:
        partial.write_text(text, encoding="utf-8")

    return replace_atomically(path, write)


def sync_file(path: Path) -> None:
    """Flush a written file's content to disk before anything points at it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a rename to disk (where the platform allows opening a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_leftover(path: Path) -> bool:
    """A temporary file of replace_atomically that a crashed writer left behind."""
    return path.name.startswith(".") and path.name.endswith(".tmp")
