"""Fixtures of the public form's tests: a real `fieldapp serve` and a coordinator's
laptop holding an operation the server knows."""

from __future__ import annotations

import publickit
import pytest


@pytest.fixture
def server(tmp_path):
    running = publickit.start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


@pytest.fixture
def coordinator(server, tmp_path):
    peer = publickit.Peer(tmp_path, "cora", server.url, publickit.enroll(server, "cora"))
    yield peer
    peer.close()


@pytest.fixture
def operation(coordinator) -> str:
    op = coordinator.store.operations.create("Floods of the Aude")["id"]
    coordinator.sync_ok()
    return op


@pytest.fixture
def form(server, operation) -> publickit.Form:
    return publickit.open_form(server, operation)
