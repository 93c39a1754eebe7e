//! Resumable bulk extraction: [`Client::extract_bulk`].
//!
//! One `ExtractStream` call lives on one connection to one replica. When
//! that connection goes (the replica crashed, was restarted by a rolling
//! update, a proxy cut it), every document sent on it and not yet answered
//! goes with it, and a bare stream cannot say which. `extract_bulk` keeps
//! those documents, opens a new stream through the client's balancer (so on
//! a replica that is up), resends exactly them, and hands out one answer per
//! input document, in input order, exactly once.
//!
//! **Matching answers.** A stream answers in request order, so the answer
//! at the head of a stream is the oldest document sent on it and not yet
//! answered. Answers are matched by that position, never by id: documents
//! may share an id or have none. [`BulkAnswer::index`] is the document's
//! position in the input (from 0); the echoed id is checked against the
//! expected one and a mismatch ends the run as a protocol error.
//!
//! **Poison documents.** A document that crashes every server it reaches
//! would otherwise be resent forever. When a stream breaks with several
//! documents in flight nobody can tell which one broke it, so no document is
//! charged; instead the documents that were in flight become *suspects* and
//! the next stream sends them one at a time. A stream that breaks while one
//! document is alone in flight (or that fails because of the oldest
//! document: its own deadline, or a request too large) charges that
//! document one failure. After [`BulkOptions::max_failures`] such failures
//! (each on a fresh stream) the document is answered in-band with an
//! [`ExtractError`] instead of being sent again. A server that crashes for
//! reasons of its own therefore costs an innocent document at most one
//! failure, since it is answered on the next stream, and one poison document
//! costs `max_failures` crashes, not one per document sent beside it.
//!
//! **What is retried.** A lost connection, an UNAVAILABLE sent by a
//! stopping server, or an in-band "server overloaded" reopens the stream
//! after an exponential backoff with jitter (reset by every answer). A
//! status no retry can change (UNAUTHENTICATED, PERMISSION_DENIED,
//! UNIMPLEMENTED, INVALID_ARGUMENT, …) ends the run with
//! [`BulkError::Refused`]; so does [`BulkOptions::give_up_after`] without a
//! single answer ([`BulkError::GaveUp`], UNAVAILABLE).
//!
//! **Memory.** At most [`BulkOptions::window`] documents are held (sent or
//! waiting to be resent); the input is read no further ahead, and answers
//! wait for the caller to take them.

use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_stream::wrappers::ReceiverStream;
use tokio_stream::{Stream, StreamExt};

use crate::{
    Client, Code, ExtractError, ExtractRequest, ExtractResponse, ExtractStreamResponse, Status,
    extract_stream_response, is_lost_connection,
};

/// Settings of [`Client::extract_bulk`].
#[derive(Clone, Debug)]
pub struct BulkOptions {
    /// Documents held at once: sent and not yet answered, or waiting to be
    /// resent (default 64). Bounds memory and what one break costs.
    pub window: usize,
    /// Fresh streams a document may break before it is answered with an
    /// in-band error instead of being sent again (default 3).
    pub max_failures: u32,
    /// First delay before reopening a broken stream (default 100 ms); it
    /// doubles with every further break without an answer in between.
    pub backoff_base: Duration,
    /// Longest delay between two attempts (default 5 s).
    pub backoff_max: Duration,
    /// The run fails UNAVAILABLE after this long without a single answer
    /// (default 2 minutes).
    pub give_up_after: Duration,
}

impl Default for BulkOptions {
    fn default() -> Self {
        BulkOptions {
            window: 64,
            max_failures: 3,
            backoff_base: Duration::from_millis(100),
            backoff_max: Duration::from_secs(5),
            give_up_after: Duration::from_secs(120),
        }
    }
}

/// The answer for one input document.
#[derive(Clone, Debug, PartialEq)]
pub struct BulkAnswer {
    /// Position of the document in the input, from 0.
    pub index: u64,
    /// The document's id as the caller gave it (possibly empty or shared).
    pub document_id: String,
    /// The extraction, or why there is none: the server's in-band error, or
    /// one made here for a document that broke
    /// [`BulkOptions::max_failures`] streams.
    pub result: Result<ExtractResponse, ExtractError>,
}

