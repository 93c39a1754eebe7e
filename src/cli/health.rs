//! `attributor health`: one grpc.health.v1 Check, for container health checks.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::connect::{client_tls, endpoint_uri};
use tonic::transport::Endpoint;
use tonic_health::pb::{
    HealthCheckRequest, health_check_response::ServingStatus, health_client::HealthClient,
};

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Server address: host:port or a URL. Reads the same variable as
    /// `serve --addr`, so a container checks the address it serves on
    /// (0.0.0.0 and `[::]` mean this host).
    #[arg(long, env = "ATTRIBUTOR_ADDR", default_value = "127.0.0.1:50051")]
    pub addr: String,

    /// Service to ask about; empty means the whole server.
    #[arg(long, env = "ATTRIBUTOR_HEALTH_SERVICE", default_value = "")]
    pub service: String,

    /// Give up (and report unhealthy) after this long.
    #[arg(
        long,
        env = "ATTRIBUTOR_HEALTH_TIMEOUT",
        default_value = "3s",
        value_parser = humantime::parse_duration
    )]
    pub timeout: Duration,

    /// PEM CA certificate to trust: check a server started with --tls-cert
    /// (over https).
    #[arg(long, env = "ATTRIBUTOR_HEALTH_TLS_CA")]
    pub tls_ca: Option<PathBuf>,

    /// Name the server's certificate must carry, when not the host of
    /// --addr (e.g. `localhost` for a check on 127.0.0.1).
    #[arg(long, env = "ATTRIBUTOR_HEALTH_TLS_DOMAIN", requires = "tls_ca")]
    pub tls_domain: Option<String>,
}

pub fn run(args: HealthArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("attributor health: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(check(&args)) {
        Ok(ServingStatus::Serving) => {
            println!("SERVING");
            ExitCode::SUCCESS
        }
        Ok(status) => {
            println!("{}", status.as_str_name());
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("attributor health: {}: {err}", args.addr);
            ExitCode::FAILURE
        }
    }
}

async fn check(args: &HealthArgs) -> Result<ServingStatus, Box<dyn std::error::Error>> {
    let tls = args.tls_ca.is_some();
    let mut endpoint = Endpoint::from_shared(endpoint_uri(&args.addr, tls))?;
    if let Some(ca) = &args.tls_ca {
        endpoint = endpoint.tls_config(client_tls(ca, args.tls_domain.as_deref())?)?;
    }
    let channel = endpoint
        .connect_timeout(args.timeout)
        .timeout(args.timeout)
        .connect()
        .await?;
    let response = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: args.service.clone(),
        })
        .await?;
    Ok(response.into_inner().status())
}
