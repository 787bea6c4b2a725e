"""The planning calculator ("Risk & stop"): how big a trade may be for a risk and a stop, and whether the stop fires
before liquidation in each margin mode, answered by :func:`calc.plan`.

It is a second form beside the liquidation calculator (:mod:`margin_view.form`), built from the same parts: its
fields in one table (:mod:`.schema`), read and linked by the same functions, and a reply of the same shape
(:mod:`.respond`), so the page's script serves both.
"""
