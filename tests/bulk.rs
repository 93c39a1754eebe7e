//! `Client::extract_bulk` over real sockets: every document answered once,
//! in input order, across cut connections, a poison document that kills
//! every connection it passes through, stopping replicas and refusals.
//!
//! Faults come from a TCP proxy between the client and real servers, as in
//! tests/lost_connection.rs, never from a flag of the server: it cuts a
//! connection after a number of bytes, or whenever a marker passes.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use attributor::auth::BearerTokens;
use attributor::engine::{self, Document};
use attributor::server::ServerConfig;
use attributor::service::{ExtractionService, Extractor, ServiceConfig};
use attributor_client::{
    BulkAnswer, BulkAnswers, BulkError, BulkOptions, Client, Code, ExtractRequest,
    is_lost_connection,
};
use common::proxy::{Cut, CuttingProxy};
use common::{ARTICLE, PATIENCE, TestServer, assert_well_formed};
use futures_util::StreamExt;

/// Quick retries, so the tests do not wait on production backoffs.
fn quick() -> BulkOptions {
    BulkOptions {
        window: 16,
        backoff_base: Duration::from_millis(10),
        backoff_max: Duration::from_millis(200),
        give_up_after: PATIENCE,
        ..BulkOptions::default()
    }
}

/// `n` documents; ids repeat and some are empty: answers are matched by
/// position, not id.
fn documents(n: usize) -> Vec<ExtractRequest> {
    (0..n)
        .map(|i| ExtractRequest {
            document_id: match i % 10 {
                0 => String::new(),
                1 => "same".into(),
                _ => format!("doc-{i}"),
            },
            text: ARTICLE.into(),
            ..ExtractRequest::default()
        })
        .collect()
}

async fn run(
    client: &Client,
    requests: Vec<ExtractRequest>,
    options: BulkOptions,
) -> Vec<BulkAnswer> {
    collect_run(client.extract_bulk(tokio_stream::iter(requests), options)).await
}

/// Every answer of a run that must end in time and without a run error.
async fn collect_run(answers: BulkAnswers) -> Vec<BulkAnswer> {
    tokio::time::timeout(2 * PATIENCE, answers.collect::<Vec<_>>())
        .await
        .expect("the run ends in time")
        .into_iter()
        .map(|answer| answer.expect("the run goes to the end"))
        .collect()
}

/// Every document answered once, in order, under its own id.
fn assert_in_order(requests: &[ExtractRequest], answers: &[BulkAnswer]) {
    assert_eq!(answers.len(), requests.len());
    for (i, (request, answer)) in requests.iter().zip(answers).enumerate() {
        assert_eq!(answer.index, i as u64);
        assert_eq!(answer.document_id, request.document_id);
    }
}

#[tokio::test]
async fn every_document_is_answered_once_in_order_across_cut_connections() {
    let server = TestServer::start_default().await;
    // The first three connections are cut mid-run, with documents in flight.
    let cut = Cut::After {
        connections: 3,
        bytes: 20 * ARTICLE.len(),
    };
    let proxy = CuttingProxy::start(server.addr, cut).await;
    let client = Client::balanced([proxy.addr.clone()]).expect("client");
    let requests = documents(200);
    let answers = client.extract_bulk(tokio_stream::iter(requests.clone()), quick());
    let progress = answers.progress();
    let answers = collect_run(answers).await;

    assert_in_order(&requests, &answers);
    for answer in &answers {
        let response = answer.result.as_ref().expect("answered");
        assert_eq!(response.document_id, answer.document_id);
        assert_well_formed(ARTICLE, response);
    }
    let stats = progress.snapshot();
    assert_eq!(stats.documents, 200);
    assert_eq!(stats.errors, 0);
    assert_eq!(stats.bytes, 200 * ARTICLE.len() as u64);
    assert_eq!(stats.reconnects, 3, "{stats:?}");
    assert!(stats.resent > 0, "{stats:?}");
    assert_eq!(proxy.connections(), 4);
}

