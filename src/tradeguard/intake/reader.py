"""Read a declaration file (CSV, Parquet, JSON Lines) into a frame of text columns.

Everything is read as text first, so that validation sees what the filer actually sent and a
rejected row can be quarantined exactly as it arrived.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import polars as pl

from tradeguard.domain.declaration import COLUMNS, REQUIRED
from tradeguard.domain.errors import InvalidInput

FORMATS = {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInput(
            f"{path}: unsupported file type {path.suffix!r}; expected .csv, .parquet or .jsonl",
            "file",
        )
    return fmt


def _check_utf8(path: Path) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise InvalidInput(
                    f"{path}: not UTF-8 text (bad byte at offset {offset + error.start})", "file"
                ) from None
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InvalidInput(
                f"{path}: not UTF-8 text (truncated character at end)", "file"
            ) from None


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype == pl.Boolean:
            exprs.append(
                pl.when(col).then(pl.lit("true")).when(~col).then(pl.lit("false")).alias(name)
            )
        elif dtype == pl.String:
            exprs.append(col)
        else:
            exprs.append(col.cast(pl.String))
    return frame.select(exprs)


def read_declarations(path: Path) -> pl.DataFrame:
    """The file's rows as text columns, in COLUMNS order; refuse a file that cannot be read."""
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file", "file")
    fmt = file_format(path)
    try:
        if fmt == "csv":
            _check_utf8(path)
            frame = pl.read_csv(path, infer_schema=False)
        elif fmt == "parquet":
            frame = _as_text(pl.read_parquet(path))
        else:
            _check_utf8(path)
            frame = _as_text(pl.read_ndjson(path, infer_schema_length=None))
    except InvalidInput:
        raise
    except Exception as error:  # polars raises several kinds for unreadable files
        first_line = (
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        )
        raise InvalidInput(f"{path}: cannot be read as {fmt}: {first_line}", "file") from None
    missing = [c for c in COLUMNS if c not in frame.columns and c in REQUIRED]
    if missing:
        raise InvalidInput(f"{path}: missing required columns: {', '.join(missing)}", "columns")
    for column in COLUMNS:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column))
    return frame.select(COLUMNS)
