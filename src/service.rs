//! The `attribution.v1.AttributionService` implementation.
//!
//! A thin shell around [`engine::extract`]: it turns requests into
//! [`Document`]s, runs the engine, bounds every call by its deadline, and
//! converts results and errors with [`crate::convert`] and [`crate::error`].
//!
//! Where the engine runs depends on the document's size. A news article
//! (up to [`INLINE_EXTRACTION_BYTES`]) is extracted right on the async worker
//! that decoded it: the engine needs about a millisecond for it, while handing
//! it to tokio's blocking pool and back cost two thread wake-ups, about a
//! fifth of the server's CPU per request (see `docs/performance.md`). A larger
//! document goes to the blocking pool, so that seconds of work never hold a
//! worker that other connections need. Either way the extraction holds one of
//! the `max_concurrent_extractions` slots (one per core by default), so at
//! most that many workers are ever busy extracting, and a panic fails only its
//! own document with INTERNAL. An inline extraction cannot be cut short: it
//! is answered DEADLINE_EXCEEDED if the deadline passed while it ran, which
//! at this size is a millisecond late at most. An [`Extractor`] other than the
//! engine (tests hold requests in flight with one) always runs on the blocking
//! pool unless [`ExtractionService::inline_up_to`] says otherwise.
//!
//! `ExtractStream` pipelines documents: up to `stream_buffer` are extracted at
//! once, each in a task of its own so that one stream uses every core,
//! responses leave in request order, and nothing more is read from the client
//! while that window is full, so a fast producer is held back by HTTP/2 flow
//! control instead of an unbounded queue.
//!
//! A stopping server must not wait for a stream to end: an archive stream
//! runs for hours, and Kubernetes kills the pod at the end of its grace
//! period, cutting documents in half. So streams follow the server's
//! [`StreamPhase`]: once shutdown begins a new `ExtractStream` is refused
//! UNAVAILABLE, and when the shutdown grace is over each open stream stops
//! reading, answers every document it has started, and ends UNAVAILABLE
//! ("resume elsewhere"). A resuming client (`Client::extract_bulk`) sends
//! the rest to another replica; unary calls drain as before.
//!
//! Overload is shed, not absorbed: at most `max_concurrent_extractions` run at
//! once and at most `max_queued_extractions` more wait for a slot; a document
//! beyond both is refused at once with RESOURCE_EXHAUSTED, so a burst costs
//! the server a bounded amount of memory and the caller a fast answer it can
//! retry elsewhere.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::{Stream, StreamExt, stream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, TryAcquireError, watch};
use tokio_util::task::AbortOnDropHandle;
use tonic::{Code, Request, Response, Status, Streaming};
use tonic_types::{ErrorDetails, StatusExt};
use tracing::{debug, warn};

use crate::convert::extraction_to_response;
use crate::engine::{self, Document, EngineError, Extraction, Options};
use crate::error::{
    engine_status, invalid_field, oversize_to_resource_exhausted, to_extract_error,
};
use crate::proto::{
    ExtractRequest, ExtractResponse, ExtractStreamRequest, ExtractStreamResponse,
    attribution_service_server::AttributionService, extract_stream_response,
};

/// The extraction function the service calls: [`engine::extract`] in the
/// server. Tests swap in a wrapper around it to hold a request in flight
/// (deadlines, graceful shutdown) without putting sleeps in the engine.
pub type Extractor =
    Arc<dyn Fn(&Document<'_>) -> Result<Extraction, EngineError> + Send + Sync + 'static>;

/// The real engine as an [`Extractor`].
pub fn engine_extractor() -> Extractor {
    Arc::new(engine::extract)
}

/// Per-call limits of the service.
#[derive(Clone, Debug)]
pub struct ServiceConfig {
    /// Longest one document may take (a unary call, or one document of a
    /// stream) when the client sets no shorter deadline.
    pub request_timeout: Duration,
    /// Documents of one `ExtractStream` extracted concurrently (and so the
    /// most responses buffered ahead of the client).
    pub stream_buffer: usize,
    /// Extractions running at once across all calls; more wait for a slot
    /// (within their deadline). Keeps a burst of large documents from
    /// spreading over hundreds of blocking threads.
    pub max_concurrent_extractions: usize,
    /// Documents allowed to wait for an extraction slot; one more is refused
    /// at once with RESOURCE_EXHAUSTED instead of queueing without bound.
    pub max_queued_extractions: usize,
}

/// Default bound on documents waiting for an extraction slot.
pub const DEFAULT_MAX_QUEUED_EXTRACTIONS: usize = 64;

/// Documents up to this many bytes are extracted on the async worker that
/// received them (see the module docs): about two milliseconds of engine
/// time, and more than nearly every news article.
pub const INLINE_EXTRACTION_BYTES: usize = 64 * 1024;

/// One extraction per CPU: extraction is CPU-bound.
pub fn default_concurrency() -> usize {
    std::thread::available_parallelism().map_or(4, |n| n.get())
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            request_timeout: Duration::from_secs(60),
            stream_buffer: 16,
            max_concurrent_extractions: default_concurrency(),
            max_queued_extractions: DEFAULT_MAX_QUEUED_EXTRACTIONS,
        }
    }
}

