//! JSON over HTTP, gRPC-Web and a browser page, on the gRPC port.
//!
//! Why on the same port and through the same service: an operator should not
//! have to open, secure and size a second server, and a caller should get
//! the same answer whichever protocol it speaks. So the routes here are
//! added to the one axum router tonic serves ([`crate::server`]), and
//! `POST /v1/extract` is a thin translation: it builds a `tonic::Request`
//! from the HTTP headers, admits it with the gRPC service's own interceptor
//! ([`crate::server::admit`]: bearer token, `grpc-timeout` deadline), calls
//! [`ExtractionService`]'s `Extract` (its limits, shedding, logs and
//! metrics), and prints the response with [`write_json_line`], the function
//! `attributor extract` prints with. Failures become HTTP answers in
//! [`status`], one mapping for all of them.
//!
//! - `POST /v1/extract`: an `ExtractRequest` in the proto3 JSON mapping in,
//!   the `ExtractResponse` out (or a `google.rpc.Status` in JSON).
//! - `POST /v1/extract:batch`: JSON Lines in and out, see [`batch`].
//! - `GET /`: the page in `index.html`, embedded in the binary, served with
//!   a Content-Security-Policy that allows only its own inline script and
//!   style (by hash) and requests to this origin.
//! - gRPC-Web and CORS: [`layers`].
//!
//! Content types are not checked: `curl -d @request.json` sends
//! `application/x-www-form-urlencoded`, and refusing it would help nobody.
//! The body is what decides: it must be JSON.

mod batch;
mod layers;
mod linger;
mod page;
pub mod status;

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::routing::{get, post};
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Response, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use thiserror::Error;
use tonic::metadata::MetadataMap;
use tonic::{Code, Extensions, Status};
use tower_http::catch_panic::CatchPanicLayer;

pub use layers::{GrpcWebLayer, cors_layer};
pub use linger::LingerLayer;
pub use status::HttpStatus;

use crate::auth::BearerTokens;
use crate::convert::write_json_line;
use crate::proto::{
    ExtractRequest, ExtractResponse, attribution_service_server::AttributionService,
};
use crate::service::{ClientDeadline, ExtractionService};

/// What the HTTP routes need: the gRPC service and its admission rules.
#[derive(Clone)]
pub struct HttpApi {
    service: ExtractionService,
    tokens: Option<BearerTokens>,
    max_message_size: usize,
}

impl HttpApi {
    /// Routes calling `service`, admitting calls by `tokens` like the gRPC
    /// interceptor does and refusing bodies above `max_message_size` bytes.
    pub fn new(
        service: ExtractionService,
        tokens: Option<BearerTokens>,
        max_message_size: usize,
    ) -> HttpApi {
        HttpApi {
            service,
            tokens,
            max_message_size,
        }
    }

    /// Admits a call by its HTTP headers, as the gRPC interceptor would.
    fn admit(&self, headers: &HeaderMap) -> Result<Admitted, Status> {
        let call = tonic::Request::from_parts(
            MetadataMap::from_headers(headers.clone()),
            Extensions::default(),
            (),
        );
        let (metadata, extensions, ()) =
            crate::server::admit(self.tokens.as_ref(), call)?.into_parts();
        Ok(Admitted {
            metadata,
            extensions,
        })
    }

    /// One document through the gRPC service's `Extract`.
    async fn extract(
        &self,
        admitted: &Admitted,
        request: ExtractRequest,
    ) -> Result<ExtractResponse, Status> {
        let response = self.service.extract(admitted.request(request)).await?;
        Ok(response.into_inner())
    }
}

/// An admitted call: the metadata and deadline every document of it carries.
#[derive(Clone)]
struct Admitted {
    metadata: MetadataMap,
    extensions: Extensions,
}

impl Admitted {
    fn request<T>(&self, message: T) -> tonic::Request<T> {
        tonic::Request::from_parts(self.metadata.clone(), self.extensions.clone(), message)
    }

    /// The client's deadline, else `timeout` from now: how long the body
    /// of a single request may take to arrive, so a stalled upload is
    /// answered DEADLINE_EXCEEDED instead of holding its connection.
    fn body_deadline(&self, timeout: Duration) -> Instant {
        let cap = Instant::now() + timeout;
        match self.extensions.get::<ClientDeadline>() {
            Some(ClientDeadline(client)) => cap.min(*client),
            None => cap,
        }
    }
}

/// Why a request was refused before it reached the service. Each becomes a
/// [`Status`] and so an HTTP answer through [`HttpStatus::from_status`].
#[derive(Debug, Error)]
enum RequestError {
    #[error(
        "the request body is empty: send an ExtractRequest in JSON, e.g. {{\"text\": \"...\"}}"
    )]
    EmptyBody,
    #[error("the request body is not an ExtractRequest in JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "request too large: the body is over {limit} bytes \
         (raise the server's --max-message-size to accept it)"
    )]
    TooLarge { limit: usize },
    #[error("could not read the request body: {0}")]
    Read(String),
    #[error("the request body did not arrive before the deadline")]
    BodyTimeout,
    #[error("no such route: {path} (try POST /v1/extract, POST /v1/extract:batch or GET /)")]
    NotFound { path: String },
    #[error("{method} is not allowed on {path}")]
    MethodNotAllowed { method: String, path: String },
}

