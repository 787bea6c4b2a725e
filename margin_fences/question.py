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
from .form_block import initial_values, refuse
from .templates import render

KIND = "margin-question"

validate_question = options_rejected(KIND)


@guarded(KIND)
def question_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                   **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    name = block.mapping().get("tab")
    if name not in TABS:
        raise block.fail("tab", f"must be one of {', '.join(TABS)}")
    form = TABS[str(name)].form
    values = in_form(initial_values(block, form, ("tab",)), block.language, form)
    refuse(block, field_errors(values, block.language, form))
    response = respond_question({"values": values}, block.language, str(name))
    refuse(block, response["errors"])
    strings = {**section(block.language, "calculator"), **section(block.language, form.name)}
    return render("margin-question.html", p=f"question-{name}", s=strings, v={**values, **response["values"]},  # type: ignore[dict-item]
                  groups=form.groups, hidden=frozenset(response["hidden"]),  # type: ignore[arg-type]
                  hidden_groups=frozenset(response["hidden_groups"]), text_max=TEXT_MAX,  # type: ignore[arg-type]
                  link_max=LINK_MAX, r=response, label=plan_label, language=block.language, tab=form.tab)