/// Runs `extractor` on one request and builds its response. Shared by the
/// gRPC service and the `extract` command, so both answer identically.
pub fn extract_request(
    extractor: &Extractor,
    request: &ExtractRequest,
) -> Result<ExtractResponse, EngineError> {
    let document = Document {
        text: &request.text,
        published: Some(request.published.as_str()).filter(|p| !p.is_empty()),
        options: Options {
            direct_only: request.options.is_some_and(|o| o.direct_only),
        },
    };
    let extraction = extractor(&document)?;
    Ok(extraction_to_response(
        &request.text,
        request.document_id.clone(),
        &extraction,
    ))
}

/// The deadline a client asked for with `grpc-timeout`, stamped on the
/// request by [`stamp_client_deadline`].
#[derive(Clone, Copy, Debug)]
pub struct ClientDeadline(pub Instant);

fn client_deadline<T>(request: &Request<T>) -> Option<Instant> {
    request
        .extensions()
        .get::<ClientDeadline>()
        .map(|ClientDeadline(deadline)| *deadline)
}

/// Interceptor that records the client's `grpc-timeout` as a [`ClientDeadline`].
///
/// tonic's server answers an expired `grpc-timeout` itself, with CANCELLED
/// "Timeout expired", from a timer it starts just before this interceptor
/// runs. The handler's own timer therefore ends one timer tick (1 ms) early,
/// so the client gets the DEADLINE_EXCEEDED that gRPC specifies.
pub fn stamp_client_deadline(mut request: Request<()>) -> Result<Request<()>, Status> {
    let now = Instant::now();
    let timeout = request
        .metadata()
        .get("grpc-timeout")
        .and_then(|value| value.to_str().ok())
        .and_then(parse_grpc_timeout);
    if let Some(timeout) = timeout {
        let deadline = now + timeout.saturating_sub(Duration::from_millis(1));
        request.extensions_mut().insert(ClientDeadline(deadline));
    }
    Ok(request)
}

/// Parses a `grpc-timeout` header value: at most 8 digits and a unit
/// (`H`, `M`, `S`, `m`, `u`, `n`), per gRPC over HTTP/2.
pub fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    let unit_at = value.len().checked_sub(1)?;
    let (digits, unit) = value.split_at(unit_at);
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let amount: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(amount * 3600),
        "M" => Duration::from_secs(amount * 60),
        "S" => Duration::from_secs(amount),
        "m" => Duration::from_millis(amount),
        "u" => Duration::from_micros(amount),
        "n" => Duration::from_nanos(amount),
        _ => return None,
    })
}

/// Where `ExtractStream` calls stand in the server's life (see the module
/// docs); it only moves forward.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StreamPhase {
    /// New streams are taken.
    Open,
    /// Shutdown has begun: new streams are refused, open ones go on.
    Refusing,
    /// The grace is over: open streams end at their next document boundary.
    Ending,
}

/// The gRPC service: see the module docs.
#[derive(Clone)]
pub struct ExtractionService {
    extractor: Extractor,
    config: ServiceConfig,
    extraction_slots: Arc<Semaphore>,
    /// Documents currently waiting for a slot (see [`QueueTicket`]).
    queued: Arc<AtomicUsize>,
    /// Shared by every clone, so the server can end the streams of the
    /// clone tonic serves.
    streams: Arc<watch::Sender<StreamPhase>>,
    /// `ExtractStream` calls whose answers are not all out yet.
    open_streams: Arc<AtomicUsize>,
    /// Documents up to this size run on the async worker (see the module
    /// docs); 0: every document goes to the blocking pool.
    inline_bytes: usize,
}

