//! Reading a request body under the message limit, and refusing one over it
//! so that the client hears why.
//!
//! Why the rest of a body over the limit is read and thrown away: an HTTP/1.1
//! client writes its whole body before it reads the answer. A server that
//! answers 413 at the limit and closes the connection leaves the client
//! writing into a reset socket, and whether the client sees the 413 or only
//! its own write failing (curl: "Send failure: Broken pipe") is a race. So,
//! like nginx's lingering close, the rest of such a body is drained, as long
//! as the whole body is at most [`DRAIN_FACTOR`] times the limit and for at
//! most [`DRAIN_TIME`], before the answer goes out: a body somewhat over the
//! limit gets its 413 every time and the connection stays open; only a far
//! larger one can still lose it, and one that declares such a length is
//! answered at once. So is a client that declared a length over the limit
//! and asked `Expect: 100-continue`: it has sent nothing yet.

use std::time::{Duration, Instant};

use axum::body::Body;
use bytes::{Buf, Bytes};
use http::{HeaderMap, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use super::RequestError;

/// The largest body over the limit that is read to its end before it is
/// refused, as a multiple of the limit.
pub(super) const DRAIN_FACTOR: usize = 2;

/// The longest a body over the limit is drained before refusing it.
pub(super) const DRAIN_TIME: Duration = Duration::from_secs(2);

/// Reads a whole body of at most `limit` bytes (the gRPC message limit)
/// before `deadline`. A body over the limit is drained (see the module doc)
/// and refused with [`RequestError::TooLarge`].
pub(super) async fn read_body(
    headers: &HeaderMap,
    mut body: Body,
    limit: usize,
    deadline: Instant,
) -> Result<Bytes, RequestError> {
    let drain_limit = limit.saturating_mul(DRAIN_FACTOR);
    let declared = declared_length(headers);
    let over_limit = declared.is_some_and(|length| length > limit as u64);
    let past_drain = declared.is_some_and(|length| length > drain_limit as u64);
    if past_drain || (over_limit && expects_continue(headers)) {
        return Err(RequestError::TooLarge { limit });
    }
    // What is left to drain once the body is known to be over the limit.
    let mut budget = drain_limit;
    if !over_limit {
        let collected = Limited::new(&mut body, limit).collect();
        match tokio::time::timeout_at(deadline.into(), collected).await {
            Err(_elapsed) => return Err(RequestError::BodyTimeout),
            Ok(Ok(collected)) => return Ok(collected.to_bytes()),
            Ok(Err(err)) if err.downcast_ref::<LengthLimitError>().is_none() => {
                return Err(RequestError::Read(err.to_string()));
            }
            Ok(Err(_over_limit)) => budget = budget.saturating_sub(limit),
        }
    }
    let _ = tokio::time::timeout(DRAIN_TIME, discard(&mut body, budget)).await;
    Err(RequestError::TooLarge { limit })
}

/// The `Content-Length` the client declared, if any.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse().ok())
}

/// Whether the client waits for `100 Continue` before it sends the body.
fn expects_continue(headers: &HeaderMap) -> bool {
    headers
        .get(header::EXPECT)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"100-continue"))
}

/// Reads and drops the body until it ends, fails, or `budget` bytes are gone.
async fn discard(body: &mut Body, budget: usize) {
    let mut discarded = 0usize;
    while discarded <= budget {
        match body.frame().await {
            Some(Ok(frame)) => discarded += frame.data_ref().map_or(0, Buf::remaining),
            Some(Err(_)) | None => return,
        }
    }
}
