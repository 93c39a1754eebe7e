//! `attributor serve`: run the gRPC server until SIGTERM or SIGINT.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use tracing::{error, info};

use crate::server::{self, ServerConfig};
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
}

pub fn run(args: ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
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

async fn serve(args: ServeArgs) -> ExitCode {
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
        max_concurrent_extractions: match args.max_concurrent_extractions {
            0 => default_concurrency(),
            n => n,
        },
    });
    let config = ServerConfig {
        max_message_size: args.max_message_size,
        shutdown_grace: args.shutdown_grace,
        drain_timeout: args.drain_timeout,
        max_connection_age: args.max_connection_age,
    };
    match server::serve(listener, config, service, server::termination_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            error!(%err, "server failed");
            ExitCode::FAILURE
        }
    }
}