impl From<RequestError> for Status {
    fn from(error: RequestError) -> Status {
        let code = match &error {
            RequestError::EmptyBody | RequestError::Json(_) => Code::InvalidArgument,
            RequestError::TooLarge { .. } => Code::ResourceExhausted,
            RequestError::Read(_) => Code::Cancelled,
            RequestError::BodyTimeout => Code::DeadlineExceeded,
            RequestError::NotFound { .. } => Code::NotFound,
            RequestError::MethodNotAllowed { .. } => Code::Unimplemented,
        };
        Status::new(code, error.to_string())
    }
}

/// The routes of this module, ready to carry tonic's gRPC services too.
pub fn router(api: HttpApi) -> Router {
    Router::new()
        .route("/", get(page::index).fallback(method_not_allowed))
        .route("/v1/extract", post(extract).fallback(method_not_allowed))
        .route(
            "/v1/extract:batch",
            post(batch::extract_batch).fallback(method_not_allowed),
        )
        .fallback(not_found)
        // A bug in these routes answers 500 instead of dropping the
        // connection (the engine's own panics are already INTERNAL).
        .layer(CatchPanicLayer::custom(panicked))
        .with_state(api)
}

fn panicked(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let status = Status::internal("the server failed on this request (a bug: see its log)");
    HttpStatus::from_status(&status).into_response()
}

/// `POST /v1/extract`.
async fn extract(State(api): State<HttpApi>, request: Request) -> Response<Body> {
    match extract_json(&api, request).await {
        Ok(json) => json_response(json, Code::Ok),
        Err(status) => HttpStatus::from_status(&status).into_response(),
    }
}

async fn extract_json(api: &HttpApi, request: Request) -> Result<Vec<u8>, Status> {
    let (parts, body) = request.into_parts();
    let admitted = api.admit(&parts.headers)?;
    let deadline = admitted.body_deadline(api.service.request_timeout());
    let body = read_body(&parts.headers, body, api.max_message_size);
    let body = tokio::time::timeout_at(deadline.into(), body)
        .await
        .map_err(|_elapsed| RequestError::BodyTimeout)??;
    let request = parse_request(&body)?;
    let response = api.extract(&admitted, request).await?;
    let mut json = Vec::new();
    write_json_line(&mut json, &response).map_err(|err| Status::internal(err.to_string()))?;
    Ok(json)
}

/// Reads a whole body of at most `limit` bytes (the gRPC message limit).
/// A body over it is refused as soon as that is known: from its declared
/// length, before a byte is read (a client waiting for `100 Continue` then
/// sends none), or at the limit. What the client still sends is read and
/// dropped by [`linger`], so that it hears the 413.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, RequestError> {
    if declared_length(headers).is_some_and(|length| length > limit as u64) {
        return Err(RequestError::TooLarge { limit });
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => {
            Err(RequestError::TooLarge { limit })
        }
        Err(err) => Err(RequestError::Read(err.to_string())),
    }
}

/// The body length a request declares (`Content-Length`), if any.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok())
}

/// An `ExtractRequest` from its proto3 JSON form.
fn parse_request(json: &[u8]) -> Result<ExtractRequest, RequestError> {
    if json.iter().all(u8::is_ascii_whitespace) {
        return Err(RequestError::EmptyBody);
    }
    Ok(serde_json::from_slice(json)?)
}

fn json_response(json: impl Into<Body>, code: Code) -> Response<Body> {
    let mut response = Response::new(json.into());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response.extensions_mut().insert(code);
    response
}

/// Any other path: a gRPC call to an unknown service gets gRPC's
/// UNIMPLEMENTED, as tonic alone answers; anything else a JSON 404.
async fn not_found(request: Request) -> Response<Body> {
    let grpc = request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/grpc"));
    if grpc {
        let (parts, ()) = Status::unimplemented("").into_http::<()>().into_parts();
        return Response::from_parts(parts, Body::empty());
    }
    let error = RequestError::NotFound {
        path: request.uri().path().to_string(),
    };
    HttpStatus::from_status(&error.into()).into_response()
}

/// A known path with the wrong method (axum adds the `Allow` header).
async fn method_not_allowed(request: Request) -> Response<Body> {
    let error = RequestError::MethodNotAllowed {
        method: request.method().to_string(),
        path: request.uri().path().to_string(),
    };
    HttpStatus::from_status(&error.into()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_json_says_where() {
        let error = parse_request(b"{\"text\": \"a\",\n \"published\" 1}").unwrap_err();
        let status = Status::from(error);
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(
            status.message().contains("line 2 column 14"),
            "{}",
            status.message()
        );
    }

    #[test]
    fn empty_and_unknown_fields_are_refused() {
        assert!(matches!(
            parse_request(b" \n"),
            Err(RequestError::EmptyBody)
        ));
        let error = parse_request(b"{\"txt\": \"a\"}").unwrap_err().to_string();
        assert!(error.contains("txt"), "{error}");
    }

    #[test]
    fn camel_case_and_field_names_both_parse() {
        let a = parse_request(br#"{"documentId": "d", "text": "t"}"#).unwrap();
        let b = parse_request(br#"{"document_id": "d", "text": "t"}"#).unwrap();
        assert_eq!(a, b);
    }
}
