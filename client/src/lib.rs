//! Typed async client for the attributor gRPC service
//! (`attribution.v1.AttributionService`).
//!
//! [`Client`] wraps the generated tonic client with what callers otherwise
//! set up by hand: message size limits matching the server's, opt-in gzip,
//! a call builder for the common case, and client-side load balancing over several
//! replicas. The generated message types are re-exported, so a caller needs
//! no other crate to read responses.
//!
//! ```no_run
//! use attributor_client::{Client, Discovery};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::connect("http://127.0.0.1:50051").await?;
//! let response = client
//!     .extract("\"We will rebuild,\" Mayor Ana Ortiz said on Tuesday.")
//!     .published("2026-01-28")
//!     .document_id("example-1")
//!     .await?;
//! for statement in &response.statements {
//!     let quote = statement.quote.as_ref().map_or("", |q| q.text.as_str());
//!     let speaker = statement.speaker.as_ref().map_or("", |s| s.name.as_str());
//!     println!("{speaker}: {quote}");
//! }
//!
//! // Several replicas, balanced per call:
//! let balanced = Client::balanced(["http://10.0.0.1:50051", "http://10.0.0.2:50051"])?;
//! # let _ = balanced;
//!
//! // Every replica behind a DNS name (a Kubernetes headless Service),
//! // re-resolved every 5 s as replicas come and go:
//! let discovered = Client::discover("attributor-headless.default.svc:50051", Discovery::default());
//! # let _ = discovered;
//! # Ok(())
//! # }
//! ```
//!
//! An archive, resumed across lost connections, crashed replicas and
//! rolling updates (see [`bulk`]):
//!
//! ```no_run
//! use attributor_client::{BulkOptions, Client, ExtractRequest};
//! use tokio_stream::StreamExt;
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::balanced(["http://10.0.0.1:50051", "http://10.0.0.2:50051"])?;
//! let documents = (0..1000).map(|i| ExtractRequest {
//!     document_id: format!("doc-{i}"),
//!     text: "\"We will rebuild,\" Mayor Ana Ortiz said.".into(),
//!     ..ExtractRequest::default()
//! });
//! let mut answers = client.extract_bulk(tokio_stream::iter(documents), BulkOptions::default());
//! while let Some(answer) = answers.next().await {
//!     let answer = answer?; // an Err ends the run: refused, or no server for too long
//!     match answer.result {
//!         Ok(response) => println!("{}: {} statement(s)", answer.document_id, response.statements.len()),
//!         Err(error) => eprintln!("{}: {}", answer.document_id, error.message),
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! A server with TLS (optionally mutual) and bearer tokens:
//!
//! ```no_run
//! use attributor_client::{Certificate, Client, ClientTlsConfig, Identity};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let tls = ClientTlsConfig::new()
//!     .ca_certificate(Certificate::from_pem(std::fs::read("ca.pem")?))
//!     // Only for mutual TLS:
//!     .identity(Identity::from_pem(std::fs::read("client.pem")?, std::fs::read("client.key")?));
//! let client = Client::connect_tls("https://attributor.internal:50051", tls)
//!     .await?
//!     .with_bearer_token("s3cret")?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```

pub mod bulk;

pub use bulk::{BulkAnswer, BulkAnswers, BulkError, BulkOptions, BulkProgress, BulkStats};

use std::collections::HashSet;
use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::Sender;
use tokio_stream::{Stream, StreamExt};
use tonic::codec::CompressionEncoding;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::transport::channel::Change;
use tonic::transport::{Channel, Endpoint};

pub use attributor_proto as proto;
pub use attributor_proto::{
    ExtractError, ExtractOptions, ExtractRequest, ExtractResponse, ExtractStreamRequest,
    ExtractStreamResponse, Quote, Span, Speaker, SpeakerRef, SpeakerType, Statement, StatementKind,
    Timestamp, Verb, extract_stream_response,
};
pub use tonic::metadata::errors::InvalidMetadataValue;
pub use tonic::transport::Error as TransportError;
pub use tonic::transport::{Certificate, ClientTlsConfig, Identity};
pub use tonic::{Code, Status};
pub use tonic_health::pb::health_check_response::ServingStatus;

