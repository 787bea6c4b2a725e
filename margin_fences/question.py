"""```margin-question```: a question tab of the calculator page (its ``tab``, and optional initial inputs by the
tab's field names), pre-rendered with calc's figures and kept live by the page's script:

    ```margin-question
    tab: targets
    roe: 100
    ```
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from margin_view.form.controls import LINK_MAX
from margin_view.form.read import field_errors, in_form
from margin_view.form.schema import TEXT_MAX
from margin_view.questions.respond import respond_question
from margin_view.questions.tabs import TABS
from margin_view.text.catalogue import section
from margin_view.text.figures import plan_label

from .blocks import Block
from .errors import guarded, options_rejected
from .templates import render

KIND = "margin-question"

validate_question = options_rejected(KIND)


@guarded(KIND)
def question_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                   **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    given = dict(block.mapping())
    name = given.pop("tab", None)
    if name not in TABS:
        raise block.fail("tab", f"must be one of {', '.join(TABS)}")
    form = TABS[str(name)].form
    block.check_keys(("tab", *form.fields))
    values = dict(form.defaults)
    for field, value in given.items():
        if isinstance(value, (dict, list)) or value is None:
            raise block.fail(field, "must be a single value")
        values[field] = str(value)
    values = in_form(values, block.language, form)
    invalid = field_errors(values, block.language, form)
    if invalid:
        field, message = next(iter(invalid.items()))
        raise block.fail(field, message)
    response = respond_question({"values": values}, block.language, str(name))
    errors = response["errors"]
    assert isinstance(errors, dict)
    if errors:
        field, message = next(iter(errors.items()))
        raise block.fail(field, message)
    strings = {**section(block.language, "calculator"), **section(block.language, form.name)}
    return render("margin-question.html", p=f"question-{name}", s=strings, v={**values, **response["values"]},  # type: ignore[dict-item]
                  groups=form.groups, hidden=frozenset(response["hidden"]),  # type: ignore[arg-type]
                  hidden_groups=frozenset(response["hidden_groups"]), text_max=TEXT_MAX,  # type: ignore[arg-type]
                  link_max=LINK_MAX, r=response, label=plan_label, language=block.language, tab=form.tab)