/// Why a bulk run ended before every document was answered.
#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    /// The server refused the stream with a status no retry can change.
    #[error("the server refused the stream: {code:?}: {message}", code = .0.code(), message = .0.message())]
    Refused(Status),
    /// No answer arrived for [`BulkOptions::give_up_after`].
    #[error(
        "no answer for {waited:?} over {attempts} attempt(s); the last failure: {code:?}: {message}",
        code = .last.code(),
        message = .last.message()
    )]
    GaveUp {
        waited: Duration,
        attempts: u32,
        last: Status,
    },
    /// The server answered out of order (a server bug): going on could
    /// attach answers to the wrong documents.
    #[error("protocol error: {0}")]
    Protocol(String),
}

impl BulkError {
    /// The gRPC code of this error: the refusal's own, UNAVAILABLE for a run
    /// that gave up, INTERNAL for a protocol error.
    pub fn code(&self) -> Code {
        match self {
            BulkError::Refused(status) => status.code(),
            BulkError::GaveUp { .. } => Code::Unavailable,
            BulkError::Protocol(_) => Code::Internal,
        }
    }
}

/// Counters of a run so far: see [`BulkProgress::snapshot`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BulkStats {
    /// Documents answered (with a response or an error).
    pub documents: u64,
    /// Text bytes of the documents answered.
    pub bytes: u64,
    /// Documents answered with an error.
    pub errors: u64,
    /// Streams opened after the first one.
    pub reconnects: u64,
    /// Documents sent again after their stream broke.
    pub resent: u64,
}

/// A live view of a run's counters; cheap to clone and to read from a
/// progress display while the run goes on.
#[derive(Clone, Debug, Default)]
pub struct BulkProgress(Arc<Counters>);

#[derive(Debug, Default)]
struct Counters {
    documents: AtomicU64,
    bytes: AtomicU64,
    errors: AtomicU64,
    reconnects: AtomicU64,
    resent: AtomicU64,
}

impl BulkProgress {
    /// The counters now.
    pub fn snapshot(&self) -> BulkStats {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        BulkStats {
            documents: read(&self.0.documents),
            bytes: read(&self.0.bytes),
            errors: read(&self.0.errors),
            reconnects: read(&self.0.reconnects),
            resent: read(&self.0.resent),
        }
    }

