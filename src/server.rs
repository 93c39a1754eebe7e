//! Server wiring: the attribution service plus health, reflection, limits,
//! compression and graceful shutdown, served on a given listener.
//!
//! [`serve`] takes an already bound [`TcpListener`] and a shutdown future so
//! that the binary (signals) and the integration tests (`127.0.0.1:0`, a
//! oneshot) run exactly the same server.
//!
//! Shutdown happens in three steps. When `shutdown` resolves the health
//! service turns NOT_SERVING, so load balancers and Kubernetes stop sending
//! traffic, and new `ExtractStream` calls are refused UNAVAILABLE. After
//! `shutdown_grace` every open `ExtractStream` ends at its next document
//! boundary with UNAVAILABLE, so a stream of hours does not hold the pod
//! (see [`crate::service`]); once those have sent their status the listener
//! closes and every connection is told to finish (HTTP/2 GOAWAY). In-flight
//! calls get up to `drain_timeout` from the end of the grace, then [`serve`]
//! returns regardless, because an idle or stuck connection must not keep a
//! stopping server alive.
//!
//! Access control is optional: TLS (rustls) with an optional client CA for
//! mutual TLS, and bearer tokens ([`crate::auth`]) checked on the attribution
//! and reflection services, never on health, so probes need no secret.
//! HTTP/2 limits (concurrent streams per connection, keepalive pings) bound
//! what one connection can hold open.
//!
//! The same port also speaks HTTP/1.1: JSON routes, a browser page and
//! gRPC-Web ([`crate::web`]) share tonic's router and every layer around
//! it, and call the same service, so they share its limits and rules.

use std::future::Future;
use std::time::Duration;

use http::HeaderValue;
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::time::Instant;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::Status;
use tonic::codec::CompressionEncoding;
use tonic::service::Routes;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Certificate, Identity, Server, ServerTlsConfig};
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;
use tracing::{info, warn};

use crate::auth::{BearerTokens, authorize};
use crate::error::fix_oversize_response;
use crate::metrics::MetricsLayer;
use crate::proto::{self, attribution_service_server::AttributionServiceServer};
use crate::service::{ExtractionService, SERVICE_NAME, StreamPhase, stamp_client_deadline};
use crate::web::{self, HttpApi};

/// 8 MiB: the default limit on a decoded request message.
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 8 * 1024 * 1024;

/// Transport-level settings of the server.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Largest request message accepted, in bytes (after decompression).
    pub max_message_size: usize,
    /// Time between NOT_SERVING and closing the listener at shutdown.
    pub shutdown_grace: Duration,
    /// Longest wait for in-flight calls once the listener is closed.
    pub drain_timeout: Duration,
    /// Close connections older than this (lets clients rebalance).
    pub max_connection_age: Option<Duration>,
    /// Concurrent HTTP/2 streams (calls) one connection may open.
    pub max_concurrent_streams: u32,
    /// Ping an idle connection this often (`None`: never) ...
    pub keepalive_interval: Option<Duration>,
    /// ... and close it if the ping is not answered within this.
    pub keepalive_timeout: Duration,
    /// Serve TLS instead of plaintext.
    pub tls: Option<TlsConfig>,
    /// Require one of these bearer tokens (all services but health).
    pub auth_tokens: Option<BearerTokens>,
    /// Origins whose pages may call the server from a browser (CORS);
    /// empty: CORS off.
    pub cors_origins: Vec<HeaderValue>,
}

/// PEM-encoded TLS material of the server.
#[derive(Clone, Debug)]
pub struct TlsConfig {
    /// Certificate chain, leaf first.
    pub cert_pem: Vec<u8>,
    /// Private key of the leaf certificate.
    pub key_pem: Vec<u8>,
    /// When set, clients must present a certificate signed by this CA
    /// (mutual TLS).
    pub client_ca_pem: Option<Vec<u8>>,
}

impl TlsConfig {
    fn to_tonic(&self) -> ServerTlsConfig {
        let tls =
            ServerTlsConfig::new().identity(Identity::from_pem(&self.cert_pem, &self.key_pem));
        match &self.client_ca_pem {
            Some(ca) => tls.client_ca_root(Certificate::from_pem(ca)),
            None => tls,
        }
    }
}

/// Streams a client may open and cancel before the server has accepted
/// them, per connection, before HTTP/2 closes the connection with GOAWAY
/// ENHANCE_YOUR_CALM (hyper's guard against "rapid reset" floods).
///
/// An honest client under overload trips a small limit: its calls wait in
/// its own queue for a stream, so each is sent with almost all of its
/// deadline spent and cancelled tens of milliseconds later, while the
/// server, busy extracting, reads them in large batches. At 100, a client
/// sending twice what the server can answer lost its connection, and every
/// call on it, in CI and at four times locally. At 1000 the guard still
/// bounds what a flood can queue (streams with no work behind them, a few
/// hundred KiB) and the overload test at four times the saturation rate
/// keeps its connection.
const MAX_PENDING_ACCEPT_RESETS: usize = 1000;

