//! JSON over HTTP, gRPC-Web and the page, against the real server on
//! 127.0.0.1:0 over a real socket, with a plain HTTP client (hyper) speaking
//! HTTP/1.1 or HTTP/2 with prior knowledge (h2c).

mod common;

use attributor::auth::BearerTokens;
use attributor::convert::write_json_line;
use attributor::proto::{ExtractRequest, ExtractResponse};
use attributor::server::ServerConfig;
use attributor::service::ServiceConfig;
use bytes::{Buf, Bytes};
use common::{ARTICLE, Gate, PATIENCE, TestServer, gated_server};
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use prost::Message;
use serde_json::{Value, json};

/// An HTTP answer, read whole.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {:?}", self.text()))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
            .to_str()
            .unwrap()
    }

    /// Checks a `google.rpc.Status` error body and returns it.
    fn error(&self, http: u16, code: i32, name: &str) -> Value {
        assert_eq!(self.status.as_u16(), http, "{}", self.text());
        assert_eq!(self.header("content-type"), "application/json");
        let body = self.json();
        assert_eq!(body["code"], code, "{body}");
        assert_eq!(body["status"], name, "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
        body
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Version {
    Http1,
    H2c,
}

fn client(version: Version) -> Client<HttpConnector, Full<Bytes>> {
    Client::builder(TokioExecutor::new())
        .http2_only(version == Version::H2c)
        .build_http()
}

async fn send(version: Version, request: Request<Full<Bytes>>) -> Answer {
    let response = tokio::time::timeout(PATIENCE, client(version).request(request))
        .await
        .expect("answered in time")
        .expect("HTTP exchange");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body,
    }
}

async fn call(
    server: &TestServer,
    version: Version,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(format!("{}{path}", server.url()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(version, request.body(Full::new(body.into())).unwrap()).await
}

async fn post_json(server: &TestServer, path: &str, body: impl Into<Bytes>) -> Answer {
    call(server, Version::Http1, Method::POST, path, &[], body).await
}

fn json_line(response: &ExtractResponse) -> Vec<u8> {
    let mut line = Vec::new();
    write_json_line(&mut line, response).unwrap();
    line
}

#[tokio::test]
async fn extract_answers_what_grpc_answers_over_http1_and_h2c() {
    let server = TestServer::start_default().await;
    let grpc = server
        .client()
        .await
        .extract(ARTICLE)
        .document_id("a-1")
        .published("2026-01-28")
        .await
        .expect("gRPC extract");
    assert!(grpc.statements.len() >= 3);
    let request = json!({"documentId": "a-1", "text": ARTICLE, "published": "2026-01-28"});
    for version in [Version::Http1, Version::H2c] {
        let answer = call(
            &server,
            version,
            Method::POST,
            "/v1/extract",
            &[("content-type", "application/json")],
            request.to_string(),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
        assert_eq!(answer.header("content-type"), "application/json");
        assert_eq!(
            answer.body,
            json_line(&grpc),
            "byte for byte the gRPC answer"
        );
    }
    // curl -d sends a form content type; the body decides.
    let answer = call(
        &server,
        Version::Http1,
        Method::POST,
        "/v1/extract",
        &[("content-type", "application/x-www-form-urlencoded")],
        request.to_string(),
    )
    .await;
    assert_eq!(answer.body, json_line(&grpc));
}

#[tokio::test]
async fn bad_requests_get_400_with_the_field_or_the_place() {
    let server = TestServer::start_default().await;

    let body = post_json(&server, "/v1/extract", r#"{"text": ""}"#)
        .await
        .error(400, 3, "INVALID_ARGUMENT");
    let detail = &body["details"][0];
    assert_eq!(detail["@type"], "type.googleapis.com/google.rpc.BadRequest");
    assert_eq!(detail["fieldViolations"][0]["field"], "text");

    let body = post_json(
        &server,
        "/v1/extract",
        r#"{"text": "He said so.", "published": "last week"}"#,
    )
    .await
    .error(400, 3, "INVALID_ARGUMENT");
    assert_eq!(
        body["details"][0]["fieldViolations"][0]["field"],
        "published"
    );

    let body = post_json(&server, "/v1/extract", "{\"text\": \"a\",\n  oops}")
        .await
        .error(400, 3, "INVALID_ARGUMENT");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("line 2 column 3"), "{message}");

    for (bad, says) in [
        ("", "empty"),
        ("[1, 2]", "ExtractRequest"),
        (r#"{"txt": "typo"}"#, "txt"),
        ("\u{fffd}\u{0}", "JSON"),
    ] {
        let body = post_json(&server, "/v1/extract", bad)
            .await
            .error(400, 3, "INVALID_ARGUMENT");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(says), "{bad:?}: {message}");
    }
}

#[tokio::test]
async fn a_body_over_the_message_limit_is_413() {
    let config = ServerConfig {
        max_message_size: 1024,
        ..ServerConfig::default()
    };
    let server = TestServer::with_config(config).await;
    let big = json!({"text": "word ".repeat(400)}).to_string();
    for version in [Version::Http1, Version::H2c] {
        let answer = call(
            &server,
            version,
            Method::POST,
            "/v1/extract",
            &[],
            big.clone(),
        )
        .await;
        let body = answer.error(413, 8, "RESOURCE_EXHAUSTED");
        assert!(body["message"].as_str().unwrap().contains("1024"));
    }
    // Below the limit the same server answers.
    let small = json!({"text": "Keller said it was fine."}).to_string();
    assert_eq!(post_json(&server, "/v1/extract", small).await.status, 200);
}

/// Reads one HTTP/1.1 answer with a `content-length`: its head and its body.
async fn read_answer(stream: &mut tokio::net::TcpStream) -> (String, String) {
    use tokio::io::AsyncReadExt;

    let mut bytes = Vec::new();
    let mut chunk = [0; 4096];
    loop {
        if let Some(end) = bytes.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).to_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length: "))
                .expect("a content-length")
                .parse()
                .unwrap();
            if bytes.len() >= end + 4 + length {
                let body = String::from_utf8_lossy(&bytes[end + 4..end + 4 + length]);
                return (head, body.into_owned());
            }
        }
        let read = tokio::time::timeout(PATIENCE, stream.read(&mut chunk))
            .await
            .expect("an answer in time")
            .unwrap();
        assert!(
            read > 0,
            "closed mid-answer: {}",
            String::from_utf8_lossy(&bytes)
        );
        bytes.extend_from_slice(&chunk[..read]);
    }
}

/// An HTTP/1.1 request to `path` with `headers` (lines ending in CRLF) and
/// `body`, its length declared or (with no length) sent in one chunk.
fn http1_request(path: &str, headers: &str, body: &[u8], declared: bool) -> Vec<u8> {
    let mut request = format!("POST {path} HTTP/1.1\r\nHost: localhost\r\n{headers}");
    if declared {
        request += &format!("Content-Length: {}\r\n\r\n", body.len());
    } else {
        request += &format!("Transfer-Encoding: chunked\r\n\r\n{:x}\r\n", body.len());
    }
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);
    if !declared {
        bytes.extend_from_slice(b"\r\n0\r\n\r\n");
    }
    bytes
}

#[tokio::test]
async fn a_client_that_writes_a_refused_body_whole_reads_the_answer_and_keeps_the_connection() {
    use tokio::io::AsyncWriteExt;

    let config = ServerConfig {
        max_message_size: 64 << 10,
        auth_tokens: Some(BearerTokens::parse("s3cret").unwrap()),
        ..ServerConfig::default()
    };
    let server = TestServer::with_config(config).await;
    // Over the limit but under twice it, and more than one read of the
    // server's, so that the body is still arriving when the answer is ready.
    let text = "word ".repeat(20_000);
    let json = json!({"text": text}).to_string();
    let grpc_web = grpc_web_frame(
        0,
        &ExtractRequest {
            text,
            ..Default::default()
        }
        .encode_to_vec(),
    );
    let token = "Authorization: Bearer s3cret\r\n";
    let web = "Content-Type: application/grpc-web+proto\r\n";
    let cases: [(&str, String, &[u8], &str, &str); 5] = [
        (
            "/v1/extract",
            token.into(),
            json.as_bytes(),
            "413",
            "RESOURCE_EXHAUSTED",
        ),
        (
            "/v1/extract",
            String::new(),
            json.as_bytes(),
            "401",
            "UNAUTHENTICATED",
        ),
        (
            "/v1/nothing",
            token.into(),
            json.as_bytes(),
            "404",
            "NOT_FOUND",
        ),
        (
            "/attribution.v1.AttributionService/Extract",
            format!("{token}{web}"),
            &grpc_web,
            "200",
            "grpc-status: 8",
        ),
        (
            "/attribution.v1.AttributionService/Extract",
            web.into(),
            &grpc_web,
            "200",
            "grpc-status: 16",
        ),
    ];
    let small = json!({"text": "Keller said it was fine."}).to_string();
    for (path, headers, body, status, says) in cases {
        for declared in [true, false] {
            // The whole body is written before anything is read, as curl
            // does, and the connection then serves the next request.
            let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
            let request = http1_request(path, &headers, body, declared);
            tokio::time::timeout(PATIENCE, stream.write_all(&request))
                .await
                .expect("the body read in time")
                .unwrap_or_else(|err| panic!("{path} {status}: {err}"));
            let (head, answer) = read_answer(&mut stream).await;
            assert!(head.starts_with(&format!("http/1.1 {status}")), "{head}");
            assert!(
                head.contains(&says.to_lowercase()) || answer.contains(says),
                "{path}: {head}\n{answer}"
            );
            let next = http1_request("/v1/extract", token, small.as_bytes(), true);
            stream
                .write_all(&next)
                .await
                .unwrap_or_else(|err| panic!("after {path} {status}: {err}"));
            let (head, answer) = read_answer(&mut stream).await;
            assert!(head.starts_with("http/1.1 200"), "{head}");
            assert!(answer.contains("Keller"), "{answer}");
        }
    }
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405_with_allow() {
    let server = TestServer::start_default().await;
    let answer = call(&server, Version::Http1, Method::GET, "/v2/nothing", &[], "").await;
    answer.error(404, 5, "NOT_FOUND");
    let answer = call(&server, Version::Http1, Method::GET, "/v1/extract", &[], "").await;
    answer.error(405, 12, "UNIMPLEMENTED");
    assert_eq!(answer.header("allow"), "POST");
    let answer = call(&server, Version::H2c, Method::PUT, "/", &[], "").await;
    answer.error(405, 12, "UNIMPLEMENTED");
    assert!(answer.header("allow").contains("GET"));
}

#[tokio::test]
async fn a_token_protected_server_refuses_http_without_the_token() {
    let config = ServerConfig {
        auth_tokens: Some(BearerTokens::parse("s3cret").unwrap()),
        ..ServerConfig::default()
    };
    let server = TestServer::with_config(config).await;
    let request = json!({"text": ARTICLE}).to_string();
    for headers in [&[][..], &[("authorization", "Bearer wrong")][..]] {
        for path in ["/v1/extract", "/v1/extract:batch"] {
            let answer = call(
                &server,
                Version::Http1,
                Method::POST,
                path,
                headers,
                request.clone(),
            )
            .await;
            answer.error(401, 16, "UNAUTHENTICATED");
            assert_eq!(answer.header("www-authenticate"), "Bearer");
        }
    }
    let answer = call(
        &server,
        Version::Http1,
        Method::POST,
        "/v1/extract",
        &[("authorization", "Bearer s3cret")],
        request,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
}

#[tokio::test]
async fn the_deadline_header_is_honoured_with_504() {
    let gate = Gate::new();
    let server = gated_server(&gate, ServerConfig::default(), ServiceConfig::default()).await;
    let answer = call(
        &server,
        Version::Http1,
        Method::POST,
        "/v1/extract",
        &[("grpc-timeout", "200m")],
        json!({"text": ARTICLE}).to_string(),
    )
    .await;
    gate.open();
    answer.error(504, 4, "DEADLINE_EXCEEDED");
}

#[tokio::test]
async fn an_overloaded_server_answers_503_with_retry_after() {
    let gate = Gate::new();
    let service = ServiceConfig {
        max_concurrent_extractions: 1,
        max_queued_extractions: 0,
        ..ServiceConfig::default()
    };
    let server = gated_server(&gate, ServerConfig::default(), service).await;
    let url = server.url();
    let held = tokio::spawn(async move {
        let request = Request::post(format!("{url}/v1/extract"))
            .body(Full::new(Bytes::from(json!({"text": ARTICLE}).to_string())))
            .unwrap();
        send(Version::Http1, request).await.status
    });
    gate.wait_entered(1).await;
    let answer = post_json(&server, "/v1/extract", json!({"text": ARTICLE}).to_string()).await;
    let body = answer.error(503, 8, "RESOURCE_EXHAUSTED");
    assert_eq!(answer.header("retry-after"), "1");
    assert_eq!(
        body["details"][0]["@type"],
        "type.googleapis.com/google.rpc.RetryInfo"
    );
    gate.open();
    assert_eq!(held.await.unwrap(), StatusCode::OK);
}

#[tokio::test]
async fn a_batch_answers_every_line_in_order_and_bad_lines_in_place() {
    let server = TestServer::start_default().await;
    let grpc = server.client().await;
    let first = grpc.extract(ARTICLE).document_id("one").await.unwrap();
    let last = grpc
        .extract("Keller said the grid was fine.")
        .document_id("four")
        .await
        .unwrap();
    let body = [
        json!({"documentId": "one", "text": ARTICLE}).to_string(),
        "{not json".to_string(),
        String::new(), // blank lines are skipped but counted
        json!({"documentId": "three", "text": ""}).to_string(),
        json!({"documentId": "four", "text": "Keller said the grid was fine."}).to_string(),
    ]
    .join("\n");
    for version in [Version::Http1, Version::H2c] {
        let answer = call(
            &server,
            version,
            Method::POST,
            "/v1/extract:batch",
            &[],
            body.clone(),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.header("content-type"), "application/jsonl");
        let text = answer.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(format!("{}\n", lines[0]).as_bytes(), json_line(&first));
        let bad_json: Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(bad_json["status"], "INVALID_ARGUMENT");
        assert!(bad_json["message"].as_str().unwrap().starts_with("line 2:"));
        let empty: Value = serde_json::from_str(lines[2]).unwrap();
        assert_eq!(empty["code"], 3);
        assert!(empty["message"].as_str().unwrap().starts_with("line 4:"));
        assert_eq!(empty["details"][0]["fieldViolations"][0]["field"], "text");
        assert_eq!(format!("{}\n", lines[3]).as_bytes(), json_line(&last));
    }
}

/// One gRPC-Web frame: flag byte, big-endian length, payload.
fn grpc_web_frame(flag: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![flag];
    frame.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    frame.extend_from_slice(payload);
    frame
}

#[tokio::test]
async fn grpc_web_calls_extract_over_http1() {
    let server = TestServer::start_default().await;
    let grpc = server.client().await.extract(ARTICLE).await.unwrap();
    let request = ExtractRequest {
        text: ARTICLE.into(),
        ..Default::default()
    };
    let answer = call(
        &server,
        Version::Http1,
        Method::POST,
        "/attribution.v1.AttributionService/Extract",
        &[
            ("content-type", "application/grpc-web+proto"),
            ("x-grpc-web", "1"),
        ],
        grpc_web_frame(0, &request.encode_to_vec()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("content-type"), "application/grpc-web+proto");
    let mut body = answer.body.clone();
    let (mut message, mut trailers) = (None, None);
    while body.has_remaining() {
        let flag = body.get_u8();
        let length = body.get_u32() as usize;
        let payload = body.split_to(length);
        match flag {
            0 => message = Some(ExtractResponse::decode(payload).unwrap()),
            0x80 => trailers = Some(String::from_utf8(payload.to_vec()).unwrap()),
            other => panic!("unexpected frame flag {other}"),
        }
    }
    assert_eq!(message.expect("a message frame"), grpc);
    assert!(
        trailers
            .expect("a trailers frame")
            .contains("grpc-status:0")
    );
}

#[tokio::test]
async fn the_page_is_served_with_a_strict_content_security_policy() {
    let server = TestServer::start_default().await;
    for version in [Version::Http1, Version::H2c] {
        let answer = call(&server, version, Method::GET, "/", &[], "").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.header("content-type"), "text/html; charset=utf-8");
        let csp = answer.header("content-security-policy");
        for part in [
            "default-src 'none'",
            "script-src 'sha256-",
            "style-src 'sha256-",
            "connect-src 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{part} missing from {csp}");
        }
        assert!(!csp.contains("unsafe"), "{csp}");
        assert_eq!(answer.header("x-content-type-options"), "nosniff");
        assert!(answer.text().contains("/v1/extract"));
    }
}

#[tokio::test]
async fn cors_is_off_unless_origins_are_named() {
    let preflight = [
        ("origin", "https://app.example"),
        ("access-control-request-method", "POST"),
        (
            "access-control-request-headers",
            "content-type,authorization",
        ),
    ];
    let closed = TestServer::start_default().await;
    let answer = call(
        &closed,
        Version::Http1,
        Method::OPTIONS,
        "/v1/extract",
        &preflight,
        "",
    )
    .await;
    assert!(answer.headers.get("access-control-allow-origin").is_none());

    let config = ServerConfig {
        cors_origins: vec!["https://app.example".parse().unwrap()],
        ..ServerConfig::default()
    };
    let open = TestServer::with_config(config).await;
    let answer = call(
        &open,
        Version::Http1,
        Method::OPTIONS,
        "/v1/extract",
        &preflight,
        "",
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        "https://app.example"
    );
    assert!(
        answer
            .header("access-control-allow-headers")
            .contains("authorization")
    );
    let answer = call(
        &open,
        Version::Http1,
        Method::OPTIONS,
        "/v1/extract",
        &[("origin", "https://elsewhere.example"), preflight[1]],
        "",
    )
    .await;
    assert!(answer.headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn a_stalled_body_is_answered_at_the_deadline() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let server = TestServer::start_default().await;
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let head = "POST /v1/extract HTTP/1.1\r\nHost: localhost\r\ngrpc-timeout: 300m\r\n\
                Content-Length: 1000\r\n\r\n{\"text\": \"only the start";
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0; 4096];
    let read = tokio::time::timeout(PATIENCE, stream.read(&mut answer))
        .await
        .expect("answered before the body ends")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 504"), "{answer}");
    assert!(answer.contains("DEADLINE_EXCEEDED"), "{answer}");
}
