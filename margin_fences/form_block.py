"""What every calculator block does with its YAML body: read its initial inputs by the form's field names, and stop
the build on the first one the form (or the engine) refuses, naming it."""

from __future__ import annotations

from collections.abc import Mapping

from margin_view.form.schema import Form

from .blocks import Block

__all__ = ["initial_values", "refuse"]


def initial_values(block: Block, form: Form, own_keys: tuple[str, ...] = ()) -> dict[str, str]:
    """*form*'s defaults with the block's inputs over them, written as YAML writes them (``0.5``, ``true``); the
    block may also hold *own_keys*, which are not inputs (a question block's ``tab``)."""
    block.check_keys((*own_keys, *form.fields))
    values = dict(form.defaults)
    for name, value in block.mapping().items():
        if name in own_keys:
            continue
        if isinstance(value, (dict, list)) or value is None:
            raise block.fail(name, "must be a single value")
        values[name] = str(value).lower() if isinstance(value, bool) else str(value)
    return values


def refuse(block: Block, errors: object) -> None:
    """Stop the build on the first of *errors* (field → the form's message), if any."""
    if isinstance(errors, Mapping) and errors:
        name, message = next(iter(errors.items()))
        raise block.fail(str(name), str(message))
