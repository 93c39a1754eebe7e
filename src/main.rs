//! The `attributor` binary: see [`attributor::cli`].

/// mimalloc instead of the system allocator: see `docs/performance.md`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    attributor::cli::run()
}
