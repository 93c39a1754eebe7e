//! The real server on 127.0.0.1:0, driven through `attributor-client`.

mod common;

use std::time::Duration;

use attributor::engine::ENGINE_VERSION;
use attributor::server::ServerConfig;
use attributor::service::{ExtractionService, ServiceConfig};
use attributor_client::{
    Code, ExtractRequest, ServingStatus, Status, extract_stream_response::Result as StreamResult,
};
use common::{ARTICLE, Gate, TestServer, assert_well_formed, gated_server};
use tokio_stream::StreamExt;
use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};
use tonic_types::StatusExt;

fn blamed_field(status: &Status) -> String {
    let details = status.get_error_details();
    let violation = details
        .bad_request()
        .and_then(|b| b.field_violations.first())
        .unwrap_or_else(|| panic!("no field violation in {status:?}"));
    violation.field.clone()
}

fn document(id: &str, text: &str, published: &str) -> ExtractRequest {
    ExtractRequest {
        document_id: id.into(),
        text: text.into(),
        published: published.into(),
        options: None,
    }
}

#[tokio::test]
async fn extract_answers_with_the_engine_result() {
    let server = TestServer::start_default().await;
    let client = server.client().await;
    let response = client
        .extract(ARTICLE)
        .document_id("article-1")
        .await
        .expect("extract");
    assert_eq!(response.document_id, "article-1");
    assert_eq!(response.engine_version, ENGINE_VERSION);
    assert_well_formed(ARTICLE, &response);
}

#[tokio::test]
async fn gzip_is_accepted_and_offered() {
    use attributor::proto::attribution_service_client::AttributionServiceClient;
    use tonic::codec::CompressionEncoding;

    let server = TestServer::start_default().await;
    let client = server.client().await.send_gzip().accept_gzip();
    let response = client
        .extract(ARTICLE)
        .document_id("zipped")
        .direct_only(true)
        .await
        .expect("gzip request accepted");
    assert_eq!(response.document_id, "zipped");
    assert_well_formed(ARTICLE, &response);

    let mut raw = AttributionServiceClient::new(client.channel())
        .accept_compressed(CompressionEncoding::Gzip);
    let response = raw
        .extract(document("plain", ARTICLE, ""))
        .await
        .expect("extract");
    let encoding = response.metadata().get("grpc-encoding");
    assert_eq!(
        encoding.and_then(|v| v.to_str().ok()),
        Some("gzip"),
        "responses are gzipped for clients that accept it"
    );
}

/// Depends on the real `engine::dates::parse_published` (the stub rejects
/// every date).
#[tokio::test]
async fn valid_published_date_becomes_the_reference_date() {
    let server = TestServer::start_default().await;
    let client = server.client().await;
    let response = client
        .extract(ARTICLE)
        .published("2026-01-28")
        .await
        .expect("a valid ISO date is accepted");
    assert_eq!(response.published, "2026-01-28");
    let response = client
        .extract(ARTICLE)
        .published("2026-01-28T16:55:00Z")
        .await
        .expect("a valid RFC 3339 date-time is accepted");
    assert_eq!(response.published, "2026-01-28");
}

#[tokio::test]
async fn empty_text_is_invalid_argument_naming_text() {
    let server = TestServer::start_default().await;
    let client = server.client().await;
    for text in ["", "  \n\t "] {
        let status = client.extract(text).await.unwrap_err();
        assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
        assert!(status.message().contains("`text`"), "{}", status.message());
        assert_eq!(blamed_field(&status), "text");
    }
}

#[tokio::test]
async fn unparsable_published_is_invalid_argument_naming_published() {
    let server = TestServer::start_default().await;
    let client = server.client().await;
    let status = client
        .extract(ARTICLE)
        .published("not-a-date")
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("`published`"));
    assert!(status.message().contains("not-a-date"));
    assert!(
        status.message().contains("2026-01-28"),
        "names the accepted formats"
    );
    assert_eq!(blamed_field(&status), "published");
}

#[tokio::test]
async fn oversize_request_is_resource_exhausted_naming_the_limit() {
    let config = ServerConfig {
        max_message_size: 64 * 1024,
        ..ServerConfig::default()
    };
    let server = TestServer::with_config(config).await;
    let client = server.client().await;
    let big = "Word. ".repeat(20_000);

    let status = client.extract(big.clone()).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("65536"), "{}", status.message());

    let mut responses = client
        .extract_stream(tokio_stream::iter([document("big", &big, "")]))
        .await
        .expect("stream opens");
    let status = match responses.next().await {
        Some(Ok(response)) => panic!("oversize document answered: {response:?}"),
        Some(Err(status)) => status,
        None => panic!("stream ended without an error"),
    };
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("65536"));

    // The server is still fine for documents within the limit.
    client.extract(ARTICLE).await.expect("small request");
}

