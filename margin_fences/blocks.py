"""Reading a fence's YAML body, keeping track of the line each value came from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml
from markdown import Markdown

from .errors import BlockError
from .extension import current_language, next_block_line

_INDEX = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class Block:
    """One fence's body: its data, and a way to name the line of any value in it."""

    def __init__(self, kind: str, source: str, md: Markdown) -> None:
        self.kind = kind
        self.page, self.start = next_block_line(md)
        #: The page's language, which the block's text and numbers are written in.
        self.language = current_language(md)
        try:
            self.node = yaml.compose(source, Loader=yaml.SafeLoader) if source.strip() else None
            self.data: Any = yaml.safe_load(source) if source.strip() else {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            reason = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise BlockError(self.where(mark.line if mark else None), "", f"not valid YAML: {reason}") from None
        if self.data is None:
            self.data = {}

    def where(self, line_in_block: int | None) -> str:
        """``"index.md, line 42 (margin-example)"``: the page, and the file line when known."""
        if self.start is None:
            suffix = f", line {line_in_block + 1} of the block" if line_in_block is not None else ""
            return f"{self.page}{suffix} ({self.kind})"
        # The fence's opening line is self.start; its body starts on the next line.
        line = self.start + 1 + (line_in_block or 0)
        return f"{self.page}, line {line} ({self.kind})"

    def line_of(self, path: str) -> int | None:
        """0-based line within the block of the value at *path* (``scenario.positions[0].leverage``), or the
        nearest enclosing value that exists."""
        node = self.node
        line = node.start_mark.line if node is not None else None
        for name, index in _INDEX.findall(path):
            if isinstance(node, yaml.MappingNode) and name:
                match = next((value for key, value in node.value if key.value == name), None)
                if match is None:
                    key_node = next((key for key, _ in node.value if key.value == name), None)
                    return key_node.start_mark.line if key_node is not None else line
                node = match
            elif isinstance(node, yaml.SequenceNode) and index:
                position = int(index)
                if position >= len(node.value):
                    return line
                node = node.value[position]
            else:
                return line
            line = node.start_mark.line
        return line

    def fail(self, path: str, message: str) -> BlockError:
        """An error for the value at *path*, located by its line."""
        return BlockError(self.where(self.line_of(path)), path, message)

    def mapping(self) -> Mapping[str, Any]:
        """The body as a mapping of field names (an empty body is an empty mapping)."""
        if not isinstance(self.data, Mapping):
            raise BlockError(self.where(0), "", "the body must be YAML fields (name: value), one per line")
        return self.data

    def check_keys(self, allowed: tuple[str, ...]) -> None:
        for key in self.mapping():
            if key not in allowed:
                raise self.fail(str(key), f"unknown field; use one of: {', '.join(allowed)}")
