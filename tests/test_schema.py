"""The committed JSON Schemas are generated from the models and must not go stale."""

import json

from generator.schema import SCHEMA_DIR, SCHEMAS, schema_text


def test_committed_schemas_match_the_models():
    for name, model in SCHEMAS.items():
        committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(model), f"{name}.schema.json is stale: run `digest schema`"


def test_brief_schema_forbids_unknown_fields():
    schema = json.loads(schema_text(SCHEMAS["brief"]))
    assert schema["additionalProperties"] is False
    assert "claims" in schema["properties"]
