// mimalloc instead of the system allocator: reading thousands of small
// workbooks on several threads makes many short-lived allocations, and
// glibc's per-thread arenas keep the pages they fragment (peak memory grew
// with the number of workbooks read); mimalloc returns them and is faster
// for this pattern. Measured with `cargo bench --bench national`.
#[global_allocator]
static GLOBAL: Mi = Mi;

/// mimalloc, asked through its plain entry points when the alignment Rust
/// needs is one every block already has. The mimalloc crate sends every
/// allocation through `mi_malloc_aligned`, whose extra checks and call cost
/// about twice the plain path's instructions over the 1,3 million
/// allocations of checking the national inbox. mimalloc's blocks are
/// aligned to 16 bytes from 16 bytes up (`MI_MAX_ALIGN_SIZE`, blocks of two
/// words at least), and to their size below that: the same test as the
/// standard library's System allocator (`align <= MIN_ALIGN && align <= size`).
struct Mi;

const MI_MIN_ALIGN: usize = 16;

/// Whether a plain mimalloc block of `size` bytes is aligned to `align`.
#[inline]
fn plain(align: usize, size: usize) -> bool {
    align <= MI_MIN_ALIGN && align <= size
}

extern "C" {
    fn mi_malloc(size: usize) -> *mut std::ffi::c_void;
    fn mi_zalloc(size: usize) -> *mut std::ffi::c_void;
    fn mi_realloc(p: *mut std::ffi::c_void, newsize: usize) -> *mut std::ffi::c_void;
}

// SAFETY: each method keeps GlobalAlloc's contract: memory from mimalloc,
// aligned as the layout asks (the plain entry points only when their
// alignment suffices, the crate's aligned ones otherwise), freed by mi_free.
unsafe impl std::alloc::GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi_malloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }
    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi_zalloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }
    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if plain(layout.align(), new_size) {
            mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

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

    /// The plain entry points give blocks aligned as `Mi` relies on: to 16
    /// bytes from 16 bytes up, to 8 for 8 bytes.
    #[test]
    fn plain_mimalloc_blocks_are_aligned_as_relied_on() {
        use std::alloc::{GlobalAlloc, Layout};
        let mut blocks = Vec::new();
        for size in [8usize, 16, 24, 40, 56, 72, 100, 1000, 5000, 70_000, 1 << 20] {
            for align in [1usize, 2, 4, 8, 16] {
                if align > size {
                    continue;
                }
                for _ in 0..50 {
                    let layout = Layout::from_size_align(size, align).unwrap();
                    let p = unsafe { super::Mi.alloc(layout) };
                    assert!(
                        !p.is_null() && (p as usize).is_multiple_of(align) && (p as usize).is_multiple_of(size.min(16)),
                        "{size} {align}"
                    );
                    let z = unsafe { super::Mi.alloc_zeroed(layout) };
                    assert!(
                        (z as usize).is_multiple_of(size.min(16)) && unsafe { std::slice::from_raw_parts(z, size) }.iter().all(|&b| b == 0)
                    );
                    let r = unsafe { super::Mi.realloc(z, layout, size * 3) };
                    assert!((r as usize).is_multiple_of(16), "{size} {align}");
                    blocks.push((p, layout));
                    blocks.push((r, Layout::from_size_align(size * 3, align).unwrap()));
                }
            }
        }
        for (p, layout) in blocks {
            unsafe { super::Mi.dealloc(p, layout) };
        }
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