#[tokio::test]
async fn stream_answers_every_document_in_order_with_in_band_errors() {
    let server = TestServer::start_default().await;
    let client = server.client().await;
    let requests = vec![
        document("a", ARTICLE, ""),
        document("b", "", ""),
        document("c", ARTICLE, ""),
        document("d", ARTICLE, "not-a-date"),
        document("e", ARTICLE, ""),
    ];
    let responses: Vec<_> = client
        .extract_stream(tokio_stream::iter(requests))
        .await
        .expect("stream opens")
        .collect::<Result<_, _>>()
        .await
        .expect("no call-level error");
    let ids: Vec<_> = responses.iter().map(|r| r.document_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    for response in &responses {
        match (response.document_id.as_str(), &response.result) {
            ("b", Some(StreamResult::Error(error))) => {
                assert_eq!(error.code, Code::InvalidArgument as i32);
                assert_eq!(error.field, "text");
                assert!(error.message.contains("`text`"));
            }
            ("d", Some(StreamResult::Error(error))) => {
                assert_eq!(error.code, Code::InvalidArgument as i32);
                assert_eq!(error.field, "published");
            }
            ("a" | "c" | "e", Some(StreamResult::Response(extracted))) => {
                assert_eq!(extracted.document_id, response.document_id);
                assert_eq!(extracted.engine_version, ENGINE_VERSION);
                assert_well_formed(ARTICLE, extracted);
            }
            (id, other) => panic!("document {id}: unexpected {other:?}"),
        }
    }
}

#[tokio::test]
async fn stream_item_without_a_request_is_answered_in_band() {
    use attributor::proto::{
        ExtractStreamRequest, attribution_service_client::AttributionServiceClient,
    };

    let server = TestServer::start_default().await;
    let mut raw = AttributionServiceClient::new(server.client().await.channel());
    let items = [
        ExtractStreamRequest { request: None },
        ExtractStreamRequest {
            request: Some(document("after", ARTICLE, "")),
        },
    ];
    let responses: Vec<_> = raw
        .extract_stream(tokio_stream::iter(items))
        .await
        .expect("stream opens")
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .expect("no call-level error");
    assert_eq!(responses.len(), 2);
    let Some(StreamResult::Error(error)) = &responses[0].result else {
        panic!("expected an in-band error: {:?}", responses[0]);
    };
    assert_eq!(error.code, Code::InvalidArgument as i32);
    assert_eq!(error.field, "request");
    assert_eq!(responses[1].document_id, "after");
    assert!(matches!(
        responses[1].result,
        Some(StreamResult::Response(_))
    ));
}

#[tokio::test]
async fn stream_extracts_no_more_than_the_buffer_at_once() {
    let gate = Gate::new();
    let service = ServiceConfig {
        stream_buffer: 2,
        // Not the bound under test here.
        max_concurrent_extractions: 64,
        ..ServiceConfig::default()
    };
    let server = gated_server(&gate, ServerConfig::default(), service).await;
    let client = server.client().await;
    let requests: Vec<_> = (0..8)
        .map(|i| document(&format!("doc-{i}"), ARTICLE, ""))
        .collect();
    let responses = client
        .extract_stream(tokio_stream::iter(requests))
        .await
        .expect("stream opens");
    gate.wait_entered(2).await;
    gate.open();
    let responses: Vec<_> = responses
        .collect::<Result<_, _>>()
        .await
        .expect("all answered");
    let ids: Vec<_> = responses.iter().map(|r| r.document_id.clone()).collect();
    let expected: Vec<_> = (0..8).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, expected);
    assert!(
        gate.max_in_flight() <= 2,
        "{} in flight",
        gate.max_in_flight()
    );
}

#[tokio::test]
async fn extractions_across_calls_are_bounded() {
    let gate = Gate::new();
    let service = ServiceConfig {
        max_concurrent_extractions: 2,
        ..ServiceConfig::default()
    };
    let server = gated_server(&gate, ServerConfig::default(), service).await;
    let client = server.client().await;
    let calls: Vec<_> = (0..5)
        .map(|i| tokio::spawn(client.extract(ARTICLE).document_id(format!("c{i}")).send()))
        .collect();
    gate.wait_entered(2).await;
    gate.open();
    for (i, call) in calls.into_iter().enumerate() {
        let response = call.await.unwrap().expect("every call is answered");
        assert_eq!(response.document_id, format!("c{i}"));
    }
    assert!(
        gate.max_in_flight() <= 2,
        "{} in flight",
        gate.max_in_flight()
    );
}

#[tokio::test]
async fn client_deadline_is_answered_with_deadline_exceeded() {
    let gate = Gate::new();
    let server = gated_server(&gate, ServerConfig::default(), ServiceConfig::default()).await;
    let client = server.client().await;
    let status = client
        .extract(ARTICLE)
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    gate.open();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
}

#[tokio::test]
async fn server_request_timeout_caps_calls_without_a_deadline() {
    let gate = Gate::new();
    let service = ServiceConfig {
        request_timeout: Duration::from_millis(200),
        ..ServiceConfig::default()
    };
    let server = gated_server(&gate, ServerConfig::default(), service).await;
    let client = server.client().await;
    let status = client.extract(ARTICLE).await.unwrap_err();
    gate.open();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
}

