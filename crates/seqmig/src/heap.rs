//! `--max-memory`: the process's heap is counted, and a script that grows it past the
//! limit (a string doubled in a loop, an ever-growing array) fails the migration with
//! "JavaScript heap out of memory" instead of taking the machine's memory or aborting.
//!
//! Past the limit the allocator still allocates, and raises the engine's flag: the next
//! JS call or loop iteration fails with an error no script can catch, the migration is
//! not recorded, and the run ends with exit 1. Only a single burst that takes the heap
//! half as far again past the limit before JS regains control (one native call filling
//! gigabytes) ends the process on the spot, with the same message and exit 1.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub const DEFAULT_MAX_MEMORY_MIB: u64 = 4096;

pub struct CountingAlloc;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static SOFT: AtomicUsize = AtomicUsize::new(usize::MAX);
static HARD: AtomicUsize = AtomicUsize::new(usize::MAX);
static SIGNALLED: AtomicBool = AtomicBool::new(false);

/// Set the limit (before the run starts).
pub fn set_limit_mib(mib: u64) {
    let soft = usize::try_from(mib.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
    SOFT.store(soft, Ordering::Relaxed);
    HARD.store(soft.saturating_add(soft / 2), Ordering::Relaxed);
}

#[inline]
fn grew(by: usize) -> bool {
    let now = IN_USE.fetch_add(by, Ordering::Relaxed).wrapping_add(by);
    if now <= SOFT.load(Ordering::Relaxed) {
        return true;
    }
    if !SIGNALLED.swap(true, Ordering::Relaxed) {
        seqmig_js::limits::signal_heap_exhausted();
    }
    if now > HARD.load(Ordering::Relaxed) {
        IN_USE.fetch_sub(by, Ordering::Relaxed);
        return false;
    }
    true
}

/// The process cannot go on without this allocation, and unwinding out of an allocator
/// is not allowed: say why and leave, as a crash would but with a message and exit 1.
#[cold]
fn give_up() -> ! {
    // No allocation here: this runs inside the allocator.
    let parts: [&str; 3] = [
        "\nERROR: ",
        seqmig_js::limits::OUT_OF_MEMORY,
        "\nseqmig: the run stopped at once, in the middle of what it was doing; db:migrate:status shows what is recorded.\n",
    ];
    // SAFETY: plain writes of static buffers, then _exit, which runs no destructors.
    unsafe {
        for p in parts {
            libc::write(2, p.as_ptr().cast(), p.len());
        }
        libc::_exit(1);
    }
}

// SAFETY: every call is forwarded to `System`; the counter only observes sizes.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !grew(layout.size()) {
            give_up();
        }
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !grew(layout.size()) {
            give_up();
        }
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            if !grew(new_size - layout.size()) {
                give_up();
            }
        } else {
            IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}