use attributor_proto::attribution_service_client::AttributionServiceClient;
use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};

/// Default limit on messages sent and received: 64 MiB, above the server's
/// default request limit (8 MiB) so that the server, not the client, decides.
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 64 * 1024 * 1024;

/// A connection (or a balanced set of connections) to attributor servers.
///
/// Cloning is cheap and clones share the connections.
#[derive(Clone, Debug)]
pub struct Client {
    channel: Channel,
    inner: AttributionServiceClient<Channel>,
    token: Option<BearerToken>,
}

/// An `authorization` header value; never printed.
#[derive(Clone)]
struct BearerToken(MetadataValue<Ascii>);

impl std::fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bearer <redacted>")
    }
}

impl Client {
    /// Connects to one server: a URL (`http://host:50051`) or `host:port`.
    pub async fn connect(endpoint: impl Into<String>) -> Result<Client, TransportError> {
        let channel = endpoint_for(endpoint.into())?.connect().await?;
        Ok(Client::from_channel(channel))
    }

    /// Connects to one server over TLS: `tls` names the CA to trust (and,
    /// for mutual TLS, the client's identity). `host:port` means `https://`.
    pub async fn connect_tls(
        endpoint: impl Into<String>,
        tls: ClientTlsConfig,
    ) -> Result<Client, TransportError> {
        let channel = tls_endpoint_for(endpoint.into(), tls)?.connect().await?;
        Ok(Client::from_channel(channel))
    }

    /// Like [`Client::balanced`], over TLS (`host:port` means `https://`).
    pub fn balanced_tls<I, S>(endpoints: I, tls: ClientTlsConfig) -> Result<Client, TransportError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let endpoints = endpoints
            .into_iter()
            .map(|e| tls_endpoint_for(e.into(), tls.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Client::from_channel(Channel::balance_list(
            endpoints.into_iter(),
        )))
    }

    /// Sends `authorization: Bearer <token>` with every call (for a server
    /// started with `--auth-token-file`).
    pub fn with_bearer_token(mut self, token: &str) -> Result<Client, InvalidMetadataValue> {
        let mut value: MetadataValue<Ascii> = format!("Bearer {token}").parse()?;
        value.set_sensitive(true);
        self.token = Some(BearerToken(value));
        Ok(self)
    }

    fn authorized<T>(&self, message: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        if let Some(BearerToken(token)) = &self.token {
            request
                .metadata_mut()
                .insert("authorization", token.clone());
        }
        request
    }

    /// Like [`Client::connect`], but connects on first use.
    pub fn connect_lazy(endpoint: impl Into<String>) -> Result<Client, TransportError> {
        Ok(Client::from_channel(
            endpoint_for(endpoint.into())?.connect_lazy(),
        ))
    }

    /// Balances calls over several servers (client-side, per call). Connects
    /// lazily; must be called inside a tokio runtime.
    ///
    /// A call that reaches a replica which has just gone away fails with
    /// UNAVAILABLE; retrying it lets the balancer pick another one.
    pub fn balanced<I, S>(endpoints: I) -> Result<Client, TransportError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let endpoints = endpoints
            .into_iter()
            .map(|e| endpoint_for(e.into()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Client::from_channel(Channel::balance_list(
            endpoints.into_iter(),
        )))
    }

    /// Balances calls over every address `target` (`host:port`) resolves
    /// to, resolving it again every [`Discovery::interval`] and adding and
    /// removing replicas as the answer changes: point it at a Kubernetes
    /// headless Service. Connects lazily; must be called inside a tokio
    /// runtime. See [`Client::discover_with`] for a resolver of your own.
    pub fn discover(target: impl Into<String>, discovery: Discovery) -> Client {
        Client::discover_with(dns_resolver(target.into()), discovery)
    }