/// Counts one open `ExtractStream` until its response stream is dropped
/// (tonic drops it once the last answer and the status are out).
struct OpenStream(Arc<AtomicUsize>);

impl OpenStream {
    fn new(count: &Arc<AtomicUsize>) -> OpenStream {
        count.fetch_add(1, Ordering::AcqRel);
        OpenStream(count.clone())
    }
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A place in the bounded queue for an extraction slot, given back on drop
/// (also when the waiting call is cancelled or times out).
struct QueueTicket(Arc<AtomicUsize>);

impl QueueTicket {
    /// A place if fewer than `limit` documents are waiting.
    fn take(queued: &Arc<AtomicUsize>, limit: usize) -> Option<QueueTicket> {
        queued
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < limit).then_some(n + 1)
            })
            .ok()?;
        Some(QueueTicket(queued.clone()))
    }
}

impl Drop for QueueTicket {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl ExtractionService {
    /// A service backed by the real engine.
    pub fn new(config: ServiceConfig) -> ExtractionService {
        ExtractionService::with_extractor(config, engine_extractor())
            .inline_up_to(INLINE_EXTRACTION_BYTES)
    }

    /// A service backed by `extractor` (see [`Extractor`]). It may block for
    /// as long as it likes: every document goes to the blocking pool.
    pub fn with_extractor(config: ServiceConfig, extractor: Extractor) -> ExtractionService {
        let config = ServiceConfig {
            stream_buffer: config.stream_buffer.max(1),
            max_concurrent_extractions: config.max_concurrent_extractions.max(1),
            ..config
        };
        ExtractionService {
            extractor,
            extraction_slots: Arc::new(Semaphore::new(config.max_concurrent_extractions)),
            queued: Arc::new(AtomicUsize::new(0)),
            streams: Arc::new(watch::Sender::new(StreamPhase::Open)),
            open_streams: Arc::new(AtomicUsize::new(0)),
            inline_bytes: 0,
            config,
        }
    }

    /// Extracts documents of up to `bytes` on the async worker instead of
    /// the blocking pool (see the module docs). Only for an extractor that
    /// never blocks and takes about as long per byte as the engine.
    pub fn inline_up_to(mut self, bytes: usize) -> ExtractionService {
        self.inline_bytes = bytes;
        self
    }

    /// Moves every `ExtractStream` of this service (and its clones) to
    /// `phase`; a phase earlier than the current one is ignored.
    pub fn set_stream_phase(&self, phase: StreamPhase) {
        self.streams.send_if_modified(|current| {
            let later = phase > *current;
            if later {
                *current = phase;
            }
            later
        });
    }

    /// `ExtractStream` calls still sending answers (or their final status).
    pub fn open_streams(&self) -> usize {
        self.open_streams.load(Ordering::Acquire)
    }

    /// The longest one document may take when the client sets no deadline.
    pub fn request_timeout(&self) -> Duration {
        self.config.request_timeout
    }

    /// When one document must be answered, if its extraction starts now: the
    /// server's request timeout, capped by the client's deadline for the
    /// whole call. (A stream's documents each get the request timeout; only
    /// the client's deadline bounds the stream as a whole.)
    fn document_deadline(&self, client_deadline: Option<Instant>) -> Instant {
        let cap = Instant::now() + self.config.request_timeout;
        client_deadline.map_or(cap, |client| cap.min(client))
    }

    /// Extracts one document within `deadline`, counts it in the metrics
    /// and logs it (DEBUG, or WARN when it fails).
    async fn extract_one(
        &self,
        rpc: &'static str,
        request: ExtractRequest,
        deadline: Instant,
    ) -> Result<ExtractResponse, Status> {
        let started = Instant::now();
        let document_id = request.document_id.clone();
        let text_bytes = request.text.len();
        let result = self.extract_before(request, deadline).await;
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        match &result {
            Ok(response) => {
                crate::metrics::record_extraction(text_bytes, response.statements.len());
                debug!(
                    rpc,
                    document_id,
                    text_bytes,
                    statements = response.statements.len(),
                    latency_ms,
                    "extracted"
                )
            }
            Err(status) => warn!(
                rpc,
                document_id,
                text_bytes,
                statements = 0,
                latency_ms,
                code = ?status.code(),
                error = status.message(),
                "extraction failed"
            ),
        }
        result
    }

