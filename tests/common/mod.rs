//! Shared test support: a real server on 127.0.0.1:0, a gate that holds
//! extractions in flight, and structural checks every response must pass.
#![allow(dead_code)] // each test crate uses a different part of this module

pub mod proxy;

use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use attributor::engine::{self, Document};
use attributor::proto::{ExtractResponse, Span};
use attributor::server::{self, ServeError, ServerConfig};
use attributor::service::{ExtractionService, Extractor, ServiceConfig};
use attributor_client::Client;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A short article of our own (not from any gold data), with non-ASCII
/// characters before and inside its quotations.
pub const ARTICLE: &str = "BRUSSELS, Jan. 27 — Maria Keller, the European Commission's \
energy spokesperson, said on Tuesday that gas reserves were “sufficient for the rest of \
the winter”. “We are well prepared,” Keller told reporters in Brussels. According to \
Jan Novák, a grid operator in Plzeň, prices could still rise in February. \"Nobody should \
panic,\" he said.";

/// Longest a test waits for something that must happen.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A server running in this test's runtime.
pub struct TestServer {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<Result<(), ServeError>>>,
}

impl TestServer {
    pub async fn start(config: ServerConfig, service: ExtractionService) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let (tx, rx) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = rx.await;
        };
        let handle = tokio::spawn(server::serve(listener, config, service, shutdown));
        TestServer {
            addr,
            shutdown: Some(tx),
            handle: Some(handle),
        }
    }

    /// The real engine, default limits.
    pub async fn start_default() -> TestServer {
        TestServer::with_config(ServerConfig::default()).await
    }

    /// A server with `config` and the default service.
    pub async fn with_config(config: ServerConfig) -> TestServer {
        TestServer::start(config, ExtractionService::new(ServiceConfig::default())).await
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn client(&self) -> Client {
        Client::connect(self.url()).await.expect("connect")
    }

    /// What SIGTERM does to the binary.
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Waits for `serve` to return.
    pub async fn stopped(&mut self) -> Result<(), ServeError> {
        let handle = self.handle.take().expect("not awaited yet");
        tokio::time::timeout(PATIENCE, handle)
            .await
            .expect("server stops in time")
            .expect("server task did not panic")
    }

    /// Waits until the listener refuses connections.
    pub async fn wait_not_accepting(&self) {
        wait_for("the listener to close", || async {
            tokio::net::TcpStream::connect(self.addr).await.is_err()
        })
        .await;
    }
}

/// Polls `condition` until it holds; panics after [`PATIENCE`].
pub async fn wait_for<F, Fut>(what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let give_up = tokio::time::Instant::now() + PATIENCE;
    while !condition().await {
        assert!(
            tokio::time::Instant::now() < give_up,
            "gave up waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[derive(Default)]
struct GateState {
    open: bool,
    entered: usize,
    in_flight: usize,
    max_in_flight: usize,
}

/// Holds every extraction until opened, counting how many run at once.
/// Wraps the real engine: what comes out is the engine's answer.
#[derive(Default)]
pub struct Gate {
    state: Mutex<GateState>,
    opened: Condvar,
}

impl Gate {
    pub fn new() -> Arc<Gate> {
        Arc::new(Gate::default())
    }

    pub fn extractor(self: &Arc<Gate>) -> Extractor {
        let gate = self.clone();
        Arc::new(move |document: &Document<'_>| {
            gate.pass();
            let result = engine::extract(document);
            gate.state.lock().unwrap().in_flight -= 1;
            result
        })
    }

    fn pass(&self) {
        let mut state = self.state.lock().unwrap();
        state.entered += 1;
        state.in_flight += 1;
        state.max_in_flight = state.max_in_flight.max(state.in_flight);
        // Bounded so that a failing test cannot leave a blocking thread
        // behind that keeps the test runtime from shutting down.
        let _ = self
            .opened
            .wait_timeout_while(state, PATIENCE, |s| !s.open)
            .unwrap();
    }

    pub fn open(&self) {
        self.state.lock().unwrap().open = true;
        self.opened.notify_all();
    }

    pub fn entered(&self) -> usize {
        self.state.lock().unwrap().entered
    }

    pub fn max_in_flight(&self) -> usize {
        self.state.lock().unwrap().max_in_flight
    }

    pub async fn wait_entered(&self, n: usize) {
        wait_for(&format!("{n} extraction(s) to start"), || async {
            self.entered() >= n
        })
        .await;
    }
}

/// A server whose extractions wait for `gate`.
pub async fn gated_server(
    gate: &Arc<Gate>,
    config: ServerConfig,
    service: ServiceConfig,
) -> TestServer {
    TestServer::start(
        config,
        ExtractionService::with_extractor(service, gate.extractor()),
    )
    .await
}

/// Checks what holds for any correct engine: spans inside the text and
/// consistent in code points and bytes, texts equal to what their spans
/// cover, statements in text order, speaker ids `s1..sN` that statements
/// reference. Returns the number of spans checked.
pub fn assert_well_formed(text: &str, response: &ExtractResponse) -> usize {
    let mut checked = 0;
    let mut check = |span: Option<Span>, expected: &str, what: &str| {
        let span = span.unwrap_or_else(|| panic!("{what} has no span"));
        assert!(
            span.start <= span.end && span.byte_start <= span.byte_end,
            "{what}: {span:?}"
        );
        let by_bytes = text
            .get(span.byte_start as usize..span.byte_end as usize)
            .unwrap_or_else(|| panic!("{what}: byte span off the text: {span:?}"));
        let by_chars: String = text
            .chars()
            .skip(span.start as usize)
            .take((span.end - span.start) as usize)
            .collect();
        assert_eq!(by_chars, by_bytes, "{what}: code points and bytes disagree");
        assert_eq!(by_bytes, expected, "{what}: text differs from its span");
        checked += 1;
    };
    let ids: Vec<String> = (1..=response.speakers.len())
        .map(|i| format!("s{i}"))
        .collect();
    for (speaker, id) in response.speakers.iter().zip(&ids) {
        assert_eq!(&speaker.id, id);
    }
    let mut previous_start = 0;
    for (i, statement) in response.statements.iter().enumerate() {
        let quote = statement
            .quote
            .as_ref()
            .expect("every statement has a quote");
        check(quote.span, &quote.text, &format!("statement {i} quote"));
        let start = quote.span.unwrap().start;
        assert!(start >= previous_start, "statement {i} out of text order");
        previous_start = start;
        assert!((0.0..=1.0).contains(&statement.confidence));
        if let Some(speaker) = &statement.speaker {
            check(
                speaker.span,
                &speaker.mention,
                &format!("statement {i} speaker"),
            );
            assert!(
                ids.contains(&speaker.id),
                "statement {i}: unknown speaker id"
            );
        }
        if let Some(verb) = &statement.verb {
            check(verb.span, &verb.text, &format!("statement {i} verb"));
        }
        if let Some(timestamp) = &statement.timestamp {
            check(
                timestamp.span,
                &timestamp.text,
                &format!("statement {i} timestamp"),
            );
        }
    }
    for speaker in &response.speakers {
        for mention in &speaker.mentions {
            let covered = text
                .get(mention.byte_start as usize..mention.byte_end as usize)
                .expect("mention inside the text");
            check(
                Some(*mention),
                covered,
                &format!("speaker {} mention", speaker.id),
            );
        }
    }
    checked
}