    /// Like [`Client::discover`], with `resolver` answering which replicas
    /// exist (service registries, tests). The background task that calls it
    /// ends when the last clone of the client is dropped.
    pub fn discover_with(resolver: Resolver, discovery: Discovery) -> Client {
        let (channel, changes) = Channel::balance_channel(DISCOVERY_CHANGES_BUFFER);
        tokio::spawn(keep_resolving(resolver, discovery, changes));
        Client::from_channel(channel)
    }

    /// A client over an existing channel (custom TLS, timeouts, …).
    pub fn from_channel(channel: Channel) -> Client {
        let inner = AttributionServiceClient::new(channel.clone())
            .max_decoding_message_size(DEFAULT_MAX_MESSAGE_SIZE)
            .max_encoding_message_size(DEFAULT_MAX_MESSAGE_SIZE);
        Client {
            channel,
            inner,
            token: None,
        }
    }

    /// Largest response this client accepts.
    pub fn max_decoding_message_size(mut self, limit: usize) -> Client {
        self.inner = self.inner.max_decoding_message_size(limit);
        self
    }

    /// Largest request this client sends.
    pub fn max_encoding_message_size(mut self, limit: usize) -> Client {
        self.inner = self.inner.max_encoding_message_size(limit);
        self
    }

    /// Gzip-compresses requests.
    pub fn send_gzip(mut self) -> Client {
        self.inner = self.inner.send_compressed(CompressionEncoding::Gzip);
        self
    }

    /// Asks the server to gzip its responses. Off by default: compressing
    /// an article's answer costs the server about half the CPU of extracting
    /// it, which pays only on a slow link (it halves the bytes on the wire).
    pub fn accept_gzip(mut self) -> Client {
        self.inner = self.inner.accept_compressed(CompressionEncoding::Gzip);
        self
    }

    /// The underlying channel, e.g. for other services on the same server.
    pub fn channel(&self) -> Channel {
        self.channel.clone()
    }

    /// Starts an `Extract` call for `text`; set options on the returned
    /// [`ExtractCall`], then `.await` it.
    pub fn extract(&self, text: impl Into<String>) -> ExtractCall {
        ExtractCall {
            client: self.clone(),
            request: ExtractRequest {
                text: text.into(),
                ..ExtractRequest::default()
            },
            timeout: None,
        }
    }

    /// Sends a complete `ExtractRequest`, with an optional deadline.
    ///
    /// The deadline covers the whole call: when the first attempt is
    /// answered UNAVAILABLE, the retry gets only the time that is left.
    pub async fn extract_request(
        &self,
        request: ExtractRequest,
        timeout: Option<Duration>,
    ) -> Result<ExtractResponse, Status> {
        let deadline = timeout.map(|t| Instant::now() + t);
        // A replica that has just gone away answers UNAVAILABLE; a second
        // attempt goes through the balancer again and usually reaches
        // another one. Extract has no side effects, so retrying is safe.
        match self.attempt(request.clone(), timeout).await {
            Err(status) if status.code() == Code::Unavailable => {}
            answered => return answered,
        }
        let left = match deadline {
            Some(deadline) => match deadline.saturating_duration_since(Instant::now()) {
                left if left.is_zero() => {
                    return Err(Status::deadline_exceeded(
                        "the deadline passed before the retry of an UNAVAILABLE call",
                    ));
                }
                left => Some(left),
            },
            None => None,
        };
        self.attempt(request, left).await
    }

    /// One `Extract` call, built the same way for the first attempt and the
    /// retry: with the bearer token (a bare `tonic::Request::new` would drop
    /// it, and a server with auth would refuse the call UNAUTHENTICATED) and
    /// the given timeout.
    async fn attempt(
        &self,
        request: ExtractRequest,
        timeout: Option<Duration>,
    ) -> Result<ExtractResponse, Status> {
        let mut request = self.authorized(request);
        if let Some(timeout) = timeout {
            request.set_timeout(timeout);
        }
        match self.inner.clone().extract(request).await {
            Ok(response) => Ok(response.into_inner()),
            Err(status) => Err(grpc_status(status)),
        }
    }

