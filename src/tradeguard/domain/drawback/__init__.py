"""Drawback (19 U.S.C. 1313): claims, the import lines they designate, and the review sample."""
