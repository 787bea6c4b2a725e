"""A calculator's request as the page sends it: the fields as typed, what the reader moved, what came from a link;
and a link's values made usable (read the link's way, or replaced by the default with a notice). Shared by every
calculator: each passes its :class:`~margin_view.form.schema.Form`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calc import ScenarioError

from ..text.catalogue import section
from ..text.parse import form_text, parse_number
from .controls import LINK_LOCALE
from .read import Reading, form_defaults, read_fields
from .schema import FORM, TEXT_MAX, Form

__all__ = ["Request", "from_link", "read_request", "with_link_fallbacks"]


@dataclass(frozen=True, slots=True)
class Request:
    """A request's parts, each in the shape the form works with."""

    values: dict[str, str]
    moved: set[str]
    from_link: set[str]
    link_query: str | None
    explain: bool


def _names(raw: object) -> set[str]:
    return {name for name in raw if isinstance(name, str)} if isinstance(raw, list) else set()


def read_request(request: Mapping[str, object], locale: str, form: Form = FORM) -> Request:
    raw_values = request.get("values", {})
    typed = raw_values if isinstance(raw_values, Mapping) else {}
    defaults = form_defaults(locale, form)
    values = {name: str(typed.get(name, defaults[name]))[:TEXT_MAX] for name in form.fields}
    for slider in (field.slider for field in form.by_name.values() if field.slider):
        if isinstance(typed.get(slider), str):
            values[slider] = str(typed[slider])[:TEXT_MAX]
    link_query = request.get("link_query")
    return Request(values, _names(request.get("sources", [])), _names(request.get("from_link", [])),
                    link_query if isinstance(link_query, str) else None, request.get("explain") is True)


def from_link(req: Request, locale: str, form: Form = FORM) -> dict[str, str]:
    """A link's numbers mean the same in every language: they are written and read the English way (``0.05``,
    ``50,000``; see :func:`~margin_view.form.controls.query`). One the form of *locale* would read otherwise (a Dutch
    form reads ``0.05`` as a misplaced thousands dot) is rewritten as that form writes it (``0,05``). Returns the
    fields rewritten, for the page to show."""
    rewritten: dict[str, str] = {}
    for name in sorted(req.from_link - set(form.choices)):
        text = req.values.get(name)
        if text is None:
            continue
        try:
            meant, _ = parse_number(text, LINK_LOCALE)
        except ScenarioError:
            continue  # refused like any field, and replaced by the default with a notice
        try:
            same = parse_number(text, locale)[0] == meant
        except ScenarioError:
            same = False
        if not same:  # the link's own digits ("17220.90" stays "17220,90"), as the form writes them
            rewritten[name] = form_text(meant, locale, as_given=True)
    req.values.update(rewritten)
    return rewritten


def with_link_fallbacks(req: Request, reading: Reading, notices: list[str], locale: str,
                        form: Form = FORM) -> tuple[Reading, dict[str, str]]:
    """A link someone edited: show the default rather than a broken field, and say so once per field."""
    defaults = form_defaults(locale, form)
    # A field the link's own choices leave out is ignored, whatever it holds: hidden, and never in a link we write.
    replace = {name: defaults[name] for name in sorted(req.from_link & set(reading.errors))
               if form.relevant(name, reading.parsed)}
    if not replace:
        return reading, replace
    messages = section(locale, "errors")
    for name in replace:
        req.values[name] = defaults[name]
        notice = messages["link_fallback"].format(field=name)
        if notice not in notices:
            notices.append(notice)
    return read_fields(req.values, locale, form), replace