    /// One `ExtractStream` call: one `ExtractStreamResponse` per request,
    /// in order.
    ///
    /// A bad document is answered in-band (its response carries an
    /// [`ExtractError`]) and the stream goes on; an `Err` item ends it (the
    /// call's deadline passed, the server stopped, the connection broke:
    /// UNAVAILABLE, see [`is_lost_connection`]). Documents sent and not
    /// answered when it ends are lost with the call:
    /// [`Client::extract_bulk`] resends them.
    pub async fn extract_stream<S>(&self, requests: S) -> Result<ExtractStreamResponses, Status>
    where
        S: Stream<Item = ExtractRequest> + Send + 'static,
    {
        let requests = requests.map(|request| ExtractStreamRequest {
            request: Some(request),
        });
        let mut inner = self.inner.clone();
        match inner.extract_stream(self.authorized(requests)).await {
            Ok(response) => Ok(ExtractStreamResponses(Box::pin(
                response.into_inner().map(|item| item.map_err(grpc_status)),
            ))),
            Err(status) => Err(grpc_status(status)),
        }
    }

    /// The server's `grpc.health.v1` status for `service` ("" for the server).
    pub async fn health(&self, service: &str) -> Result<ServingStatus, Status> {
        let response = HealthClient::new(self.channel.clone())
            .check(HealthCheckRequest {
                service: service.to_string(),
            })
            .await?;
        Ok(response.into_inner().status())
    }
}

/// The answers of [`Client::extract_stream`], with statuses as
/// [`grpc_status`] corrects them.
pub struct ExtractStreamResponses(
    Pin<Box<dyn Stream<Item = Result<ExtractStreamResponse, Status>> + Send + 'static>>,
);

impl std::fmt::Debug for ExtractStreamResponses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ExtractStreamResponses")
    }
}

impl Stream for ExtractStreamResponses {
    type Item = Result<ExtractStreamResponse, Status>;

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

/// tonic's statuses as gRPC specifies them, for the two cases where tonic
/// reports something else.
///
/// - tonic's channel enforces the deadline it sends as well, and reports its
///   own expiry as CANCELLED "Timeout expired"; gRPC specifies
///   DEADLINE_EXCEEDED, which is also what the server answers.
/// - A connection that breaks or closes under a call (the server went away,
///   or closed the connection with GOAWAY) surfaces as UNKNOWN "transport
///   error" or CANCELLED "operation was canceled"; gRPC specifies
///   UNAVAILABLE, the status a caller retries, and [`Client::extract_request`]
///   does retry it once.
fn grpc_status(status: Status) -> Status {
    if status.code() == Code::Cancelled && status.message() == "Timeout expired" {
        Status::deadline_exceeded("the deadline passed before the server answered")
    } else if matches!(status.code(), Code::Unknown | Code::Cancelled) && lost_connection(&status) {
        Status::unavailable(format!("{LOST_CONNECTION}: {}", error_chain(&status)))
    } else {
        status
    }
}

/// How the message of an UNAVAILABLE for a lost connection begins.
const LOST_CONNECTION: &str = "the connection to the server was lost during the call";

/// Whether this client answered a call UNAVAILABLE because the connection
/// under it broke or was closed (by either side), rather than passing on a
/// status the server sent. Load tests count these apart: a server should
/// refuse calls one by one, not drop connections.
pub fn is_lost_connection(status: &Status) -> bool {
    status.code() == Code::Unavailable && status.message().starts_with(LOST_CONNECTION)
}

/// Whether `status` was caused by the connection closing or breaking, not
/// by the server's answer.
fn lost_connection(status: &Status) -> bool {
    causes(status).any(|error| {
        if let Some(error) = error.downcast_ref::<hyper::Error>() {
            // Canceled: the request was never written, because the
            // connection closed first. The others: it closed mid-call.
            return error.is_canceled() || error.is_closed() || error.is_incomplete_message();
        }
        if let Some(error) = error.downcast_ref::<h2::Error>() {
            // A stream's body read fails with h2's own error, which hides
            // its cause from `source()`: the socket failed, or the server
            // closed the connection (GOAWAY) under the stream.
            return error.get_io().is_some_and(is_broken_socket)
                || (error.is_go_away() && error.is_remote());
        }
        error
            .downcast_ref::<std::io::Error>()
            .is_some_and(is_broken_socket)
    })
}

fn is_broken_socket(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        error.kind(),
        BrokenPipe | ConnectionReset | ConnectionAborted | UnexpectedEof
    )
}

