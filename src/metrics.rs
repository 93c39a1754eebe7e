//! Prometheus metrics: a tower layer that counts every gRPC call, and the
//! exporter that serves them on `--metrics-addr`.
//!
//! Why a layer rather than counters in the handlers: many refusals never reach
//! a handler (a message over the size limit, a shed request, an unknown
//! method), and an operator needs those counted too. The layer sees every
//! request, reads the gRPC status from the response headers (a trailers-only
//! answer), from a [`tonic::Code`] response extension (what the JSON/HTTP
//! routes of [`crate::web`] leave, since HTTP has no `grpc-status`) or from
//! the trailers at the end of the body, and records it when the call ends.
//! gRPC-Web calls are counted as the gRPC calls they are translated into.
//!
//! Metric names:
//! - `attributor_requests_total{method, code}`: finished calls by gRPC code name.
//! - `attributor_request_duration_seconds{method}`: latency histogram.
//! - `attributor_requests_in_flight{method}`: calls started but not finished.
//! - `attributor_document_bytes_total`, `attributor_statements_total`: engine
//!   volume, recorded by the service through [`record_extraction`].

use std::{
    net::SocketAddr,
    pin::Pin,
    task::{Context, Poll, ready},
    time::Instant,
};

use http::{HeaderMap, Request, Response};
use http_body::{Body, Frame, SizeHint};
use metrics_exporter_prometheus::{BuildError, Matcher, PrometheusBuilder};
use tower::{Layer, Service};

const REQUESTS: &str = "attributor_requests_total";
const DURATION: &str = "attributor_request_duration_seconds";
const IN_FLIGHT: &str = "attributor_requests_in_flight";
const DOCUMENT_BYTES: &str = "attributor_document_bytes_total";
const STATEMENTS: &str = "attributor_statements_total";

/// Latency buckets in seconds: sub-millisecond (small documents) to 10 s.
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Installs the global recorder and serves `/metrics` (any path, in fact) on
/// `addr` in Prometheus text format. Must run inside a tokio runtime.
pub fn install_exporter(addr: SocketAddr) -> Result<(), BuildError> {
    PrometheusBuilder::new()
        .with_http_listener(addr)
        .set_buckets_for_metric(Matcher::Full(DURATION.to_string()), LATENCY_BUCKETS)?
        .install()
}

/// Counts one processed document and the statements found in it.
pub fn record_extraction(text_bytes: usize, statements: usize) {
    metrics::counter!(DOCUMENT_BYTES).increment(text_bytes as u64);
    metrics::counter!(STATEMENTS).increment(statements as u64);
}

/// The tower layer to put in front of the gRPC routes.
#[derive(Clone, Copy, Debug, Default)]
pub struct MetricsLayer;

impl<S> Layer<S> for MetricsLayer {
    type Service = MetricsService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        MetricsService { inner }
    }
}

/// See [`MetricsLayer`].
#[derive(Clone, Debug)]
pub struct MetricsService<S> {
    inner: S,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for MetricsService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Response<MetricsBody<ResBody>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let call = Call::start(method_label(request.uri().path()));
        let response = self.inner.call(request);
        Box::pin(async move {
            let response = response.await?;
            let trailers_only = grpc_code(response.headers())
                .or_else(|| response.extensions().get::<tonic::Code>().copied());
            let (parts, body) = response.into_parts();
            let call = match trailers_only {
                // The status is already known: the body carries no trailers.
                Some(code) => {
                    call.finish(code);
                    None
                }
                None => Some(call),
            };
            Ok(Response::from_parts(
                parts,
                MetricsBody { inner: body, call },
            ))
        })
    }
}

/// Methods counted under their own name; any other path is `unknown`, so a
/// client probing random paths cannot create unbounded label values.
const KNOWN_METHODS: &[&str] = &[
    "attribution.v1.AttributionService/Extract",
    "attribution.v1.AttributionService/ExtractStream",
    "grpc.health.v1.Health/Check",
    "grpc.health.v1.Health/Watch",
    "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
    "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
    // The JSON/HTTP routes (crate::web).
    "v1/extract",
    "v1/extract:batch",
];

