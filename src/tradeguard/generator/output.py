"""Writing the generated year to disk, byte for byte the same for the same seed."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tradeguard.domain.errors import InvalidInput

FORMATS = ("parquet", "csv")


def _parquet(table: pa.Table, path: Path) -> None:
    # no created_by timestamps or statistics that vary; compression fixed
    pq.write_table(table, path, compression="zstd", write_statistics=False)


def write_tables(
    declarations: pa.Table, truth: pa.Table, out_dir: Path, fmt: str
) -> dict[str, Path]:
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", "format"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"declarations.{fmt}"
    if fmt == "parquet":
        _parquet(declarations, target)
    else:
        pacsv.write_csv(declarations, target)
    truth_path = out_dir / "truth.parquet"
    _parquet(truth, truth_path)
    return {"declarations": target, "truth": truth_path}


def write_table(table: pa.Table, path: Path, fmt: str) -> Path:
    """One more table of the generated year, in the declarations' format."""
    if fmt == "parquet":
        _parquet(table, path)
    else:
        pacsv.write_csv(table, path)
    return path
