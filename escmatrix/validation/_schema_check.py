"""Generated from schema/matrix.schema.json by tools/generate_schema_check.py.

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

from decimal import Decimal
import re


REGEX_PATTERNS = {
    '^x-': re.compile('^x-'),
    '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$': re.compile('^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*\\Z'),
    '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$': re.compile('^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*\\Z'),
    '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$': re.compile('^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*\\Z'),
    '^[A-Za-z0-9][A-Za-z0-9_.-]*$': re.compile('^[A-Za-z0-9][A-Za-z0-9_.-]*\\Z')
}

NoneType = type(None)

def validate_https___escmatrix_dev_schema_matrix_v1_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://escmatrix.dev/schema/matrix-v1.json', 'title': 'escmatrix escalation matrix', 'description': 'An escalation matrix: who is contacted at each level, how long a ticket may wait before it moves up, and what makes it move up early. Format version 1.', 'type': 'object', 'required': ['version', 'name', 'levels', 'categories'], 'properties': {'version': {'const': 1, 'description': 'Format version; always 1.'}, 'name': {'type': 'string', 'minLength': 1}, 'description': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'default_calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'calendars': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/timezone'}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/segments'}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}}, 'contacts': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'properties': {'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'When this contact can be reached.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'levels': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'contacts': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'window': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/window'}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'priorities': {'type': 'object', 'description': "Priorities by id; 'default' names the priority of tickets that have none.", 'properties': {'default': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'The level a ticket of this priority starts at.'}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'triggers': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'$ref': '#/$defs/id'}, {'type': 'array', 'minItems': 1, 'items': {'$ref': '#/$defs/id'}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}}, 'categories': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'cells': {'type': 'object', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/cell'}}, 'description': {'type': 'string'}}, 'additionalProperties': False}}}, 'patternProperties': {'^x-': True}, 'additionalProperties': False, '$defs': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'ids': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'text': {'type': 'string', 'minLength': 1}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'duration': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'simpleWindow': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'max': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}}, 'additionalProperties': False}]}, 'window': {'anyOf': [{'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}}]}, 'segments': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}, 'calendar': {'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}, 'contact': {'type': 'object', 'required': ['name'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'level': {'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'contacts': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'window': {'anyOf': [{'$ref': '#/$defs/simpleWindow'}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'$ref': '#/$defs/id'}, 'additionalProperties': {'$ref': '#/$defs/simpleWindow'}}]}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'priority': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'trigger': {'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}, 'cell': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'additionalProperties': False}, 'category': {'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'cells': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'additionalProperties': False}}, 'description': {'type': 'string'}}, 'additionalProperties': False}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['version', 'name', 'levels', 'categories']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://escmatrix.dev/schema/matrix-v1.json', 'title': 'escmatrix escalation matrix', 'description': 'An escalation matrix: who is contacted at each level, how long a ticket may wait before it moves up, and what makes it move up early. Format version 1.', 'type': 'object', 'required': ['version', 'name', 'levels', 'categories'], 'properties': {'version': {'const': 1, 'description': 'Format version; always 1.'}, 'name': {'type': 'string', 'minLength': 1}, 'description': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'default_calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'calendars': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/timezone'}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/segments'}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}}, 'contacts': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'properties': {'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'When this contact can be reached.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'levels': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'contacts': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'window': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/window'}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'priorities': {'type': 'object', 'description': "Priorities by id; 'default' names the priority of tickets that have none.", 'properties': {'default': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'The level a ticket of this priority starts at.'}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'triggers': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'$ref': '#/$defs/id'}, {'type': 'array', 'minItems': 1, 'items': {'$ref': '#/$defs/id'}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}}, 'categories': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'cells': {'type': 'object', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/cell'}}, 'description': {'type': 'string'}}, 'additionalProperties': False}}}, 'patternProperties': {'^x-': True}, 'additionalProperties': False, '$defs': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'ids': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'text': {'type': 'string', 'minLength': 1}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'duration': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'simpleWindow': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'max': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}}, 'additionalProperties': False}]}, 'window': {'anyOf': [{'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}}]}, 'segments': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}, 'calendar': {'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}, 'contact': {'type': 'object', 'required': ['name'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'level': {'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'contacts': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'window': {'anyOf': [{'$ref': '#/$defs/simpleWindow'}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'$ref': '#/$defs/id'}, 'additionalProperties': {'$ref': '#/$defs/simpleWindow'}}]}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'priority': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'trigger': {'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}, 'cell': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'additionalProperties': False}, 'category': {'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'cells': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'additionalProperties': False}}, 'description': {'type': 'string'}}, 'additionalProperties': False}}}, rule='required')
        data_keys = set(data.keys())
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not (isinstance(data__version, (int, float)) and not isinstance(data__version, bool) and data__version == 1):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be same as const definition: 1", value=data__version, name="" + (name_prefix or "data") + ".version", definition={'const': 1, 'description': 'Format version; always 1.'}, rule='const')
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_text(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string", value=data__description, name="" + (name_prefix or "data") + ".description", definition={'type': 'string'}, rule='type')
        if "timezone" in data_keys:
            data_keys.remove("timezone")
            data__timezone = data["timezone"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_timezone(data__timezone, custom_formats, (name_prefix or "data") + ".timezone")
        if "default_calendar" in data_keys:
            data_keys.remove("default_calendar")
            data__defaultcalendar = data["default_calendar"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__defaultcalendar, custom_formats, (name_prefix or "data") + ".default_calendar")
        if "calendars" in data_keys:
            data_keys.remove("calendars")
            data__calendars = data["calendars"]
            if not isinstance(data__calendars, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".calendars must be object", value=data__calendars, name="" + (name_prefix or "data") + ".calendars", definition={'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/timezone'}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/segments'}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}}, rule='type')
            data__calendars_is_dict = isinstance(data__calendars, dict)
            if data__calendars_is_dict:
                data__calendars_keys = set(data__calendars.keys())
                for data__calendars_key in data__calendars_keys:
                    if data__calendars_key not in []:
                        data__calendars_value = data__calendars.get(data__calendars_key)
                        validate_https___escmatrix_dev_schema_matrix_v1_json___defs_calendar(data__calendars_value, custom_formats, (name_prefix or "data") + ".calendars.{data__calendars_key}".format(**locals()))
                data__calendars_len = len(data__calendars)
                if data__calendars_len != 0:
                    data__calendars_property_names = True
                    for data__calendars_key in data__calendars:
                        try:
                            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__calendars_key, custom_formats, (name_prefix or "data") + ".calendars")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__calendars_property_names = False
                    if not data__calendars_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".calendars must be named by propertyName definition", value=data__calendars, name="" + (name_prefix or "data") + ".calendars", definition={'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/timezone'}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/segments'}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}}, rule='propertyNames')
        if "contacts" in data_keys:
            data_keys.remove("contacts")
            data__contacts = data["contacts"]
            if not isinstance(data__contacts, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".contacts must be object", value=data__contacts, name="" + (name_prefix or "data") + ".contacts", definition={'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'properties': {'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'When this contact can be reached.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, rule='type')
            data__contacts_is_dict = isinstance(data__contacts, dict)
            if data__contacts_is_dict:
                data__contacts_keys = set(data__contacts.keys())
                for data__contacts_key in data__contacts_keys:
                    if data__contacts_key not in []:
                        data__contacts_value = data__contacts.get(data__contacts_key)
                        validate_https___escmatrix_dev_schema_matrix_v1_json___defs_contact(data__contacts_value, custom_formats, (name_prefix or "data") + ".contacts.{data__contacts_key}".format(**locals()))
                data__contacts_len = len(data__contacts)
                if data__contacts_len != 0:
                    data__contacts_property_names = True
                    for data__contacts_key in data__contacts:
                        try:
                            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__contacts_key, custom_formats, (name_prefix or "data") + ".contacts")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__contacts_property_names = False
                    if not data__contacts_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".contacts must be named by propertyName definition", value=data__contacts, name="" + (name_prefix or "data") + ".contacts", definition={'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'properties': {'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'When this contact can be reached.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, rule='propertyNames')
        if "levels" in data_keys:
            data_keys.remove("levels")
            data__levels = data["levels"]
            if not isinstance(data__levels, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".levels must be array", value=data__levels, name="" + (name_prefix or "data") + ".levels", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'contacts': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'window': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/window'}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, rule='type')
            data__levels_is_list = isinstance(data__levels, (list, tuple))
            if data__levels_is_list:
                data__levels_len = len(data__levels)
                if data__levels_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".levels must contain at least 1 items", value=data__levels, name="" + (name_prefix or "data") + ".levels", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'contacts': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'window': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/window'}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, rule='minItems')
                for data__levels_x, data__levels_item in enumerate(data__levels):
                    validate_https___escmatrix_dev_schema_matrix_v1_json___defs_level(data__levels_item, custom_formats, (name_prefix or "data") + ".levels[{data__levels_x}]".format(**locals()))
        if "priorities" in data_keys:
            data_keys.remove("priorities")
            data__priorities = data["priorities"]
            if not isinstance(data__priorities, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".priorities must be object", value=data__priorities, name="" + (name_prefix or "data") + ".priorities", definition={'type': 'object', 'description': "Priorities by id; 'default' names the priority of tickets that have none.", 'properties': {'default': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'The level a ticket of this priority starts at.'}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, rule='type')
            data__priorities_is_dict = isinstance(data__priorities, dict)
            if data__priorities_is_dict:
                data__priorities_keys = set(data__priorities.keys())
                if "default" in data__priorities_keys:
                    data__priorities_keys.remove("default")
                    data__priorities__default = data__priorities["default"]
                    validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__priorities__default, custom_formats, (name_prefix or "data") + ".priorities.default")
                for data__priorities_key in data__priorities_keys:
                    if data__priorities_key not in ['default']:
                        data__priorities_value = data__priorities.get(data__priorities_key)
                        validate_https___escmatrix_dev_schema_matrix_v1_json___defs_priority(data__priorities_value, custom_formats, (name_prefix or "data") + ".priorities.{data__priorities_key}".format(**locals()))
                data__priorities_len = len(data__priorities)
                if data__priorities_len != 0:
                    data__priorities_property_names = True
                    for data__priorities_key in data__priorities:
                        try:
                            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__priorities_key, custom_formats, (name_prefix or "data") + ".priorities")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__priorities_property_names = False
                    if not data__priorities_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".priorities must be named by propertyName definition", value=data__priorities, name="" + (name_prefix or "data") + ".priorities", definition={'type': 'object', 'description': "Priorities by id; 'default' names the priority of tickets that have none.", 'properties': {'default': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'The level a ticket of this priority starts at.'}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, rule='propertyNames')
        if "triggers" in data_keys:
            data_keys.remove("triggers")
            data__triggers = data["triggers"]
            if not isinstance(data__triggers, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".triggers must be array", value=data__triggers, name="" + (name_prefix or "data") + ".triggers", definition={'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'$ref': '#/$defs/id'}, {'type': 'array', 'minItems': 1, 'items': {'$ref': '#/$defs/id'}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}}, rule='type')
            data__triggers_is_list = isinstance(data__triggers, (list, tuple))
            if data__triggers_is_list:
                data__triggers_len = len(data__triggers)
                for data__triggers_x, data__triggers_item in enumerate(data__triggers):
                    validate_https___escmatrix_dev_schema_matrix_v1_json___defs_trigger(data__triggers_item, custom_formats, (name_prefix or "data") + ".triggers[{data__triggers_x}]".format(**locals()))
        if "categories" in data_keys:
            data_keys.remove("categories")
            data__categories = data["categories"]
            if not isinstance(data__categories, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".categories must be array", value=data__categories, name="" + (name_prefix or "data") + ".categories", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'cells': {'type': 'object', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/cell'}}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, rule='type')
            data__categories_is_list = isinstance(data__categories, (list, tuple))
            if data__categories_is_list:
                data__categories_len = len(data__categories)
                if data__categories_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".categories must contain at least 1 items", value=data__categories, name="" + (name_prefix or "data") + ".categories", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'cells': {'type': 'object', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/cell'}}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, rule='minItems')
                for data__categories_x, data__categories_item in enumerate(data__categories):
                    validate_https___escmatrix_dev_schema_matrix_v1_json___defs_category(data__categories_item, custom_formats, (name_prefix or "data") + ".categories[{data__categories_x}]".format(**locals()))
        for data_key, data_val in data.items():
            if REGEX_PATTERNS['^x-'].search(data_key):
                if data_key in data_keys:
                    data_keys.remove(data_key)
                pass
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://escmatrix.dev/schema/matrix-v1.json', 'title': 'escmatrix escalation matrix', 'description': 'An escalation matrix: who is contacted at each level, how long a ticket may wait before it moves up, and what makes it move up early. Format version 1.', 'type': 'object', 'required': ['version', 'name', 'levels', 'categories'], 'properties': {'version': {'const': 1, 'description': 'Format version; always 1.'}, 'name': {'type': 'string', 'minLength': 1}, 'description': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'default_calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'calendars': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/timezone'}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/segments'}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}}, 'contacts': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'required': ['name'], 'properties': {'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'When this contact can be reached.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'levels': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'contacts': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'window': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/window'}, 'calendar': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'priorities': {'type': 'object', 'description': "Priorities by id; 'default' names the priority of tickets that have none.", 'properties': {'default': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id', 'description': 'The level a ticket of this priority starts at.'}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}}, 'triggers': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'$ref': '#/$defs/id'}, {'type': 'array', 'minItems': 1, 'items': {'$ref': '#/$defs/id'}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}}, 'categories': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'name': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/text'}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'cells': {'type': 'object', 'propertyNames': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}, 'additionalProperties': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/cell'}}, 'description': {'type': 'string'}}, 'additionalProperties': False}}}, 'patternProperties': {'^x-': True}, 'additionalProperties': False, '$defs': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'ids': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'text': {'type': 'string', 'minLength': 1}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'duration': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'simpleWindow': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'max': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}}, 'additionalProperties': False}]}, 'window': {'anyOf': [{'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}}]}, 'segments': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}, 'calendar': {'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}, 'contact': {'type': 'object', 'required': ['name'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'level': {'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'contacts': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'window': {'anyOf': [{'$ref': '#/$defs/simpleWindow'}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'$ref': '#/$defs/id'}, 'additionalProperties': {'$ref': '#/$defs/simpleWindow'}}]}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'priority': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}, 'trigger': {'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}, 'cell': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'additionalProperties': False}, 'category': {'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'cells': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'additionalProperties': False}}, 'description': {'type': 'string'}}, 'additionalProperties': False}}}, rule='additionalProperties')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_category(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'cells': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'additionalProperties': False}}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'name']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'cells': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'additionalProperties': False}}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_text(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'hierarchical' or isinstance(data__kind, str) and data__kind == 'functional' or isinstance(data__kind, str) and data__kind == 'priority' or isinstance(data__kind, str) and data__kind == 'automatic'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['hierarchical', 'functional', 'priority', 'automatic']", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, rule='enum')
        if "path" in data_keys:
            data_keys.remove("path")
            data__path = data["path"]
            if not isinstance(data__path, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".path must be array", value=data__path, name="" + (name_prefix or "data") + ".path", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, rule='type')
            data__path_is_list = isinstance(data__path, (list, tuple))
            if data__path_is_list:
                data__path_len = len(data__path)
                if data__path_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".path must contain at least 1 items", value=data__path, name="" + (name_prefix or "data") + ".path", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, rule='minItems')
                for data__path_x, data__path_item in enumerate(data__path):
                    validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__path_item, custom_formats, (name_prefix or "data") + ".path[{data__path_x}]".format(**locals()))
        if "contacts" in data_keys:
            data_keys.remove("contacts")
            data__contacts = data["contacts"]
            if not isinstance(data__contacts, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".contacts must be object", value=data__contacts, name="" + (name_prefix or "data") + ".contacts", definition={'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, rule='type')
            data__contacts_is_dict = isinstance(data__contacts, dict)
            if data__contacts_is_dict:
                data__contacts_keys = set(data__contacts.keys())
                for data__contacts_key in data__contacts_keys:
                    if data__contacts_key not in []:
                        data__contacts_value = data__contacts.get(data__contacts_key)
                        validate_https___escmatrix_dev_schema_matrix_v1_json___defs_ids(data__contacts_value, custom_formats, (name_prefix or "data") + ".contacts.{data__contacts_key}".format(**locals()))
                data__contacts_len = len(data__contacts)
                if data__contacts_len != 0:
                    data__contacts_property_names = True
                    for data__contacts_key in data__contacts:
                        try:
                            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__contacts_key, custom_formats, (name_prefix or "data") + ".contacts")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__contacts_property_names = False
                    if not data__contacts_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".contacts must be named by propertyName definition", value=data__contacts, name="" + (name_prefix or "data") + ".contacts", definition={'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, rule='propertyNames')
        if "cells" in data_keys:
            data_keys.remove("cells")
            data__cells = data["cells"]
            if not isinstance(data__cells, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cells must be object", value=data__cells, name="" + (name_prefix or "data") + ".cells", definition={'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'additionalProperties': False}}, rule='type')
            data__cells_is_dict = isinstance(data__cells, dict)
            if data__cells_is_dict:
                data__cells_keys = set(data__cells.keys())
                for data__cells_key in data__cells_keys:
                    if data__cells_key not in []:
                        data__cells_value = data__cells.get(data__cells_key)
                        validate_https___escmatrix_dev_schema_matrix_v1_json___defs_cell(data__cells_value, custom_formats, (name_prefix or "data") + ".cells.{data__cells_key}".format(**locals()))
                data__cells_len = len(data__cells)
                if data__cells_len != 0:
                    data__cells_property_names = True
                    for data__cells_key in data__cells:
                        try:
                            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__cells_key, custom_formats, (name_prefix or "data") + ".cells")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__cells_property_names = False
                    if not data__cells_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".cells must be named by propertyName definition", value=data__cells, name="" + (name_prefix or "data") + ".cells", definition={'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'additionalProperties': False}}, rule='propertyNames')
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string", value=data__description, name="" + (name_prefix or "data") + ".description", definition={'type': 'string'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['hierarchical', 'functional', 'priority', 'automatic']}, 'path': {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, 'contacts': {'type': 'object', 'description': 'Level id to the contacts that take that level for this category (functional escalation).', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'cells': {'type': 'object', 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/ids'}}, 'additionalProperties': False}}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='additionalProperties')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_cell(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'additionalProperties': False}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "response" in data_keys:
            data_keys.remove("response")
            data__response = data["response"]
            data__response_any_of_count1 = 0
            if not data__response_any_of_count1:
                try:
                    if not isinstance(data__response, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".response must be string", value=data__response, name="" + (name_prefix or "data") + ".response", definition={'type': 'string'}, rule='type')
                    data__response_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__response_any_of_count1:
                try:
                    if not isinstance(data__response, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".response must be array", value=data__response, name="" + (name_prefix or "data") + ".response", definition={'type': 'array', 'items': {'type': 'string'}}, rule='type')
                    data__response_is_list = isinstance(data__response, (list, tuple))
                    if data__response_is_list:
                        data__response_len = len(data__response)
                        for data__response_x, data__response_item in enumerate(data__response):
                            if not isinstance(data__response_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".response[{data__response_x}]".format(**locals()) + " must be string", value=data__response_item, name="" + (name_prefix or "data") + ".response[{data__response_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                    data__response_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__response_any_of_count1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".response cannot be validated by any definition", value=data__response, name="" + (name_prefix or "data") + ".response", definition={'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, rule='anyOf')
        if "triggers" in data_keys:
            data_keys.remove("triggers")
            data__triggers = data["triggers"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_ids(data__triggers, custom_formats, (name_prefix or "data") + ".triggers")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'properties': {'response': {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}, 'triggers': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}}, 'additionalProperties': False}, rule='additionalProperties')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_ids(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, rule='type')
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_trigger(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'name', 'event']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_text(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "event" in data_keys:
            data_keys.remove("event")
            data__event = data["event"]
            data__event_any_of_count2 = 0
            if not data__event_any_of_count2:
                try:
                    validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__event, custom_formats, (name_prefix or "data") + ".event")
                    data__event_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__event_any_of_count2:
                try:
                    if not isinstance(data__event, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".event must be array", value=data__event, name="" + (name_prefix or "data") + ".event", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, rule='type')
                    data__event_is_list = isinstance(data__event, (list, tuple))
                    if data__event_is_list:
                        data__event_len = len(data__event)
                        if data__event_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".event must contain at least 1 items", value=data__event, name="" + (name_prefix or "data") + ".event", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}, rule='minItems')
                        for data__event_x, data__event_item in enumerate(data__event):
                            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__event_item, custom_formats, (name_prefix or "data") + ".event[{data__event_x}]".format(**locals()))
                    data__event_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__event_any_of_count2:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".event cannot be validated by any definition", value=data__event, name="" + (name_prefix or "data") + ".event", definition={'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}]}, rule='anyOf')
        if "escalate" in data_keys:
            data_keys.remove("escalate")
            data__escalate = data["escalate"]
            data__escalate_any_of_count3 = 0
            if not data__escalate_any_of_count3:
                try:
                    if not isinstance(data__escalate, (int)) and not (isinstance(data__escalate, float) and data__escalate.is_integer()) or isinstance(data__escalate, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".escalate must be integer", value=data__escalate, name="" + (name_prefix or "data") + ".escalate", definition={'type': 'integer', 'minimum': 1}, rule='type')
                    if isinstance(data__escalate, (int, float, Decimal)) and not isinstance(data__escalate, bool):
                        if data__escalate < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".escalate must be bigger than or equal to 1", value=data__escalate, name="" + (name_prefix or "data") + ".escalate", definition={'type': 'integer', 'minimum': 1}, rule='minimum')
                    data__escalate_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__escalate_any_of_count3:
                try:
                    if not isinstance(data__escalate, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".escalate must be string", value=data__escalate, name="" + (name_prefix or "data") + ".escalate", definition={'type': 'string', 'minLength': 1}, rule='type')
                    if isinstance(data__escalate, str):
                        data__escalate_len = len(data__escalate)
                        if data__escalate_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".escalate must be longer than or equal to 1 characters", value=data__escalate, name="" + (name_prefix or "data") + ".escalate", definition={'type': 'string', 'minLength': 1}, rule='minLength')
                    data__escalate_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__escalate_any_of_count3:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".escalate cannot be validated by any definition", value=data__escalate, name="" + (name_prefix or "data") + ".escalate", definition={'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, rule='anyOf')
        if "notify" in data_keys:
            data_keys.remove("notify")
            data__notify = data["notify"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_ids(data__notify, custom_formats, (name_prefix or "data") + ".notify")
        if "scope" in data_keys:
            data_keys.remove("scope")
            data__scope = data["scope"]
            if not (isinstance(data__scope, str) and data__scope == 'cell' or isinstance(data__scope, str) and data__scope == 'any'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope must be one of ['cell', 'any']", value=data__scope, name="" + (name_prefix or "data") + ".scope", definition={'enum': ['cell', 'any']}, rule='enum')
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string", value=data__description, name="" + (name_prefix or "data") + ".description", definition={'type': 'string'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name', 'event'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'event': {'description': 'Event name (or names) in ticket logs that fires this trigger.', 'anyOf': [{'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, {'type': 'array', 'minItems': 1, 'items': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}}]}, 'escalate': {'description': "'next' (default), a number of levels up, a level id, or 'none' (only inform the notify contacts).", 'anyOf': [{'type': 'integer', 'minimum': 1}, {'type': 'string', 'minLength': 1}]}, 'notify': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'scope': {'enum': ['cell', 'any']}, 'description': {'type': 'string'}}, 'if': {'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, 'then': {'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, 'additionalProperties': False}, rule='additionalProperties')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['escalate']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['escalate'], 'properties': {'escalate': {'const': 'none'}}}, rule='required')
            data_keys = set(data.keys())
            if "escalate" in data_keys:
                data_keys.remove("escalate")
                data__escalate = data["escalate"]
                if not (isinstance(data__escalate, str) and data__escalate == 'none'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".escalate must be same as const definition: none", value=data__escalate, name="" + (name_prefix or "data") + ".escalate", definition={'const': 'none'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['notify']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['notify'], 'properties': {'notify': {'minItems': 1}}}, rule='required')
            data_keys = set(data.keys())
            if "notify" in data_keys:
                data_keys.remove("notify")
                data__notify = data["notify"]
                data__notify_is_list = isinstance(data__notify, (list, tuple))
                if data__notify_is_list:
                    data__notify_len = len(data__notify)
                    if data__notify_len < 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".notify must contain at least 1 items", value=data__notify, name="" + (name_prefix or "data") + ".notify", definition={'minItems': 1}, rule='minItems')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_priority(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string", value=data__name, name="" + (name_prefix or "data") + ".name", definition={'type': 'string'}, rule='type')
        if "start" in data_keys:
            data_keys.remove("start")
            data__start = data["start"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__start, custom_formats, (name_prefix or "data") + ".start")
        if "scale" in data_keys:
            data_keys.remove("scale")
            data__scale = data["scale"]
            if not isinstance(data__scale, (int, float, Decimal)) or isinstance(data__scale, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scale must be number", value=data__scale, name="" + (name_prefix or "data") + ".scale", definition={'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, rule='type')
            if isinstance(data__scale, (int, float, Decimal)) and not isinstance(data__scale, bool):
                if data__scale <= 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".scale must be bigger than 0", value=data__scale, name="" + (name_prefix or "data") + ".scale", definition={'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, rule='exclusiveMinimum')
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string", value=data__description, name="" + (name_prefix or "data") + ".description", definition={'type': 'string'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'properties': {'name': {'type': 'string'}, 'start': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'scale': {'type': 'number', 'exclusiveMinimum': 0, 'description': 'Multiplies the windows of every level.'}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='additionalProperties')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_level(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'contacts': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'window': {'anyOf': [{'$ref': '#/$defs/simpleWindow'}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'$ref': '#/$defs/id'}, 'additionalProperties': {'$ref': '#/$defs/simpleWindow'}}]}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'name', 'window']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'contacts': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'window': {'anyOf': [{'$ref': '#/$defs/simpleWindow'}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'$ref': '#/$defs/id'}, 'additionalProperties': {'$ref': '#/$defs/simpleWindow'}}]}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_text(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "contacts" in data_keys:
            data_keys.remove("contacts")
            data__contacts = data["contacts"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_ids(data__contacts, custom_formats, (name_prefix or "data") + ".contacts")
        if "window" in data_keys:
            data_keys.remove("window")
            data__window = data["window"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_window(data__window, custom_formats, (name_prefix or "data") + ".window")
        if "calendar" in data_keys:
            data_keys.remove("calendar")
            data__calendar = data["calendar"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__calendar, custom_formats, (name_prefix or "data") + ".calendar")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string", value=data__description, name="" + (name_prefix or "data") + ".description", definition={'type': 'string'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'name', 'window'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'name': {'type': 'string', 'minLength': 1}, 'contacts': {'type': 'array', 'items': {'$ref': 'https://escmatrix.dev/schema/matrix-v1.json#/$defs/id'}}, 'window': {'anyOf': [{'$ref': '#/$defs/simpleWindow'}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'$ref': '#/$defs/id'}, 'additionalProperties': {'$ref': '#/$defs/simpleWindow'}}]}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='additionalProperties')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_window(data, custom_formats={}, name_prefix=None):
    data_any_of_count4 = 0
    if not data_any_of_count4:
        try:
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_simplewindow(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count4 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count4:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}}, rule='type')
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['default']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}}, rule='required')
                data_keys = set(data.keys())
                for data_key in data_keys:
                    if data_key not in []:
                        data_value = data.get(data_key)
                        validate_https___escmatrix_dev_schema_matrix_v1_json___defs_simplewindow(data_value, custom_formats, (name_prefix or "data") + ".{data_key}".format(**locals()))
                data_len = len(data)
                if data_len != 0:
                    data_property_names = True
                    for data_key in data:
                        try:
                            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data_key, custom_formats, (name_prefix or "data") + "")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data_property_names = False
                    if not data_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be named by propertyName definition", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}}, rule='propertyNames')
            data_any_of_count4 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count4:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition", value=data, name="" + (name_prefix or "data") + "", definition={'anyOf': [{'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}, {'type': 'object', 'description': 'Per-priority windows: {default: 15m..30m, P1: 5m..10m}.', 'required': ['default'], 'propertyNames': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'additionalProperties': {'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'$ref': '#/$defs/duration'}, 'max': {'$ref': '#/$defs/duration'}}, 'additionalProperties': False}]}}]}, rule='anyOf')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_simplewindow(data, custom_formats={}, name_prefix=None):
    data_any_of_count5 = 0
    if not data_any_of_count5:
        try:
            if not isinstance(data, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, rule='type')
            if isinstance(data, str):
                data_len = len(data)
                if data_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, rule='minLength')
            data_any_of_count5 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count5:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['max'], 'properties': {'min': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'max': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}}, 'additionalProperties': False}, rule='type')
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['max']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['max'], 'properties': {'min': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'max': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}}, 'additionalProperties': False}, rule='required')
                data_keys = set(data.keys())
                if "min" in data_keys:
                    data_keys.remove("min")
                    data__min = data["min"]
                    validate_https___escmatrix_dev_schema_matrix_v1_json___defs_duration(data__min, custom_formats, (name_prefix or "data") + ".min")
                if "max" in data_keys:
                    data_keys.remove("max")
                    data__max = data["max"]
                    validate_https___escmatrix_dev_schema_matrix_v1_json___defs_duration(data__max, custom_formats, (name_prefix or "data") + ".max")
                if data_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['max'], 'properties': {'min': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'max': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}}, 'additionalProperties': False}, rule='additionalProperties')
            data_any_of_count5 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count5:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition", value=data, name="" + (name_prefix or "data") + "", definition={'description': "MIN..MAX, a single MAX, 'resolution' (no limit), a written-out range such as '15-30 minutes' or '1-2 giorni lavorativi', or {min, max}.", 'anyOf': [{'type': 'string', 'minLength': 1, 'examples': ['15m..30m', '1bd..2bd', 'resolution', '15-30 minutes']}, {'type': 'object', 'required': ['max'], 'properties': {'min': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, 'max': {'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}}, 'additionalProperties': False}]}, rule='anyOf')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_duration(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'description': '15m, 2h, 1h30m, 1d (24 hours), 2bd (business days), ISO 8601 PT15M, or written out: 30 minuti, 2 dias úteis.', 'examples': ['15m', '1h30m', '2bd', 'PT30M']}, rule='minLength')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_contact(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['name'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['name'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='required')
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_text(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'person' or isinstance(data__kind, str) and data__kind == 'team' or isinstance(data__kind, str) and data__kind == 'external'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['person', 'team', 'external']", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'enum': ['person', 'team', 'external']}, rule='enum')
        if "role" in data_keys:
            data_keys.remove("role")
            data__role = data["role"]
            if not isinstance(data__role, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".role must be string", value=data__role, name="" + (name_prefix or "data") + ".role", definition={'type': 'string'}, rule='type')
        if "email" in data_keys:
            data_keys.remove("email")
            data__email = data["email"]
            if not isinstance(data__email, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".email must be string", value=data__email, name="" + (name_prefix or "data") + ".email", definition={'type': 'string'}, rule='type')
        if "phone" in data_keys:
            data_keys.remove("phone")
            data__phone = data["phone"]
            if not isinstance(data__phone, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".phone must be string", value=data__phone, name="" + (name_prefix or "data") + ".phone", definition={'type': 'string'}, rule='type')
        if "channels" in data_keys:
            data_keys.remove("channels")
            data__channels = data["channels"]
            if not isinstance(data__channels, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".channels must be array", value=data__channels, name="" + (name_prefix or "data") + ".channels", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, rule='type')
            data__channels_is_list = isinstance(data__channels, (list, tuple))
            if data__channels_is_list:
                data__channels_len = len(data__channels)
                for data__channels_x, data__channels_item in enumerate(data__channels):
                    if not isinstance(data__channels_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".channels[{data__channels_x}]".format(**locals()) + " must be string", value=data__channels_item, name="" + (name_prefix or "data") + ".channels[{data__channels_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='type')
                    if isinstance(data__channels_item, str):
                        data__channels_item_len = len(data__channels_item)
                        if data__channels_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".channels[{data__channels_x}]".format(**locals()) + " must be longer than or equal to 1 characters", value=data__channels_item, name="" + (name_prefix or "data") + ".channels[{data__channels_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='minLength')
        if "calendar" in data_keys:
            data_keys.remove("calendar")
            data__calendar = data["calendar"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data__calendar, custom_formats, (name_prefix or "data") + ".calendar")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string", value=data__description, name="" + (name_prefix or "data") + ".description", definition={'type': 'string'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['name'], 'properties': {'name': {'type': 'string', 'minLength': 1}, 'kind': {'enum': ['person', 'team', 'external']}, 'role': {'type': 'string'}, 'email': {'type': 'string'}, 'phone': {'type': 'string'}, 'channels': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}}, 'calendar': {'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, 'description': {'type': 'string'}}, 'additionalProperties': False}, rule='additionalProperties')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_calendar(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['week']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}, rule='required')
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string", value=data__name, name="" + (name_prefix or "data") + ".name", definition={'type': 'string'}, rule='type')
        if "timezone" in data_keys:
            data_keys.remove("timezone")
            data__timezone = data["timezone"]
            validate_https___escmatrix_dev_schema_matrix_v1_json___defs_timezone(data__timezone, custom_formats, (name_prefix or "data") + ".timezone")
        if "week" in data_keys:
            data_keys.remove("week")
            data__week = data["week"]
            if not isinstance(data__week, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".week must be object", value=data__week, name="" + (name_prefix or "data") + ".week", definition={'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}}, rule='type')
            data__week_is_dict = isinstance(data__week, dict)
            if data__week_is_dict:
                data__week_keys = set(data__week.keys())
                for data__week_key in data__week_keys:
                    if data__week_key not in []:
                        data__week_value = data__week.get(data__week_key)
                        validate_https___escmatrix_dev_schema_matrix_v1_json___defs_segments(data__week_value, custom_formats, (name_prefix or "data") + ".week.{data__week_key}".format(**locals()))
                data__week_len = len(data__week)
                if data__week_len != 0:
                    data__week_property_names = True
                    for data__week_key in data__week:
                        try:
                            if isinstance(data__week_key, str):
                                if not REGEX_PATTERNS['^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'].search(data__week_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".week must match pattern ^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$", value=data__week_key, name="" + (name_prefix or "data") + ".week", definition={'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, rule='pattern')
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__week_property_names = False
                    if not data__week_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".week must be named by propertyName definition", value=data__week, name="" + (name_prefix or "data") + ".week", definition={'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}}, rule='propertyNames')
        if "holidays" in data_keys:
            data_keys.remove("holidays")
            data__holidays = data["holidays"]
            if not isinstance(data__holidays, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".holidays must be object", value=data__holidays, name="" + (name_prefix or "data") + ".holidays", definition={'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}, rule='type')
            data__holidays_is_dict = isinstance(data__holidays, dict)
            if data__holidays_is_dict:
                data__holidays_keys = set(data__holidays.keys())
                if "country" in data__holidays_keys:
                    data__holidays_keys.remove("country")
                    data__holidays__country = data__holidays["country"]
                    if not isinstance(data__holidays__country, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".holidays.country must be string", value=data__holidays__country, name="" + (name_prefix or "data") + ".holidays.country", definition={'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, rule='type')
                if "subdivision" in data__holidays_keys:
                    data__holidays_keys.remove("subdivision")
                    data__holidays__subdivision = data__holidays["subdivision"]
                    if not isinstance(data__holidays__subdivision, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".holidays.subdivision must be string", value=data__holidays__subdivision, name="" + (name_prefix or "data") + ".holidays.subdivision", definition={'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, rule='type')
                if "dates" in data__holidays_keys:
                    data__holidays_keys.remove("dates")
                    data__holidays__dates = data__holidays["dates"]
                    if not isinstance(data__holidays__dates, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".holidays.dates must be array", value=data__holidays__dates, name="" + (name_prefix or "data") + ".holidays.dates", definition={'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}, rule='type')
                    data__holidays__dates_is_list = isinstance(data__holidays__dates, (list, tuple))
                    if data__holidays__dates_is_list:
                        data__holidays__dates_len = len(data__holidays__dates)
                        for data__holidays__dates_x, data__holidays__dates_item in enumerate(data__holidays__dates):
                            if not isinstance(data__holidays__dates_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".holidays.dates[{data__holidays__dates_x}]".format(**locals()) + " must be string", value=data__holidays__dates_item, name="" + (name_prefix or "data") + ".holidays.dates[{data__holidays__dates_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                if data__holidays_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".holidays must not contain "+str(data__holidays_keys)+" properties", value=data__holidays, name="" + (name_prefix or "data") + ".holidays", definition={'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['week'], 'properties': {'name': {'type': 'string'}, 'timezone': {'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, 'week': {'type': 'object', 'description': 'Days or day ranges (mon-fri, sat, sun, mon,wed) to their working hours.', 'propertyNames': {'pattern': '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,\\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$'}, 'additionalProperties': {'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}}, 'holidays': {'type': 'object', 'properties': {'country': {'type': 'string', 'description': 'ISO 3166 country code known to the holidays package, e.g. IT, US, BR.'}, 'subdivision': {'type': 'string', 'description': 'Region or state code, e.g. CA for California.'}, 'dates': {'type': 'array', 'description': 'Extra closed days, YYYY-MM-DD.', 'items': {'type': 'string'}}}, 'additionalProperties': False}}, 'additionalProperties': False}, rule='additionalProperties')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_segments(data, custom_formats={}, name_prefix=None):
    data_any_of_count6 = 0
    if not data_any_of_count6:
        try:
            if not isinstance(data, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, rule='type')
            if isinstance(data, str):
                if not REGEX_PATTERNS['^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'].search(data):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, rule='pattern')
            data_any_of_count6 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count6:
        try:
            if not isinstance(data, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}, rule='type')
            data_is_list = isinstance(data, (list, tuple))
            if data_is_list:
                data_len = len(data)
                for data_x, data_item in enumerate(data):
                    if not isinstance(data_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string", value=data_item, name="" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + "", definition={'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}, rule='type')
                    if isinstance(data_item, str):
                        if not REGEX_PATTERNS['^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'].search(data_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must match pattern ^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$", value=data_item, name="" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + "", definition={'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}, rule='pattern')
            data_any_of_count6 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count6:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition", value=data, name="" + (name_prefix or "data") + "", definition={'description': "Working hours of a day in local time: '09:00-18:00', a list of such spans, '00:00-24:00' for the whole day, or 'closed'.", 'anyOf': [{'type': 'string', 'pattern': '^\\s*(closed|\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2})\\s*$'}, {'type': 'array', 'items': {'type': 'string', 'pattern': '^\\s*\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}\\s*$'}}]}, rule='anyOf')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[A-Za-z0-9][A-Za-z0-9_.-]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[A-Za-z0-9][A-Za-z0-9_.-]*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[A-Za-z0-9][A-Za-z0-9_.-]*$', 'description': "An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."}, rule='pattern')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_timezone(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'examples': ['Europe/Rome', 'America/New_York', 'UTC']}, rule='minLength')
    return data

def validate_https___escmatrix_dev_schema_matrix_v1_json___defs_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1}, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1}, rule='minLength')
    return data


validate = validate_https___escmatrix_dev_schema_matrix_v1_json
