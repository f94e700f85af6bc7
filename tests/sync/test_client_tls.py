"""TLS: a self-signed server is refused unless its certificate is pinned; then it syncs."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from clientkit import enroll
from conftest import Server, free_port, wait_until

from fieldapp.store import Store
from fieldapp.sync.client import SyncClient, SyncError, join


@pytest.fixture
def tls_server(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True,
                   capture_output=True)  # fmt: skip
    server = Server(str(tmp_path / "server.db"), tmp_path / "srv")
    server.port = free_port()
    server.proc = subprocess.Popen(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(server.data_dir), "serve", "--db",
         server.db_url, "--port", str(server.port), "--cert", str(cert), "--key", str(key)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    wait_until(server._listening, what="the TLS server to listen")
    yield server, f"https://127.0.0.1:{server.port}", cert
    server.stop()
    server.db.close()


def test_a_self_signed_server_needs_its_certificate_pinned(tls_server, tmp_path):
    server, url, cert = tls_server
    with Store(tmp_path / "dev") as store:
        with pytest.raises(SyncError, match="certificate is not trusted"):
            join(store, url, enroll(server, "carla"), "laptop")
        assert not (tmp_path / "dev" / "sync-token").exists()
        join(store, url, enroll(server, "carla"), "laptop", pin=cert)
        store.create_operation("Floods")
        report = SyncClient(store).sync()
        assert report.complete, report.summary()
