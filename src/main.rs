// mimalloc instead of the system allocator: reading thousands of small
// workbooks on several threads makes many short-lived allocations, and
// glibc's per-thread arenas keep the pages they fragment (peak memory grew
// with the number of workbooks read); mimalloc returns them and is faster
// for this pattern. Measured with `cargo bench --bench national`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    thidua::cli::main()
}
