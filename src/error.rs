//! Engine errors to gRPC statuses, in one place.
//!
//! Every engine error names the request field at fault. Clients get that
//! field twice: in the human-readable status message, and machine-readable as
//! a `google.rpc.BadRequest` field violation in the status details (what
//! `tonic_types::StatusExt::get_error_details` and other gRPC stacks decode).
//! Inside an `ExtractStream` the same status travels in-band as an
//! [`proto::ExtractError`] so that one bad document does not end the stream.

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

use crate::engine::EngineError;
use crate::proto;

/// The status an engine error is answered with.
pub fn engine_status(error: EngineError) -> Status {
    // Exhaustive on purpose: a new engine error must choose its code here.
    let code = match &error {
        EngineError::EmptyText
        | EngineError::TextTooLong { .. }
        | EngineError::InvalidPublished { .. } => Code::InvalidArgument,
    };
    invalid_field(code, error.field(), error.to_string())
}

/// A status with `message` that names `field` as a bad-request violation.
pub fn invalid_field(code: Code, field: &str, message: String) -> Status {
    let details = ErrorDetails::with_bad_request_violation(field, message.clone());
    Status::with_error_details(code, message, details)
}

/// The request field a status blames, if it carries a bad-request violation.
pub fn blamed_field(status: &Status) -> Option<String> {
    let details = status.get_error_details();
    let violation = details.bad_request()?.field_violations.first()?;
    Some(violation.field.clone())
}

/// The in-band form of `status` for one document of a stream.
pub fn to_extract_error(status: &Status) -> proto::ExtractError {
    proto::ExtractError {
        code: status.code() as i32,
        message: status.message().to_string(),
        field: blamed_field(status).unwrap_or_default(),
    }
}

/// tonic's decoder refuses a message above the size limit with OUT_OF_RANGE.
/// The contract promises RESOURCE_EXHAUSTED (what gRPC's own servers answer),
/// with the limit in the message; other statuses pass through unchanged.
pub fn oversize_to_resource_exhausted(status: Status) -> Status {
    if is_oversize(&status) {
        Status::resource_exhausted(format!(
            "request too large: {} (raise the server's --max-message-size to accept it)",
            status.message()
        ))
    } else {
        status
    }
}

fn is_oversize(status: &Status) -> bool {
    status.code() == Code::OutOfRange && status.message().contains("message length too large")
}

/// Rewrites a trailers-only HTTP response carrying tonic's oversize status
/// (see [`oversize_to_resource_exhausted`]). Unary calls are refused this way
/// before any handler runs, so this is applied as a layer around the router.
pub fn fix_oversize_response<B: Default>(response: http::Response<B>) -> http::Response<B> {
    match Status::from_header_map(response.headers()) {
        Some(status) if is_oversize(&status) => oversize_to_resource_exhausted(status).into_http(),
        _ => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_is_invalid_argument_naming_text() {
        let status = engine_status(EngineError::EmptyText);
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(status.message().contains("`text`"), "{}", status.message());
        assert_eq!(blamed_field(&status).as_deref(), Some("text"));
    }

    #[test]
    fn bad_published_is_invalid_argument_naming_published_and_formats() {
        let status = engine_status(EngineError::InvalidPublished {
            value: "not-a-date".into(),
        });
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(status.message().contains("`published`"));
        assert!(status.message().contains("2026-01-28"));
        let error = to_extract_error(&status);
        assert_eq!(error.code, Code::InvalidArgument as i32);
        assert_eq!(error.field, "published");
        assert_eq!(error.message, status.message());
    }

    #[test]
    fn oversize_becomes_resource_exhausted_keeping_the_limit() {
        let tonic_status = Status::out_of_range(
            "Error, decoded message length too large: found 9000 bytes, the limit is: 4096 bytes",
        );
        let status = oversize_to_resource_exhausted(tonic_status);
        assert_eq!(status.code(), Code::ResourceExhausted);
        assert!(status.message().contains("4096"));

        let response: http::Response<()> = Status::out_of_range(
            "Error, decoded message length too large: found 9000 bytes, the limit is: 4096 bytes",
        )
        .into_http();
        let fixed = Status::from_header_map(fix_oversize_response(response).headers()).unwrap();
        assert_eq!(fixed.code(), Code::ResourceExhausted);
    }

    #[test]
    fn other_statuses_pass_through() {
        let status = oversize_to_resource_exhausted(Status::out_of_range("page 9 of 3"));
        assert_eq!(status.code(), Code::OutOfRange);
        let response: http::Response<()> = http::Response::new(());
        assert!(Status::from_header_map(fix_oversize_response(response).headers()).is_none());
    }
}
