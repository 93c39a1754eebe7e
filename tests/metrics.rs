//! `--metrics-addr`: the Prometheus exporter, scraped over HTTP after real
//! calls through `attributor-client`. The metrics recorder is global to the
//! process, so this file is its own test binary with a single in-process
//! test; the others run the `attributor` binary.

mod common;

use std::net::SocketAddr;

use attributor_client::{Code, ExtractRequest};
use common::{ARTICLE, TestServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_stream::StreamExt;

const EXTRACT: &str = "attribution.v1.AttributionService/Extract";
const EXTRACT_STREAM: &str = "attribution.v1.AttributionService/ExtractStream";

/// A port that was free a moment ago (the exporter binds it itself).
fn free_local_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("local addr")
}

/// GET / over plain HTTP/1.0; returns the body.
async fn scrape(addr: SocketAddr) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect to the metrics endpoint");
    stream
        .write_all(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("an HTTP response");
    assert!(
        head.starts_with("HTTP/1.") && head.contains(" 200"),
        "{head}"
    );
    body.to_string()
}

/// One HTTP/1.1 POST on its own connection; returns the status line and
/// the body (not de-chunked).
async fn post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> (String, Vec<u8>) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP response");
    let status = String::from_utf8_lossy(&response[..split]);
    let status = status.lines().next().unwrap_or_default().to_string();
    (status, response[split + 4..].to_vec())
}

/// The value of the sample `name{labels}` (labels in exporter order, as
/// `a="x",b="y"`; empty for none), or 0 when absent.
fn sample(body: &str, name: &str, labels: &str) -> f64 {
    let key = match labels {
        "" => name.to_string(),
        labels => format!("{name}{{{labels}}}"),
    };
    body.lines()
        .filter_map(|line| line.rsplit_once(' '))
        .find(|(series, _)| *series == key)
        .map_or(0.0, |(_, value)| value.parse().expect("a number"))
}

