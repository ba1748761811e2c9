"""Read a declaration file (CSV, Parquet, JSON Lines) into a frame of text columns.

Everything is read as text first, so that validation sees what the filer actually sent and a
rejected row can be quarantined exactly as it arrived. A column named twice refuses the file (which
of the two would be the declaration?); a column tradeguard does not know is ignored and reported;
an empty file is zero rows.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from tradeguard.domain.declaration import COLUMNS, REQUIRED
from tradeguard.domain.errors import InvalidInput

FORMATS = {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# A JSON object key: a string followed by a colon. Finds every key of a line (and, rarely, text
# inside a value that looks like one), so only lines it flags need an exact parse.
JSON_KEY = r'"((?:[^"\\]|\\.)*)"\s*:'


@dataclass(frozen=True, slots=True)
class DeclarationFile:
    """A file's rows as text in COLUMNS order, and the columns it had that are not declared."""

    frame: pl.DataFrame
    ignored_columns: tuple[str, ...]


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


def _refuse_repeated(path: Path, names: Iterable[str], where: str = "the header") -> None:
    repeated = [name for name, count in Counter(names).items() if count > 1]
    if repeated:
        raise InvalidInput(
            f"{path}: column {repeated[0]!r} appears more than once in {where}", repeated[0]
        )


def _csv_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle), [])


def _check_jsonl_keys(path: Path) -> None:
    """Refuse a line whose object names a key twice (polars would silently keep the first)."""
    lines = pl.DataFrame(
        {"line": path.read_text(encoding="utf-8").splitlines()}, schema={"line": pl.String}
    ).with_row_index("number", offset=1)
    keys = pl.col("line").str.extract_all(JSON_KEY)
    suspects = lines.filter(keys.list.len() != keys.list.n_unique())
    for number, line in suspects.iter_rows():
        where = f"the JSON object on line {number}"
        try:
            pairs = json.loads(line, object_pairs_hook=lambda pairs: pairs)
        except ValueError:
            continue  # not JSON: the reader below says so
        if isinstance(pairs, list):
            _refuse_repeated(path, (k for k, _ in pairs), where)


def _is_blank(path: Path) -> bool:
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            if chunk.strip():
                return False
    return True


def _read(path: Path, fmt: str, columns: tuple[str, ...]) -> pl.DataFrame:
    if fmt == "parquet":
        _refuse_repeated(path, pq.read_schema(path).names)
        return _as_text(pl.read_parquet(path))
    _check_utf8(path)
    if _is_blank(path):  # nothing at all, not even a header: zero rows
        return pl.DataFrame(schema={c: pl.String for c in columns})
    if fmt == "csv":
        _refuse_repeated(path, _csv_header(path))
        return pl.read_csv(path, infer_schema=False)
    _check_jsonl_keys(path)
    return _as_text(pl.read_ndjson(path, infer_schema_length=None))


def read_declarations(
    path: Path, columns: tuple[str, ...] = COLUMNS, required: frozenset[str] = REQUIRED
) -> DeclarationFile:
    """The file's rows as text columns, in `columns` order (an entry's unless an advance filing's
    are given); refuse a file that cannot be read."""
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file", "file")
    fmt = file_format(path)
    try:
        frame = _read(path, fmt, columns)
    except InvalidInput:
        raise
    except Exception as error:  # polars and pyarrow raise several kinds for unreadable files
        first_line = (
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        )
        raise InvalidInput(f"{path}: cannot be read as {fmt}: {first_line}", "file") from None
    missing = [c for c in columns if c not in frame.columns and c in required]
    if missing:
        raise InvalidInput(f"{path}: missing required columns: {', '.join(missing)}", "columns")
    ignored = tuple(c for c in frame.columns if c not in columns)
    for column in columns:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column))
    return DeclarationFile(frame.select(columns), ignored)
