//! gRPC statuses to HTTP answers, in one place.
//!
//! Every HTTP/JSON error, whether the service refused the call or the route
//! refused the request before it (a malformed body, a wrong method), is first
//! a [`Status`] and then goes through [`HttpStatus::from_status`], so the two
//! transports cannot drift apart: a client gets the same code, message and
//! `google.rpc.BadRequest` field over gRPC and over HTTP.
//!
//! The body is `google.rpc.Status` in its JSON form (what Google's HTTP APIs
//! and grpc-gateway answer) plus the code's name, e.g.
//! `{"code":3,"status":"INVALID_ARGUMENT","message":"…","details":[…]}`.
//!
//! The HTTP code follows the mapping in `google/rpc/code.proto`, except:
//! RESOURCE_EXHAUSTED is 413 for a request that is too large but 503 with
//! `Retry-After` when it carries a `google.rpc.RetryInfo` (the server shed
//! load: retrying later will work, resending the same body will not), and
//! UNIMPLEMENTED is 405, the only way an HTTP request can meet it.

use std::time::Duration;

use axum::body::Body;
use http::{HeaderValue, Response, StatusCode, header};
use serde::Serialize;
use serde_json::{Value, json};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

use crate::metrics::code_name;

/// An HTTP answer to a failed call.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpStatus {
    /// The HTTP status code.
    pub http: StatusCode,
    /// The gRPC code it stands for (counted by the metrics layer).
    pub code: Code,
    /// When the caller may retry (`Retry-After`, whole seconds).
    pub retry_after: Option<Duration>,
    /// `google.rpc.Status` in JSON, with the code's name as `status`.
    pub body: StatusBody,
}

/// `google.rpc.Status` in the proto3 JSON mapping, plus the code's name.
/// Fields in this order: code, status, message, details.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusBody {
    /// The numeric gRPC code.
    pub code: i32,
    /// Its canonical name, e.g. `INVALID_ARGUMENT`.
    pub status: &'static str,
    /// What went wrong, for a person.
    pub message: String,
    /// `google.protobuf.Any` objects: `BadRequest`, `RetryInfo`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Value>,
}

impl HttpStatus {
    /// The one mapping from a gRPC status to HTTP (see the module docs).
    pub fn from_status(status: &Status) -> HttpStatus {
        let details = status.get_error_details();
        let retry_after = details
            .retry_info()
            .map(|retry| retry.retry_delay.unwrap_or(Duration::from_secs(1)));
        HttpStatus {
            http: http_code(status.code(), retry_after.is_some()),
            code: status.code(),
            retry_after,
            body: json_body(status, &details),
        }
    }

    /// The body as one JSON line (how a batch answers a bad line).
    pub fn json_line(&self) -> Vec<u8> {
        // Serializing plain strings, numbers and JSON values cannot fail.
        let mut line = serde_json::to_vec(&self.body).unwrap_or_default();
        line.push(b'\n');
        line
    }

    /// The whole HTTP response: status, JSON body, and `Retry-After` or
    /// `WWW-Authenticate` where they apply.
    pub fn into_response(self) -> Response<Body> {
        let mut response = Response::new(Body::from(self.json_line()));
        *response.status_mut() = self.http;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(delay) = self.retry_after {
            let seconds = delay.as_secs() + u64::from(delay.subsec_nanos() > 0);
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        if self.code == Code::Unauthenticated {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response.extensions_mut().insert(self.code);
        response
    }
}

fn http_code(code: Code, retry: bool) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => {
            StatusCode::BAD_REQUEST
        }
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::ResourceExhausted if retry => StatusCode::SERVICE_UNAVAILABLE,
        Code::ResourceExhausted => StatusCode::PAYLOAD_TOO_LARGE,
        Code::Unimplemented => StatusCode::METHOD_NOT_ALLOWED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        // What nginx and code.proto call "client closed request".
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::Unknown | Code::Internal | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// `google.rpc.Status` in the proto3 JSON mapping, with the details this
/// server produces (`BadRequest`, `RetryInfo`) as `Any` objects.
fn json_body(status: &Status, details: &ErrorDetails) -> StatusBody {
    let mut any = Vec::new();
    if let Some(bad_request) = details.bad_request() {
        let violations: Vec<Value> = bad_request
            .field_violations
            .iter()
            .map(|v| json!({"field": v.field, "description": v.description}))
            .collect();
        any.push(json!({
            "@type": tonic_types::BadRequest::TYPE_URL,
            "fieldViolations": violations,
        }));
    }
    if let Some(retry) = details.retry_info() {
        let delay = retry.retry_delay.unwrap_or_default();
        any.push(json!({
            "@type": tonic_types::RetryInfo::TYPE_URL,
            "retryDelay": format!("{}s", delay.as_secs_f64()),
        }));
    }
    StatusBody {
        code: status.code() as i32,
        status: code_name(status.code()),
        message: status.message().to_string(),
        details: any,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::invalid_field;

    #[test]
    fn invalid_argument_is_400_with_the_field() {
        let status = invalid_field(Code::InvalidArgument, "text", "`text` is empty".into());
        let http = HttpStatus::from_status(&status);
        assert_eq!(http.http, StatusCode::BAD_REQUEST);
        assert_eq!(http.body.status, "INVALID_ARGUMENT");
        assert_eq!(http.body.code, 3);
        let line = String::from_utf8(http.json_line()).unwrap();
        assert!(line.starts_with(r#"{"code":3,"status":"INVALID_ARGUMENT","message":"#));
        let detail = &http.body.details[0];
        assert_eq!(detail["@type"], "type.googleapis.com/google.rpc.BadRequest");
        assert_eq!(detail["fieldViolations"][0]["field"], "text");
    }

    #[test]
    fn resource_exhausted_is_413_unless_it_says_retry() {
        let too_large = HttpStatus::from_status(&Status::resource_exhausted("too large"));
        assert_eq!(too_large.http, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(too_large.retry_after, None);
        let shed = Status::with_error_details(
            Code::ResourceExhausted,
            "overloaded",
            ErrorDetails::with_retry_info(Some(Duration::from_millis(1500))),
        );
        let response = HttpStatus::from_status(&shed).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
        assert_eq!(
            response.extensions().get::<Code>(),
            Some(&Code::ResourceExhausted)
        );
    }

    #[test]
    fn the_other_codes_callers_meet() {
        for (status, http) in [
            (Status::unauthenticated("no"), 401),
            (Status::deadline_exceeded("late"), 504),
            (Status::not_found("where"), 404),
            (Status::unimplemented("verb"), 405),
            (Status::internal("bug"), 500),
            (Status::unavailable("down"), 503),
        ] {
            assert_eq!(HttpStatus::from_status(&status).http.as_u16(), http);
        }
        let response = HttpStatus::from_status(&Status::unauthenticated("no")).into_response();
        assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
        assert!(response.headers().get(header::RETRY_AFTER).is_none());
    }
}
