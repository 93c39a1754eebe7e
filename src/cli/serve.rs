//! `attributor serve`: run the gRPC server (with HTTP/JSON, gRPC-Web and the
//! browser page on the same port) until SIGTERM or SIGINT.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use http::HeaderValue;
use tracing::{error, info};

use crate::auth::BearerTokens;
use crate::server::{self, ServerConfig, TlsConfig};
use crate::service::{ExtractionService, ServiceConfig, default_concurrency};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "ATTRIBUTOR_ADDR", default_value = "0.0.0.0:50051")]
    pub addr: SocketAddr,

    /// Largest request message accepted (bytes, or with KiB/MiB/GiB);
    /// larger requests get RESOURCE_EXHAUSTED.
    #[arg(
        long,
        env = "ATTRIBUTOR_MAX_MESSAGE_SIZE",
        default_value = "8MiB",
        value_parser = super::parse_byte_size
    )]
    pub max_message_size: usize,

    /// Longest one document may take (an Extract call, or one document of
    /// an ExtractStream) when the client's deadline is later or unset; past
    /// it the call gets DEADLINE_EXCEEDED.
    #[arg(
        long,
        env = "ATTRIBUTOR_REQUEST_TIMEOUT",
        default_value = "60s",
        value_parser = humantime::parse_duration
    )]
    pub request_timeout: Duration,

    /// Documents of one ExtractStream call extracted concurrently; the
    /// server reads no further ahead than this.
    #[arg(
        long,
        env = "ATTRIBUTOR_STREAM_BUFFER",
        default_value_t = 16,
        value_parser = clap::value_parser!(u16).range(1..)
    )]
    pub stream_buffer: u16,

    /// Extractions running at once across all calls (0: one per CPU);
    /// further documents wait for a slot within their deadline.
    #[arg(
        long,
        env = "ATTRIBUTOR_MAX_CONCURRENT_EXTRACTIONS",
        default_value_t = 0
    )]
    pub max_concurrent_extractions: usize,

    /// At shutdown, how long to keep serving while health reports
    /// NOT_SERVING (time for load balancers to notice).
    #[arg(
        long,
        env = "ATTRIBUTOR_SHUTDOWN_GRACE",
        default_value = "0s",
        value_parser = humantime::parse_duration
    )]
    pub shutdown_grace: Duration,

    /// At shutdown, the longest wait for in-flight calls to finish.
    #[arg(
        long,
        env = "ATTRIBUTOR_DRAIN_TIMEOUT",
        default_value = "30s",
        value_parser = humantime::parse_duration
    )]
    pub drain_timeout: Duration,

    /// Close connections older than this so that clients reconnect and
    /// rebalance across replicas (unset: never).
    #[arg(
        long,
        env = "ATTRIBUTOR_MAX_CONNECTION_AGE",
        value_parser = humantime::parse_duration
    )]
    pub max_connection_age: Option<Duration>,

    /// Serve Prometheus metrics (text format, any path) on this address,
    /// e.g. 0.0.0.0:9090 (unset: no metrics endpoint).
    #[arg(long, env = "ATTRIBUTOR_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,

    /// Documents allowed to wait for an extraction slot; beyond them a
    /// document is refused at once with RESOURCE_EXHAUSTED (overload is
    /// shed, not queued without bound).
    #[arg(long, env = "ATTRIBUTOR_MAX_QUEUED_EXTRACTIONS", default_value_t = 64)]
    pub max_queued_extractions: usize,

    /// Concurrent calls (HTTP/2 streams) one connection may have open.
    #[arg(
        long,
        env = "ATTRIBUTOR_MAX_CONCURRENT_STREAMS",
        default_value_t = 100,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub max_concurrent_streams: u32,

    /// Send an HTTP/2 ping on a connection this often (0s: never) ...
    #[arg(
        long,
        env = "ATTRIBUTOR_KEEPALIVE_INTERVAL",
        default_value = "30s",
        value_parser = humantime::parse_duration
    )]
    pub keepalive_interval: Duration,

    /// ... and close the connection when no answer comes within this.
    #[arg(
        long,
        env = "ATTRIBUTOR_KEEPALIVE_TIMEOUT",
        default_value = "10s",
        value_parser = humantime::parse_duration
    )]
    pub keepalive_timeout: Duration,

    /// PEM certificate chain: serve TLS (needs --tls-key).
    #[arg(long, env = "ATTRIBUTOR_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert.
    #[arg(long, env = "ATTRIBUTOR_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// PEM CA certificate: require client certificates signed by it
    /// (mutual TLS; needs --tls-cert).
    #[arg(long, env = "ATTRIBUTOR_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,

    /// File of accepted bearer tokens, one per line: calls without
    /// `authorization: Bearer <token>` get UNAUTHENTICATED (health stays open).
    #[arg(long, env = "ATTRIBUTOR_AUTH_TOKEN_FILE")]
    pub auth_token_file: Option<PathBuf>,

    /// Let pages of this origin (e.g. https://app.example.com) call the
    /// server from a browser (CORS, for HTTP/JSON and gRPC-Web); repeat the
    /// flag or separate origins with commas. Unset: CORS off.
    #[arg(
        long = "cors-origin",
        value_name = "ORIGIN",
        env = "ATTRIBUTOR_CORS_ORIGIN",
        value_delimiter = ',',
        value_parser = parse_origin
    )]
    pub cors_origins: Vec<HeaderValue>,
}

