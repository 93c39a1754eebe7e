//! Reading a request body under the message limit.
//!
//! A body over the limit is refused with [`RequestError::TooLarge`] as soon
//! as it is known to be: from its declared length, before a byte of it is
//! read (a client waiting for `100 Continue` then sends none), or at the
//! limit. What the client still sends is read and thrown away by
//! [`super::linger`], so that it hears the 413.

use std::time::Instant;

use axum::body::Body;
use bytes::Bytes;
use http::{HeaderMap, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use super::RequestError;

/// Reads a whole body of at most `limit` bytes (the gRPC message limit)
/// before `deadline`.
pub(super) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    deadline: Instant,
) -> Result<Bytes, RequestError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(RequestError::TooLarge { limit });
    }
    let collected = Limited::new(body, limit).collect();
    match tokio::time::timeout_at(deadline.into(), collected).await {
        Err(_elapsed) => Err(RequestError::BodyTimeout),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(err)) if err.downcast_ref::<LengthLimitError>().is_some() => {
            Err(RequestError::TooLarge { limit })
        }
        Ok(Err(err)) => Err(RequestError::Read(err.to_string())),
    }
}