/// The method label: the gRPC path without its leading slash, e.g.
/// `attribution.v1.AttributionService/Extract` (`v1/extract` for the JSON
/// route), or `unknown`.
fn method_label(path: &str) -> String {
    let method = path.trim_start_matches('/');
    match KNOWN_METHODS.contains(&method) {
        true => method.to_string(),
        false => "unknown".to_string(),
    }
}

/// One call in flight; finishing it (or dropping it) records it once.
struct Call {
    method: String,
    started: Instant,
    done: bool,
}

impl Call {
    fn start(method: String) -> Call {
        metrics::gauge!(IN_FLIGHT, "method" => method.clone()).increment(1.0);
        Call {
            method,
            started: Instant::now(),
            done: false,
        }
    }

    fn finish(mut self, code: tonic::Code) {
        self.record(code);
    }

    fn record(&mut self, code: tonic::Code) {
        if std::mem::replace(&mut self.done, true) {
            return;
        }
        let method = self.method.clone();
        metrics::gauge!(IN_FLIGHT, "method" => method.clone()).decrement(1.0);
        metrics::histogram!(DURATION, "method" => method.clone())
            .record(self.started.elapsed().as_secs_f64());
        metrics::counter!(REQUESTS, "method" => method, "code" => code_name(code)).increment(1);
    }
}

impl Drop for Call {
    /// A body dropped before its trailers means the client went away.
    fn drop(&mut self) {
        self.record(tonic::Code::Cancelled);
    }
}

/// The gRPC status in a header map, if it carries one.
fn grpc_code(headers: &HeaderMap) -> Option<tonic::Code> {
    let value = headers.get("grpc-status")?;
    Some(tonic::Code::from_bytes(value.as_bytes()))
}

/// The canonical upper-case name of a gRPC code, as Prometheus label value.
pub(crate) fn code_name(code: tonic::Code) -> &'static str {
    use tonic::Code::*;
    match code {
        Ok => "OK",
        Cancelled => "CANCELLED",
        Unknown => "UNKNOWN",
        InvalidArgument => "INVALID_ARGUMENT",
        DeadlineExceeded => "DEADLINE_EXCEEDED",
        NotFound => "NOT_FOUND",
        AlreadyExists => "ALREADY_EXISTS",
        PermissionDenied => "PERMISSION_DENIED",
        ResourceExhausted => "RESOURCE_EXHAUSTED",
        FailedPrecondition => "FAILED_PRECONDITION",
        Aborted => "ABORTED",
        OutOfRange => "OUT_OF_RANGE",
        Unimplemented => "UNIMPLEMENTED",
        Internal => "INTERNAL",
        Unavailable => "UNAVAILABLE",
        DataLoss => "DATA_LOSS",
        Unauthenticated => "UNAUTHENTICATED",
    }
}

pin_project_lite::pin_project! {
    /// A response body that records the call when its trailers pass by.
    pub struct MetricsBody<B> {
        #[pin]
        inner: B,
        call: Option<Call>,
    }
}

impl<B: Body> Body for MetricsBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.project();
        let frame = ready!(this.inner.poll_frame(cx));
        let code = match &frame {
            Some(Ok(frame)) => frame.trailers_ref().and_then(grpc_code),
            Some(Err(_)) => Some(tonic::Code::Internal),
            // The body ended without a grpc-status trailer.
            None => Some(tonic::Code::Unknown),
        };
        if let Some(code) = code
            && let Some(call) = this.call.take()
        {
            call.finish(code);
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_paths_share_one_label() {
        assert_eq!(
            method_label("/attribution.v1.AttributionService/Extract"),
            "attribution.v1.AttributionService/Extract"
        );
        assert_eq!(method_label("/v1/extract:batch"), "v1/extract:batch");
        assert_eq!(method_label("/no.such.Service/Guess"), "unknown");
        assert_eq!(method_label("/"), "unknown");
    }

    #[test]
    fn status_is_read_from_grpc_status() {
        let mut headers = HeaderMap::new();
        assert_eq!(grpc_code(&headers), None);
        headers.insert("grpc-status", "3".parse().unwrap());
        assert_eq!(grpc_code(&headers), Some(tonic::Code::InvalidArgument));
        assert_eq!(code_name(tonic::Code::InvalidArgument), "INVALID_ARGUMENT");
    }
}
