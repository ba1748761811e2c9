"""Map tradeguard's declarations and findings onto the feature builder.

Money columns arrive as decimal128(18,2); they become float64 here only, because features are
inputs to a model, not money records.
"""

from __future__ import annotations

import polars as pl

from tradeguard.risk.features import FeatureSpec

DECLARATION_SPEC = FeatureSpec(
    categorical=(
        "importer_id",
        "manufacturer_id",
        "filer_code",
        "hts6",
        "hts4",
        "origin_country",
        "export_country",
        "port_code",
        "mode",
        "entry_type",
    ),
    numeric=("duty_rate", "quantity", "value", "adcvd_rate", "ctpat", "isa"),
    history_keys=("importer_id", "manufacturer_id", "hts6", "origin_country", "port_code"),
)

_KEYS = ["entry_no", "line_no"]

# A finding as history: its line, that line's keys, when, and whether it found a violation.
HISTORY_SCHEMA: dict[str, pl.DataType] = {
    "entry_no": pl.String(),
    "line_no": pl.Int64(),
    **{k: pl.String() for k in DECLARATION_SPEC.history_keys},
    "finding_date": pl.Date(),
    "violation": pl.Boolean(),
}


def lines_from_declarations(declarations: pl.DataFrame) -> pl.DataFrame:
    """Declaration lines with the builder's column names (hts6, value, ...)."""
    return declarations.select(
        pl.col("entry_no").cast(pl.String),
        pl.col("line_no").cast(pl.Int64),
        pl.col("entry_date").cast(pl.Date),
        *[pl.col(c).cast(pl.String) for c in ("importer_id", "manufacturer_id", "filer_code")],
        pl.col("hts10").cast(pl.String).str.slice(0, 6).alias("hts6"),
        pl.col("hts10").cast(pl.String).str.slice(0, 4).alias("hts4"),
        *[
            pl.col(c).cast(pl.String)
            for c in ("origin_country", "export_country", "port_code", "mode", "entry_type")
        ],
        pl.col("duty_rate").cast(pl.Float64),
        pl.col("quantity").cast(pl.Float64),
        pl.col("value_usd").cast(pl.Float64).alias("value"),
        pl.col("adcvd_rate").cast(pl.Float64),
        pl.col("ctpat").cast(pl.Float64),
        pl.col("isa").cast(pl.Float64),
    )


def history_from_findings(
    findings: pl.DataFrame | None, declarations: pl.DataFrame
) -> pl.DataFrame:
    """Findings with the line they were made on and that line's history keys.

    Findings that already carry the keys (the output of this function) are used as they are.
    Otherwise a finding whose line is not among `declarations` cannot say whose history it is,
    so it is left out: pass the declarations of the whole history window to keep them all.
    """
    keys = DECLARATION_SPEC.history_keys
    if findings is None or findings.height == 0:
        return pl.DataFrame(schema=HISTORY_SCHEMA)
    if all(k in findings.columns for k in keys):
        return findings.select(*[pl.col(c).cast(t) for c, t in HISTORY_SCHEMA.items()])
    lines = lines_from_declarations(declarations).select(*_KEYS, *keys)
    keyed = findings.select(
        pl.col("entry_no").cast(pl.String),
        pl.col("line_no").cast(pl.Int64),
        pl.col("finding_date").cast(pl.Date),
        pl.col("violation").cast(pl.Boolean),
    ).join(lines, on=_KEYS, how="inner")
    return keyed.select(list(HISTORY_SCHEMA))


def merge_history(*parts: pl.DataFrame | None) -> pl.DataFrame:
    """One finding per line (the latest part wins), from the model's own and newer findings."""
    frames = [p.select(list(HISTORY_SCHEMA)) for p in parts if p is not None and p.height]
    if not frames:
        return pl.DataFrame(schema=HISTORY_SCHEMA)
    return pl.concat(frames).unique(_KEYS, keep="last", maintain_order=True)
