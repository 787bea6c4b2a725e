"""Words and numbers in a language: the text catalogue, numbers written and read as pairs, errors and figures.

- :mod:`.catalogue` — interface text from ``margin_view/locales/<language>.json``, checked against English.
- :mod:`.format` and :mod:`.parse` — a number as a reader of a language writes it, and back, over one locale.
- :mod:`.messages` — an error's words, chosen by its kind and path.
- :mod:`.figures` — each key of calc's figure table as text, with its label.
- :mod:`.dates` — a day as the language writes it.
- :mod:`.profile_words` — the exchange profiles' titles and notes in the language (``locales/profiles/``).
"""
