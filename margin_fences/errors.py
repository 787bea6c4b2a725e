"""The one error a fence raises: it names the page, the line and the field, and stops the build."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from markdown import Markdown
from pymdownx.superfences import SuperFencesException

from calc import ScenarioError
from margin_view.text.messages import reason

from .extension import current_page

F = TypeVar("F", bound=Callable[..., str])


class BlockError(SuperFencesException):
    """A margin block that cannot be rendered.

    Derives from superfences' own exception so that superfences lets it through instead of quietly falling back
    to a plain code block.
    """

    def __init__(self, where: str, field: str, message: str) -> None:
        self.where = where
        self.field = field
        self.message = message
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


def guarded(kind: str) -> Callable[[F], F]:
    """Let any failure inside a fence formatter stop the build.

    Superfences catches ordinary exceptions from a formatter and renders the block as plain text instead, which
    would publish a page with a YAML listing where the figures belong.
    """

    def decorate(formatter: F) -> F:
        @functools.wraps(formatter)
        def run(*args: Any, **kwargs: Any) -> str:
            try:
                return formatter(*args, **kwargs)
            except BlockError:
                raise
            except Exception as error:  # the build must stop, with the cause in one line
                md = kwargs.get("md", args[4] if len(args) > 4 else None)
                raise BlockError(f"{current_page(md)} ({kind})", "",
                                 f"could not be rendered: {type(error).__name__}: {error}") from error

        return run  # type: ignore[return-value]

    return decorate


def _reject_options(kind: str, language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any],
                    md: Markdown) -> bool:
    if inputs:
        raise BlockError(f"{current_page(md)} ({kind})", ", ".join(inputs),
                         "options on the fence line are not supported; set fields in the block's body")
    return True


def options_rejected(kind: str) -> Callable[..., bool]:
    """A superfences validator for a fence set entirely in its body.

    Options on the fence line would otherwise make superfences skip the formatter and publish the block as
    plain text, with no error: here they stop the build instead. A ``functools.partial`` of a module-level
    function rather than a closure, because Zensical pickles the Markdown settings to hash them.
    """
    return functools.partial(_reject_options, kind)


def engine_words(error: ScenarioError) -> str:
    """An engine error's value and reason, for a build message that already names the field."""
    return error.value_and(reason(error))
