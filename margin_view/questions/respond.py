"""A question tab's reply: one request (fields as typed) in, everything the tab shows out, in the liquidation
calculator's shape (:func:`margin_view.form.respond.respond`) so that the page's script applies it: ``values``,
``errors``, ``normalised``, ``notices``, ``replace``, ``query``, ``hidden``, ``hidden_groups`` and a ``view``
(None while a field is at fault: the page keeps its last good figures) whose ``figures`` are the tab's answers,
written by the one formatting path, and whose ``summary`` reads them out for a screen reader.

>>> reply = respond_question({}, "en", "targets")
>>> reply["view"]["figures"]["target_price"], reply["view"]["figures"]["break_even_price"]
('$52,500.00', '$50,050.03')
"""

from __future__ import annotations

from collections.abc import Mapping

from calc import ScenarioError, plan

from ..form.controls import link_notices, query
from ..form.read import read_fields
from ..form.request import from_link, read_request, with_link_fallbacks
from ..text.figures import plan_label, plan_text
from ..text.messages import reason
from .tabs import TABS, QuestionTab

__all__ = ["respond_question"]


def _message(error: ScenarioError, locale: str) -> str:
    """The form's words for an engine refusal: the engine's reason, as a sentence."""
    text = reason(error, locale)
    return text[:1].upper() + text[1:] + "."


def _field_of(tab: QuestionTab, error: ScenarioError) -> str:
    """The field a refusal goes beside: the one whose paths hold the question's key (else the first)."""
    key = str(error.path[0]) if error.path else ""
    for name, field in tab.form.by_name.items():
        if key in field.paths:
            return name
    return tab.form.fields[0]


def _view(tab: QuestionTab, parsed: Mapping[str, object], errors: dict[str, str],
          locale: str) -> dict[str, object] | None:
    answers = {}
    for name, question in tab.questions(parsed).items():
        try:
            answers[name] = plan({"question": name, **question})
        except ScenarioError as error:
            errors.setdefault(_field_of(tab, error), _message(error, locale))
    if errors:
        return None
    figures = {key: plan_text(answers[name], key, locale) for name, key in tab.shows}
    return {"mode": "", "modes": {}, "figures": figures, "common": list(figures),
            "summary": " ".join(f"{plan_label(key, locale)}: {text}." for key, text in figures.items())}


def respond_question(request: Mapping[str, object], locale: str, tab_name: str) -> dict[str, object]:
    """Read tab *tab_name*'s form, answer its questions, and return what the tab shows (the module's docstring lists
    the reply). Never raises for anything a reader can type or a link can hold."""
    if tab_name not in TABS:
        raise ScenarioError(("tab",), "not_one_of", tab_name, options=tuple(TABS))
    tab = TABS[tab_name]
    form = tab.form
    req = read_request(request, locale, form)
    filled = from_link(req, locale, form)
    notices = link_notices(req.link_query, locale, form)
    reading, replace = with_link_fallbacks(req, read_fields(req.values, locale, form), notices, locale, form)
    unused = form.hidden(reading.parsed)
    errors = {name: message for name, message in reading.errors.items() if name not in unused}
    response: dict[str, object] = {
        "values": {**filled, **replace}, "errors": errors, "normalised": reading.notes, "notices": notices,
        "replace": replace, "labels": {}, "query": query(reading.parsed, unused, form), "hidden": sorted(unused),
        "hidden_groups": sorted(form.hidden_groups(unused)), "sliders": {}, "slider_text": {}, "view": None,
    }
    if not errors:
        response["view"] = _view(tab, reading.parsed, errors, locale)
    return response
