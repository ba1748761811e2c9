"""The records an in-bond movement must keep (19 CFR 163.4; OIG-16-54: insufficient retention).

The record period itself is `RECORD_YEARS` in domain/inbond.py: a movement's `retain_until`.
"""

from __future__ import annotations

from enum import StrEnum

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.inbond import Movement


class DocumentKind(StrEnum):
    APPLICATION = "application"  # the in-bond application (CBP Form 7512 or its EDI record)
    PROOF_OF_ARRIVAL = "proof_of_arrival"
    PROOF_OF_EXPORT = "proof_of_export"


def parse_document_kind(text: str) -> DocumentKind:
    try:
        return DocumentKind(text.strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(k.value for k in DocumentKind)
        raise InvalidInput(
            f"unknown document kind {text!r}; expected one of: {names}", "kind"
        ) from None


def missing_documents(m: Movement) -> list[DocumentKind]:
    """Documents the record must hold for how far the movement got (OIG-16-54: retention)."""
    needed = [DocumentKind.APPLICATION]
    if m.arrived_on is not None:
        needed.append(DocumentKind.PROOF_OF_ARRIVAL)
    if m.exported_on is not None:
        needed.append(DocumentKind.PROOF_OF_EXPORT)
    return [k for k in needed if k.value not in m.documents]