    async fn extract_before(
        &self,
        request: ExtractRequest,
        deadline: Instant,
    ) -> Result<ExtractResponse, Status> {
        let slot = self.wait_for_slot(deadline).await?;
        if request.text.len() <= self.inline_bytes {
            self.extract_inline(slot, &request, deadline)
        } else {
            self.extract_on_blocking_pool(slot, request, deadline).await
        }
    }

    /// One of the `max_concurrent_extractions` slots, waiting in the bounded
    /// queue for it if all are taken.
    async fn wait_for_slot(&self, deadline: Instant) -> Result<OwnedSemaphorePermit, Status> {
        if Instant::now() >= deadline {
            return Err(deadline_exceeded());
        }
        match self.extraction_slots.clone().try_acquire_owned() {
            Ok(slot) => Ok(slot),
            Err(TryAcquireError::Closed) => Err(shutting_down()),
            Err(TryAcquireError::NoPermits) => {
                let Some(_ticket) =
                    QueueTicket::take(&self.queued, self.config.max_queued_extractions)
                else {
                    return Err(self.overloaded());
                };
                let slot = self.extraction_slots.clone().acquire_owned();
                match tokio::time::timeout_at(deadline.into(), slot).await {
                    Err(_elapsed) => Err(deadline_exceeded()),
                    Ok(Err(_closed)) => Err(shutting_down()),
                    Ok(Ok(slot)) => Ok(slot),
                }
            }
        }
    }

    /// Runs a small document right here, on the async worker.
    fn extract_inline(
        &self,
        slot: OwnedSemaphorePermit,
        request: &ExtractRequest,
        deadline: Instant,
    ) -> Result<ExtractResponse, Status> {
        let result = catch_unwind(AssertUnwindSafe(|| {
            extract_request(&self.extractor, request)
        }));
        drop(slot);
        match result {
            Err(panic) => Err(engine_panicked(&panic_message(panic.as_ref()))),
            Ok(_) if Instant::now() >= deadline => Err(deadline_exceeded()),
            Ok(result) => result.map_err(engine_status),
        }
    }

    /// Runs a large document on tokio's blocking pool.
    async fn extract_on_blocking_pool(
        &self,
        slot: OwnedSemaphorePermit,
        request: ExtractRequest,
        deadline: Instant,
    ) -> Result<ExtractResponse, Status> {
        let extractor = self.extractor.clone();
        let task = tokio::task::spawn_blocking(move || {
            // Held until the extraction really ends, even past a deadline.
            let _slot = slot;
            extract_request(&extractor, &request)
        });
        // On timeout the blocking task runs on to completion (threads cannot
        // be cancelled), but the caller is answered at its deadline.
        match tokio::time::timeout_at(deadline.into(), task).await {
            Err(_elapsed) => Err(deadline_exceeded()),
            Ok(Err(join_error)) => Err(engine_panicked(&join_error.to_string())),
            Ok(Ok(result)) => result.map_err(engine_status),
        }
    }

    /// Carries a `google.rpc.RetryInfo`: the mark of a refusal worth
    /// retrying (HTTP answers it 503 with `Retry-After`, see
    /// [`crate::web`]), unlike an oversize request's RESOURCE_EXHAUSTED.
    fn overloaded(&self) -> Status {
        let message = format!(
            "server overloaded: {} extractions running and {} waiting \
             (--max-concurrent-extractions, --max-queued-extractions); retry with backoff",
            self.config.max_concurrent_extractions, self.config.max_queued_extractions
        );
        retry_after(Code::ResourceExhausted, message, RETRY_AFTER_SHEDDING)
    }

