//! The client's single retry of an `Extract` answered UNAVAILABLE, over a
//! real socket (127.0.0.1:0).
//!
//! No engine error maps to UNAVAILABLE (a real server answers it when it is
//! shutting down, or the transport does when a replica has gone away), so
//! the server here is the real `ExtractionService` and real engine behind an
//! interceptor that the test scripts: it records every attempt as it
//! arrives, checks bearer tokens with the server's own
//! [`attributor::auth::authorize`], then answers the next scripted status,
//! if any, instead of letting the call through.

mod common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use attributor::auth::{BearerTokens, authorize};
use attributor::proto::attribution_service_server::AttributionServiceServer;
use attributor::service::{
    ExtractionService, ServiceConfig, parse_grpc_timeout, stamp_client_deadline,
};
use attributor_client::{Client, Code, Status};
use common::{ARTICLE, assert_well_formed};
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::Server;

/// What the server saw of one attempt.
#[derive(Clone, Debug)]
struct Attempt {
    authorization: Option<String>,
    grpc_timeout: Option<String>,
}

/// A real server whose next calls fail with the scripted codes, in order;
/// once the script is used up, calls reach the real engine.
struct ScriptedServer {
    url: String,
    attempts: Arc<Mutex<Vec<Attempt>>>,
}

impl ScriptedServer {
    async fn start(tokens: Option<&str>, script: &[Code]) -> ScriptedServer {
        let tokens = tokens.map(|t| BearerTokens::parse(t).expect("tokens"));
        let script = Arc::new(Mutex::new(script.iter().copied().collect::<VecDeque<_>>()));
        let attempts = Arc::new(Mutex::new(Vec::new()));
        let seen = attempts.clone();
        let interceptor = move |request: tonic::Request<()>| {
            let header = |name: &str| {
                let value = request.metadata().get(name)?;
                Some(value.to_str().expect("ASCII metadata").to_string())
            };
            seen.lock().unwrap().push(Attempt {
                authorization: header("authorization"),
                grpc_timeout: header("grpc-timeout"),
            });
            authorize(tokens.as_ref(), &request)?;
            if let Some(code) = script.lock().unwrap().pop_front() {
                return Err(Status::new(code, "scripted by the test"));
            }
            stamp_client_deadline(request)
        };
        let service = InterceptedService::new(
            AttributionServiceServer::new(ExtractionService::new(ServiceConfig::default())),
            interceptor,
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        // Ends with the test's runtime.
        tokio::spawn(
            Server::builder()
                .add_service(service)
                .serve_with_incoming(TcpListenerStream::new(listener)),
        );
        ScriptedServer { url, attempts }
    }

    async fn client(&self) -> Client {
        Client::connect(self.url.clone()).await.expect("connect")
    }

    fn attempts(&self) -> Vec<Attempt> {
        self.attempts.lock().unwrap().clone()
    }
}

#[tokio::test]
async fn one_unavailable_is_retried_once_and_the_retry_answers() {
    let server = ScriptedServer::start(None, &[Code::Unavailable]).await;
    let client = server.client().await;

    let response = client
        .extract(ARTICLE)
        .document_id("retried")
        .await
        .expect("the second attempt succeeds");
    assert_eq!(response.document_id, "retried");
    assert!(!response.statements.is_empty(), "the real engine answered");
    assert_well_formed(ARTICLE, &response);
    assert_eq!(server.attempts().len(), 2, "{:?}", server.attempts());
}

#[tokio::test]
async fn unavailable_twice_is_returned_after_exactly_two_attempts() {
    // A third attempt would succeed: only the retry limit stops at two.
    let server = ScriptedServer::start(None, &[Code::Unavailable, Code::Unavailable]).await;
    let client = server.client().await;

    let status = client.extract(ARTICLE).await.unwrap_err();
    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
    assert_eq!(status.message(), "scripted by the test");
    assert_eq!(server.attempts().len(), 2, "{:?}", server.attempts());

    // The script is used up: the next call succeeds at its first attempt.
    client.extract(ARTICLE).await.expect("served");
    assert_eq!(server.attempts().len(), 3);
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    // A retry would succeed, so a second attempt would show as success.
    let server = ScriptedServer::start(None, &[Code::InvalidArgument]).await;
    let client = server.client().await;
    let status = client.extract(ARTICLE).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert_eq!(server.attempts().len(), 1, "{:?}", server.attempts());

    // The engine's own INVALID_ARGUMENT (empty text): one attempt too.
    let status = client.extract("").await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert_eq!(server.attempts().len(), 2, "{:?}", server.attempts());

    // UNAUTHENTICATED is not retried either.
    let guarded = ScriptedServer::start(Some("s3cret"), &[]).await;
    let status = guarded.client().await.extract(ARTICLE).await.unwrap_err();
    assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
    assert_eq!(guarded.attempts().len(), 1, "{:?}", guarded.attempts());
}

#[tokio::test]
async fn the_retry_keeps_the_bearer_token_and_the_deadline() {
    let server = ScriptedServer::start(Some("s3cret"), &[Code::Unavailable]).await;
    let client = server.client().await.with_bearer_token("s3cret").unwrap();

    let result = client
        .extract(ARTICLE)
        .timeout(Duration::from_secs(60))
        .await;
    let attempts = server.attempts();
    assert_eq!(attempts.len(), 2, "{attempts:?}");
    for (i, attempt) in attempts.iter().enumerate() {
        assert_eq!(
            attempt.authorization.as_deref(),
            Some("Bearer s3cret"),
            "attempt {i}"
        );
        assert!(attempt.grpc_timeout.is_some(), "attempt {i}: no deadline");
    }
    // The deadline covers the whole call: the retry is sent with what is
    // left of it after the first attempt's round trip, not a fresh minute.
    let sent: Vec<Duration> = attempts
        .iter()
        .map(|a| parse_grpc_timeout(a.grpc_timeout.as_deref().unwrap()).expect("grpc-timeout"))
        .collect();
    assert!(sent[0] <= Duration::from_secs(60), "{sent:?}");
    assert!(
        sent[1] < sent[0],
        "the retry got a fresh deadline: {sent:?}"
    );
    let response = result.expect("the retry is authorized");
    assert_well_formed(ARTICLE, &response);
}
