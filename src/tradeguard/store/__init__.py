"""Stores: the operational database (SQLAlchemy) and the entry lake (Parquet)."""
