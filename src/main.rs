//! The `attributor` binary: see [`attributor::cli`].

fn main() -> std::process::ExitCode {
    attributor::cli::run()
}