#[tokio::test]
async fn a_poison_document_ends_as_one_in_band_error_and_the_rest_is_answered() {
    const MARKER: &str = "POISON-8c1f";
    let server = TestServer::start_default().await;
    let proxy = CuttingProxy::start(server.addr, Cut::OnMarker(MARKER)).await;
    let client = Client::balanced([proxy.addr.clone()]).expect("client");
    let mut requests = documents(120);
    requests[70].document_id = "poison".into();
    requests[70].text = format!("{ARTICLE} {MARKER}");

    let answers = client.extract_bulk(tokio_stream::iter(requests.clone()), quick());
    let progress = answers.progress();
    let answers = collect_run(answers).await;

    assert_in_order(&requests, &answers);
    for (i, answer) in answers.iter().enumerate() {
        if i == 70 {
            let error = answer
                .result
                .as_ref()
                .expect_err("the poison is not answered");
            assert_eq!(error.code, Code::Unavailable as i32, "{error:?}");
            assert!(error.message.contains("not sent again"), "{error:?}");
            assert!(error.message.contains("3 stream(s)"), "{error:?}");
        } else {
            assert!(answer.result.is_ok(), "document {i}: {:?}", answer.result);
        }
    }
    let stats = progress.snapshot();
    assert_eq!(stats.errors, 1);
    // The first cut has the window in flight: nobody is charged and they
    // are sent one at a time; then the poison, alone, breaks three streams.
    assert_eq!(stats.reconnects, 4, "{stats:?}");
}

/// A real server whose extractions take a little time, so that a stream
/// is mid-run when it stops.
async fn slow_server(config: ServerConfig) -> TestServer {
    let slow: Extractor = Arc::new(|document: &Document<'_>| {
        std::thread::sleep(Duration::from_millis(3));
        engine::extract(document)
    });
    TestServer::start(
        config,
        ExtractionService::with_extractor(ServiceConfig::default(), slow),
    )
    .await
}

#[tokio::test]
async fn a_stopping_server_ends_an_open_stream_at_a_document_boundary() {
    let config = ServerConfig {
        drain_timeout: Duration::from_secs(60),
        ..ServerConfig::default()
    };
    let mut server = slow_server(config).await;
    let client = server.client().await;
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    let mut responses = client
        .extract_stream(tokio_stream::wrappers::ReceiverStream::new(rx))
        .await
        .expect("stream opens");
    // The client keeps sending, as an archive stream would for hours.
    let sender = tokio::spawn(async move {
        for request in documents(100_000) {
            if tx.send(request).await.is_err() {
                return;
            }
        }
    });
    for _ in 0..5 {
        responses
            .next()
            .await
            .expect("an answer")
            .expect("answered");
    }

    let started = Instant::now();
    server.begin_shutdown();
    let mut answered = 5;
    let last = loop {
        match tokio::time::timeout(PATIENCE, responses.next()).await {
            Ok(Some(Ok(response))) => {
                assert!(matches!(
                    response.result,
                    Some(attributor_client::extract_stream_response::Result::Response(_))
                ));
                answered += 1;
            }
            Ok(Some(Err(status))) => break status,
            other => panic!("expected answers, then a status: {other:?}"),
        }
    };
    assert_eq!(last.code(), Code::Unavailable, "{last:?}");
    assert!(
        !is_lost_connection(&last),
        "a status the server sent: {last:?}"
    );
    assert!(last.message().contains("another replica"), "{last:?}");
    assert!(answered < 100_000);
    server.stopped().await.expect("clean stop");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the stream held the server towards its drain timeout"
    );
    sender.abort();
}

#[tokio::test]
async fn a_stopping_server_refuses_new_streams_during_its_grace_but_serves_calls() {
    let config = ServerConfig {
        shutdown_grace: Duration::from_secs(60),
        ..ServerConfig::default()
    };
    let mut server = TestServer::with_config(config).await;
    let client = server.client().await;
    server.begin_shutdown();
    common::wait_for("NOT_SERVING", || async {
        client.health("").await.ok() == Some(attributor_client::ServingStatus::NotServing)
    })
    .await;
    let refused = match client
        .extract_stream(tokio_stream::iter(documents(1)))
        .await
    {
        Err(status) => status,
        Ok(mut responses) => responses
            .next()
            .await
            .expect("an item")
            .expect_err("refused"),
    };
    assert_eq!(refused.code(), Code::Unavailable, "{refused:?}");
    assert!(refused.message().contains("no new streams"), "{refused:?}");
    let response = client
        .extract(ARTICLE)
        .await
        .expect("unary calls are served");
    assert_well_formed(ARTICLE, &response);
}

