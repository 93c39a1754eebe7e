//! `attributor health`: one grpc.health.v1 Check, for container health checks.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint};
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
    let mut endpoint = Endpoint::from_shared(endpoint_uri(&args.addr))?;
    if let Some(ca) = &args.tls_ca {
        let ca = std::fs::read(ca).map_err(|e| format!("cannot read {}: {e}", ca.display()))?;
        let mut tls = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(ca));
        if let Some(domain) = &args.tls_domain {
            tls = tls.domain_name(domain.clone());
        }
        let uri = endpoint_uri(&args.addr).replacen("http://", "https://", 1);
        endpoint = Endpoint::from_shared(uri)?.tls_config(tls)?;
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

/// `host:port` or a URL, as a URL; a wildcard listen address becomes the
/// matching loopback address.
fn endpoint_uri(addr: &str) -> String {
    let uri = if addr.contains("://") {
        addr.to_string()
    } else {
        format!("http://{addr}")
    };
    uri.replacen("://0.0.0.0", "://127.0.0.1", 1)
        .replacen("://[::]", "://[::1]", 1)
}

#[cfg(test)]
mod tests {
    use super::endpoint_uri;

    #[test]
    fn addresses_become_urls() {
        assert_eq!(endpoint_uri("0.0.0.0:50051"), "http://127.0.0.1:50051");
        assert_eq!(endpoint_uri("[::]:50051"), "http://[::1]:50051");
        assert_eq!(endpoint_uri("example.org:80"), "http://example.org:80");
        assert_eq!(endpoint_uri("https://a.test:443"), "https://a.test:443");
    }
}