    fn answered(&self, bytes: usize, error: bool) {
        self.0.documents.fetch_add(1, Ordering::Relaxed);
        self.0.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        if error {
            self.0.errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// The answers of [`Client::extract_bulk`], in input order; an `Err` is the
/// last item. Dropping it stops the run.
pub struct BulkAnswers {
    answers: ReceiverStream<Result<BulkAnswer, BulkError>>,
    progress: BulkProgress,
    task: JoinHandle<()>,
}

impl BulkAnswers {
    /// The run's counters, for a progress display.
    pub fn progress(&self) -> BulkProgress {
        self.progress.clone()
    }
}

impl Stream for BulkAnswers {
    type Item = Result<BulkAnswer, BulkError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.answers).poll_next(cx)
    }
}

impl Drop for BulkAnswers {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Client {
    /// Extracts every document of `requests` over `ExtractStream`, across
    /// lost connections, crashed and stopping servers: one answer per
    /// document, in input order, exactly once (see the [module
    /// docs](crate::bulk)). Must be called inside a tokio runtime.
    pub fn extract_bulk<S>(&self, requests: S, options: BulkOptions) -> BulkAnswers
    where
        S: Stream<Item = ExtractRequest> + Send + 'static,
    {
        let options = BulkOptions {
            window: options.window.max(1),
            max_failures: options.max_failures.max(1),
            ..options
        };
        let (out, answers) = mpsc::channel(options.window);
        let progress = BulkProgress::default();
        let driver = Driver {
            client: self.clone(),
            input: Box::pin(requests),
            input_done: false,
            pending: VecDeque::new(),
            next_index: 0,
            suspects: 0,
            out,
            progress: progress.clone(),
            last_answer: Instant::now(),
            breaks_in_a_row: 0,
            attempts: 0,
            options,
        };
        BulkAnswers {
            answers: ReceiverStream::new(answers),
            progress,
            task: tokio::spawn(driver.run()),
        }
    }
}

/// A document read from the input and not answered yet.
struct Pending {
    index: u64,
    request: ExtractRequest,
    /// Streams it broke (see the module docs).
    failures: u32,
    /// The last status charged to it.
    last_failure: Option<Status>,
    /// Sent on an earlier stream already.
    sent_before: bool,
}

/// How one stream ended.
enum StreamEnd {
    /// Every document is answered.
    Finished,
    /// The caller dropped the answers.
    Abandoned,
    /// The call failed with `in_flight` documents sent and unanswered.
    Broke { status: Status, in_flight: usize },
    /// The oldest document was refused in-band as overload: back off and
    /// resend from it.
    Overloaded(Status),
    /// Nothing more can be done.
    Fatal(BulkError),
}

/// What a failed stream says about the documents in flight.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// Retrying cannot help.
    Fatal,
    /// The server or the network went away: anyone in flight may be at fault.
    Broken,
    /// A status the oldest document caused: its deadline (charged once)
    /// or its size (never worth resending).
    OldestAtFault { again: bool },
    /// The server declined the work (stopping, overloaded): nobody's fault.
    Declined,
}

fn verdict(status: &Status) -> Verdict {
    match status.code() {
        Code::Unauthenticated
        | Code::PermissionDenied
        | Code::Unimplemented
        | Code::InvalidArgument
        | Code::FailedPrecondition
        | Code::NotFound
        | Code::AlreadyExists
        | Code::OutOfRange => Verdict::Fatal,
        Code::DeadlineExceeded => Verdict::OldestAtFault { again: true },
        Code::ResourceExhausted => Verdict::OldestAtFault { again: false },
        Code::Unavailable if !is_lost_connection(status) => Verdict::Declined,
        _ => Verdict::Broken,
    }
}

struct Driver {
    client: Client,
    options: BulkOptions,
    input: Pin<Box<dyn Stream<Item = ExtractRequest> + Send>>,
    input_done: bool,
    /// Read and unanswered, oldest first; the first ones are in flight.
    pending: VecDeque<Pending>,
    next_index: u64,
    /// How many of the oldest documents to send one at a time.
    suspects: usize,
    out: mpsc::Sender<Result<BulkAnswer, BulkError>>,
    progress: BulkProgress,
    last_answer: Instant,
    breaks_in_a_row: u32,
    attempts: u32,
}

/// What woke a stream's loop.
enum Event {
    Answer(Option<Result<ExtractStreamResponse, Status>>),
    Input(Option<ExtractRequest>),
}

impl Driver {
    async fn run(mut self) {
        loop {
            let end = self.run_stream().await;
            let status = match end {
                StreamEnd::Finished | StreamEnd::Abandoned => return,
                StreamEnd::Fatal(error) => return self.fail(error).await,
                StreamEnd::Overloaded(status) => status,
                StreamEnd::Broke { status, in_flight } => {
                    match self.charge(&status, in_flight).await {
                        Ok(()) => status,
                        Err(end) => match end {
                            StreamEnd::Fatal(error) => return self.fail(error).await,
                            _ => return,
                        },
                    }
                }
            };
            let delay = self.backoff();
            let waited = self.last_answer.elapsed();
            if waited + delay > self.options.give_up_after {
                let error = BulkError::GaveUp {
                    waited,
                    attempts: self.attempts,
                    last: status,
                };
                return self.fail(error).await;
            }
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = self.out.closed() => return,
            }
            BulkProgress::add(&self.progress.0.reconnects);
        }
    }

    async fn fail(self, error: BulkError) {
        let _ = self.out.send(Err(error)).await;
    }

    /// Documents sent at once on this stream: one while suspects remain.
    fn limit(&self) -> usize {
        if self.suspects > 0 {
            1
        } else {
            self.options.window
        }
    }

    /// Reads one more document if none is held; false at the end of input.
    async fn have_work(&mut self) -> bool {
        if self.pending.is_empty() && !self.input_done {
            match self.input.next().await {
                Some(request) => self.hold(request),
                None => self.input_done = true,
            }
        }
        !self.pending.is_empty()
    }

