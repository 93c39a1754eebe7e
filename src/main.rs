//! The `attributor` binary: see [`attributor::cli`].

/// An extraction makes some 600 small allocations (the answer's names,
/// roles and lemmas, the resolver's keys); mimalloc's per-thread free lists
/// serve each in a fraction of glibc malloc's instructions. The choice is
/// the binary's: the library leaves the allocator to whoever links it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    attributor::cli::run()
}
