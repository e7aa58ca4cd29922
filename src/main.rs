fn main() -> std::process::ExitCode {
    thidua::cli::main()
}
