"""The committed JSON Schemas are generated from the models and must not go stale."""

import json

from generator.core.schema import SCHEMA_DIR, SCHEMAS, schema_text


def test_committed_schemas_match_the_models():
    for name, model in SCHEMAS.items():
        committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(model), f"{name}.schema.json is stale: run `digest schema`"


def test_brief_schema_forbids_unknown_fields():
    schema = json.loads(schema_text(SCHEMAS["brief"]))
    assert schema["additionalProperties"] is False
    assert "claims" in schema["properties"]


def test_every_id_and_actor_reference_carries_the_slug_rule_in_model_and_schema():
    """A reference is a page name too: "../../etc" is refused by the model, and the schema
    editors use says so for every reference field, not only for ids."""
    import pytest
    from pydantic import ValidationError

    from generator.core.model import SECTIONS, Claim

    with pytest.raises(ValidationError, match="speaker"):
        Claim(id="c-1", speaker="../../etc", text="t", evidence="e")
    schema = json.loads(schema_text(SCHEMAS["brief"]))
    for section, spec in SECTIONS.items():
        item = schema["$defs"][spec.item.__name__]["properties"]
        for name in (*spec.references, "id") if section == "actors" else spec.references:
            field = item[name]
            patterns = [field.get("pattern")] + [option.get("pattern") for option in field.get("anyOf", [])]
            assert "^[a-z0-9][a-z0-9-]{0,119}$" in patterns, (section, name)
