"""Python client for attributor (``attribution.v1.AttributionService``).

>>> from attributor_client import Client
>>> with Client("127.0.0.1:50051") as client:          # doctest: +SKIP
...     response = client.extract('"We will rebuild," Mayor Ana Ortiz said.')
...     for statement in response.statements:
...         print(statement.speaker.name, statement.quote.text)

The generated message classes are re-exported (``ExtractRequest``,
``ExtractResponse``, ...); the whole generated module is ``attributor_client.pb``.
"""

from ._client import (
    DEFAULT_MAX_MESSAGE_SIZE,
    DEFAULT_RETRY_CONNECT_TIMEOUT,
    Client,
    ServingStatus,
    StreamItem,
    TLSConfig,
)
from ._errors import (
    AttributorError,
    Cancelled,
    DeadlineExceeded,
    Internal,
    InvalidArgument,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
    Unavailable,
)
from ._proto import attribution_pb2 as pb
from ._proto.attribution_pb2 import (
    ExtractError,
    ExtractOptions,
    ExtractRequest,
    ExtractResponse,
    ExtractStreamRequest,
    ExtractStreamResponse,
    Quote,
    Span,
    Speaker,
    SpeakerRef,
    SpeakerType,
    Statement,
    StatementKind,
    Timestamp,
    Verb,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MAX_MESSAGE_SIZE",
    "DEFAULT_RETRY_CONNECT_TIMEOUT",
    "AttributorError",
    "Cancelled",
    "Client",
    "DeadlineExceeded",
    "ExtractError",
    "ExtractOptions",
    "ExtractRequest",
    "ExtractResponse",
    "ExtractStreamRequest",
    "ExtractStreamResponse",
    "Internal",
    "InvalidArgument",
    "PermissionDenied",
    "Quote",
    "ResourceExhausted",
    "ServingStatus",
    "Span",
    "Speaker",
    "SpeakerRef",
    "SpeakerType",
    "Statement",
    "StatementKind",
    "StreamItem",
    "TLSConfig",
    "Timestamp",
    "Unauthenticated",
    "Unavailable",
    "Verb",
    "pb",
]
