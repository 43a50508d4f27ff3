use clap::Parser;

fn main() -> std::process::ExitCode {
    server::cli::Cli::parse().run()
}
