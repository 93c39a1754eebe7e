"""attributor_client against a real attributor server (see conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import grpc
import pytest

import attributor_client as ac
from attributor_client import Client

# A short made-up article.
ARTICLE = """PORT ELLIS (Harbour Wire) - The town council approved a new sea wall after a winter of flooding.

"We cannot wait for another storm to tell us what we already know," Mayor Ana Ortiz said at the meeting.

Ortiz said the work would start in March.

"The harbour is our livelihood," Tomas Reyes, head of the Port Ellis Fishermen's Association, said on Tuesday.
"""

SHORT = '"We will rebuild the harbour," Mayor Ana Ortiz said on Tuesday.'


def seed_article() -> Optional[Path]:
    """The seed article beside the project (never copied into it), if present."""
    if os.environ.get("ATTRIBUTOR_SEED_ARTICLE"):
        return Path(os.environ["ATTRIBUTOR_SEED_ARTICLE"])
    repo = Path(__file__).resolve().parents[3]
    for parent in [repo, *repo.parents]:
        candidate = parent / "shared" / "data" / "seed-article.txt"
        if candidate.is_file():
            return candidate
    return None


def assert_spans_index_text(text: str, response: ac.ExtractResponse) -> None:
    encoded = text.encode("utf-8")
    for statement in response.statements:
        span = statement.quote.span
        # Code-point offsets index a Python str; byte offsets its UTF-8.
        assert text[span.start : span.end] == statement.quote.text
        assert encoded[span.byte_start : span.byte_end].decode("utf-8") == statement.quote.text


# -- Extract --------------------------------------------------------------


def test_extract_short_article(client: Client) -> None:
    response = client.extract(ARTICLE, published="2026-01-28", document_id="harbour-1", timeout=30)
    assert isinstance(response, ac.ExtractResponse)
    assert response.document_id == "harbour-1"
    assert response.published == "2026-01-28"
    assert response.engine_version
    assert_spans_index_text(ARTICLE, response)

    direct = [s for s in response.statements if s.quote.kind == ac.StatementKind.Value("STATEMENT_KIND_DIRECT")]
    by_speaker = {s.speaker.name: s for s in direct}
    ortiz = by_speaker["Ana Ortiz"]
    assert ortiz.quote.text.startswith("We cannot wait for another storm")
    assert ortiz.role == "Mayor"
    assert ortiz.verb.lemma == "say"
    reyes = by_speaker["Tomas Reyes"]
    assert reyes.quote.text.startswith("The harbour is our livelihood")
    assert reyes.timestamp.date == "2026-01-27"  # the Tuesday before the 28th
    assert {"Ana Ortiz", "Tomas Reyes"} <= {s.name for s in response.speakers}


def test_extract_direct_only(client: Client) -> None:
    everything = client.extract(ARTICLE, published="2026-01-28")
    direct = client.extract(ARTICLE, published="2026-01-28", direct_only=True)
    assert 0 < len(direct.statements) < len(everything.statements)
    kinds = {ac.StatementKind.Name(s.quote.kind) for s in direct.statements}
    assert kinds <= {"STATEMENT_KIND_DIRECT", "STATEMENT_KIND_MIXED"}


def test_extract_request_message(client: Client) -> None:
    request = ac.ExtractRequest(document_id="m-1", text=SHORT, published="2026-01-28")
    response = client.extract_request(request, timeout=30)
    assert response.document_id == "m-1"
    assert [s.speaker.name for s in response.statements] == ["Ana Ortiz"]


def test_extract_seed_article(client: Client) -> None:
    path = seed_article()
    if path is None:
        pytest.skip("the seed article (shared/data/seed-article.txt) is not beside the project")
    text = path.read_text(encoding="utf-8")
    response = client.extract(text, document_id="seed", timeout=60)
    assert response.document_id == "seed"
    assert response.statements
    assert response.speakers
    assert_spans_index_text(text, response)


def test_health(client: Client) -> None:
    assert client.health() == ac.ServingStatus.SERVING
    assert client.health("attribution.v1.AttributionService") is ac.ServingStatus.SERVING


# -- errors ---------------------------------------------------------------


def test_empty_text_is_invalid_argument_naming_text(client: Client) -> None:
    with pytest.raises(ac.InvalidArgument) as raised:
        client.extract("", document_id="empty")
    error = raised.value
    assert isinstance(error, ac.AttributorError)
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.field == "text"
    assert "`text`" in error.message
    assert "text" in str(error)


def test_bad_date_is_invalid_argument_naming_published(client: Client) -> None:
    with pytest.raises(ac.InvalidArgument) as raised:
        client.extract(SHORT, published="next Tuesday-ish")
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert raised.value.field == "published"
    assert "2026-01-28" in raised.value.message  # the message names the accepted formats


def test_oversize_request_is_resource_exhausted(
    attributor_bin: str, start_server: Any
) -> None:
    server = start_server(attributor_bin, "--max-message-size", "1KiB")
    with Client(server.addr) as client:
        with pytest.raises(ac.ResourceExhausted) as raised:
            client.extract("word " * 1000, timeout=30)
    assert raised.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert raised.value.field is None


# -- tokens ---------------------------------------------------------------


def test_token_required(token_server: tuple[str, str]) -> None:
    addr, token = token_server
    with Client(addr) as client:
        with pytest.raises(ac.Unauthenticated) as raised:
            client.extract(SHORT)
        assert raised.value.code == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(ac.Unauthenticated):
            list(client.extract_stream([SHORT]))
        # Health stays open for probes.
        assert client.health() == ac.ServingStatus.SERVING
    with Client(addr, token="not-" + token) as client:
        with pytest.raises(ac.Unauthenticated):
            client.extract(SHORT)


def test_right_token_works(token_server: tuple[str, str]) -> None:
    addr, token = token_server
    with Client(addr, token=token) as client:
        assert client.extract(SHORT, document_id="t").document_id == "t"
        responses = list(client.extract_stream([{"document_id": "t1", "text": SHORT}]))
        assert [r.document_id for r in responses] == ["t1"]
        assert client.health() == ac.ServingStatus.SERVING
        assert token not in repr(client)


# -- ExtractStream --------------------------------------------------------


def test_stream_in_order_with_ids(client: Client) -> None:
    docs = [
        ac.ExtractRequest(document_id="d1", text=SHORT, published="2026-01-28"),
        {"document_id": "d2", "text": ARTICLE, "published": "2026-01-28", "direct_only": True},
        {"document_id": "d3", "text": ""},  # answered in-band, the stream goes on
        ac.ExtractStreamRequest(request=ac.ExtractRequest(document_id="d4", text=SHORT)),
        SHORT,  # text alone: no document id
        {"document_id": "d6", "text": SHORT, "published": "not a date"},
    ]
    responses = list(client.extract_stream(docs, timeout=60))
    assert [r.document_id for r in responses] == ["d1", "d2", "d3", "d4", "", "d6"]
    assert [r.WhichOneof("result") for r in responses] == [
        "response", "response", "error", "response", "response", "error",
    ]
    assert responses[0].response.published == "2026-01-28"
    assert responses[0].response.statements[0].speaker.name == "Ana Ortiz"
    assert all(
        s.quote.kind == ac.StatementKind.Value("STATEMENT_KIND_DIRECT")
        for s in responses[1].response.statements
    )
    empty = ac.AttributorError.from_extract_error(responses[2].error)
    assert isinstance(empty, ac.InvalidArgument)
    assert (empty.code, empty.field) == (grpc.StatusCode.INVALID_ARGUMENT, "text")
    assert ac.AttributorError.from_extract_error(responses[5].error).field == "published"


def test_stream_of_many_from_a_generator(client: Client) -> None:
    def documents() -> Iterator[dict[str, str]]:
        for i in range(50):
            yield {"document_id": f"g{i}", "text": SHORT}

    ids = [r.document_id for r in client.extract_stream(documents(), timeout=60)]
    assert ids == [f"g{i}" for i in range(50)]


def test_stream_stopped_early(client: Client) -> None:
    stream = client.extract_stream(({"document_id": f"e{i}", "text": SHORT} for i in range(1000)))
    first = next(stream)
    assert first.document_id == "e0"
    stream.close()  # cancels the call
    assert client.extract(SHORT).statements  # the client is still usable


def test_stream_bad_item_raises_on_the_callers_thread(client: Client) -> None:
    with pytest.raises(ValueError, match="no_such_field"):
        list(client.extract_stream([{"text": SHORT, "no_such_field": 1}]))
    with pytest.raises(TypeError):
        list(client.extract_stream([42]))  # type: ignore[list-item]


# -- deadlines ------------------------------------------------------------


def test_client_deadline_is_deadline_exceeded(black_hole: str) -> None:
    # A server that never answers: the call ends at its deadline, not later,
    # and DEADLINE_EXCEEDED is not retried.
    with Client(black_hole) as client:
        started = time.monotonic()
        with pytest.raises(ac.DeadlineExceeded) as raised:
            client.extract(SHORT, timeout=0.5)
        assert raised.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
        assert time.monotonic() - started < 3
        with pytest.raises(ac.DeadlineExceeded):
            list(client.extract_stream([SHORT], timeout=0.5))


def test_server_request_timeout_is_deadline_exceeded(
    attributor_bin: str, start_server: Any
) -> None:
    # --request-timeout 0s: every extraction is past its deadline at once.
    server = start_server(attributor_bin, "--request-timeout", "0s")
    with Client(server.addr) as client:
        with pytest.raises(ac.DeadlineExceeded) as raised:
            client.extract(SHORT, timeout=30)
        assert "deadline" in raised.value.message
        # In a stream a passed deadline ends the call (not in-band).
        with pytest.raises(ac.DeadlineExceeded):
            list(client.extract_stream([{"document_id": "late", "text": SHORT}], timeout=30))


# -- UNAVAILABLE and the retry --------------------------------------------


def test_extract_retried_once_through_a_dropped_connection(
    token_server: tuple[str, str], drop_first_proxy: Any
) -> None:
    # Through the token server: the retry must keep the token.
    addr, token = token_server
    proxy = drop_first_proxy(addr, drop=1)
    with Client(proxy.addr, token=token) as client:
        response = client.extract(SHORT, document_id="retried", timeout=20)
    assert response.document_id == "retried"
    assert proxy.connections == 2


def test_stream_retried_before_its_first_answer(
    server_addr: str, drop_first_proxy: Any
) -> None:
    proxy = drop_first_proxy(server_addr, drop=1)

    def documents() -> Iterator[ac.ExtractRequest]:
        for i in range(5):
            yield ac.ExtractRequest(document_id=f"r{i}", text=SHORT)

    with Client(proxy.addr) as client:
        ids = [r.document_id for r in client.extract_stream(documents(), timeout=20)]
    assert ids == [f"r{i}" for i in range(5)]
    assert proxy.connections == 2


def test_retry_keeps_token_and_remaining_deadline(flaky_server: Any) -> None:
    # A stand-in server (grpcio, in the test) answers the first call
    # UNAVAILABLE after 0.5 s: the retry has 0.5 s less.
    flaky = flaky_server(failures=1, fail_after=0.5)
    with Client(flaky.addr, token="s3cret") as client:
        response = client.extract(SHORT, document_id="again", timeout=10)
    assert response.document_id == "again"
    assert len(flaky.calls) == 2
    first, second = flaky.calls
    assert first.authorization == second.authorization == "Bearer s3cret"
    assert first.time_remaining is not None and second.time_remaining is not None
    assert second.time_remaining < first.time_remaining - 0.4


def test_retried_only_once(flaky_server: Any) -> None:
    flaky = flaky_server(failures=5)
    with Client(flaky.addr) as client:
        with pytest.raises(ac.Unavailable) as raised:
            client.extract(SHORT, timeout=10)
        assert raised.value.code == grpc.StatusCode.UNAVAILABLE
        assert raised.value.message == "flaky"
    assert len(flaky.calls) == 2


def test_no_retry_for_other_codes(flaky_server: Any) -> None:
    flaky = flaky_server(failures=5, code=grpc.StatusCode.INTERNAL)
    with Client(flaky.addr) as client:
        with pytest.raises(ac.Internal):
            client.extract(SHORT)
    assert len(flaky.calls) == 1


def test_stream_retry_sends_the_documents_again(flaky_server: Any) -> None:
    # The stand-in reads every document, then answers UNAVAILABLE: the retry
    # must send the documents the first attempt had already taken.
    flaky = flaky_server(failures=1)

    def documents() -> Iterator[str]:
        for i in range(4):
            yield f"text {i}"

    with Client(flaky.addr, token="s3cret") as client:
        texts = [r.response.document_id for r in client.extract_stream(documents(), timeout=10)]
    assert texts == ["text 0", "text 1", "text 2", "text 3"]
    assert [c.texts for c in flaky.calls] == [texts, texts]
    assert {c.authorization for c in flaky.calls} == {"Bearer s3cret"}


def test_stream_not_retried_after_an_answer(flaky_server: Any) -> None:
    flaky = flaky_server(failures=5, answer_before_failing=True)
    with Client(flaky.addr) as client:
        stream = client.extract_stream(["a", "b"], timeout=10)
        assert next(stream).response.document_id == "a"
        with pytest.raises(ac.Unavailable):
            next(stream)
    assert len(flaky.calls) == 1


def test_retry_waits_no_longer_than_the_deadline(dead_addr: str) -> None:
    with Client(dead_addr) as client:
        started = time.monotonic()
        with pytest.raises(ac.Unavailable):
            client.extract(SHORT, timeout=0.5)
        assert time.monotonic() - started < 2.5
        started = time.monotonic()
        with pytest.raises(ac.Unavailable):
            list(client.extract_stream([SHORT], timeout=0.5))
        assert time.monotonic() - started < 2.5


def test_retry_without_deadline_is_bounded(dead_addr: str) -> None:
    with Client(dead_addr, retry_connect_timeout=0.3) as client:
        started = time.monotonic()
        with pytest.raises(ac.Unavailable) as raised:
            client.extract(SHORT)
        assert time.monotonic() - started < 2.5
        assert "retry" in raised.value.message


def test_server_not_yet_up(attributor_bin: str, start_server: Any, unused_port: int) -> None:
    # The first attempt finds nothing listening; the server comes up while
    # the retry waits for a new connection.
    port = unused_port
    starter = threading.Timer(0.3, lambda: start_server(attributor_bin, port=port, wait=False))
    starter.start()
    try:
        with Client(f"127.0.0.1:{port}") as client:
            response = client.extract(SHORT, document_id="late-server", timeout=15)
        assert response.document_id == "late-server"
    finally:
        starter.join()


# -- TLS ------------------------------------------------------------------


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    d = tmp_path_factory.mktemp("tls")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=attributor test CA", "-keyout", "ca.key", "-out", "ca.pem", cwd=d)
    for name, extensions in [
        ("server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth"),
        ("client", "extendedKeyUsage=clientAuth"),
    ]:
        (d / f"{name}.ext").write_text(extensions + "\n")
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}",
                 "-keyout", f"{name}.key", "-out", f"{name}.csr", cwd=d)
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                 "-CAcreateserial", "-days", "2", "-extfile", f"{name}.ext", "-out", f"{name}.pem", cwd=d)
    return d


def test_mutual_tls(attributor_bin: str, start_server: Any, certificates: Path) -> None:
    d = certificates
    tls = ac.TLSConfig(
        root_certificates=(d / "ca.pem").read_bytes(),
        certificate_chain=(d / "client.pem").read_bytes(),
        private_key=(d / "client.key").read_bytes(),
    )
    server = start_server(
        attributor_bin,
        "--tls-cert", str(d / "server.pem"),
        "--tls-key", str(d / "server.key"),
        "--tls-client-ca", str(d / "ca.pem"),
        tls=tls,
    )
    with Client(server.addr, tls=tls) as client:
        assert client.health() == ac.ServingStatus.SERVING
        assert client.extract(SHORT, document_id="tls", timeout=20).document_id == "tls"
    as_dict = {"root_certificates": tls.root_certificates,
               "certificate_chain": tls.certificate_chain, "private_key": tls.private_key}
    with Client(server.addr, tls=as_dict) as client:
        assert client.extract(SHORT, timeout=20).statements
    # Without a client certificate the handshake is refused.
    with Client(server.addr, tls={"root_certificates": tls.root_certificates},
                retry_connect_timeout=0.5) as client:
        with pytest.raises(ac.Unavailable):
            client.extract(SHORT, timeout=10)
    # A plaintext client cannot talk to a TLS server.
    with Client(server.addr, retry_connect_timeout=0.5) as client:
        with pytest.raises(ac.AttributorError):
            client.extract(SHORT, timeout=10)


def test_tls_config_checked() -> None:
    with pytest.raises(ValueError, match="both"):
        Client("127.0.0.1:1", tls=ac.TLSConfig(certificate_chain=b"x"))
    with pytest.raises(TypeError):
        Client("127.0.0.1:1", tls={"no_such_option": b""})