/// The messages of `status`'s causes, innermost last, for the new status.
fn error_chain(status: &Status) -> String {
    causes(status)
        .map(|error| error.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

/// The errors that caused `status`, outermost first.
fn causes(status: &Status) -> impl Iterator<Item = &(dyn std::error::Error + 'static)> {
    std::iter::successors(std::error::Error::source(status), |error| error.source())
}

/// Answers which replicas exist: every address to balance over. Called
/// once per [`Discovery::interval`].
pub type Resolver = Arc<
    dyn Fn() -> Pin<Box<dyn Future<Output = std::io::Result<Vec<SocketAddr>>> + Send>>
        + Send
        + Sync,
>;

/// How [`Client::discover`] keeps its set of replicas current.
#[derive(Clone, Debug)]
pub struct Discovery {
    /// Time between two resolutions (default 5 s). Kubernetes DNS answers
    /// for a headless Service change within seconds of a pod becoming
    /// (un)ready; keep this below the server's shutdown grace, so that a
    /// stopping replica is dropped before it closes its listener.
    pub interval: Duration,
    /// Longest wait for a TCP connection to one replica.
    pub connect_timeout: Duration,
}

impl Default for Discovery {
    fn default() -> Self {
        Discovery {
            interval: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(5),
        }
    }
}

impl Discovery {
    /// The default, re-resolving every `interval`.
    pub fn every(interval: Duration) -> Discovery {
        Discovery {
            interval,
            ..Discovery::default()
        }
    }
}

/// Room for replica changes not yet applied by the balancer.
const DISCOVERY_CHANGES_BUFFER: usize = 64;

/// The system resolver (`getaddrinfo`, as tokio's `lookup_host`) for
/// `host:port`: every A and AAAA record of `host`.
pub fn dns_resolver(target: String) -> Resolver {
    Arc::new(move || {
        let target = target.clone();
        Box::pin(async move { Ok(tokio::net::lookup_host(target).await?.collect()) })
    })
}

/// Resolves, applies the difference to the balancer, sleeps; ends when the
/// balanced channel is gone. A failed or empty answer keeps the current
/// replicas: a DNS hiccup must not leave the client with nowhere to send.
async fn keep_resolving(
    resolver: Resolver,
    discovery: Discovery,
    changes: Sender<Change<SocketAddr, Endpoint>>,
) {
    let mut current = HashSet::new();
    loop {
        if let Ok(addresses) = resolver().await {
            let fresh: HashSet<SocketAddr> = addresses.into_iter().collect();
            if !fresh.is_empty()
                && apply_changes(&mut current, fresh, &discovery, &changes)
                    .await
                    .is_err()
            {
                return;
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(discovery.interval) => {}
            _ = changes.closed() => return,
        }
    }
}

/// Removes replicas no longer resolved and inserts new ones. `Err` when the
/// balancer is gone.
async fn apply_changes(
    current: &mut HashSet<SocketAddr>,
    fresh: HashSet<SocketAddr>,
    discovery: &Discovery,
    changes: &Sender<Change<SocketAddr, Endpoint>>,
) -> Result<(), ()> {
    for gone in current.difference(&fresh) {
        changes.send(Change::Remove(*gone)).await.map_err(drop)?;
    }
    for new in fresh.difference(current) {
        let Ok(endpoint) = endpoint_for(format!("http://{new}")) else {
            continue; // cannot happen: a socket address is a valid authority
        };
        let endpoint = endpoint.connect_timeout(discovery.connect_timeout);
        changes
            .send(Change::Insert(*new, endpoint))
            .await
            .map_err(drop)?;
    }
    *current = fresh;
    Ok(())
}

/// Locally reset (cancelled) streams whose late frames HTTP/2 still
/// recognises and ignores, per connection.
///
/// A call cancelled at its deadline may already have an answer on the
/// wire. HTTP/2 (h2) ignores frames of a stream it remembers as reset, but
/// by default it remembers only 50 for a second; a frame of a forgotten one
/// is answered with a reset that counts towards a limit of 1024 per
/// connection, after which h2 closes the connection with every call on it.
/// Under overload, when many calls reach their deadlines at once, 50 is
/// soon exceeded: the overload test at four times the saturation rate lost
/// its connection this way (h2's warning "locally-reset streams reached
/// limit (1024)", then GOAWAY "too_many_internal_resets"). A few thousand
/// remembered streams cost a few hundred KiB at most.
const REMEMBERED_RESET_STREAMS: usize = 4096;

/// `host:port` or a URL, as an endpoint.
fn endpoint_for(endpoint: String) -> Result<Endpoint, TransportError> {
    let uri = if endpoint.contains("://") {
        endpoint
    } else {
        format!("http://{endpoint}")
    };
    Ok(Endpoint::from_shared(uri)?.http2_max_concurrent_reset_streams(REMEMBERED_RESET_STREAMS))
}

/// `host:port` (meaning `https://`) or a URL, as an endpoint with `tls`.
fn tls_endpoint_for(endpoint: String, tls: ClientTlsConfig) -> Result<Endpoint, TransportError> {
    let endpoint = if endpoint.contains("://") {
        endpoint
    } else {
        format!("https://{endpoint}")
    };
    endpoint_for(endpoint)?.tls_config(tls)
}

/// An `Extract` call being built: see [`Client::extract`].
#[must_use = "an ExtractCall does nothing until awaited"]
#[derive(Debug)]
pub struct ExtractCall {
    client: Client,
    request: ExtractRequest,
    timeout: Option<Duration>,
}

impl ExtractCall {
    /// The article's reference date: `2026-01-28` or an RFC 3339 date-time.
    pub fn published(mut self, published: impl Into<String>) -> ExtractCall {
        self.request.published = published.into();
        self
    }

    /// An identifier echoed in the response.
    pub fn document_id(mut self, document_id: impl Into<String>) -> ExtractCall {
        self.request.document_id = document_id.into();
        self
    }

    /// Only statements in quotation marks (direct and mixed).
    pub fn direct_only(mut self, direct_only: bool) -> ExtractCall {
        self.request.options = Some(ExtractOptions { direct_only });
        self
    }

    /// The call's deadline (sent as `grpc-timeout`); past it the server
    /// answers DEADLINE_EXCEEDED.
    pub fn timeout(mut self, timeout: Duration) -> ExtractCall {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the call.
    pub async fn send(self) -> Result<ExtractResponse, Status> {
        self.client
            .extract_request(self.request, self.timeout)
            .await
    }
}

impl IntoFuture for ExtractCall {
    type Output = Result<ExtractResponse, Status>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn dns_resolver_finds_localhost() {
        let addresses = dns_resolver("localhost:50051".into())().await.unwrap();
        assert!(
            addresses
                .iter()
                .all(|a| a.ip().is_loopback() && a.port() == 50051),
            "{addresses:?}"
        );
        assert!(!addresses.is_empty());
    }
}
