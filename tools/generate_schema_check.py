"""Generate escmatrix/validation/_schema_check.py from the matrix JSON Schema.

`escmatrix validate` must start fast. jsonschema builds its validator in ~140 ms; this
module, generated once by fastjsonschema (a test-extra dependency, not a runtime one), says
valid/invalid in well under a millisecond. Only when a file is invalid does validation
import jsonschema, for complete messages. A test regenerates the module and fails if the
shipped copy is out of date:  python tools/generate_schema_check.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "escmatrix" / "schema" / "matrix.schema.json"
TARGET = ROOT / "escmatrix" / "validation" / "_schema_check.py"

HEADER = '''"""Generated from schema/matrix.schema.json by tools/generate_schema_check.py.

Do not edit: change the schema and run the tool again.

A yes/no check of the matrix schema compiled to Python by fastjsonschema. The
schema uses only keywords whose meaning is the same in drafts 7 and 2020-12.
"""
# ruff: noqa
# mypy: ignore-errors


class JsonSchemaValueException(ValueError):
    def __init__(self, message, value=None, name=None, definition=None, rule=None):
        super().__init__(message)
        self.message, self.value, self.name = message, value, name
        self.definition, self.rule = definition, rule


JsonSchemaValuesException = JsonSchemaValueException

'''


def generate() -> str:
    import fastjsonschema

    schema = json.loads(SCHEMA.read_text("utf-8"))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    code = fastjsonschema.compile_to_code(schema)
    lines = [
        line
        for line in code.splitlines()
        if not line.startswith(("from fastjsonschema import", "VERSION = "))
    ]
    entry = next(line for line in lines if line.startswith("def validate"))
    name = entry[len("def ") : entry.index("(")]
    body = "\n".join(lines).strip("\n")
    return f"{HEADER}{body}\n\n\nvalidate = {name}\n"


if __name__ == "__main__":
    text = generate()
    if "--check" in sys.argv:
        sys.exit(0 if TARGET.read_text("utf-8") == text else 1)
    TARGET.write_text(text, "utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
