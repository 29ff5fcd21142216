"""JSON Schemas for editors, generated from the same pydantic models the code
validates with, so the two can never disagree."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.core.fingerprint import PACKAGE_DIR
from generator.core.model import ActorRegistry, Brief, SourceRegistry, StoryRegistry, TopicRegistry
from generator.core.store import write_atomic

SCHEMAS: dict[str, type[BaseModel]] = {
    "brief": Brief,
    "actors": ActorRegistry,
    "topics": TopicRegistry,
    "sources": SourceRegistry,
    "stories": StoryRegistry,
}
SCHEMA_DIR = PACKAGE_DIR / "schemas"


def schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema; returns the files whose content changed."""
    changed = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        if write_atomic(path, schema_text(model)):
            changed.append(path)
    return changed
