"""The calculator's figures as SVG text: the PnL chart and the wick, drawn in one frame (:mod:`.frame`)."""