    /// The answer to one item of an `ExtractStream`. `Err` ends the stream:
    /// only for failures of the call itself (deadline, a broken request
    /// stream); a bad document is answered in-band.
    async fn answer_stream_item(
        &self,
        item: Result<ExtractStreamRequest, Status>,
        client_deadline: Option<Instant>,
    ) -> Result<ExtractStreamResponse, Status> {
        let item = item.map_err(oversize_to_resource_exhausted)?;
        let Some(request) = item.request else {
            let status = invalid_field(
                Code::InvalidArgument,
                "request",
                "`request` is missing: each stream item must carry an ExtractRequest".into(),
            );
            return Ok(in_band_error(String::new(), &status));
        };
        let document_id = request.document_id.clone();
        let deadline = self.document_deadline(client_deadline);
        match self.extract_one("ExtractStream", request, deadline).await {
            Ok(response) => Ok(ExtractStreamResponse {
                document_id,
                result: Some(extract_stream_response::Result::Response(response)),
            }),
            Err(status) if status.code() == Code::DeadlineExceeded => Err(status),
            Err(status) => Ok(in_band_error(document_id, &status)),
        }
    }
}

/// Answers one stream item in a task of its own, so that the documents of
/// one stream are extracted on every worker; dropping the returned future
/// (the client went away) aborts a task still waiting for its slot.
fn spawn_stream_item(
    service: ExtractionService,
    item: Result<ExtractStreamRequest, Status>,
    client_deadline: Option<Instant>,
) -> impl Future<Output = Result<ExtractStreamResponse, Status>> {
    let task = AbortOnDropHandle::new(tokio::spawn(async move {
        service.answer_stream_item(item, client_deadline).await
    }));
    async move {
        task.await
            .unwrap_or_else(|join_error| Err(engine_panicked(&join_error.to_string())))
    }
}

fn in_band_error(document_id: String, status: &Status) -> ExtractStreamResponse {
    ExtractStreamResponse {
        document_id,
        result: Some(extract_stream_response::Result::Error(to_extract_error(
            status,
        ))),
    }
}

/// The delay a refused caller is told to wait before retrying.
const RETRY_AFTER_SHEDDING: Duration = Duration::from_secs(1);

/// A refusal worth retrying after `after`: the status carries a
/// `google.rpc.RetryInfo`, which HTTP answers as `Retry-After`.
fn retry_after(code: Code, message: impl Into<String>, after: Duration) -> Status {
    let details = ErrorDetails::with_retry_info(Some(after));
    Status::with_error_details(code, message, details)
}

fn shutting_down() -> Status {
    retry_after(
        Code::Unavailable,
        "the server is shutting down",
        RETRY_AFTER_SHEDDING,
    )
}

/// A new `ExtractStream` while the server stops.
fn stream_refused() -> Status {
    retry_after(
        Code::Unavailable,
        "the server is shutting down and takes no new streams: open the stream on another replica",
        RETRY_AFTER_SHEDDING,
    )
}

/// The end of an `ExtractStream` cut short by shutdown, after the answer
/// of every document the server had read.
fn stream_ended_by_shutdown() -> Status {
    retry_after(
        Code::Unavailable,
        "the server is shutting down: every document it read is answered above; \
         send the remaining ones to another replica",
        Duration::ZERO,
    )
}

/// A panic in the engine (or the code around it), answered for its own
/// document only.
fn engine_panicked(what: &str) -> Status {
    Status::internal(format!("the engine failed on this document: {what}"))
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    format!("panicked: {message}")
}

fn deadline_exceeded() -> Status {
    Status::deadline_exceeded("the deadline passed before the extraction finished")
}

/// The response stream of `ExtractStream`.
pub type ExtractResponseStream =
    Pin<Box<dyn Stream<Item = Result<ExtractStreamResponse, Status>> + Send + 'static>>;

#[tonic::async_trait]
impl AttributionService for ExtractionService {
    async fn extract(
        &self,
        request: Request<ExtractRequest>,
    ) -> Result<Response<ExtractResponse>, Status> {
        let deadline = self.document_deadline(client_deadline(&request));
        let response = self
            .extract_one("Extract", request.into_inner(), deadline)
            .await?;
        Ok(Response::new(response))
    }

    type ExtractStreamStream = ExtractResponseStream;

    async fn extract_stream(
        &self,
        request: Request<Streaming<ExtractStreamRequest>>,
    ) -> Result<Response<Self::ExtractStreamStream>, Status> {
        let mut phase = self.streams.subscribe();
        if *phase.borrow_and_update() != StreamPhase::Open {
            return Err(stream_refused());
        }
        let client_deadline = client_deadline(&request);
        let service = self.clone();
        let open = OpenStream::new(&self.open_streams);
        let ended = Arc::new(AtomicBool::new(false));
        let until_ending = {
            let ended = ended.clone();
            async move {
                if phase.wait_for(|p| *p == StreamPhase::Ending).await.is_ok() {
                    ended.store(true, Ordering::Release);
                } else {
                    // The service is gone; the server's drain ends the call.
                    std::future::pending::<()>().await;
                }
            }
        };
        // `take_until` stops reading requests; `buffered` still answers
        // every document it has taken; then the status goes last.
        let responses = request
            .into_inner()
            .take_until(until_ending)
            .map(move |item| spawn_stream_item(service.clone(), item, client_deadline))
            .buffered(self.config.stream_buffer)
            .chain(
                stream::once(async move { ended.load(Ordering::Acquire) }).filter_map(
                    |ended| async move { ended.then(|| Err(stream_ended_by_shutdown())) },
                ),
            )
            .map(move |item| {
                let _counted = &open;
                item
            });
        Ok(Response::new(Box::pin(responses)))
    }
}

/// The fully qualified service name, as health checks and reflection see it.
pub const SERVICE_NAME: &str = "attribution.v1.AttributionService";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto;

