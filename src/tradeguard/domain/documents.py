"""Reading a filed document (a drawback claim, a bond) into its model at the edge, with the
first problem named by its field path, e.g. `designations[1].entry_no`."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tradeguard.domain.errors import InvalidInput

M = TypeVar("M", bound=BaseModel)


def field_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def parse_document(model: type[M], document: Any, label: str) -> M:
    try:
        return model.model_validate(document)
    except ValidationError as error:
        problem = error.errors()[0]
        field = field_path(tuple(problem["loc"])) or label
        raise InvalidInput(f"{label}: {field}: {problem['msg']}", field) from None


def parse_documents(model: type[M], text: str, label: str) -> list[M]:
    """One document or a list of them, as JSON text; the first bad one refuses them all."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{label}: not valid JSON ({error.msg})", "file") from None
    items = raw if isinstance(raw, list) else [raw]
    return [parse_document(model, item, f"{label} #{n}") for n, item in enumerate(items, 1)]
