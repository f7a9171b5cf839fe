"""The tests run with the network closed: pytest-socket refuses every connection but loopback."""

import socket

import pytest


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_outside_connections_are_refused():
    from pytest_socket import SocketBlockedError, SocketConnectBlockedError

    with pytest.raises((SocketBlockedError, SocketConnectBlockedError)):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1, never routed


def test_loopback_is_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=1)
    client.close()
    server.close()
