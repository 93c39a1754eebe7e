//! Lingering close: the rest of an HTTP/1.1 request body the service did
//! not read is read and thrown away before the answer goes out, so that the
//! client hears the answer.
//!
//! Why: an HTTP/1.1 client writes its whole body before it reads the
//! answer. When the server answers early (a body over `--max-message-size`,
//! a missing token, a gRPC-Web message over the limit, an unknown path) and
//! the connection then closes with the body still arriving, the client's
//! next write meets a reset, and whether it reports the answer or only its
//! own write failing (curl: "Send failure: Broken pipe") is a race. nginx
//! solves this with its lingering close; this layer does the same for every
//! route: it watches the request body, and if the service dropped it
//! unfinished when the answer is ready, the answer goes out at once (an
//! HTTP/1.1 connection carries the answer while the request body still
//! arrives) and a task drains the rest, up to [`DRAIN_FACTOR`] times the
//! message limit in all and for at most [`DRAIN_TIME`]. A body somewhat
//! over the limit thus gets its answer every time and the connection
//! stays open for the next request; only a far larger or slower one can
//! still lose the connection (one declaring such a length is not drained
//! at all), and its client has been answered first.
//!
//! Not drained: a body nobody read from a client that asked `Expect:
//! 100-continue` (it has sent nothing and waits; reading would invite the
//! whole body), and anything over HTTP/2, where a stream is reset on its
//! own without harming the answer or the connection.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Buf, Bytes};
use http::{HeaderMap, Request, Version, header};
use http_body::{Body as _, Frame, SizeHint};
use http_body_util::BodyExt;
use tonic::Status;
use tonic::body::Body;
use tower::{Layer, Service};

use super::declared_length;

/// The largest request body that is read to its end when the service left
/// it unfinished, as a multiple of the message limit.
pub const DRAIN_FACTOR: usize = 2;

/// The longest an unfinished request body is drained after the answer
/// (nginx's `lingering_timeout`).
pub const DRAIN_TIME: Duration = Duration::from_secs(5);

/// Drains what the service left of each HTTP/1.1 request body (see the
/// module doc).
#[derive(Clone, Copy, Debug)]
pub struct LingerLayer {
    /// The most bytes of one body read in all.
    drain_limit: usize,
}

impl LingerLayer {
    /// A layer for a server whose largest request message is
    /// `max_message_size` bytes.
    pub fn new(max_message_size: usize) -> LingerLayer {
        LingerLayer {
            drain_limit: max_message_size.saturating_mul(DRAIN_FACTOR),
        }
    }
}

impl<S> Layer<S> for LingerLayer {
    type Service = Linger<S>;

    fn layer(&self, inner: S) -> Linger<S> {
        Linger {
            inner,
            drain_limit: self.drain_limit,
        }
    }
}

/// See [`LingerLayer`].
#[derive(Clone, Debug)]
pub struct Linger<S> {
    inner: S,
    drain_limit: usize,
}

type ResponseFuture<R, E> = Pin<Box<dyn Future<Output = Result<R, E>> + Send>>;

impl<S, R> Service<Request<Body>> for Linger<S>
where
    S: Service<Request<Body>, Response = R>,
    S::Future: Send + 'static,
    R: Send + 'static,
{
    type Response = R;
    type Error = S::Error;
    type Future = ResponseFuture<R, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        if request.version() >= Version::HTTP_2 || !self.may_drain(request.headers()) {
            return Box::pin(self.inner.call(request));
        }
        let expects_continue = expects_continue(request.headers());
        let left = Arc::new(Mutex::new(None));
        let request = request.map(|body| Body::new(Watched::new(body, left.clone())));
        let future = self.inner.call(request);
        let drain_limit = self.drain_limit;
        Box::pin(async move {
            let response = future.await?;
            let unread = left.lock().ok().and_then(|mut left| left.take());
            if let Some(unread) = unread
                && (unread.polled || !expects_continue)
            {
                let budget = drain_limit.saturating_sub(unread.read);
                tokio::spawn(tokio::time::timeout(
                    DRAIN_TIME,
                    discard(unread.body, budget),
                ));
            }
            Ok(response)
        })
    }
}

impl<S> Linger<S> {
    /// Whether a body with these headers could be drained: not one that
    /// declares more than the drain limit.
    fn may_drain(&self, headers: &HeaderMap) -> bool {
        declared_length(headers).is_none_or(|length| length <= self.drain_limit as u64)
    }
}

/// Whether the client waits for `100 Continue` before it sends the body.
fn expects_continue(headers: &HeaderMap) -> bool {
    headers
        .get(header::EXPECT)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"100-continue"))
}

/// Reads and drops `body` until it ends, fails, or `budget` bytes are gone.
async fn discard(mut body: Body, budget: usize) {
    let mut discarded = 0usize;
    while discarded <= budget {
        match body.frame().await {
            Some(Ok(frame)) => discarded += frame.data_ref().map_or(0, Buf::remaining),
            Some(Err(_)) | None => return,
        }
    }
}

/// What the service left of a request body when it dropped it.
struct Unread {
    body: Body,
    /// Bytes the service read before.
    read: usize,
    /// Whether the service asked for any of it.
    polled: bool,
}

/// A request body that, dropped before its end, leaves the rest in `left`.
struct Watched {
    body: Option<Body>,
    read: usize,
    polled: bool,
    ended: bool,
    left: Arc<Mutex<Option<Unread>>>,
}

impl Watched {
    fn new(body: Body, left: Arc<Mutex<Option<Unread>>>) -> Watched {
        Watched {
            body: Some(body),
            read: 0,
            polled: false,
            ended: false,
            left,
        }
    }
}

impl http_body::Body for Watched {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = &mut *self;
        this.polled = true;
        let Some(body) = this.body.as_mut() else {
            return Poll::Ready(None);
        };
        let frame = std::task::ready!(Pin::new(body).poll_frame(cx));
        match &frame {
            Some(Ok(frame)) => this.read += frame.data_ref().map_or(0, Buf::remaining),
            Some(Err(_)) | None => this.ended = true,
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.body.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.body.as_ref().map(Body::size_hint).unwrap_or_default()
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        let Some(body) = self.body.take() else {
            return;
        };
        if self.ended || body.is_end_stream() {
            return;
        }
        if let Ok(mut left) = self.left.lock() {
            *left = Some(Unread {
                body,
                read: self.read,
                polled: self.polled,
            });
        }
    }
}
