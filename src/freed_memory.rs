//! Handing memory that the program freed back to the system.
//!
//! Reading ten thousand vCards allocates and frees hundreds of thousands of small blocks on
//! a worker thread. glibc keeps that thread's freed pages in its arena for reuse, so the
//! window would go on holding about ten MiB it never touches again.

/// Returns the free pages of every allocator arena to the system. Costs a walk over the
/// heap (a few milliseconds), so call it after a big load, not per frame.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks glibc's own arenas under their locks; it takes no
        // pointers from us and is safe to call from any thread at any time.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}
