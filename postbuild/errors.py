"""The one exception the post-build step raises for a problem its user can fix."""

from __future__ import annotations


class PostbuildError(Exception):
    """Something the step needs is missing or broken. Its message is one sentence that says what to do.

    The command line prints it and exits 2; the MkDocs hook turns it into a ``PluginError``, which MkDocs prints
    as one line too. Anything else escaping the step is a bug and keeps its traceback.
    """
