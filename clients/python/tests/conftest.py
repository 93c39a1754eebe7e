"""Fixtures: real attributor servers, and small TCP helpers for failure cases.

Servers come from the environment when given:

- ``ATTRIBUTOR_ADDR``: a server without authentication (``host:port``);
- ``ATTRIBUTOR_TOKEN_ADDR`` and ``ATTRIBUTOR_TOKEN``: a server started with
  ``--auth-token-file`` and a token it accepts.

Otherwise they are started from the release binary ``ATTRIBUTOR_BIN`` on free
127.0.0.1 ports and stopped after the session. Tests that need a server with
particular flags (or one started late) always start their own, so they need
``ATTRIBUTOR_BIN``; without it they are skipped.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import grpc
import pytest

from attributor_client import Client, ServingStatus
from attributor_client._proto import attribution_pb2, attribution_pb2_grpc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """An ``attributor serve`` process on 127.0.0.1."""

    def __init__(self, binary: str, args: list[str], log: Path, port: Optional[int] = None) -> None:
        self.port = port or free_port()
        self.addr = f"127.0.0.1:{self.port}"
        # The server reads ATTRIBUTOR_* variables as flags; the tests' own
        # (ATTRIBUTOR_ADDR, ...) must not reach it.
        env = {k: v for k, v in os.environ.items() if not k.startswith("ATTRIBUTOR_")}
        self.log = log
        self._log_file = open(log, "wb")
        self.process = subprocess.Popen(
            [binary, "serve", "--addr", self.addr, *args],
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def wait_healthy(self, timeout: float = 20.0, tls: Any = None) -> None:
        deadline = time.monotonic() + timeout
        with Client(self.addr, tls=tls, retry_connect_timeout=0.2) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"server exited ({self.process.returncode}): {self.log.read_text()}")
                try:
                    if client.health(timeout=1.0) == ServingStatus.SERVING:
                        return
                except Exception:
                    pass
                time.sleep(0.05)
        raise RuntimeError(f"server not healthy within {timeout} s: {self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()


@pytest.fixture(scope="session")
def attributor_bin() -> str:
    binary = os.environ.get("ATTRIBUTOR_BIN")
    if not binary:
        pytest.skip("ATTRIBUTOR_BIN is not set: cannot start a server of the test's own")
    if not os.access(binary, os.X_OK):
        pytest.fail(f"ATTRIBUTOR_BIN={binary} is not an executable")
    return binary


@pytest.fixture(scope="session")
def start_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[object]:
    """A function starting servers (``start_server(binary, *args)``), all stopped at the end."""
    servers: list[Server] = []

    def start(
        binary: str, *args: str, port: Optional[int] = None, wait: bool = True, tls: Any = None
    ) -> Server:
        """Starts a server; unless ``wait`` is false, waits until it is healthy
        (asking over ``tls`` for a TLS server)."""
        log = tmp_path_factory.mktemp("server") / "server.log"
        server = Server(binary, list(args), log, port=port)
        servers.append(server)
        if wait:
            server.wait_healthy(tls=tls)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def server_addr(start_server) -> str:  # type: ignore[no-untyped-def]
    addr = os.environ.get("ATTRIBUTOR_ADDR")
    if addr:
        return addr
    binary = os.environ.get("ATTRIBUTOR_BIN")
    if not binary:
        pytest.skip("set ATTRIBUTOR_ADDR (a running server) or ATTRIBUTOR_BIN (the release binary)")
    return str(start_server(binary).addr)


@pytest.fixture(scope="session")
def token_server(start_server, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(address, token) of a server that requires a bearer token."""
    addr, token = os.environ.get("ATTRIBUTOR_TOKEN_ADDR"), os.environ.get("ATTRIBUTOR_TOKEN")
    if addr and token:
        return addr, token
    binary = os.environ.get("ATTRIBUTOR_BIN")
    if not binary:
        pytest.skip("set ATTRIBUTOR_TOKEN_ADDR and ATTRIBUTOR_TOKEN, or ATTRIBUTOR_BIN")
    token = secrets.token_urlsafe(24)
    token_file = tmp_path_factory.mktemp("auth") / "tokens"
    token_file.write_text(f"# test tokens\n{token}\n")
    return start_server(binary, "--auth-token-file", str(token_file)).addr, token


