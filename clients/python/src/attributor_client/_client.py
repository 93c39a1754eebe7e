"""The synchronous client."""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Optional, Union

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from ._errors import DeadlineExceeded, Unavailable, from_rpc_error
from ._proto import attribution_pb2, attribution_pb2_grpc

#: Largest message sent or received, as the Rust client: 64 MiB, above the
#: server's default request limit (8 MiB), so that the server decides.
DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024

#: Longest wait for a new connection before the one retry of an UNAVAILABLE
#: call (less when the call's deadline leaves less).
DEFAULT_RETRY_CONNECT_TIMEOUT = 5.0


@dataclass(frozen=True)
class TLSConfig:
    """TLS settings; every field is optional.

    - ``root_certificates``: PEM CA certificate(s) to trust; ``None`` means
      gRPC's default roots.
    - ``certificate_chain`` and ``private_key``: the client's PEM certificate
      and key, for a server that requires client certificates (mutual TLS).
    - ``server_name``: the name to verify the server's certificate against
      (and to send as SNI) when it differs from the target's host.
    """

    root_certificates: Optional[bytes] = None
    certificate_chain: Optional[bytes] = None
    private_key: Optional[bytes] = None
    server_name: Optional[str] = None


TLS = Union[None, bool, TLSConfig, Mapping[str, Any]]

#: What :meth:`Client.extract_stream` accepts for one document.
StreamItem = Union[
    str,
    attribution_pb2.ExtractRequest,
    attribution_pb2.ExtractStreamRequest,
    Mapping[str, Any],
]


class ServingStatus(enum.IntEnum):
    """A ``grpc.health.v1`` serving status."""

    UNKNOWN = 0
    SERVING = 1
    NOT_SERVING = 2
    SERVICE_UNKNOWN = 3

    def __str__(self) -> str:
        return self.name


