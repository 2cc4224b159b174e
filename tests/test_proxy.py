"""The whole server behind a reverse proxy's login, as README.md tells a host to set it
up: Debian's nginx, started here on localhost with basic auth, in front of the app,
which listens on localhost only. No endpoint answers without the credentials (the page,
Streamlit's health, metrics, upload and websocket endpoints, the static files), so
nobody can upload or clear the server's caches unseen; with them, the page works in
Chromium."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.test_browser import MAP_TIPS, browser, on_map, serve, visitor  # noqa: F401

pytestmark = pytest.mark.browser

NGINX = "/usr/sbin/nginx"
USER, PASSWORD = "analyst", "a long passphrase"
CONFIG = """
daemon off;
user {user};  # the workers read this folder (as root, nginx would drop to nobody)
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {run}/access.log;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    client_max_body_size 20m;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 127.0.0.1:{port};
        auth_basic "Iraq security map";
        auth_basic_user_file {run}/htpasswd;
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 1d;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ssha(password: str) -> str:
    """A password as nginx's basic auth file takes it, salted and hashed (RFC 2307)."""
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


@contextlib.contextmanager
def nginx(run: Path, app_port: int) -> Iterator[int]:
    """nginx in front of the app on ``app_port``, asking for USER and PASSWORD; yields
    its port."""
    assert Path(NGINX).exists(), "apt-get install nginx (see .ci/apt-packages.txt)"
    port = free_port()
    (run / "htpasswd").write_text(f"{USER}:{ssha(PASSWORD)}\n")
    (run / "nginx.conf").write_text(CONFIG.format(
        run=run, port=port, app_port=app_port, user=pwd.getpwuid(os.getuid()).pw_name))
    proxy = subprocess.Popen([NGINX, "-p", str(run), "-c", str(run / "nginx.conf")],
                             stderr=subprocess.STDOUT, stdout=(run / "out.log").open("w"))
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert proxy.poll() is None, (run / "error.log").read_text()
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                break
            time.sleep(0.1)
        yield port
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[int]:
    """The app on localhost only: its port."""
    run = tmp_path_factory.mktemp("app")
    with serve(run / "streamlit.log", STREAMLIT_SERVER_ADDRESS="127.0.0.1") as url:
        yield int(url.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, app) -> Iterator[str]:
    """The app behind nginx's basic auth: the proxy's URL."""
    run = tmp_path_factory.mktemp("nginx")
    with nginx(run, app) as port:
        yield f"http://localhost:{port}"
    shutil.rmtree(run, ignore_errors=True)


def ask(url: str, method: str, path: str, credentials: bool, body: bytes | None = None,
        headers: dict | None = None) -> tuple[int, bytes]:
    """The status and body of one request through the proxy."""
    host, port = url.removeprefix("http://").split(":")
    headers = dict(headers or {})
    if credentials:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(200)
    finally:
        connection.close()


WEBSOCKET = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
             "Sec-WebSocket-Key": base64.b64encode(b"0123456789abcdef").decode(),
             "Sec-WebSocket-Protocol": "streamlit"}
UPLOAD = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
          b"Content-Type: text/plain\r\n\r\n" + "قرب كركوك".encode() + b"\r\n--b--\r\n")
ENDPOINTS = {
    "page": ("GET", "/", None, {}),
    "health": ("GET", "/_stcore/health", None, {}),
    "metrics": ("GET", "/_stcore/metrics", None, {}),
    "host config": ("GET", "/_stcore/host-config", None, {}),
    "static files": ("GET", "/app/static/basemap.json", None, {}),
    "websocket (clear_cache and every message)": ("GET", "/_stcore/stream", None, WEBSOCKET),
    "upload": ("PUT", "/_stcore/upload_file/session/file", UPLOAD,
               {"Content-Type": "multipart/form-data; boundary=b"}),
}


@pytest.mark.parametrize("method, path, body, headers", ENDPOINTS.values(), ids=ENDPOINTS)
def test_no_endpoint_answers_without_credentials(proxied, method, path, body, headers):
    status, said = ask(proxied, method, path, False, body, headers)
    assert status == 401 and b"Authorization Required" in said


def test_the_endpoints_answer_with_them(proxied):
    assert ask(proxied, "GET", "/_stcore/health", True) == (200, b"ok")
    assert ask(proxied, "GET", "/app/static/basemap.json", True)[0] == 200
    assert ask(proxied, "GET", "/_stcore/stream", True, headers=WEBSOCKET)[0] == 101


def test_the_app_itself_listens_on_localhost_only(app):
    """Only the proxy reaches it: nothing from the network gets past the login."""
    listening = {c.laddr.ip for c in psutil.net_connections("tcp")
                 if c.laddr and c.laddr.port == app and c.status == psutil.CONN_LISTEN}
    assert listening == {"127.0.0.1"}


def test_the_page_works_with_credentials_in_chromium(browser, proxied):  # noqa: F811
    with visitor(browser, proxied, http_credentials={"username": USER,
                                                     "password": PASSWORD}) as page:
        expect(page.get_by_text("Iraq security map").first).to_be_visible()
        expect(page.get_by_text("seeds:").first).to_be_visible()  # the websocket's work
        assert on_map(page, MAP_TIPS)  # Leaflet and the basemap: static files
        assert not page.outside
    with pytest.raises(PlaywrightError, match="ERR_INVALID_AUTH_CREDENTIALS"), \
            visitor(browser, proxied):
        pass
