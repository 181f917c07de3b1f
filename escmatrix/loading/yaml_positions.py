"""Read YAML once, keeping where every value came from.

PyYAML's event stream is folded into plain Python data with an explicit stack (no
recursion, so a deeply nested file cannot crash the reader), while a side table maps each
document path, such as ``("levels", 2, "window")``, to the line and column of its value
and of its key. Along the way:

- a key given twice in one mapping is reported (PyYAML would silently keep the last one);
- keys are kept as the text written in the file, so ``on:`` or ``no:`` stay strings
  instead of becoming booleans, and ``2026-08-14`` values stay text for the model to read;
- nesting deeper than :data:`MAX_DEPTH`, more than :data:`MAX_ALIASED` values created
  through aliases (the "billion laughs" bomb: aliases of aliases) and more than
  :data:`MAX_VALUES` values in all (what a file within the size limit could still hold)
  stop the read with a finding;
- syntax errors become findings with PyYAML's line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from escmatrix.findings import DocPath, Issue
from escmatrix.limits import YAML_ALIAS_VALUES, YAML_DEPTH, YAML_VALUES

MAX_DEPTH = YAML_DEPTH
MAX_ALIASED = YAML_ALIAS_VALUES
MAX_VALUES = YAML_VALUES
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels; a matrix never needs that"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


@dataclass
class Positions:
    """Document path -> 1-based (line, column) of the value, and of the key for entries."""

    values: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DocPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: DocPath, on_key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        if on_key and path in self.keys:
            return self.keys[path]
        probe = tuple(path)
        while True:
            if probe in self.values:
                return self.values[probe]
            if probe in self.keys:
                return self.keys[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]


@dataclass
class YamlDocument:
    data: Any
    positions: Positions
    issues: list[Issue]

    @property
    def readable(self) -> bool:
        """False when the file could not be read as one YAML document."""
        return not any(issue.rule == "yaml-syntax" for issue in self.issues)


class _Frame:
    __slots__ = ("anchor", "container", "count", "key", "key_mark", "merges", "path", "seen")

    def __init__(self, container: Any, path: DocPath, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.count = 1
        self.key: Any = _NO_KEY
        self.key_mark: tuple[int, int] | None = None
        self.seen: dict[str, tuple[int, int]] = {}
        self.merges: list[Any] = []


_NO_KEY = object()


class _KeyContainer:
    """Stands in for a mapping or sequence used as a key, which the format never needs."""


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def syntax_message(error: Any, text: str, where: tuple[int, int]) -> str:
    """What is wrong at ``where``, said for a person, then PyYAML's own words as a detail
    (they name the parser's state, not the mistake)."""
    problem = str(error.problem or error.context or "unreadable")
    lines = text.splitlines()
    line = lines[where[0] - 1] if 0 < where[0] <= len(lines) else ""
    char = line[where[1] - 1] if 0 < where[1] <= len(line) else ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    context = getattr(error, "context_mark", None)
    opened = f"line {context.line + 1}" if context is not None else "above"
    if "\t" in indent or char == "\t" or "tab character" in problem:
        sentence = "a tab indents this line: YAML is indented with spaces only, never tabs"
    elif "cannot start any token" in problem and char:
        sentence = (
            f"a value cannot start with {char!r} in YAML: put it in quotes"
            f' ("{line[where[1] - 1 :].strip()}")'
        )
    elif "mapping values are not allowed" in problem:
        sentence = (
            "a ': ' here reads as a second key on one line: put a value that holds ': ' in"
            " quotes, or indent this line like the keys beside it"
        )
    elif "expected ',' or ']'" in problem:
        sentence = f"the list opened with '[' on {opened} is not closed with ']'"
    elif "expected ',' or '}'" in problem:
        sentence = f"the mapping opened with '{{' on {opened} is not closed with '}}'"
    elif "quoted scalar" in str(error.context or ""):
        sentence = f"the quoted text opened on {opened} has no closing quote"
    elif "expected '-' indicator" in problem:
        sentence = (
            f"a key among the items of the list that starts on {opened}:"
            " indent it under an item, or start it with '- '"
        )
    elif ("expected key" in problem or "expected ':'" in problem) and line[
        : where[1] - 1
    ].rstrip().endswith(("'", '"')):
        sentence = "text after a quoted value: put all of it inside the quotes"
    elif "expected key" in problem or "expected ':'" in problem:
        sentence = (
            "this line does not line up with the keys above it: the keys of one mapping"
            " start in the same column"
        )
    else:
        sentence = "this is not valid YAML"
    return f"{sentence} (YAML parser: {problem})"


def load_document(text: str, empty_message: str) -> YamlDocument:
    """:func:`load_yaml`, with an ``empty-file`` issue (saying ``empty_message``) when the
    text holds no document at all: what matrices and mapping files both need."""
    document = load_yaml(text)
    if document.readable and document.data is None:
        document.issues.append(Issue("empty-file", (), empty_message))
    return document


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document from ``text``."""
    positions = Positions()
    issues: list[Issue] = []
    try:
        data = _Builder(text, positions, issues).run()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = _mark(mark) if mark is not None else (1, 1)
        if _flow_depth(text, where) >= MAX_DEPTH:
            # the scanner looks ahead through brackets: it can stop before the check above
            message = _TOO_DEEP
        else:
            message = syntax_message(error, text, where)
        positions.values[("<syntax>",)] = where
        issues.append(Issue("yaml-syntax", ("<syntax>",), message))
        return YamlDocument(None, positions, issues)
    except _Stop as stop:
        positions.values[("<syntax>",)] = stop.where
        issues.append(Issue("yaml-syntax", ("<syntax>",), stop.message))
        return YamlDocument(None, positions, issues)
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        at = getattr(error, "position", None)
        if isinstance(at, int):  # a character offset: its line and column
            before = text[:at]
            positions.values[("<syntax>",)] = (before.count("\n") + 1, at - before.rfind("\n"))
        else:
            positions.values[("<syntax>",)] = (1, 1)
        issues.append(Issue("yaml-syntax", ("<syntax>",), f"invalid YAML: {error}"))
        return YamlDocument(None, positions, issues)
    return YamlDocument(data, positions, issues)


def _flow_depth(text: str, where: tuple[int, int]) -> int:
    """How many brackets (``[`` and ``{`` outside quotes) are open at line:column."""
    line, column = where
    depth = 0
    for number, row in enumerate(text.split("\n", line)[:line], 1):
        quote = ""
        for char in row if number < line else row[: column - 1]:
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
    return depth


class _Stop(Exception):
    def __init__(self, message: str, where: tuple[int, int]) -> None:
        super().__init__(message)
        self.message = message
        self.where = where


class _Builder:
    def __init__(self, text: str, positions: Positions, issues: list[Issue]) -> None:
        self.loader = _Loader(text)
        self.positions = positions
        self.issues = issues
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values = 0  # values written in the document
        self.aliased = 0  # values an alias stands for (each alias counts its whole value)

    def run(self) -> Any:
        loader = self.loader
        try:
            documents = 0
            result: Any = None
            stack: list[_Frame] = []
            while loader.check_event():
                event = loader.get_event()
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise _Stop(
                            "a matrix file holds one YAML document; found a second '---'",
                            _mark(event.start_mark),
                        )
                    continue
                if isinstance(event, yaml.CollectionStartEvent):
                    if event.tag not in _PLAIN_COLLECTION_TAGS:
                        raise _Stop(f"unsupported tag {event.tag}", _mark(event.start_mark))
                    if len(stack) >= MAX_DEPTH:
                        raise _Stop(_TOO_DEEP, _mark(event.start_mark))
                    path = self._child_path(stack, event)
                    container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                    if stack and stack[-1].key is _NO_KEY and isinstance(stack[-1].container, dict):
                        container = _KeyContainer()
                    stack.append(_Frame(container, path, event.anchor))
                    continue
                if isinstance(event, yaml.CollectionEndEvent):
                    frame = stack.pop()
                    value = frame.container
                    if isinstance(value, dict) and frame.merges:
                        self._merge(frame)
                    if frame.anchor:
                        self.anchors[frame.anchor] = (value, frame.count)
                    if not stack:
                        result = value
                    else:
                        self._add(stack, value, frame.count, event, frame.path)
                    continue
                if isinstance(event, yaml.ScalarEvent):
                    value = self._scalar(event, stack)
                    if event.anchor:
                        self.anchors[event.anchor] = (value, 1)
                    if not stack:
                        result = value
                        self.positions.values[()] = _mark(event.start_mark)
                    else:
                        path = self._child_path(stack, event)
                        self._add(stack, value, 1, event, path)
                    continue
                if isinstance(event, yaml.AliasEvent):
                    if event.anchor not in self.anchors:
                        raise _Stop(f"unknown alias *{event.anchor}", _mark(event.start_mark))
                    value, count = self.anchors[event.anchor]
                    self.aliased += count
                    if self.aliased > MAX_ALIASED:
                        raise _Stop(
                            f"aliases stand for more than {MAX_ALIASED:,} values (an alias bomb?);"
                            " a matrix never needs that",
                            _mark(event.start_mark),
                        )
                    if not stack:
                        result = value
                    else:
                        path = self._child_path(stack, event)
                        self._add(stack, value, count, event, path)
                    continue
            return result
        finally:
            loader.dispose()

    def _child_path(self, stack: list[_Frame], event: Any) -> DocPath:
        """The path of the node the event starts, and record its position."""
        if not stack:
            self.positions.values[()] = _mark(event.start_mark)
            return ()
        parent = stack[-1]
        if isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
        elif isinstance(parent.container, dict) and parent.key is not _NO_KEY:
            path = (*parent.path, parent.key)
        else:
            return (*parent.path, "<key>")  # a key: positioned when it completes
        self.positions.values.setdefault(path, _mark(event.start_mark))
        return path

    def _scalar(self, event: Any, stack: list[_Frame]) -> Any:
        is_key = bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is _NO_KEY
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if is_key:
            return _MERGE if tag == _MERGE else event.value
        if tag in (_TIMESTAMP, _STR):  # text as written (str: what PyYAML would give)
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise _Stop(f"cannot read value: {error.problem}", _mark(event.start_mark)) from None

    def _add(self, stack: list[_Frame], value: Any, count: int, event: Any, path: DocPath) -> None:
        if not isinstance(event, yaml.AliasEvent):
            self.values += 1
            if self.values > MAX_VALUES:
                raise _Stop(
                    f"the document holds more than {MAX_VALUES:,} values; a matrix never"
                    " needs that",
                    _mark(event.start_mark),
                )
        parent = stack[-1]
        parent.count += count
        container = parent.container
        if isinstance(container, list):
            container.append(value)
            return
        if not isinstance(container, dict):
            return  # inside a key made of a collection: already reported
        if parent.key is _NO_KEY:
            where = _mark(event.start_mark)
            if isinstance(value, (dict, list, _KeyContainer)):
                key_path = (*parent.path, "<key>")
                self.positions.values[key_path] = where
                self.issues.append(
                    Issue("yaml-syntax", key_path, "a key must be plain text, not a collection")
                )
                value = f"<complex key at line {where[0]}>"
            parent.key = value
            parent.key_mark = where
            return
        key, key_mark = parent.key, parent.key_mark
        parent.key = _NO_KEY
        assert key_mark is not None
        if key == _MERGE:
            parent.merges.append((value, key_mark))
            return
        entry_path = (*parent.path, key)
        if key in parent.seen:
            line, column = parent.seen[key]
            duplicate_path = (*entry_path, "<duplicate>")
            self.positions.keys[duplicate_path] = key_mark
            self.issues.append(
                Issue(
                    "duplicate-key",
                    duplicate_path,
                    f"key {key!r} is given twice (first at line {line}, column {column});"
                    " only one can count",
                    on_key=True,
                )
            )
            return  # the first one stands, as a reader of the file would expect
        parent.seen[key] = key_mark
        self.positions.keys[entry_path] = key_mark
        container[key] = value

    def _merge(self, frame: _Frame) -> None:
        """Apply ``<<: *anchor`` entries: explicit keys win, earlier merges win."""
        container = frame.container
        for value, key_mark in frame.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    path = (*frame.path, "<<")
                    self.positions.values[path] = key_mark
                    self.issues.append(Issue("yaml-syntax", path, "'<<' merges only mappings"))
                    continue
                for key, item in source.items():
                    if key not in container:
                        container[key] = item
                        self.positions.values.setdefault((*frame.path, key), key_mark)
