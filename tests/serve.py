"""A quiet static file server for the built site, on 127.0.0.1, with the MIME types Pyodide needs."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves files as a static host would: precompressed .gz copies to browsers that accept gzip."""

    # Module scripts need a JavaScript type and WebAssembly streaming compilation needs application/wasm;
    # Python's own table lacks .mjs on some versions.
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
        ".svg": "image/svg+xml",
    }

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        packed = path.with_name(path.name + ".gz")
        if "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file() and packed.is_file():
            # Like nginx's gzip_static: the type of the original, the bytes of the copy.
            file = packed.open("rb")
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(packed.stat().st_size))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return file
        return super().send_head()

    def end_headers(self) -> None:
        # As the README asks of hosts: the runtime and the engine archive have versioned or hashed names.
        if self.path.startswith(("/assets/pyodide/", "/assets/calc/")):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that navigates away mid-download resets the connection: not a failure of the site.
        pass


class SiteServer:
    """Serves *root* on an ephemeral port until closed."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        handler = functools.partial(SiteHandler, directory=str(root))
        self.httpd = QuietServer((host, port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
