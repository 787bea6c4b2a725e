"""The exchange data tool: keeps a tier table for every perpetual of six exchanges, each dated and sourced.

Never shipped to the browser and never imported by the engine. Two steps:

- **record** (:mod:`exchange_data.record`, needs the internet): fetch each exchange's raw tier answers through ccxt
  and save them, with the date, in ``exchange_data/recordings/`` (not committed: the answers are the exchanges');
- **build** (:mod:`exchange_data.build`, offline): read the recordings, check every table with the engine's own
  rules, and write the compact files ``calc/exchanges/<exchange>.json`` and their ``index.json`` (committed).

``python -m exchange_data record`` then ``python -m exchange_data build`` is the whole refresh; the weekly workflow
runs the same two commands, then the tests, and proposes the changed files.
"""
