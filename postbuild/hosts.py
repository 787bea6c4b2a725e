"""Step (f2): the cache headers the site wants, written into it for the static hosts that read them from there.

A reader's speed should not depend on a maintainer having configured a host. Files whose names change with their
content (the runtime under ``assets/pyodide/<version>/``, the engine's ``assets/calc/calc-<hash>.zip``, the
theme's ``*.<hash>.min.js|css``) can be cached for a year without being asked about again; the service worker
``sw.js`` must be revalidated on every visit so that a new build reaches readers. Everything else keeps the host's
default: the exchanges' tier data beside the archive (``assets/calc/exchanges/<exchange>.json``) keeps its name
when it is updated, so it must not be cached for long. Three files say so, each in its host's own form:

- ``_headers``: Netlify and Cloudflare Pages (the same syntax);
- ``vercel.json``: Vercel, when the built folder is what is deployed;
- ``.htaccess``: Apache with ``mod_headers``.

GitHub Pages reads no such file (it sends ``max-age=600`` for everything); nginx and Caddy take the same rules in
their own configuration (README.md, Publishing). The paths in ``_headers`` and ``vercel.json`` start at the site
root, as those hosts serve a site; ``.htaccess`` matches wherever the site sits, so it works under a path prefix.
The files are never fetched by a page, so the service worker does not precache them (``SKIPPED``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: For names that change with their content.
IMMUTABLE = "public, max-age=31536000, immutable"
#: For the service worker: a browser asks the host every time, and a new build is seen on the next visit.
REVALIDATE = "no-cache"
#: The folders whose every file is content-named, relative to the site root.
IMMUTABLE_FOLDERS = ("assets/pyodide/",)
#: Content-named files elsewhere, by their names: the theme's bundles (the pattern the service worker fetches
#: without cache-busting) and the engine's archive.
CONTENT_NAMED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$|^calc-[0-9a-f]{12}\.zip$")
HEADERS_FILE, VERCEL_FILE, APACHE_FILE = "_headers", "vercel.json", ".htaccess"
#: What this step writes: a host reads them, no page does.
SKIPPED = (HEADERS_FILE, VERCEL_FILE, APACHE_FILE)


def immutable_paths(site: Path) -> list[str]:
    """Root-relative paths (``/…``, ``*`` for a whole folder) that may be cached forever: the runtime's folder,
    and each other content-named file the build wrote, by name (not every host takes a ``*`` inside a name)."""
    bundles = sorted("/" + path.relative_to(site).as_posix() for path in site.rglob("*")
                     if path.is_file() and CONTENT_NAMED.search(path.name))
    return [*(f"/{folder}*" for folder in IMMUTABLE_FOLDERS), *bundles]


def headers_file(immutable: list[str], service_worker: str) -> str:
    """Netlify's and Cloudflare Pages' ``_headers``: a path, then its headers indented below it."""
    lines = ["# Written by the build (postbuild/hosts.py): content-named files are cached for a year, the service",
             "# worker is revalidated on every visit. Netlify and Cloudflare Pages read this file."]
    for path in immutable:
        lines += [path, f"  Cache-Control: {IMMUTABLE}"]
    lines += [f"/{service_worker}", f"  Cache-Control: {REVALIDATE}"]
    return "\n".join(lines) + "\n"


def vercel_file(immutable: list[str], service_worker: str) -> str:
    """Vercel's ``vercel.json``: its ``headers`` list, whose ``source`` patterns take ``(.*)`` for a folder."""
    def rule(path: str, value: str) -> dict[str, object]:
        source = path[:-1] + "(.*)" if path.endswith("*") else path
        return {"source": source, "headers": [{"key": "Cache-Control", "value": value}]}

    rules = [rule(path, IMMUTABLE) for path in immutable] + [rule(f"/{service_worker}", REVALIDATE)]
    return json.dumps({"headers": rules}, indent=1) + "\n"


def apache_file(service_worker: str) -> str:
    """Apache's ``.htaccess``: matched on the request's path wherever the site is mounted."""
    folders = "|".join(re.escape(folder.rstrip("/")) for folder in IMMUTABLE_FOLDERS)
    return "\n".join([
        "# Written by the build (postbuild/hosts.py): content-named files are cached for a year, the service",
        "# worker is revalidated on every visit. Needs mod_headers.",
        "<IfModule mod_headers.c>",
        f'  <If "%{{REQUEST_URI}} =~ m#/({folders})/#">',
        f'    Header set Cache-Control "{IMMUTABLE}"',
        "  </If>",
        f'  <FilesMatch "{CONTENT_NAMED.pattern}">',
        f'    Header set Cache-Control "{IMMUTABLE}"',
        "  </FilesMatch>",
        f'  <Files "{service_worker}">',
        f'    Header set Cache-Control "{REVALIDATE}"',
        "  </Files>",
        "</IfModule>",
    ]) + "\n"


def write_host_files(site: Path, service_worker: str) -> list[Path]:
    """Write the three files into *site* (only those whose text changes); return the files written."""
    immutable = immutable_paths(site)
    texts = {HEADERS_FILE: headers_file(immutable, service_worker), VERCEL_FILE: vercel_file(immutable, service_worker),
             APACHE_FILE: apache_file(service_worker)}
    written = []
    for name, text in texts.items():
        target = site / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def remove_host_files(site: Path) -> None:
    """Remove the files (a development server, with no service worker, needs none)."""
    for name in SKIPPED:
        (site / name).unlink(missing_ok=True)