@pytest.fixture
def client(server_addr: str) -> Iterator[Client]:
    with Client(server_addr) as c:
        yield c


class DropFirstProxy:
    """A TCP proxy to ``upstream`` that closes its first ``drop`` connections at once.

    The client sees its connection fail, so its call fails UNAVAILABLE and
    the client's retry goes through a new connection, which is forwarded.
    """

    def __init__(self, upstream: str, drop: int = 1) -> None:
        host, port = upstream.rsplit(":", 1)
        self.upstream = (host, int(port))
        self.drop = drop
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.addr = f"127.0.0.1:{self._listener.getsockname()[1]}"
        self._closed = False
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            if self.connections <= self.drop:
                conn.close()
                continue
            upstream = socket.create_connection(self.upstream)
            self._sockets += [conn, upstream]
            threading.Thread(target=self._pipe, args=(conn, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, conn), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        for s in self._sockets:
            s.close()


@pytest.fixture
def drop_first_proxy() -> Iterator[type[DropFirstProxy]]:
    proxies: list[DropFirstProxy] = []

    def make(upstream: str, drop: int = 1) -> DropFirstProxy:
        proxy = DropFirstProxy(upstream, drop)
        proxies.append(proxy)
        return proxy

    yield make  # type: ignore[misc]
    for proxy in proxies:
        proxy.close()


@pytest.fixture
def black_hole() -> Iterator[str]:
    """An address that accepts TCP connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


@pytest.fixture
def unused_port() -> int:
    """A 127.0.0.1 port nothing listens on (yet)."""
    return free_port()


@pytest.fixture
def dead_addr() -> str:
    """An address nothing listens on (connections are refused)."""
    return f"127.0.0.1:{free_port()}"


@dataclass
class Call:
    """What the stand-in server saw of one call."""

    authorization: Optional[str]
    time_remaining: Optional[float]
    texts: list[str] = field(default_factory=list)


class FlakyService(attribution_pb2_grpc.AttributionServiceServicer):
    """A stand-in for attributor that fails its first ``failures`` calls with ``code``.

    Each response's ``document_id`` is the request's text, so tests can see
    what reached the server. With ``answer_before_failing`` a failing stream
    answers its first document before it fails. A failing Extract takes
    ``fail_after`` seconds to fail.
    """

    def __init__(
        self, failures: int, code: grpc.StatusCode, answer_before_failing: bool, fail_after: float
    ) -> None:
        self.fail_after = fail_after
        self.failures = failures
        self.code = code
        self.answer_before_failing = answer_before_failing
        self.calls: list[Call] = []

    def _record(self, context: grpc.ServicerContext) -> Call:
        metadata = dict(context.invocation_metadata())
        call = Call(metadata.get("authorization"), context.time_remaining())
        self.calls.append(call)
        return call

    def Extract(self, request, context):  # type: ignore[no-untyped-def]
        call = self._record(context)
        call.texts.append(request.text)
        if len(self.calls) <= self.failures:
            time.sleep(self.fail_after)
            context.abort(self.code, "flaky")
        return attribution_pb2.ExtractResponse(document_id=request.document_id)

    def ExtractStream(self, request_iterator, context):  # type: ignore[no-untyped-def]
        call = self._record(context)
        failing = len(self.calls) <= self.failures
        for item in request_iterator:
            call.texts.append(item.request.text)
            if failing and self.answer_before_failing:
                break
        if failing and not self.answer_before_failing:
            context.abort(self.code, "flaky")
        for text in call.texts:
            yield attribution_pb2.ExtractStreamResponse(
                document_id=text, response=attribution_pb2.ExtractResponse(document_id=text)
            )
        if failing:
            context.abort(self.code, "flaky")


@pytest.fixture
def flaky_server() -> Iterator[Any]:
    servers: list[grpc.Server] = []

    def start(
        failures: int,
        code: grpc.StatusCode = grpc.StatusCode.UNAVAILABLE,
        answer_before_failing: bool = False,
        fail_after: float = 0.0,
    ) -> Any:
        service = FlakyService(failures, code, answer_before_failing, fail_after)
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        attribution_pb2_grpc.add_AttributionServiceServicer_to_server(service, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        servers.append(server)
        service.addr = f"127.0.0.1:{port}"  # type: ignore[attr-defined]
        return service

    yield start
    for server in servers:
        server.stop(grace=None)
