"""A Hugging Face hub stand-in on 127.0.0.1 for download tests, with faults on demand.

It answers what huggingface_hub calls: ``GET /api/models/<repo>/revision/<rev>``
(the file listing with sizes, git blob ids and LFS SHA-256), ``HEAD``/``GET
/<repo>/resolve/<rev>/<file>`` (ETag, X-Repo-Commit, Content-Length; LFS files
answer with a redirect to ``/cdn/<sha256>`` as the real hub does) and byte
``Range`` requests. Faults: cut the connection partway through a file, serve
a file whose bytes differ from the hash the listing states, or hold every
transfer of a file at one byte offset until the test releases it.
"""
from __future__ import annotations

import hashlib
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LFS_MIN_BYTES = 100_000  # files this big are stored with LFS, as on the hub


@dataclass
class HubFile:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def git_blob_id(self) -> str:
        return hashlib.sha1(f"blob {len(self.data)}\0".encode() + self.data).hexdigest()

    @property
    def is_lfs(self) -> bool:
        return len(self.data) >= LFS_MIN_BYTES


@dataclass
class HubRepo:
    repo_id: str
    commit: str
    files: dict[str, HubFile]


@dataclass
class Faults:
    """Faults to inject; each cut is used once."""

    cut_after_bytes: dict[str, list[int]] = field(default_factory=dict)  # file name -> bytes sent before each cut
    corrupt: set[str] = field(default_factory=set)  # file names served with one byte flipped
    pause_per_mb_s: float = 0.0  # a slow line: seconds to wait after each MB sent
    # A held line: no request (a resumed one included) sends a byte of a file past this offset until ``release`` is set.
    hold_at_bytes: int | None = None
    held: threading.Event = field(default_factory=threading.Event)  # set once a transfer has reached the hold
    release: threading.Event = field(default_factory=threading.Event)


@dataclass
class Request:
    method: str
    path: str
    range: str | None
    bytes_sent: int = 0


class LocalHub:
    """Serves repositories built from local folders; ``endpoint`` is its base URL."""

    def __init__(self) -> None:
        self.repos: dict[str, HubRepo] = {}
        self.faults = Faults()
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    @property
    def endpoint(self) -> str:
        return f"http://{self.address}"

    def add_repo(self, repo_id: str, folder: Path, names: tuple[str, ...] | None = None) -> HubRepo:
        """Publishes the files of ``folder`` as ``repo_id`` at a commit derived from their content."""
        files = {p.name: HubFile(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file() and (names is None or p.name in names)}
        files["README.md"] = HubFile("README.md", f"# {repo_id}\n".encode())
        commit = hashlib.sha1("".join(f.git_blob_id for f in files.values()).encode()).hexdigest()
        repo = HubRepo(repo_id, commit, files)
        self.repos[repo_id] = repo
        return repo

    def bytes_sent(self, file_name: str) -> int:
        """Returns how many body bytes of ``file_name`` were sent in all GETs."""
        return sum(r.bytes_sent for r in self.requests if r.method == "GET" and r.path.endswith("/" + file_name))

    def __enter__(self) -> LocalHub:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler_for(hub: LocalHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            request = Request(self.command, self.path.split("?")[0], self.headers.get("Range"))
            with hub._lock:
                hub.requests.append(request)
            path = request.path
            if match := re.fullmatch(r"/api/models/(.+?)(?:/revision/([^/]+))?", path):
                return self._listing(match.group(1), send_body)
            if match := re.fullmatch(r"/cdn/([0-9a-f]{64})/(.+)", path):
                found = next((f for repo in hub.repos.values() for f in repo.files.values() if f.sha256 == match.group(1)), None)
                return self._file(request, found, None, send_body) if found else self._not_found(send_body)
            if match := re.fullmatch(r"/(.+?)/resolve/([^/]+)/(.+)", path):
                repo = hub.repos.get(match.group(1))
                if repo is None or match.group(2) not in ("main", repo.commit) or match.group(3) not in repo.files:
                    return self._not_found(send_body)
                hub_file = repo.files[match.group(3)]
                if hub_file.is_lfs:
                    return self._redirect_to_cdn(repo, hub_file)
                return self._file(request, hub_file, repo, send_body)
            return self._not_found(send_body)

        def _listing(self, repo_id: str, send_body: bool) -> None:
            repo = hub.repos.get(repo_id)
            if repo is None:
                return self._not_found(send_body)
            siblings = []
            for f in repo.files.values():
                sibling = {"rfilename": f.name, "size": len(f.data), "blobId": f.git_blob_id}
                if f.is_lfs:
                    sibling["lfs"] = {"size": len(f.data), "sha256": f.sha256, "pointerSize": 134}
                siblings.append(sibling)
            body = json.dumps({"id": repo.repo_id, "sha": repo.commit, "siblings": siblings}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def _redirect_to_cdn(self, repo: HubRepo, hub_file: HubFile) -> None:
            self.send_response(302)
            self.send_header("Location", f"{hub.endpoint}/cdn/{hub_file.sha256}/{hub_file.name}")
            self.send_header("X-Repo-Commit", repo.commit)
            self.send_header("X-Linked-Etag", f'"{hub_file.sha256}"')
            self.send_header("X-Linked-Size", str(len(hub_file.data)))
            self.send_header("ETag", f'"{hub_file.git_blob_id}"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _file(self, request: Request, hub_file: HubFile, repo: HubRepo | None, send_body: bool) -> None:
            data = hub_file.data
            if hub_file.name in hub.faults.corrupt:
                data = bytes([data[0] ^ 0xFF]) + data[1:]
            start = 0
            if request.range and (match := re.fullmatch(r"bytes=(\d+)-", request.range)):
                start = int(match.group(1))
            self.send_response(206 if start else 200)
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.send_header("Content-Length", str(len(data) - start))
            self.send_header("ETag", f'"{hub_file.sha256 if hub_file.is_lfs else hub_file.git_blob_id}"')
            if repo is not None:
                self.send_header("X-Repo-Commit", repo.commit)
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()
            if not send_body:
                return
            body = data[start:]
            cuts = hub.faults.cut_after_bytes.get(hub_file.name)
            cut = cuts.pop(0) - start if cuts else None
            if cut is not None and 0 < cut < len(body):
                self.wfile.write(body[:cut])
                request.bytes_sent = cut
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)  # the connection drops mid-file
                self.close_connection = True
                return
            try:
                for offset in range(0, len(body), 1 << 20):
                    piece = body[offset:offset + (1 << 20)]
                    hold = hub.faults.hold_at_bytes
                    if hold is not None and start + offset <= hold < start + offset + len(piece):
                        # Held at the same file offset whatever the Range: the client's timeout-and-resume
                        # path asks again from where it stopped and is held there too.
                        self.wfile.write(piece[:hold - start - offset])
                        self.wfile.flush()
                        hub.faults.held.set()
                        hub.faults.release.wait(timeout=600)
                        piece = piece[hold - start - offset:]
                        request.bytes_sent += hold - start - offset
                    self.wfile.write(piece)
                    request.bytes_sent += len(piece)
                    time.sleep(hub.faults.pause_per_mb_s)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away (a cancelled download)

        def _not_found(self, send_body: bool) -> None:
            body = b'{"error": "Repository not found"}'
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Error-Code", "RepoNotFound")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

    return Handler
