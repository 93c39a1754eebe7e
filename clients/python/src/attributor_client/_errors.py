"""Exceptions raised by the client, one class per gRPC status code of note."""

from __future__ import annotations

from typing import Optional

import grpc
from google.protobuf.message import DecodeError
from google.rpc import error_details_pb2, status_pb2

from ._proto import attribution_pb2

# The trailer in which the server sends a google.rpc.Status with details.
_STATUS_DETAILS_KEY = "grpc-status-details-bin"


class AttributorError(Exception):
    """A call failed.

    ``code`` is the gRPC status code (``grpc.StatusCode``), ``message`` the
    server's (or the gRPC library's) message, and ``field`` the request field
    at fault (``"text"``, ``"published"``) when the server named one in a
    ``google.rpc.BadRequest`` field violation, else ``None``.
    """

    code: grpc.StatusCode = grpc.StatusCode.UNKNOWN

    def __init__(
        self,
        message: str,
        *,
        code: Optional[grpc.StatusCode] = None,
        field: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        name = self.code.name if isinstance(self.code, grpc.StatusCode) else str(self.code)
        if self.field:
            return f"{name} ({self.field}): {self.message}"
        return f"{name}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code}, message={self.message!r}, "
            f"field={self.field!r})"
        )

    @classmethod
    def from_extract_error(
        cls, error: attribution_pb2.ExtractError
    ) -> AttributorError:
        """The exception for an in-band error of one ``ExtractStream`` document."""
        code = _CODES_BY_NUMBER.get(error.code, grpc.StatusCode.UNKNOWN)
        return error_for(code, error.message, error.field or None)


class InvalidArgument(AttributorError):
    """The request is bad: empty ``text``, unparsable ``published``; see ``field``."""

    code = grpc.StatusCode.INVALID_ARGUMENT


class Unauthenticated(AttributorError):
    """A bearer token is missing or not accepted by the server."""

    code = grpc.StatusCode.UNAUTHENTICATED


class PermissionDenied(AttributorError):
    """The caller may not make this call."""

    code = grpc.StatusCode.PERMISSION_DENIED


class Unavailable(AttributorError):
    """The server could not be reached, or the connection was lost (after one retry)."""

    code = grpc.StatusCode.UNAVAILABLE


class DeadlineExceeded(AttributorError):
    """The call's deadline (``timeout=``) or the server's request timeout passed."""

    code = grpc.StatusCode.DEADLINE_EXCEEDED


class ResourceExhausted(AttributorError):
    """The request is above the server's size limit, or the server is overloaded."""

    code = grpc.StatusCode.RESOURCE_EXHAUSTED


class Cancelled(AttributorError):
    """The call was cancelled."""

    code = grpc.StatusCode.CANCELLED


class Internal(AttributorError):
    """The server failed on this document."""

    code = grpc.StatusCode.INTERNAL


_CLASSES: dict[grpc.StatusCode, type[AttributorError]] = {
    cls.code: cls
    for cls in (
        InvalidArgument,
        Unauthenticated,
        PermissionDenied,
        Unavailable,
        DeadlineExceeded,
        ResourceExhausted,
        Cancelled,
        Internal,
    )
}

_CODES_BY_NUMBER: dict[int, grpc.StatusCode] = {
    status.value[0]: status for status in grpc.StatusCode
}


def error_for(
    code: grpc.StatusCode, message: str, field: Optional[str] = None
) -> AttributorError:
    """The exception of the right class for ``code``."""
    cls = _CLASSES.get(code, AttributorError)
    return cls(message, code=code, field=field)


def from_rpc_error(error: grpc.RpcError) -> AttributorError:
    """Converts a ``grpc.RpcError`` (which is also a ``grpc.Call``)."""
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    message = error.details() if hasattr(error, "details") else str(error)
    trailers = error.trailing_metadata() if hasattr(error, "trailing_metadata") else None
    return error_for(code or grpc.StatusCode.UNKNOWN, message or "", _blamed_field(trailers))


def _blamed_field(trailers: object) -> Optional[str]:
    """The field of the first BadRequest violation in the status details."""
    for key, value in trailers or ():  # type: ignore[attr-defined]
        if key != _STATUS_DETAILS_KEY or not isinstance(value, bytes):
            continue
        try:
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    bad_request = error_details_pb2.BadRequest()
                    detail.Unpack(bad_request)
                    for violation in bad_request.field_violations:
                        return str(violation.field)
        except DecodeError:
            return None
    return None