    fn hold(&mut self, request: ExtractRequest) {
        self.pending.push_back(Pending {
            index: self.next_index,
            request,
            failures: 0,
            last_failure: None,
            sent_before: false,
        });
        self.next_index += 1;
    }

    /// One `ExtractStream` call: sends what the window allows, reads more
    /// input as answers free room, until every document is answered or the
    /// call fails.
    async fn run_stream(&mut self) -> StreamEnd {
        if !self.have_work().await {
            return StreamEnd::Finished;
        }
        self.attempts += 1;
        let (tx, rx) = mpsc::channel(self.options.window);
        let mut tx = Some(tx);
        let mut answers = match self.client.extract_stream(ReceiverStream::new(rx)).await {
            Ok(answers) => answers,
            Err(status) => {
                return StreamEnd::Broke {
                    status,
                    in_flight: 0,
                };
            }
        };
        let mut sent = 0;
        loop {
            sent = self.send_window(&mut tx, sent).await;
            if self.input_done && sent == self.pending.len() {
                // Ends the request stream: the server ends the call after
                // the last answer.
                tx = None;
            }
            let may_read =
                !self.input_done && self.suspects == 0 && self.pending.len() < self.options.window;
            let event = tokio::select! {
                biased;
                answer = answers.next() => Event::Answer(answer),
                request = self.input.next(), if may_read => Event::Input(request),
            };
            match event {
                Event::Input(Some(request)) => self.hold(request),
                Event::Input(None) => self.input_done = true,
                Event::Answer(answer) => {
                    if let Err(end) = self.on_answer(answer, sent).await {
                        return end;
                    }
                    sent -= 1;
                }
            }
        }
    }

    /// Sends the held documents the window allows; returns how many are on
    /// this stream now.
    async fn send_window(
        &mut self,
        tx: &mut Option<mpsc::Sender<ExtractRequest>>,
        mut sent: usize,
    ) -> usize {
        let Some(sender) = tx else { return sent };
        while sent < self.pending.len() && sent < self.limit() {
            let document = &mut self.pending[sent];
            if document.sent_before {
                BulkProgress::add(&self.progress.0.resent);
            }
            document.sent_before = true;
            // Never waits: the channel holds a window and at most a window
            // is in flight. An error means the call is over; its answer
            // stream says how.
            if sender.send(document.request.clone()).await.is_err() {
                break;
            }
            sent += 1;
        }
        sent
    }

    /// Handles one item of the answer stream; `Err` ends the stream.
    async fn on_answer(
        &mut self,
        answer: Option<Result<ExtractStreamResponse, Status>>,
        in_flight: usize,
    ) -> Result<(), StreamEnd> {
        let item = match answer {
            Some(Ok(item)) => item,
            Some(Err(status)) => return Err(StreamEnd::Broke { status, in_flight }),
            None if self.pending.is_empty() && self.input_done => {
                return Err(StreamEnd::Finished);
            }
            None => {
                let status =
                    Status::unavailable("the server ended the stream before answering everything");
                return Err(StreamEnd::Broke { status, in_flight });
            }
        };
        if in_flight == 0 {
            return Err(StreamEnd::Fatal(BulkError::Protocol(format!(
                "an answer for {:?} arrived with no document in flight",
                item.document_id
            ))));
        }
        let expected = &self.pending[0].request.document_id;
        if &item.document_id != expected {
            return Err(StreamEnd::Fatal(BulkError::Protocol(format!(
                "the answer for {:?} arrived where the one for {expected:?} was due",
                item.document_id
            ))));
        }
        let result = match item.result {
            Some(extract_stream_response::Result::Response(response)) => Ok(response),
            Some(extract_stream_response::Result::Error(error))
                if error.code == Code::ResourceExhausted as i32 =>
            {
                return Err(StreamEnd::Overloaded(Status::resource_exhausted(
                    error.message,
                )));
            }
            Some(extract_stream_response::Result::Error(error)) => Err(error),
            None => Err(ExtractError {
                code: Code::Internal as i32,
                message: "the server answered with neither a response nor an error".into(),
                field: String::new(),
            }),
        };
        self.answer_oldest(result).await
    }

