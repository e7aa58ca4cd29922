// mimalloc instead of the system allocator: reading thousands of small
// workbooks on several threads makes many short-lived allocations, and
// glibc's per-thread arenas keep the pages they fragment (peak memory grew
// with the number of workbooks read); mimalloc returns them and is faster
// for this pattern. Measured with `cargo bench --bench national`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's options (mimalloc.h, `mi_option_e`), from the C library the
// crate links; the crate exposes no constant for this one.
extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}
/// `mi_option_purge_delay` (v3: the 16th option): "use -1 for no purging at all".
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

fn main() -> std::process::ExitCode {
    let code = thidua::cli::main();
    // The process is about to end and the system takes all its memory
    // back: mimalloc's exit handler would first hand every freed page back
    // one by one (madvise, each a cross-core TLB flush while the pool's
    // threads still run), about 10 ms at the end of a national run.
    // SAFETY: setting an option is a plain store in the allocator's table.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    code
}

#[cfg(test)]
mod tests {
    extern "C" {
        fn mi_option_get(option: std::os::raw::c_int) -> std::os::raw::c_long;
    }

    /// The option set at exit is the purge delay: mimalloc v3 starts it at
    /// 1000 ms (src/options.c); another value means the enum has moved.
    #[test]
    fn the_option_set_at_exit_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(unsafe { mi_option_get(super::MI_OPTION_PURGE_DELAY) }, 1000);
        }
    }
}
