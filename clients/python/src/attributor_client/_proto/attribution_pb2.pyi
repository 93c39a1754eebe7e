from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StatementKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STATEMENT_KIND_UNSPECIFIED: _ClassVar[StatementKind]
    STATEMENT_KIND_DIRECT: _ClassVar[StatementKind]
    STATEMENT_KIND_INDIRECT: _ClassVar[StatementKind]
    STATEMENT_KIND_MIXED: _ClassVar[StatementKind]

class SpeakerType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SPEAKER_TYPE_UNSPECIFIED: _ClassVar[SpeakerType]
    SPEAKER_TYPE_PERSON: _ClassVar[SpeakerType]
    SPEAKER_TYPE_ORGANIZATION: _ClassVar[SpeakerType]
    SPEAKER_TYPE_GROUP: _ClassVar[SpeakerType]
    SPEAKER_TYPE_UNRESOLVED: _ClassVar[SpeakerType]
STATEMENT_KIND_UNSPECIFIED: StatementKind
STATEMENT_KIND_DIRECT: StatementKind
STATEMENT_KIND_INDIRECT: StatementKind
STATEMENT_KIND_MIXED: StatementKind
SPEAKER_TYPE_UNSPECIFIED: SpeakerType
SPEAKER_TYPE_PERSON: SpeakerType
SPEAKER_TYPE_ORGANIZATION: SpeakerType
SPEAKER_TYPE_GROUP: SpeakerType
SPEAKER_TYPE_UNRESOLVED: SpeakerType

class ExtractRequest(_message.Message):
    __slots__ = ("document_id", "text", "published", "options")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    text: str
    published: str
    options: ExtractOptions
    def __init__(self, document_id: _Optional[str] = ..., text: _Optional[str] = ..., published: _Optional[str] = ..., options: _Optional[_Union[ExtractOptions, _Mapping]] = ...) -> None: ...

class ExtractOptions(_message.Message):
    __slots__ = ("direct_only",)
    DIRECT_ONLY_FIELD_NUMBER: _ClassVar[int]
    direct_only: bool
    def __init__(self, direct_only: _Optional[bool] = ...) -> None: ...

class ExtractResponse(_message.Message):
    __slots__ = ("document_id", "published", "statements", "speakers", "engine_version")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    STATEMENTS_FIELD_NUMBER: _ClassVar[int]
    SPEAKERS_FIELD_NUMBER: _ClassVar[int]
    ENGINE_VERSION_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    published: str
    statements: _containers.RepeatedCompositeFieldContainer[Statement]
    speakers: _containers.RepeatedCompositeFieldContainer[Speaker]
    engine_version: str
    def __init__(self, document_id: _Optional[str] = ..., published: _Optional[str] = ..., statements: _Optional[_Iterable[_Union[Statement, _Mapping]]] = ..., speakers: _Optional[_Iterable[_Union[Speaker, _Mapping]]] = ..., engine_version: _Optional[str] = ...) -> None: ...

class ExtractStreamRequest(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: ExtractRequest
    def __init__(self, request: _Optional[_Union[ExtractRequest, _Mapping]] = ...) -> None: ...

class ExtractStreamResponse(_message.Message):
    __slots__ = ("document_id", "response", "error")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    response: ExtractResponse
    error: ExtractError
    def __init__(self, document_id: _Optional[str] = ..., response: _Optional[_Union[ExtractResponse, _Mapping]] = ..., error: _Optional[_Union[ExtractError, _Mapping]] = ...) -> None: ...

class ExtractError(_message.Message):
    __slots__ = ("code", "message", "field")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    field: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ..., field: _Optional[str] = ...) -> None: ...

class Span(_message.Message):
    __slots__ = ("start", "end", "byte_start", "byte_end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    BYTE_START_FIELD_NUMBER: _ClassVar[int]
    BYTE_END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    byte_start: int
    byte_end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ..., byte_start: _Optional[int] = ..., byte_end: _Optional[int] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("text", "span", "kind")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    text: str
    span: Span
    kind: StatementKind
    def __init__(self, text: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., kind: _Optional[_Union[StatementKind, str]] = ...) -> None: ...

class SpeakerRef(_message.Message):
    __slots__ = ("name", "mention", "span", "id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MENTION_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    mention: str
    span: Span
    id: str
    def __init__(self, name: _Optional[str] = ..., mention: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., id: _Optional[str] = ...) -> None: ...

class Verb(_message.Message):
    __slots__ = ("text", "lemma", "span")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LEMMA_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    text: str
    lemma: str
    span: Span
    def __init__(self, text: _Optional[str] = ..., lemma: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ...) -> None: ...

class Timestamp(_message.Message):
    __slots__ = ("text", "date", "span")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    text: str
    date: str
    span: Span
    def __init__(self, text: _Optional[str] = ..., date: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ...) -> None: ...

class Statement(_message.Message):
    __slots__ = ("quote", "speaker", "role", "verb", "timestamp", "confidence")
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    VERB_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    quote: Quote
    speaker: SpeakerRef
    role: str
    verb: Verb
    timestamp: Timestamp
    confidence: float
    def __init__(self, quote: _Optional[_Union[Quote, _Mapping]] = ..., speaker: _Optional[_Union[SpeakerRef, _Mapping]] = ..., role: _Optional[str] = ..., verb: _Optional[_Union[Verb, _Mapping]] = ..., timestamp: _Optional[_Union[Timestamp, _Mapping]] = ..., confidence: _Optional[float] = ...) -> None: ...

class Speaker(_message.Message):
    __slots__ = ("id", "name", "type", "roles", "mentions", "statement_count")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    type: SpeakerType
    roles: _containers.RepeatedScalarFieldContainer[str]
    mentions: _containers.RepeatedCompositeFieldContainer[Span]
    statement_count: int
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[_Union[SpeakerType, str]] = ..., roles: _Optional[_Iterable[str]] = ..., mentions: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., statement_count: _Optional[int] = ...) -> None: ...