    /// Hands out the answer of the oldest held document.
    async fn answer_oldest(
        &mut self,
        result: Result<ExtractResponse, ExtractError>,
    ) -> Result<(), StreamEnd> {
        let Some(document) = self.pending.pop_front() else {
            return Ok(());
        };
        self.suspects = self.suspects.saturating_sub(1);
        self.last_answer = Instant::now();
        self.breaks_in_a_row = 0;
        self.progress
            .answered(document.request.text.len(), result.is_err());
        let answer = BulkAnswer {
            index: document.index,
            document_id: document.request.document_id,
            result,
        };
        match self.out.send(Ok(answer)).await {
            Ok(()) => Ok(()),
            Err(_) => Err(StreamEnd::Abandoned),
        }
    }

    /// Charges a broken stream to the document at fault, if one can be
    /// told, and answers it in-band once it has failed too often.
    async fn charge(&mut self, status: &Status, in_flight: usize) -> Result<(), StreamEnd> {
        let max_failures = self.options.max_failures;
        match verdict(status) {
            Verdict::Fatal => {
                return Err(StreamEnd::Fatal(BulkError::Refused(status.clone())));
            }
            Verdict::Declined => return Ok(()),
            Verdict::Broken if in_flight > 1 => {
                self.suspects = self.suspects.max(in_flight);
                return Ok(());
            }
            Verdict::Broken if in_flight == 0 => return Ok(()),
            Verdict::OldestAtFault { .. } if in_flight == 0 => return Ok(()),
            Verdict::Broken | Verdict::OldestAtFault { again: true } => {
                let oldest = &mut self.pending[0];
                oldest.failures += 1;
                oldest.last_failure = Some(status.clone());
            }
            Verdict::OldestAtFault { again: false } => {
                let error = ExtractError {
                    code: status.code() as i32,
                    message: status.message().to_string(),
                    field: String::new(),
                };
                return self.answer_oldest(Err(error)).await;
            }
        }
        if self.pending[0].failures < max_failures {
            return Ok(());
        }
        let error = given_up_error(&self.pending[0]);
        self.answer_oldest(Err(error)).await
    }

    /// The delay before the next attempt: exponential, capped, with jitter
    /// (between half and all of it, so clients that lost the same server do
    /// not all come back at once).
    fn backoff(&mut self) -> Duration {
        let exponent = self.breaks_in_a_row.min(16);
        self.breaks_in_a_row += 1;
        let full = self
            .options
            .backoff_base
            .saturating_mul(1 << exponent)
            .min(self.options.backoff_max);
        full.mul_f64(0.5 + 0.5 * random_fraction())
    }
}

/// The in-band error of a document that broke too many streams.
fn given_up_error(document: &Pending) -> ExtractError {
    let (code, last) = match &document.last_failure {
        Some(status) => (status.code(), status.message()),
        None => (Code::Unavailable, ""),
    };
    ExtractError {
        code: code as i32,
        message: format!(
            "not sent again: {} stream(s) failed while this document was the one in flight \
             (it may crash servers); the last failure: {last}",
            document.failures
        ),
        field: String::new(),
    }
}

/// A number in [0, 1), random enough for jitter, without a dependency.
fn random_fraction() -> f64 {
    let bits = std::collections::hash_map::RandomState::new().hash_one(Instant::now());
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(verdict(&Status::unauthenticated("x")), Verdict::Fatal);
        assert_eq!(verdict(&Status::unavailable("stopping")), Verdict::Declined);
        let lost = Status::unavailable(format!("{}: reset", crate::LOST_CONNECTION));
        assert_eq!(verdict(&lost), Verdict::Broken);
        assert_eq!(verdict(&Status::unknown("h2")), Verdict::Broken);
        assert_eq!(
            verdict(&Status::deadline_exceeded("slow")),
            Verdict::OldestAtFault { again: true }
        );
        assert_eq!(
            verdict(&Status::resource_exhausted("too large")),
            Verdict::OldestAtFault { again: false }
        );
    }

    #[test]
    fn jitter_stays_within_half_and_all_of_the_delay() {
        for _ in 0..100 {
            let fraction = random_fraction();
            assert!((0.0..1.0).contains(&fraction), "{fraction}");
        }
    }
}
