"""TLS: a self-signed server is refused unless its certificate is pinned; then it syncs."""

from __future__ import annotations

import pytest
from clientkit import enroll
from conftest import Server, self_signed_certificate

from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, SyncError, join


@pytest.fixture
def tls_server(tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    server = Server(str(tmp_path / "server.db"), tmp_path / "srv").start(tls=(cert, key))
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
        store.operations.create("Floods")
        report = SyncClient(store).sync()
        assert report.complete, report.summary()
