"""The benchmark behind ``make bench``: ``python -m bench``. See bench/README.md."""