class Client:
    """A connection to an attributor server.

    ``target`` is ``host:port`` (``http://`` and ``https://`` URLs are
    accepted too; ``https://`` means ``tls=True`` unless ``tls`` is given).
    ``token`` is sent as ``authorization: Bearer <token>`` with every call.
    ``tls`` is ``None`` (plaintext), ``True`` (TLS trusting gRPC's default
    roots), or a :class:`TLSConfig` (or a dict with its field names) for a
    private CA and/or mutual TLS.

    The client is thread-safe; close it with :meth:`close` or use it as a
    context manager. Every call raises an :class:`AttributorError` subclass
    on failure. A call answered UNAVAILABLE is retried once, on a new
    connection (waiting at most ``retry_connect_timeout`` seconds for one),
    with the same token and whatever is left of its deadline.
    """

    def __init__(
        self,
        target: str,
        token: Optional[str] = None,
        tls: TLS = None,
        *,
        retry_connect_timeout: float = DEFAULT_RETRY_CONNECT_TIMEOUT,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        options: Iterable[tuple[str, Any]] = (),
    ) -> None:
        if target.startswith("http://"):
            target = target[len("http://") :]
        elif target.startswith("https://"):
            target = target[len("https://") :]
            if tls is None:
                tls = True
        target = target.rstrip("/")
        channel_options: list[tuple[str, Any]] = [
            ("grpc.max_send_message_length", max_message_size),
            ("grpc.max_receive_message_length", max_message_size),
        ]
        credentials = _channel_credentials(tls)
        if isinstance(tls, (TLSConfig, Mapping)):
            server_name = _tls_config(tls).server_name
            if server_name:
                channel_options.append(("grpc.ssl_target_name_override", server_name))
        channel_options.extend(options)
        if credentials is None:
            self._channel = grpc.insecure_channel(target, options=channel_options)
        else:
            self._channel = grpc.secure_channel(target, credentials, options=channel_options)
        self._stub = attribution_pb2_grpc.AttributionServiceStub(self._channel)  # type: ignore[no-untyped-call]
        self._health = health_pb2_grpc.HealthStub(self._channel)
        self._metadata: tuple[tuple[str, str], ...] = (
            (("authorization", f"Bearer {token}"),) if token is not None else ()
        )
        self._retry_connect_timeout = retry_connect_timeout
        self.target = target

    def __repr__(self) -> str:
        # Never print the token.
        return f"Client({self.target!r})"

    # -- lifetime ---------------------------------------------------------

    def close(self) -> None:
        """Closes the connection; calls in progress are cancelled."""
        self._channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    @property
    def channel(self) -> grpc.Channel:
        """The underlying ``grpc.Channel`` (for other services on the server)."""
        return self._channel

    # -- calls ------------------------------------------------------------

    def extract(
        self,
        text: str,
        published: Optional[str] = None,
        document_id: Optional[str] = None,
        timeout: Optional[float] = None,
        direct_only: bool = False,
    ) -> attribution_pb2.ExtractResponse:
        """Extracts the statements of one document.

        ``published`` is the reference date (``2026-01-28`` or an RFC 3339
        date-time); ``document_id`` is echoed in the response; ``timeout`` is
        the call's deadline in seconds, covering the retry too;
        ``direct_only`` keeps only statements in quotation marks.
        """
        request = attribution_pb2.ExtractRequest(
            text=text, published=published or "", document_id=document_id or ""
        )
        if direct_only:
            request.options.direct_only = True
        return self.extract_request(request, timeout=timeout)

    def extract_request(
        self,
        request: attribution_pb2.ExtractRequest,
        timeout: Optional[float] = None,
    ) -> attribution_pb2.ExtractResponse:
        """Sends a complete ``ExtractRequest``; see :meth:`extract`."""
        deadline = _deadline(timeout)
        try:
            return self._extract_once(request, timeout)
        except grpc.RpcError as rpc_error:
            error = from_rpc_error(rpc_error)
            if not isinstance(error, Unavailable):
                raise error from rpc_error
        # A server that has just gone away, or a connection that broke,
        # answers UNAVAILABLE; Extract has no side effects, so a second
        # attempt on a new connection is safe.
        self._before_retry(deadline, error)
        try:
            return self._extract_once(request, _left(deadline))
        except grpc.RpcError as rpc_error:
            raise from_rpc_error(rpc_error) from rpc_error

    def _extract_once(
        self, request: attribution_pb2.ExtractRequest, timeout: Optional[float]
    ) -> attribution_pb2.ExtractResponse:
        response: attribution_pb2.ExtractResponse = self._stub.Extract(
            request, timeout=timeout, metadata=self._metadata
        )
        return response

    def extract_stream(
        self,
        requests: Iterable[StreamItem],
        timeout: Optional[float] = None,
    ) -> Iterator[attribution_pb2.ExtractStreamResponse]:
        """Bulk extraction: yields one ``ExtractStreamResponse`` per request, in order.

        Each item of ``requests`` is one document, given as

        - a ``str``: the text alone;
        - an ``ExtractRequest`` (or an ``ExtractStreamRequest`` wrapping one);
        - a dict of ``ExtractRequest`` fields: ``text``, ``document_id``,
          ``published``, and ``direct_only`` (or ``options``).

        ``requests`` may be any iterable, also a lazy generator; it is read
        as the server asks for more. A bad document is answered in-band: its
        response has ``error`` set instead of ``response``
        (``response.WhichOneof("result")``; turn it into an exception with
        :meth:`AttributorError.from_extract_error`) and the stream goes on.
        An exception ends the stream: the deadline (``timeout``, in seconds,
        for the whole stream) passed, or the connection failed. A stream
        answered UNAVAILABLE before its first response is retried once,
        sending the documents read so far again. A bad item (an unknown dict
        key, a wrong type) raises ``TypeError`` or ``ValueError``.

        The call starts when iteration starts; stopping early (``break``)
        cancels it.
        """
        deadline = _deadline(timeout)
        source = _ReplayableRequests(requests)
        yielded = False
        retried = False
        while True:
            call = self._stub.ExtractStream(
                source.attempt(),
                timeout=timeout if not retried else _left(deadline),
                metadata=self._metadata,
            )
            try:
                for response in call:
                    if not yielded:
                        yielded = True
                        source.stop_recording()
                    yield response
                return
            except grpc.RpcError as rpc_error:
                if source.error is not None:
                    raise source.error from None
                error = from_rpc_error(rpc_error)
                if yielded or retried or not isinstance(error, Unavailable):
                    raise error from rpc_error
            finally:
                # A no-op once the call is over; cancels the call when the
                # caller stops iterating early.
                call.cancel()
            retried = True
            self._before_retry(deadline, error)

    def health(self, service: str = "", timeout: Optional[float] = None) -> ServingStatus:
        """The server's ``grpc.health.v1`` status for ``service`` (``""``: the server)."""
        try:
            response = self._health.Check(
                health_pb2.HealthCheckRequest(service=service),
                timeout=timeout,
                metadata=self._metadata,
            )
        except grpc.RpcError as rpc_error:
            raise from_rpc_error(rpc_error) from rpc_error
        return ServingStatus(response.status)

    def _before_retry(self, deadline: Optional[float], error: Unavailable) -> None:
        """Waits for a new connection before the retry of an UNAVAILABLE call.

        Raises ``DeadlineExceeded`` when no time is left for a retry, and
        ``Unavailable`` when no connection comes within the wait (gRPC fails
        calls at once while it backs off between connection attempts, so an
        immediate retry would fail the same way).
        """
        left = _left(deadline)
        if left is not None and left <= 0:
            raise DeadlineExceeded(
                "the deadline passed before the retry of an UNAVAILABLE call"
            ) from error
        wait = self._retry_connect_timeout if left is None else min(left, self._retry_connect_timeout)
        ready = grpc.channel_ready_future(self._channel)
        try:
            ready.result(timeout=wait)
        except grpc.FutureTimeoutError:
            raise Unavailable(
                f"{error.message} (no new connection within {wait:.3g} s for a retry)",
                field=error.field,
            ) from error
        finally:
            ready.cancel()