    #[test]
    fn grpc_timeout_units() {
        assert_eq!(parse_grpc_timeout("2H"), Some(Duration::from_secs(7200)));
        assert_eq!(parse_grpc_timeout("3M"), Some(Duration::from_secs(180)));
        assert_eq!(parse_grpc_timeout("5S"), Some(Duration::from_secs(5)));
        assert_eq!(parse_grpc_timeout("250m"), Some(Duration::from_millis(250)));
        assert_eq!(parse_grpc_timeout("7u"), Some(Duration::from_micros(7)));
        assert_eq!(
            parse_grpc_timeout("99999999n"),
            Some(Duration::from_nanos(99_999_999))
        );
    }

    #[test]
    fn grpc_timeout_rejects_malformed_values() {
        for bad in ["", "S", "123456789S", "10x", "-1S", "1.5S", "10"] {
            assert_eq!(parse_grpc_timeout(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn client_deadline_is_stamped_from_the_header() {
        let mut request = Request::new(());
        request
            .metadata_mut()
            .insert("grpc-timeout", "5S".parse().unwrap());
        let request = stamp_client_deadline(request).unwrap();
        let ClientDeadline(deadline) = *request.extensions().get::<ClientDeadline>().unwrap();
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(left <= Duration::from_secs(5) && left > Duration::from_secs(4));
        assert!(
            stamp_client_deadline(Request::new(()))
                .unwrap()
                .extensions()
                .get::<ClientDeadline>()
                .is_none()
        );
    }

    #[test]
    fn extract_request_passes_options_and_blank_published_through() {
        let seen = Arc::new(std::sync::Mutex::new(None));
        let seen_in = seen.clone();
        let extractor: Extractor = Arc::new(move |doc: &Document<'_>| {
            *seen_in.lock().unwrap() = Some((doc.published.map(str::to_owned), doc.options));
            engine::extract(doc)
        });
        let request = ExtractRequest {
            document_id: "d1".into(),
            text: "Some text.".into(),
            published: String::new(),
            options: Some(proto::ExtractOptions { direct_only: true }),
        };
        let response = extract_request(&extractor, &request).unwrap();
        assert_eq!(response.document_id, "d1");
        let (published, options) = seen.lock().unwrap().clone().unwrap();
        assert_eq!(published, None);
        assert!(options.direct_only);
    }

    #[tokio::test]
    async fn extraction_outliving_the_client_deadline_is_deadline_exceeded() {
        let (release, held) = std::sync::mpsc::channel::<()>();
        let held = std::sync::Mutex::new(held);
        let extractor: Extractor = Arc::new(move |doc: &Document<'_>| {
            // Held until the test has its answer (bounded, so a failure
            // cannot leave the blocking thread behind).
            let _ = held.lock().unwrap().recv_timeout(Duration::from_secs(20));
            engine::extract(doc)
        });
        let service = ExtractionService::with_extractor(ServiceConfig::default(), extractor);
        let mut request = Request::new(ExtractRequest {
            text: "Some text.".into(),
            ..Default::default()
        });
        let deadline = Instant::now() + Duration::from_millis(50);
        request.extensions_mut().insert(ClientDeadline(deadline));
        let status = service.extract(request).await.unwrap_err();
        release.send(()).unwrap();
        assert_eq!(status.code(), Code::DeadlineExceeded);
        assert!(Instant::now() >= deadline);
    }

    #[test]
    fn extract_request_reports_engine_errors() {
        let request = ExtractRequest {
            text: " \n".into(),
            ..Default::default()
        };
        let error = extract_request(&engine_extractor(), &request).unwrap_err();
        assert_eq!(error.field(), "text");
    }
}
