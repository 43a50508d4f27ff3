use clap::Parser;

/// mimalloc instead of glibc's allocator: a page's many small allocations cost less, and
/// memory freed under load goes back to the system (see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    server::cli::Cli::parse().run()
}