#[tokio::test]
async fn a_rolling_restart_over_two_replicas_loses_nothing() {
    let config = || ServerConfig {
        shutdown_grace: Duration::from_millis(100),
        drain_timeout: Duration::from_secs(60),
        ..ServerConfig::default()
    };
    let mut first = slow_server(config()).await;
    let mut second = slow_server(config()).await;
    let client = Client::balanced([first.url(), second.url()]).expect("client");
    let requests = documents(400);
    let answers = client.extract_bulk(tokio_stream::iter(requests.clone()), quick());
    let progress = answers.progress();
    let collecting = tokio::spawn(answers.collect::<Vec<_>>());

    common::wait_for("answers", || async { progress.snapshot().documents >= 50 }).await;
    first.begin_shutdown();
    first.stopped().await.expect("the first replica stops");
    let answers = tokio::time::timeout(2 * PATIENCE, collecting)
        .await
        .expect("in time")
        .expect("no panic");
    second.begin_shutdown();
    let answers: Vec<_> = answers
        .into_iter()
        .map(|a| a.expect("no run error"))
        .collect();
    assert_in_order(&requests, &answers);
    assert!(answers.iter().all(|a| a.result.is_ok()));
}

#[tokio::test]
async fn a_document_too_large_is_answered_in_band_and_the_run_goes_on() {
    let config = ServerConfig {
        max_message_size: 64 * 1024,
        ..ServerConfig::default()
    };
    let server = TestServer::with_config(config).await;
    let client = Client::balanced([server.url()]).expect("client");
    let mut requests = documents(30);
    requests[10].text = "x".repeat(100 * 1024);
    let answers = run(&client, requests.clone(), quick()).await;
    assert_in_order(&requests, &answers);
    let error = answers[10].result.as_ref().expect_err("too large");
    assert_eq!(error.code, Code::ResourceExhausted as i32, "{error:?}");
    assert!(error.message.contains("too large"), "{error:?}");
    assert_eq!(answers.iter().filter(|a| a.result.is_ok()).count(), 29);
}

#[tokio::test]
async fn a_refusal_no_retry_can_change_ends_the_run_at_once() {
    let config = ServerConfig {
        auth_tokens: Some(BearerTokens::parse("s3cret").unwrap()),
        ..ServerConfig::default()
    };
    let server = TestServer::with_config(config).await;
    let client = Client::balanced([server.url()]).expect("client");
    let answers = client.extract_bulk(tokio_stream::iter(documents(5)), quick());
    let items: Vec<_> = tokio::time::timeout(PATIENCE, answers.collect::<Vec<_>>())
        .await
        .expect("at once");
    assert_eq!(items.len(), 1);
    match &items[0] {
        Err(error @ BulkError::Refused(_)) => assert_eq!(error.code(), Code::Unauthenticated),
        other => panic!("expected a refusal, got {other:?}"),
    }

    let with_token = client.with_bearer_token("s3cret").unwrap();
    let answers = run(&with_token, documents(5), quick()).await;
    assert_eq!(answers.len(), 5);
}

#[tokio::test]
async fn no_server_at_all_ends_unavailable_after_give_up_after() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    drop(listener);
    let client = Client::balanced([addr]).expect("client");
    let options = BulkOptions {
        give_up_after: Duration::from_secs(1),
        ..quick()
    };
    let started = Instant::now();
    let items: Vec<_> = tokio::time::timeout(
        PATIENCE,
        client
            .extract_bulk(tokio_stream::iter(documents(3)), options)
            .collect::<Vec<_>>(),
    )
    .await
    .expect("gives up in time");
    assert!(started.elapsed() < Duration::from_secs(5));
    match &items[..] {
        [Err(error @ BulkError::GaveUp { last, .. })] => {
            assert_eq!(error.code(), Code::Unavailable);
            assert_eq!(last.code(), Code::Unavailable, "{last:?}");
            assert!(!is_lost_connection(last), "nothing was connected: {last:?}");
        }
        other => panic!("expected GaveUp, got {other:?}"),
    }
}

#[tokio::test]
async fn an_empty_input_opens_no_stream() {
    let server = TestServer::start_default().await;
    let proxy = CuttingProxy::start(
        server.addr,
        Cut::After {
            connections: 0,
            bytes: 0,
        },
    )
    .await;
    let client = Client::balanced([proxy.addr.clone()]).expect("client");
    let answers = run(&client, Vec::new(), quick()).await;
    assert!(answers.is_empty());
    assert_eq!(proxy.connections(), 0);
}
