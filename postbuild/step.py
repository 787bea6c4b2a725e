"""The post-build step: one ordered pass that turns a folder of built HTML into the site the calculator runs on.

Order, and why:

1. Check, writing nothing: Pyodide is installed, the engine's packages are importable (their archive is built
   in memory, which gives its digest), and Node is there if the snapshot for that digest is not cached yet.
   A missing tool then fails the step before it has touched the site.
2. (a) Runtime, (b) archive, (b2) trimmed standard library, (c) snapshot: the files the pages will point at.
   Node unpacks the archive as written into the site, so it imports exactly what is served; the library is
   trimmed by answering the requests of the pages as built (their cards), and the snapshot is made with it.
3. (d) Meta tags, then (e) the policy, page by page: the tags name the files of step 2 (and the service worker of
   step 4), and the policy hashes the page's inline code once nothing else will change it.
4. (f) The service worker, whose manifest holds the hash of every file as it will be served; (f2) the hosts'
   header files (``_headers`` and its kin), which name the content-named files and the service worker.
5. (g) Gzip and brotli copies last, so that they are made from the final bytes of every file, pages included.

Every part writes only what changed, so a second run over the same folder changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from postbuild import archive, hosts, offline, runtime, snapshot, stdlib
from postbuild import node as node_js
from postbuild.brotli import Brotli
from postbuild.errors import PostbuildError
from postbuild.pages import RuntimePaths, rewrite_pages
from postbuild.precompress import precompress
from postbuild.project import Project


def run(site: Path, *, policy: bool = True, offline_use: bool = True, project: Project | None = None,
        ) -> RuntimePaths:
    """Finish the built site in *site*; return where the runtime went, relative to the site root.

    ``policy=False`` leaves the Content-Security-Policy off (and removes one an earlier run wrote): ``mkdocs
    serve`` injects an inline live-reload script whose hash no policy written here can know. ``offline_use=False``
    leaves the service worker out, as a development server should: it would serve yesterday's pages.
    """
    project = project or Project()
    if not site.is_dir():
        raise PostbuildError(f"{site} is not a folder: build the site first, then run the step on its folder.")
    pyodide = runtime.locate(project)
    engine = archive.build()
    library = stdlib.plan(project, pyodide, engine, site)
    # Node trims the standard library and makes the snapshot (unless cached; the snapshot's key holds the trimmed
    # library's hash) and writes the service worker: found before anything is written.
    made = library.cached.is_file() and snapshot.Snapshot(project, pyodide, engine, library).cached.is_file()
    node = node_js.find("build the calculator's runtime and service worker") if offline_use or not made else None
    if offline_use:
        offline.workbox(project)

    runtime.copy_runtime(pyodide, site)
    written = archive.write(engine, site)
    archive.write_data(site)
    stdlib.install(library, node, site, written)
    image = snapshot.Snapshot(project, pyodide, engine, library)
    snapshot.install(image, node, site, written)

    paths = RuntimePaths(pyodide=pyodide.site_path, calc=engine.site_path, stdlib=library.site_path,
                         snapshot=image.site_path)
    worker = offline.SERVICE_WORKER if offline_use else None
    rewrite_pages(site, paths, policy=policy, service_worker=worker)
    if offline_use:
        assert node is not None
        offline.write_service_worker(project, node, site)
        hosts.write_host_files(site, offline.SERVICE_WORKER)
    else:  # an earlier run's worker would keep serving old pages
        for name in (offline.SERVICE_WORKER, offline.SERVICE_WORKER + ".gz"):
            (site / name).unlink(missing_ok=True)
        hosts.remove_host_files(site)
    # Brotli copies are for publishing: a development server serves neither kind of copy.
    precompress(site, Brotli(node, project.brotli_copies) if offline_use and node else None)
    return paths

