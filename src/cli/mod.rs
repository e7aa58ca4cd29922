//! The command line (SPEC §9). One file per subcommand; messages in Vietnamese.

pub fn main() -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
