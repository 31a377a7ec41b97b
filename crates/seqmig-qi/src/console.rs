//! Lines on stdout/stderr that cannot panic. The ops print Sequelize's `Executing (…)`
//! lines and type warnings here, the migrator its report: one flag for both, so that
//! any lost line makes the run exit 1.

static OUTPUT_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A line on stdout that cannot panic: a full disk or a closed pipe is remembered (the
/// run then exits 1, see [`output_failed`]) instead of unwinding through a migration.
pub fn stdout_line(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
        note_output_error();
    }
}

/// [`stdout_line`] for stderr.
pub fn stderr_line(line: &str) {
    use std::io::Write;
    if writeln!(std::io::stderr().lock(), "{line}").is_err() {
        note_output_error();
    }
}

/// Remember that some output could not be written.
pub fn note_output_error() {
    OUTPUT_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Whether some output could not be written: the run's exit status is then 1.
pub fn output_failed() -> bool {
    OUTPUT_FAILED.load(std::sync::atomic::Ordering::Relaxed)
}
