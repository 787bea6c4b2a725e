"""```margin-planner```: the planning calculator ("Risk & stop"), pre-rendered with calc's figures for its initial
inputs (readable without JavaScript), kept live by the same script as the liquidation calculator.

The optional YAML body sets initial inputs by the planner's field names (the same names as its link's):

    ```margin-planner
    risk: 2
    stop: 48500
    ```
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from margin_view.form.controls import LINK_MAX
from margin_view.form.read import field_errors, in_form
from margin_view.form.schema import TEXT_MAX
from margin_view.planner.respond import respond_plan
from margin_view.planner.schema import PLAN_FORM
from margin_view.text.catalogue import section
from margin_view.text.figures import plan_label

from .blocks import Block
from .errors import guarded, options_rejected
from .form_block import initial_values, refuse
from .templates import render

KIND = "margin-planner"

validate_planner = options_rejected(KIND)


def _initial_values(block: Block) -> dict[str, str]:
    """The form's text for the block's inputs, shown as the page's language writes numbers."""
    return in_form(initial_values(block, PLAN_FORM), block.language, PLAN_FORM)


@guarded(KIND)
def planner_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                  **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    values = _initial_values(block)
    refuse(block, field_errors(values, block.language, PLAN_FORM))
    response = respond_plan({"values": values}, block.language)
    refuse(block, response["errors"])
    # The planner's words, over the liquidation calculator's for what both say alike (the status line, options).
    strings = {**section(block.language, "calculator"), **section(block.language, "plan")}
    return render("margin-planner.html", p="planner", s=strings, v={**values, **response["values"]},  # type: ignore[dict-item]
                  groups=PLAN_FORM.groups, hidden=frozenset(response["hidden"]),  # type: ignore[arg-type]
                  hidden_groups=frozenset(response["hidden_groups"]), text_max=TEXT_MAX,  # type: ignore[arg-type]
                  link_max=LINK_MAX, r=response, label=plan_label, language=block.language, tab=PLAN_FORM.tab)