#[tokio::test]
async fn metrics_count_calls_codes_bytes_and_statements() {
    let metrics_addr = free_local_addr();
    attributor::metrics::install_exporter(metrics_addr).expect("install the exporter");
    let server = TestServer::start_default().await;
    let client = server.client().await;

    let mut statements = 0;
    for id in ["a", "b"] {
        let response = client.extract(ARTICLE).document_id(id).await.unwrap();
        statements += response.statements.len();
    }
    assert!(statements > 0, "the article has statements");
    for bad in ["", " \n"] {
        let status = client.extract(bad).await.unwrap_err();
        assert_eq!(status.code(), Code::InvalidArgument);
    }
    let bad_date = client.extract(ARTICLE).published("not a date").await;
    assert_eq!(bad_date.unwrap_err().code(), Code::InvalidArgument);

    // One stream of two documents: a call whose status comes in trailers.
    let documents = ["s1", "s2"].map(|id| ExtractRequest {
        document_id: id.into(),
        text: ARTICLE.into(),
        ..Default::default()
    });
    let mut responses = client
        .extract_stream(tokio_stream::iter(documents))
        .await
        .unwrap();
    while let Some(item) = responses.next().await {
        let response = item.unwrap();
        if let Some(attributor_client::extract_stream_response::Result::Response(r)) =
            response.result
        {
            statements += r.statements.len();
        }
    }

    // The same service over HTTP/JSON (counted under the route) and
    // gRPC-Web (counted as the gRPC call it becomes).
    let json = serde_json::json!({"text": ARTICLE}).to_string();
    let (status, body) = post(
        server.addr,
        "/v1/extract",
        "application/json",
        json.as_bytes(),
    )
    .await;
    assert!(status.contains(" 200 "), "{status}");
    let answer: serde_json::Value = serde_json::from_slice(&body).unwrap();
    statements += answer["statements"].as_array().unwrap().len();
    let (status, _) = post(
        server.addr,
        "/v1/extract",
        "application/json",
        b"{\"text\": \"\"}",
    )
    .await;
    assert!(status.contains(" 400 "), "{status}");
    let message = prost::Message::encode_to_vec(&ExtractRequest {
        text: ARTICLE.into(),
        ..Default::default()
    });
    let mut frame = vec![0];
    frame.extend_from_slice(&(message.len() as u32).to_be_bytes());
    frame.extend_from_slice(&message);
    let (status, _) = post(
        server.addr,
        &format!("/{EXTRACT}"),
        "application/grpc-web+proto",
        &frame,
    )
    .await;
    assert!(status.contains(" 200 "), "{status}");
    statements += answer["statements"].as_array().unwrap().len();

    let body = scrape(metrics_addr).await;
    let requests = "attributor_requests_total";
    let ok = sample(
        &body,
        requests,
        &format!("method=\"{EXTRACT}\",code=\"OK\""),
    );
    let invalid = sample(
        &body,
        requests,
        &format!("method=\"{EXTRACT}\",code=\"INVALID_ARGUMENT\""),
    );
    let stream_ok = sample(
        &body,
        requests,
        &format!("method=\"{EXTRACT_STREAM}\",code=\"OK\""),
    );
    assert_eq!((ok, invalid, stream_ok), (3.0, 3.0, 1.0), "{body}");
    let http_ok = sample(&body, requests, "method=\"v1/extract\",code=\"OK\"");
    let http_invalid = sample(
        &body,
        requests,
        "method=\"v1/extract\",code=\"INVALID_ARGUMENT\"",
    );
    assert_eq!((http_ok, http_invalid), (1.0, 1.0), "{body}");

    let latency_count = sample(
        &body,
        "attributor_request_duration_seconds_count",
        &format!("method=\"{EXTRACT}\""),
    );
    assert_eq!(latency_count, 6.0, "{body}");
    let in_flight = sample(
        &body,
        "attributor_requests_in_flight",
        &format!("method=\"{EXTRACT}\""),
    );
    assert_eq!(in_flight, 0.0, "{body}");
    assert!(
        body.contains("attributor_request_duration_seconds_bucket{method=\""),
        "a histogram, not a summary: {body}"
    );

    // Six documents were extracted (two unary, two streamed, one over
    // HTTP/JSON, one over gRPC-Web); the four refused ones never reached
    // the engine's output.
    let document_bytes = sample(&body, "attributor_document_bytes_total", "");
    assert_eq!(document_bytes, 6.0 * ARTICLE.len() as f64, "{body}");
    let counted_statements = sample(&body, "attributor_statements_total", "");
    assert_eq!(counted_statements, statements as f64, "{body}");
}

fn attributor() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_attributor"));
    for (key, _) in std::env::vars() {
        if key.starts_with("ATTRIBUTOR_") {
            command.env_remove(key);
        }
    }
    command
}

/// The binary as deployed: `ATTRIBUTOR_METRICS_ADDR` turns the endpoint on.
#[cfg(unix)]
#[tokio::test]
async fn serve_exposes_metrics_on_metrics_addr() {
    let (addr, metrics_addr) = (free_local_addr(), free_local_addr());
    let mut server = attributor()
        .args([
            "serve",
            "--addr",
            &addr.to_string(),
            "--drain-timeout",
            "1s",
        ])
        .env("ATTRIBUTOR_METRICS_ADDR", metrics_addr.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let client = attributor_client::Client::connect_lazy(format!("http://{addr}")).unwrap();
    common::wait_for("the server to answer", || async {
        client.health("").await.is_ok()
    })
    .await;
    client.extract(ARTICLE).await.expect("extract");
    let body = scrape(metrics_addr).await;
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
    let ok = sample(
        &body,
        "attributor_requests_total",
        &format!("method=\"{EXTRACT}\",code=\"OK\""),
    );
    assert_eq!(ok, 1.0, "{body}");
}

#[test]
fn serve_fails_when_the_metrics_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let output = attributor()
        .args(["serve", "--addr", &free_local_addr().to_string()])
        .args(["--metrics-addr", &taken.local_addr().unwrap().to_string()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(logs.contains("cannot serve metrics"), "{logs}");
}
