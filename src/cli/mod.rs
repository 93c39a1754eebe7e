//! The `attributor` command line: `serve`, `extract` and `health`.
//!
//! `main.rs` only calls [`run`]; each command lives in its own module.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::telemetry::{self, LogFormat};

mod connect;
mod extract;
mod health;
mod progress;
mod remote;
mod resume;
mod serve;

pub use extract::ExtractArgs;
pub use health::HealthArgs;
pub use serve::ServeArgs;

/// Extracts attributed statements (who said what, when) from news text.
#[derive(Debug, Parser)]
#[command(name = "attributor", version, about, propagate_version = true)]
pub struct Cli {
    /// Log line format (filter with RUST_LOG, e.g. RUST_LOG=attributor=debug).
    #[arg(
        long,
        env = "ATTRIBUTOR_LOG_FORMAT",
        value_enum,
        default_value_t = LogFormat::Text,
        global = true
    )]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the gRPC server.
    Serve(ServeArgs),
    /// Extract from files or stdin (here, or on servers with --server) and
    /// print one ExtractResponse per line as proto3 JSON (the JSON grpcurl
    /// prints).
    Extract(ExtractArgs),
    /// Ask a running server's grpc.health.v1.Health service; exit 0 if and
    /// only if it is SERVING (for container health checks).
    Health(HealthArgs),
}

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            telemetry::init(cli.log_format, "info");
            serve::run(args)
        }
        Command::Extract(args) => {
            telemetry::init(cli.log_format, "warn");
            extract::run(args)
        }
        Command::Health(args) => {
            telemetry::init(cli.log_format, "warn");
            health::run(args)
        }
    }
}

/// Parses a byte size: a number of bytes with an optional binary unit
/// (`8388608`, `8MiB`, `512KiB`, `1GiB`).
pub fn parse_byte_size(raw: &str) -> Result<usize, String> {
    let raw = raw.trim();
    let split = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (digits, unit) = raw.split_at(split);
    let multiplier: usize = match unit.trim() {
        "" | "B" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        other => {
            return Err(format!(
                "unknown unit {other:?}: use bytes or KiB, MiB, GiB (e.g. 8MiB)"
            ));
        }
    };
    let amount: usize = digits
        .parse()
        .map_err(|_| format!("{raw:?} is not a size: use e.g. 8MiB or 8388608"))?;
    amount
        .checked_mul(multiplier)
        .filter(|&size| size > 0)
        .ok_or_else(|| format!("{raw:?} is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(parse_byte_size("8MiB"), Ok(8 * 1024 * 1024));
        assert_eq!(parse_byte_size("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_byte_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_byte_size("1000"), Ok(1000));
        assert!(parse_byte_size("8MB").is_err());
        assert!(parse_byte_size("0").is_err());
        assert!(parse_byte_size("MiB").is_err());
    }

    #[test]
    fn every_serve_flag_has_an_env_var() {
        let command = Cli::command();
        let serve = command.find_subcommand("serve").unwrap();
        for arg in serve.get_arguments() {
            if arg.get_long().is_some_and(|l| l != "help") {
                let env = arg.get_env().map(|e| e.to_string_lossy().into_owned());
                assert!(
                    env.as_deref().is_some_and(|e| e.starts_with("ATTRIBUTOR_")),
                    "--{} has no ATTRIBUTOR_* env var",
                    arg.get_long().unwrap()
                );
            }
        }
    }
}