/// An origin as browsers send it: `scheme://host[:port]`, nothing after.
fn parse_origin(value: &str) -> Result<HeaderValue, String> {
    let value = value.trim();
    let host = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or_else(|| format!("{value:?} is not an origin such as https://app.example.com"))?;
    if host.is_empty() || host.contains(['/', '*', ' ', ',']) {
        return Err(format!(
            "{value:?} is not an origin: scheme://host[:port] without a path or wildcard"
        ));
    }
    HeaderValue::from_str(value).map_err(|err| format!("{value:?}: {err}"))
}

fn read_file(what: &str, path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|err| format!("cannot read {what} {}: {err}", path.display()))
}

/// The TLS material named by the flags, read from disk.
fn tls_config(args: &ServeArgs) -> Result<Option<TlsConfig>, String> {
    let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) else {
        return Ok(None);
    };
    Ok(Some(TlsConfig {
        cert_pem: read_file("--tls-cert", cert)?,
        key_pem: read_file("--tls-key", key)?,
        client_ca_pem: match &args.tls_client_ca {
            Some(ca) => Some(read_file("--tls-client-ca", ca)?),
            None => None,
        },
    }))
}

/// The tokens of --auth-token-file.
fn auth_tokens(args: &ServeArgs) -> Result<Option<BearerTokens>, String> {
    let Some(path) = &args.auth_token_file else {
        return Ok(None);
    };
    let contents = read_file("--auth-token-file", path)?;
    let contents = String::from_utf8(contents)
        .map_err(|_| format!("--auth-token-file {} is not UTF-8", path.display()))?;
    BearerTokens::parse(&contents)
        .map(Some)
        .map_err(|err| format!("--auth-token-file {}: {err}", path.display()))
}

pub fn run(args: ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(async_workers(&args))
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            error!(%err, "cannot start the async runtime");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(serve(args))
}

/// Extractions that may run at once (`--max-concurrent-extractions`, 0:
/// one per core).
fn extraction_slots(args: &ServeArgs) -> usize {
    match args.max_concurrent_extractions {
        0 => default_concurrency(),
        n => n,
    }
}

/// One async worker more than there are extraction slots. Articles are
/// extracted on the async workers (see [`crate::service`]); with every slot
/// taken, the spare worker still reads new requests, so the ones beyond the
/// queue are refused at once instead of waiting unread until their
/// deadline.
fn async_workers(args: &ServeArgs) -> usize {
    extraction_slots(args) + 1
}

async fn serve(args: ServeArgs) -> ExitCode {
    let (tls, auth_tokens) = match (tls_config(&args), auth_tokens(&args)) {
        (Ok(tls), Ok(tokens)) => (tls, tokens),
        (Err(err), _) | (_, Err(err)) => {
            error!(%err, "cannot start");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(listener) => listener,
        Err(err) => {
            error!(addr = %args.addr, %err, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    if let Some(metrics_addr) = args.metrics_addr {
        if let Err(err) = crate::metrics::install_exporter(metrics_addr) {
            error!(addr = %metrics_addr, %err, "cannot serve metrics");
            return ExitCode::FAILURE;
        }
        info!(addr = %metrics_addr, "serving Prometheus metrics");
    }
    let service = ExtractionService::new(ServiceConfig {
        request_timeout: args.request_timeout,
        stream_buffer: usize::from(args.stream_buffer),
        max_concurrent_extractions: extraction_slots(&args),
        max_queued_extractions: args.max_queued_extractions,
    });
    let config = ServerConfig {
        max_message_size: args.max_message_size,
        shutdown_grace: args.shutdown_grace,
        drain_timeout: args.drain_timeout,
        max_connection_age: args.max_connection_age,
        max_concurrent_streams: args.max_concurrent_streams,
        keepalive_interval: Some(args.keepalive_interval).filter(|d| !d.is_zero()),
        keepalive_timeout: args.keepalive_timeout,
        tls,
        auth_tokens,
        cors_origins: args.cors_origins,
    };
    match server::serve(listener, config, service, server::termination_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            error!(%err, "server failed");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_and_host_only() {
        for good in ["https://app.example.com", "http://localhost:8080"] {
            assert_eq!(parse_origin(good).unwrap(), good);
        }
        for bad in [
            "app.example.com",
            "https://",
            "https://app.example.com/",
            "https://app.example.com/path",
            "*",
            "https://*.example.com",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }
}