/// Default limit on concurrent calls per connection.
pub const DEFAULT_MAX_CONCURRENT_STREAMS: u32 = 100;

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_message_size: DEFAULT_MAX_MESSAGE_SIZE,
            shutdown_grace: Duration::ZERO,
            drain_timeout: Duration::from_secs(30),
            max_connection_age: None,
            max_concurrent_streams: DEFAULT_MAX_CONCURRENT_STREAMS,
            keepalive_interval: Some(Duration::from_secs(30)),
            keepalive_timeout: Duration::from_secs(10),
            tls: None,
            auth_tokens: None,
            cors_origins: Vec::new(),
        }
    }
}

/// Why the server could not run.
#[derive(Debug, Error)]
pub enum ServeError {
    #[error("could not build the reflection service: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    #[error("transport error: {0}")]
    Transport(#[from] tonic::transport::Error),
}

/// Serves until `shutdown` resolves and in-flight calls drain (see the
/// module docs). Returns `Ok` after a drain timeout too: the server did stop.
pub async fn serve(
    listener: TcpListener,
    config: ServerConfig,
    service: ExtractionService,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let (health, health_service) = tonic_health::server::health_reporter();
    set_status(&health, ServingStatus::Serving).await;

    // Responses may be larger than requests (every quote is returned with its
    // spans), so the encoding limit leaves room above the decoding one.
    let http_api = HttpApi::new(
        service.clone(),
        config.auth_tokens.clone(),
        config.max_message_size,
    );
    let streams = service.clone();
    let attribution = AttributionServiceServer::new(service)
        .max_decoding_message_size(config.max_message_size)
        .max_encoding_message_size(config.max_message_size.saturating_mul(4))
        .accept_compressed(CompressionEncoding::Gzip)
        .send_compressed(CompressionEncoding::Gzip);
    let tokens = config.auth_tokens.clone();
    let attribution = InterceptedService::new(attribution, move |request: tonic::Request<()>| {
        admit(tokens.as_ref(), request)
    });
    let tokens = config.auth_tokens.clone();
    let authorized = move |request: tonic::Request<()>| {
        authorize(tokens.as_ref(), &request)?;
        Ok(request)
    };

    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            // google.rpc.BadRequest & co., so grpcurl can print error details.
            .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
    };
    let reflection_v1 = InterceptedService::new(reflection().build_v1()?, authorized.clone());
    let reflection_v1alpha = InterceptedService::new(reflection().build_v1alpha()?, authorized);

    let (drain_tx, drain_rx) = tokio::sync::oneshot::channel();
    let stop_accepting = {
        let health = health.clone();
        let grace = config.shutdown_grace;
        let drain_timeout = config.drain_timeout;
        async move {
            shutdown.await;
            info!("shutdown requested: reporting NOT_SERVING, refusing new streams");
            set_status(&health, ServingStatus::NotServing).await;
            streams.set_stream_phase(StreamPhase::Refusing);
            tokio::time::sleep(grace).await;
            let deadline = Instant::now() + drain_timeout;
            info!("ending streams at a document boundary");
            streams.set_stream_phase(StreamPhase::Ending);
            streams_ended(&streams, deadline).await;
            info!("closing the listener and draining in-flight calls");
            let _ = drain_tx.send(deadline);
        }
    };

    let local_addr = listener.local_addr().ok();
    let mut builder = Server::builder()
        .http2_keepalive_interval(config.keepalive_interval)
        .http2_keepalive_timeout(Some(config.keepalive_timeout))
        .http2_max_pending_accept_reset_streams(Some(MAX_PENDING_ACCEPT_RESETS))
        .max_concurrent_streams(Some(config.max_concurrent_streams.max(1)))
        .max_connection_age_opt(config.max_connection_age);
    if let Some(tls) = &config.tls {
        builder = builder.tls_config(tls.to_tonic())?;
    }
    // The JSON routes first: their fallback (404, or gRPC UNIMPLEMENTED for
    // an unknown gRPC service) stays the router's.
    let routes = Routes::from(web::router(http_api))
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(attribution)
        .prepare();
    let server = builder
        .accept_http1(true)
        // Outermost: reads what any route left of an HTTP/1.1 body, so the
        // client hears the answer.
        .layer(web::LingerLayer::new(config.max_message_size))
        // Answers preflights before anything else runs.
        .layer(tower::util::option_layer(web::cors_layer(
            &config.cors_origins,
        )))
        .layer(web::GrpcWebLayer)
        // Outside everything but the protocol translation, so it counts the
        // status the client finally sees. Costs next to nothing when no
        // exporter is installed (`--metrics-addr`).
        .layer(MetricsLayer)
        .layer(tower::util::MapResponseLayer::new(fix_oversize_response))
        .add_routes(routes)
        .serve_with_incoming_shutdown(without_nagle(listener), stop_accepting);
    if let Some(addr) = local_addr {
        info!(
            %addr,
            max_message_size = config.max_message_size,
            tls = config.tls.is_some(),
            auth = config.auth_tokens.is_some(),
            cors_origins = config.cors_origins.len(),
            "serving gRPC, gRPC-Web and HTTP/JSON"
        );
    }

