//! Faults and overload on the real server (127.0.0.1:0): a panicking engine
//! fails only its own request, and requests beyond the extraction limit plus
//! the bounded queue are refused fast instead of queueing.

mod common;

use std::sync::Arc;
use std::time::Duration;

use attributor::engine::{self, Document};
use attributor::server::ServerConfig;
use attributor::service::{ExtractionService, Extractor, ServiceConfig};
use attributor_client::{Code, ExtractRequest, extract_stream_response::Result as StreamResult};
use common::{ARTICLE, Gate, PATIENCE, TestServer, assert_well_formed, gated_server};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

const POISON: &str = "PANIC-HERE";

/// The real engine, except that it panics on any text containing [`POISON`].
fn panicking_engine() -> Extractor {
    Arc::new(|document: &Document<'_>| {
        if document.text.contains(POISON) {
            panic!("simulated engine bug");
        }
        engine::extract(document)
    })
}

#[tokio::test]
async fn engine_panic_on_the_blocking_pool_is_internal_for_that_request_only() {
    panic_is_internal_for_that_request_only(0).await;
}

/// The engine's own documents (articles) run inline on the async worker;
/// a panic there must be caught just the same.
#[tokio::test]
async fn engine_panic_inline_is_internal_for_that_request_only() {
    panic_is_internal_for_that_request_only(attributor::service::INLINE_EXTRACTION_BYTES).await;
}

async fn panic_is_internal_for_that_request_only(inline_bytes: usize) {
    let service = ServiceConfig {
        // One slot: a slot leaked by the panic would block every later call.
        max_concurrent_extractions: 1,
        ..ServiceConfig::default()
    };
    let server = TestServer::start(
        ServerConfig::default(),
        ExtractionService::with_extractor(service, panicking_engine()).inline_up_to(inline_bytes),
    )
    .await;
    let client = server.client().await;
    for round in 0..3 {
        let status = client
            .extract(format!("{POISON} round {round}"))
            .timeout(PATIENCE)
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Internal, "{status:?}");
        let response = client
            .extract(ARTICLE)
            .timeout(PATIENCE)
            .await
            .expect("the next request is served");
        assert_well_formed(ARTICLE, &response);
    }

    // Inside a stream the panicking document gets an in-band INTERNAL and
    // the documents around it are answered.
    let requests = ["before", POISON, "after"].map(|id| ExtractRequest {
        document_id: id.into(),
        text: if id == POISON {
            POISON.into()
        } else {
            ARTICLE.into()
        },
        ..Default::default()
    });
    let responses: Vec<_> = client
        .extract_stream(tokio_stream::iter(requests))
        .await
        .expect("stream opens")
        .collect::<Vec<_>>()
        .await;
    assert_eq!(responses.len(), 3);
    let results: Vec<_> = responses
        .into_iter()
        .map(|r| r.expect("stream goes on").result.expect("result set"))
        .collect();
    assert!(matches!(results[0], StreamResult::Response(_)));
    match &results[1] {
        StreamResult::Error(error) => assert_eq!(error.code, Code::Internal as i32),
        other => panic!("expected an in-band error, got {other:?}"),
    }
    assert!(matches!(results[2], StreamResult::Response(_)));
}

#[tokio::test]
async fn requests_beyond_the_limit_and_queue_are_refused_fast() {
    let gate = Gate::new();
    let service = ServiceConfig {
        max_concurrent_extractions: 1,
        max_queued_extractions: 1,
        ..ServiceConfig::default()
    };
    let server = gated_server(&gate, ServerConfig::default(), service).await;
    let client = server.client().await;
    let call = |id: String| {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .extract(ARTICLE)
                .document_id(id)
                .timeout(PATIENCE)
                .await
        })
    };

    let running = call("running".into());
    gate.wait_entered(1).await;
    let mut others: FuturesUnordered<_> = (0..5).map(|i| call(format!("extra-{i}"))).collect();

    // With the gate still closed, four of the five extra calls (all but the
    // one queued) must come back refused: none of them waits for a slot.
    for _ in 0..4 {
        let result = tokio::time::timeout(PATIENCE, others.next())
            .await
            .expect("refused without waiting for the running extraction")
            .expect("a call")
            .expect("no task panic");
        let status = result.expect_err("only one call fits in the queue");
        assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
        assert!(
            status.message().contains("overloaded"),
            "{}",
            status.message()
        );
    }
    assert_eq!(gate.entered(), 1, "nothing else started");

    gate.open();
    let queued = others.next().await.expect("the queued call").unwrap();
    assert!(queued.is_ok(), "the queued call is served: {queued:?}");
    assert!(running.await.unwrap().is_ok());
    assert_eq!(gate.max_in_flight(), 1);

    // Once the burst is over, the queue is free again.
    assert!(client.extract(ARTICLE).timeout(PATIENCE).await.is_ok());
}

#[tokio::test]
async fn a_zero_queue_refuses_everything_beyond_the_running_extractions() {
    let gate = Gate::new();
    let service = ServiceConfig {
        max_concurrent_extractions: 2,
        max_queued_extractions: 0,
        ..ServiceConfig::default()
    };
    let server = gated_server(&gate, ServerConfig::default(), service).await;
    let client = server.client().await;
    let running: Vec<_> = (0..2)
        .map(|_| tokio::spawn(client.extract(ARTICLE).timeout(PATIENCE).send()))
        .collect();
    gate.wait_entered(2).await;
    let status = tokio::time::timeout(Duration::from_secs(5), client.extract(ARTICLE).send())
        .await
        .expect("refused at once")
        .unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    gate.open();
    for call in running {
        assert!(call.await.unwrap().is_ok());
    }
}

#[tokio::test]
async fn one_connection_gets_no_more_concurrent_calls_than_its_stream_limit() {
    let gate = Gate::new();
    let config = ServerConfig {
        max_concurrent_streams: 1,
        ..ServerConfig::default()
    };
    let service = ServiceConfig {
        // Not the bound under test here.
        max_concurrent_extractions: 8,
        ..ServiceConfig::default()
    };
    let server = gated_server(&gate, config, service).await;
    let client = server.client().await;
    // One call first, so the client has the server's SETTINGS (with the
    // limit) before it opens streams concurrently.
    client.health("").await.expect("health");
    let calls: Vec<_> = (0..3)
        .map(|_| tokio::spawn(client.extract(ARTICLE).timeout(PATIENCE).send()))
        .collect();
    gate.wait_entered(1).await;
    // The other calls wait in the client for the one stream; give them time
    // to (wrongly) reach the engine.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(gate.entered(), 1, "a second stream was opened");
    gate.open();
    for call in calls {
        assert!(call.await.unwrap().is_ok());
    }
    assert_eq!(gate.max_in_flight(), 1);
}
