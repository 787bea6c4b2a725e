"""```margin-calculator```: the live calculator, pre-rendered with calc's figures for its initial inputs.

The optional YAML body sets initial inputs by the calculator's field names (the same names as its URL query):

    ```margin-calculator
    mode: isolated
    leverage: 25
    ```
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from calc import CHOICES, load_profile
from margin_view.explainers.panels import EXPLAINERS
from margin_view.form.controls import LINK_MAX
from margin_view.form.read import field_errors, in_form
from margin_view.form.respond import respond
from margin_view.form.schema import FORM, GROUPS, TEXT_MAX
from margin_view.text.catalogue import section
from margin_view.text.figures import label

from .blocks import Block
from .errors import guarded, options_rejected
from .form_block import initial_values, refuse
from .templates import render

KIND = "margin-calculator"


validate_calculator = options_rejected(KIND)


def _initial_values(block: Block) -> dict[str, str]:
    """The form's text for the block's inputs: numbers written as YAML writes them, shown as the page's language
    reads them (0.5 is "0,5" on a Dutch page)."""
    values = initial_values(block, FORM)
    # A mark price left unset follows the entry price, as it does in the calculator.
    if "entry" in block.mapping() and "price" not in block.mapping():
        values["price"] = values["entry"]
    return in_form(values, block.language)


def symbols() -> list[str]:
    """Every symbol some exchange's tables cover (bundled or from its data), for the symbol field's list: linear
    contracts only, as the field is."""
    found = set()
    for name in CHOICES["exchange"]:
        profile = load_profile(name)
        bundled = (s for s in profile.symbols if (table := profile.table_for(s)) and table.contract != "inverse")
        found.update(bundled, profile.listed)
    return sorted(found)


@guarded(KIND)
def calculator_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                     **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    values = _initial_values(block)
    refuse(block, field_errors(values, block.language))
    response = respond({"values": values, "explain": True}, block.language)
    refuse(block, response["errors"])
    count = getattr(md, "margin_calculators", 0) + 1
    md.margin_calculators = count
    prefix = "calculator" if count == 1 else f"calculator-{count}"
    controls = {**values, **response["values"]}  # type: ignore[dict-item]
    return render("margin-calculator.html", p=prefix, s=section(block.language, "calculator"), v=controls,
                  groups=GROUPS, hidden=frozenset(response["hidden"]), hidden_groups=frozenset(response["hidden_groups"]), text_max=TEXT_MAX, link_max=LINK_MAX,  # type: ignore[arg-type]
                  r=response, label=label, e=section(block.language, "explain"), explainers=EXPLAINERS,
                  language=block.language, symbols=symbols())