    let mut server = std::pin::pin!(server);
    let stopped_early = tokio::select! {
        biased;
        result = &mut server => Ok(result),
        deadline = drain_rx => Err(deadline),
    };
    let result = match stopped_early {
        Ok(result) => result,
        Err(deadline) => match tokio::time::timeout_at(
            deadline.unwrap_or_else(|_| Instant::now() + config.drain_timeout),
            server,
        )
        .await
        {
            Ok(result) => result,
            Err(_) => {
                warn!(
                    drain_timeout = ?config.drain_timeout,
                    "drain timeout: stopping with calls still in flight"
                );
                Ok(())
            }
        },
    };
    info!("stopped");
    result.map_err(ServeError::from)
}

/// How long a connection stays open after its last stream ended, before
/// GOAWAY closes it. A client still sending documents on a stream the
/// server has just ended has bytes in flight; closing the socket with them
/// unread makes the kernel answer with a TCP reset, and a reset can discard
/// the stream's final status before the client reads it (it then sees a
/// lost connection instead of "resume elsewhere"). By now h2 has told the
/// client to stop sending (RST_STREAM NO_ERROR after the trailers).
const STREAM_LINGER: Duration = Duration::from_millis(200);

/// Waits until every ended `ExtractStream` has sent its last answer and its
/// status (at most until `deadline`), then [`STREAM_LINGER`].
async fn streams_ended(service: &ExtractionService, deadline: Instant) {
    if service.open_streams() == 0 {
        return;
    }
    while service.open_streams() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep_until(deadline.min(Instant::now() + STREAM_LINGER)).await;
}

/// What every call of the attribution service passes before its handler,
/// over gRPC, gRPC-Web and HTTP/JSON alike: the bearer token (when tokens are
/// configured) and the client's `grpc-timeout` stamped as its deadline.
pub fn admit(
    tokens: Option<&BearerTokens>,
    request: tonic::Request<()>,
) -> Result<tonic::Request<()>, Status> {
    authorize(tokens, &request)?;
    stamp_client_deadline(request)
}

/// The accepted connections, with Nagle's algorithm off. `Server::tcp_nodelay`
/// only applies to listeners tonic binds itself, not to an incoming stream;
/// with Nagle on, the trailers of a response wait for the client's delayed
/// ACK, so every unary call took about 40 ms on loopback.
fn without_nagle(
    listener: TcpListener,
) -> impl tokio_stream::Stream<Item = std::io::Result<tokio::net::TcpStream>> {
    TcpListenerStream::new(listener).map(|accepted| {
        let stream = accepted?;
        if let Err(error) = stream.set_nodelay(true) {
            warn!(%error, "cannot disable Nagle's algorithm on a connection");
        }
        Ok(stream)
    })
}

async fn set_status(health: &HealthReporter, status: ServingStatus) {
    health.set_service_status("", status).await;
    health.set_service_status(SERVICE_NAME, status).await;
}

trait MaxConnectionAge: Sized {
    fn max_connection_age_opt(self, age: Option<Duration>) -> Self;
}

impl<L> MaxConnectionAge for Server<L> {
    fn max_connection_age_opt(self, age: Option<Duration>) -> Self {
        match age {
            Some(age) => self.max_connection_age(age),
            None => self,
        }
    }
}

/// Resolves on SIGTERM or SIGINT (Ctrl-C): the shutdown future of the binary.
pub async fn termination_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            warn!(%error, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(error) => {
                warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => info!("received SIGINT"),
        _ = terminate => info!("received SIGTERM"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::attribution_service_server::SERVICE_NAME as GENERATED_NAME;

    #[test]
    fn reflection_serves_the_http_rules() {
        // HttpRule.post (field 4, length-delimited) in the method options.
        for path in ["/v1/extract", "/v1/extract:batch"] {
            let mut rule = vec![0x22, path.len() as u8];
            rule.extend_from_slice(path.as_bytes());
            let found = proto::FILE_DESCRIPTOR_SET
                .windows(rule.len())
                .any(|window| window == rule);
            assert!(found, "no google.api.http rule for {path}");
        }
    }

    #[test]
    fn health_uses_the_generated_service_name() {
        assert_eq!(SERVICE_NAME, GENERATED_NAME);
    }
}
