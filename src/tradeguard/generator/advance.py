"""Advance filings (ISF and manifest lines) for the generated entries that came by vessel.

Only ocean cargo files an ISF, so only vessel entries get one (and a few of those are missing).
A filing is drawn from the entry and its ground truth, so that some planted violations show
before arrival and some only when the entry is compared with its advance data:
- origin fraud (transshipment, textile or agricultural false origin): the container is often
  stuffed in the true origin and laden in the declared one, and some filers state the true
  origin in the ISF while the entry declares the false one (an origin mismatch);
- misclassification: some ISFs carry the true HTS-6 (an HTS-6 mismatch);
- counterfeits: often shipped by a forwarder who is not the seller, filed late, and sometimes
  naming the real factory (a manufacturer mismatch).
Clean shipments carry a little of the same noise (consolidation hubs, forwarders, clerical
errors), so that no indicator is proof. docs/generator.md states the rates.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa

from tradeguard.store.advance_lake import ADVANCE_SCHEMA

MISSING_FILING = 0.02
ORIGIN_STATED_TRUE = 0.6  # origin fraud: the ISF names the true origin
STUFFED_AT_TRUE_ORIGIN = 0.7
HTS_STATED_TRUE = 0.5  # misclassification: the ISF carries the true HTS-6
FACTORY_NAMED = 0.5  # counterfeit: the ISF names the real factory
FORWARDER_SHIPS = {"counterfeit": 0.6, "": 0.08}
LATE_FILING = {"counterfeit": 0.7, "": 0.05}
CLEAN_HUB_STUFFING = 0.01
CLEAN_MANUFACTURER_SLIP = 0.003
CARRIERS = ("MAEU", "MSCU", "CMDU", "COSU", "EGLV", "HLCU", "ONEY", "ZIMU")
VESSELS = ("MAERSK ESSEN", "MSC GULSUN", "CMA CGM MARCO POLO", "COSCO SHIPPING TAURUS",
           "EVER GIVEN", "HAMBURG EXPRESS", "ONE APUS", "ZIM KINGSTON")  # fmt: skip
# A few real UN/LOCODEs; other countries get a plausible code of their own.
PORTS = {"CN": "SHA", "VN": "SGN", "IN": "NSA", "KR": "PUS", "TW": "KHH", "MY": "PKG",
         "TH": "LCH", "ID": "JKT", "DE": "HAM", "JP": "TYO", "IT": "GOA", "BD": "CGP"}  # fmt: skip
ORIGIN_FRAUD = ("adcvd_transshipment", "textile_origin_fraud", "agriculture_false_origin")


def _locode(country: pl.Expr) -> pl.Expr:
    return country + country.replace_strict(PORTS, default="PTA", return_dtype=pl.String)


def advance_filings(declarations: pa.Table, truth: pa.Table, seed: int) -> pa.Table:
    """One advance filing line per vessel entry line (ADVANCE_SCHEMA), the same for a seed."""
    rng = np.random.default_rng([seed, 19])
    lines = pl.from_arrow(declarations)
    facts = pl.from_arrow(truth)
    assert isinstance(lines, pl.DataFrame) and isinstance(facts, pl.DataFrame)
    lines = lines.join(
        facts.select("entry_no", "line_no", "scheme", "true_origin", "true_hts10"),
        on=["entry_no", "line_no"],
        how="left",
        maintain_order="left",
    ).filter(pl.col("mode") == "vessel")
    entries = lines.select("entry_no").unique(maintain_order=True)
    n = entries.height
    entries = entries.with_columns(
        pl.Series("_filed", rng.random(n) >= MISSING_FILING),
        pl.Series("_carrier", rng.choice(CARRIERS, n)),
        pl.Series("_vessel", rng.choice(VESSELS, n)),
        pl.Series("_lead", rng.integers(5, 31, n)),
        pl.Series("_late_lead", rng.integers(1, 4, n)),
        pl.Series("_u_late", rng.random(n)),
        pl.Series("_u_forwarder", rng.random(n)),
        pl.Series("_forwarder", rng.integers(1, 40, n)),
        pl.Series("_consolidator", rng.integers(0, 12, n)),
    )
    lines = lines.join(entries, on="entry_no", maintain_order="left").filter(pl.col("_filed"))
    m = lines.height
    lines = lines.with_columns(
        pl.Series("_u_origin", rng.random(m)),
        pl.Series("_u_stuff", rng.random(m)),
        pl.Series("_u_hts", rng.random(m)),
        pl.Series("_u_mfr", rng.random(m)),
        pl.Series("_other_mfr", rng.permutation(lines.get_column("manufacturer_id").to_numpy())),
    )
    return _filing_columns(lines).to_arrow().cast(ADVANCE_SCHEMA)


def _filing_columns(lines: pl.DataFrame) -> pl.DataFrame:
    scheme, col = pl.col("scheme").fill_null(""), pl.col
    origin_fraud = scheme.is_in(ORIGIN_FRAUD) & (col("true_origin") != col("origin_country"))
    counterfeit = scheme == "counterfeit"
    origin = pl.when(origin_fraud & (col("_u_origin") < ORIGIN_STATED_TRUE))
    stuffed = (
        pl.when(origin_fraud & (col("_u_stuff") < STUFFED_AT_TRUE_ORIGIN))
        .then(col("true_origin"))
        .when(~origin_fraud & (col("_u_stuff") < CLEAN_HUB_STUFFING))
        .then(pl.lit("HK"))
        .otherwise(col("export_country"))
    )
    hts6 = pl.when((scheme == "adcvd_misclassification") & (col("_u_hts") < HTS_STATED_TRUE)).then(
        col("true_hts10").str.slice(0, 6)
    )
    slip = pl.when(counterfeit).then(FACTORY_NAMED).otherwise(CLEAN_MANUFACTURER_SLIP)
    forwarder = col("_u_forwarder") < pl.when(counterfeit).then(
        FORWARDER_SHIPS["counterfeit"]
    ).otherwise(FORWARDER_SHIPS[""])
    late = forwarder & (
        col("_u_late")
        < pl.when(counterfeit).then(LATE_FILING["counterfeit"]).otherwise(LATE_FILING[""])
    )
    seller = pl.lit("SELLER-") + col("manufacturer_id")
    lead = pl.when(late).then(col("_late_lead")).otherwise(col("_lead"))
    return lines.select(
        (col("_carrier") + col("entry_no").str.slice(3, 8)).alias("bill_of_lading"),
        col("line_no"),
        col("entry_no"),
        (col("entry_date") - pl.duration(days=lead)).alias("filed_date"),
        col("entry_date").alias("arrival_date"),
        col("importer_id"),
        pl.when(forwarder)
        .then(pl.lit("FORWARDER-") + col("_forwarder").cast(pl.String))
        .otherwise(seller)
        .alias("shipper"),
        col("importer_id").alias("consignee"),
        seller.alias("seller"),
        col("importer_id").alias("buyer"),
        col("importer_id").alias("ship_to"),
        pl.when(col("_u_mfr") < slip)
        .then(col("_other_mfr"))
        .otherwise(col("manufacturer_id"))
        .alias("manufacturer_id"),
        origin.then(col("true_origin")).otherwise(col("origin_country")).alias("origin_country"),
        hts6.otherwise(col("hts10").str.slice(0, 6)).alias("hts6"),
        _locode(stuffed).alias("stuffing_location"),
        pl.when(col("_consolidator") > 0)
        .then(pl.lit(""))
        .otherwise(pl.lit("CONSOL-") + col("_forwarder").cast(pl.String))
        .alias("consolidator"),
        col("_vessel").alias("vessel"),
        _locode(col("export_country")).alias("port_of_lading"),
        col("port_code").alias("port_of_unlading"),
    )