#[tokio::test]
async fn request_timeout_applies_per_document_of_a_stream() {
    let service = ServiceConfig {
        request_timeout: Duration::from_secs(1),
        ..ServiceConfig::default()
    };
    let server = TestServer::start(ServerConfig::default(), ExtractionService::new(service)).await;
    let client = server.client().await;
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    let mut responses = client
        .extract_stream(tokio_stream::wrappers::ReceiverStream::new(rx))
        .await
        .expect("stream opens");
    tx.send(document("first", ARTICLE, "")).await.unwrap();
    let first = responses.next().await.unwrap().expect("first answered");
    assert_eq!(first.document_id, "first");
    // The stream as a whole outlives the per-document timeout.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    tx.send(document("second", ARTICLE, "")).await.unwrap();
    drop(tx);
    let second = responses.next().await.unwrap().expect("second answered");
    assert_eq!(second.document_id, "second");
    assert!(matches!(second.result, Some(StreamResult::Response(_))));
    assert!(responses.next().await.is_none());
}

#[tokio::test]
async fn health_is_serving_then_not_serving_once_shutdown_begins() {
    let config = ServerConfig {
        // Long enough that the server still answers while NOT_SERVING.
        shutdown_grace: Duration::from_secs(60),
        ..ServerConfig::default()
    };
    let mut server = TestServer::with_config(config).await;
    let client = server.client().await;
    assert_eq!(client.health("").await.unwrap(), ServingStatus::Serving);
    assert_eq!(
        client
            .health("attribution.v1.AttributionService")
            .await
            .unwrap(),
        ServingStatus::Serving
    );

    let mut watch = HealthClient::new(client.channel())
        .watch(HealthCheckRequest::default())
        .await
        .unwrap()
        .into_inner();
    let first = watch.next().await.unwrap().unwrap();
    assert_eq!(first.status(), ServingStatus::Serving);

    server.begin_shutdown();
    let next = tokio::time::timeout(common::PATIENCE, watch.next())
        .await
        .expect("status changes")
        .unwrap()
        .unwrap();
    assert_eq!(next.status(), ServingStatus::NotServing);
    assert_eq!(client.health("").await.unwrap(), ServingStatus::NotServing);
    assert_eq!(
        client
            .health("attribution.v1.AttributionService")
            .await
            .unwrap(),
        ServingStatus::NotServing
    );
}

#[tokio::test]
async fn graceful_shutdown_completes_the_call_in_flight() {
    let gate = Gate::new();
    let mut server = gated_server(&gate, ServerConfig::default(), ServiceConfig::default()).await;
    let client = server.client().await;
    let call = tokio::spawn(client.extract(ARTICLE).document_id("in-flight").send());
    gate.wait_entered(1).await;

    server.begin_shutdown();
    server.wait_not_accepting().await;
    assert!(!call.is_finished());
    gate.open();

    let response = call.await.unwrap().expect("in-flight call completes");
    assert_eq!(response.document_id, "in-flight");
    server.stopped().await.expect("clean stop");
}

#[tokio::test]
async fn drain_timeout_bounds_a_stuck_shutdown() {
    let gate = Gate::new();
    let config = ServerConfig {
        drain_timeout: Duration::from_millis(200),
        ..ServerConfig::default()
    };
    let mut server = gated_server(&gate, config, ServiceConfig::default()).await;
    let client = server.client().await;
    let call = tokio::spawn(client.extract(ARTICLE).send());
    gate.wait_entered(1).await;

    server.begin_shutdown();
    server
        .stopped()
        .await
        .expect("stops after the drain timeout");
    assert!(
        !call.is_finished(),
        "the call was still held when serve returned"
    );
    gate.open();
}

#[tokio::test]
async fn reflection_lists_the_services_in_v1_and_v1alpha() {
    use tonic_reflection::pb::{v1, v1alpha};

    let server = TestServer::start_default().await;
    let channel = server.client().await.channel();

    let request = v1::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(v1::server_reflection_request::MessageRequest::ListServices(
            String::new(),
        )),
    };
    let mut responses = v1::server_reflection_client::ServerReflectionClient::new(channel.clone())
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .unwrap()
        .into_inner();
    let Some(v1::server_reflection_response::MessageResponse::ListServicesResponse(list)) =
        responses.next().await.unwrap().unwrap().message_response
    else {
        panic!("not a service list");
    };
    let names: Vec<_> = list.service.into_iter().map(|s| s.name).collect();
    assert!(
        names.contains(&"attribution.v1.AttributionService".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"grpc.health.v1.Health".to_string()),
        "{names:?}"
    );

    let request = v1alpha::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            v1alpha::server_reflection_request::MessageRequest::FileContainingSymbol(
                "grpc.health.v1.Health".into(),
            ),
        ),
    };
    let mut responses = v1alpha::server_reflection_client::ServerReflectionClient::new(channel)
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .unwrap()
        .into_inner();
    let response = responses.next().await.unwrap().unwrap().message_response;
    assert!(
        matches!(
            response,
            Some(v1alpha::server_reflection_response::MessageResponse::FileDescriptorResponse(_))
        ),
        "health descriptor served over v1alpha: {response:?}"
    );
}