class _ReplayableRequests:
    """The caller's requests, readable again by a retry.

    Each attempt of a stream gets its own iterator from :meth:`attempt`: the
    requests read by earlier attempts first, then the rest of the caller's
    iterable. gRPC reads it on a thread of its own, hence the lock; an
    iterator of a superseded attempt stops reading. Once the stream has
    answered, no retry can happen and nothing more is recorded.
    """

    def __init__(self, items: Iterable[StreamItem]) -> None:
        self._items = iter(items)
        self._lock = threading.Lock()
        self._sent: Optional[list[attribution_pb2.ExtractStreamRequest]] = []
        self._attempt = 0
        self.error: Optional[BaseException] = None

    def attempt(self) -> Iterator[attribution_pb2.ExtractStreamRequest]:
        with self._lock:
            self._attempt += 1
            replay = list(self._sent or ())
            return self._read(self._attempt, replay)

    def stop_recording(self) -> None:
        with self._lock:
            self._sent = None

    def _read(
        self, attempt: int, replay: list[attribution_pb2.ExtractStreamRequest]
    ) -> Iterator[attribution_pb2.ExtractStreamRequest]:
        yield from replay
        while True:
            with self._lock:
                if attempt != self._attempt:
                    return
                try:
                    item = next(self._items)
                except StopIteration:
                    return
                try:
                    request = stream_request(item)
                except Exception as error:
                    # Raised again on the caller's thread; gRPC cancels the call.
                    self.error = error
                    raise
                if self._sent is not None:
                    self._sent.append(request)
            yield request


def stream_request(item: StreamItem) -> attribution_pb2.ExtractStreamRequest:
    """One item of :meth:`Client.extract_stream` as the message sent."""
    if isinstance(item, attribution_pb2.ExtractStreamRequest):
        return item
    if isinstance(item, attribution_pb2.ExtractRequest):
        return attribution_pb2.ExtractStreamRequest(request=item)
    if isinstance(item, str):
        return attribution_pb2.ExtractStreamRequest(
            request=attribution_pb2.ExtractRequest(text=item)
        )
    if isinstance(item, Mapping):
        fields = dict(item)
        direct_only = fields.pop("direct_only", None)
        request = attribution_pb2.ExtractRequest(**fields)
        if direct_only is not None:
            request.options.direct_only = bool(direct_only)
        return attribution_pb2.ExtractStreamRequest(request=request)
    raise TypeError(
        "extract_stream takes str, ExtractRequest, ExtractStreamRequest or dict items, "
        f"not {type(item).__name__}"
    )


def _channel_credentials(tls: TLS) -> Optional[grpc.ChannelCredentials]:
    if tls is None or tls is False:
        return None
    if tls is True:
        return grpc.ssl_channel_credentials()
    config = _tls_config(tls)
    if (config.certificate_chain is None) != (config.private_key is None):
        raise ValueError("mutual TLS needs both certificate_chain and private_key")
    return grpc.ssl_channel_credentials(
        root_certificates=config.root_certificates,
        private_key=config.private_key,
        certificate_chain=config.certificate_chain,
    )


def _tls_config(tls: Union[TLSConfig, Mapping[str, Any]]) -> TLSConfig:
    if isinstance(tls, TLSConfig):
        return tls
    if isinstance(tls, Mapping):
        return TLSConfig(**tls)
    raise TypeError(f"tls must be None, True, a TLSConfig or a dict, not {type(tls).__name__}")


def _deadline(timeout: Optional[float]) -> Optional[float]:
    return None if timeout is None else time.monotonic() + timeout


def _left(deadline: Optional[float]) -> Optional[float]:
    return None if deadline is None else max(0.0, deadline - time.monotonic())
