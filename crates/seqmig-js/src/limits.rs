//! Bounds on what a script can make the engine do: the Rust stack a call may use, the
//! nesting depth of source handed to Boa's (recursive) parser, and the heap flag that
//! the binary's allocator raises. The engine side lives in vendor/boa_engine
//! (`seqmig_limits`, listed in its SEQMIG-PATCHES.md).

use boa_engine::{js_string, Context, JsValue};

use crate::natives::{make_error, str_value};

/// Let a call fail with `RangeError: Maximum call stack size exceeded` while this thread
/// still has a margin of stack left for what runs between two checks.
pub(crate) fn install_stack_floor() {
    let Some((low, size)) = thread_stack() else {
        return;
    };
    let margin = (size / 8).max(1 << 20);
    boa_engine::seqmig_limits::set_stack_floor(low + margin, low + margin / 2);
}

#[cfg(target_os = "linux")]
fn thread_stack() -> Option<(usize, usize)> {
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread; it is destroyed after.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        ok.then_some((addr as usize, size))
    }
}

#[cfg(not(target_os = "linux"))]
fn thread_stack() -> Option<(usize, usize)> {
    None
}

/// What the binary's allocator calls once the heap passes `--max-memory`: from then on
/// every JS call and loop iteration fails with [`OUT_OF_MEMORY`], which no script catches.
pub fn signal_heap_exhausted() {
    boa_engine::seqmig_limits::set_heap_exhausted();
}

/// Whether [`signal_heap_exhausted`] was called.
pub fn heap_exhausted() -> bool {
    boa_engine::seqmig_limits::heap_exhausted()
}

pub const OUT_OF_MEMORY: &str =
    "JavaScript heap out of memory: the run passed its memory limit (seqmig --max-memory <MiB> raises it)";

/// `RangeError: Maximum call stack size exceeded` at `file:line:col` (carried as the
/// `seqmigFile`/`seqmigLine`/`seqmigColumn` that syntax errors carry) when parsing
/// `source` could run the thread out of stack: Node's error for such a file, thrown by
/// `require`, where Boa's (or swc's) parser would overflow and abort the process. The
/// estimate is `boa_engine::seqmig_limits::source_too_deep`, which `eval` and
/// `new Function` use too.
pub(crate) fn check_nesting(
    source: &str,
    file: &str,
    ctx: &mut Context,
) -> Result<(), boa_engine::JsError> {
    let Some((line, col)) = boa_engine::seqmig_limits::source_too_deep(source) else {
        return Ok(());
    };
    let obj = make_error(
        ctx,
        "RangeError",
        "Maximum call stack size exceeded (the source nests too deeply to be parsed)",
    );
    let _ = obj.set(js_string!("seqmigFile"), str_value(file), false, ctx);
    let _ = obj.set(js_string!("seqmigLine"), JsValue::from(line), false, ctx);
    let _ = obj.set(js_string!("seqmigColumn"), JsValue::from(col), false, ctx);
    Err(boa_engine::JsError::from_opaque(obj.into()))
}

#[cfg(test)]
mod tests {
    use boa_engine::seqmig_limits::nesting_overrun;

    const MIB: usize = 1 << 20;

    #[test]
    fn the_depth_estimate_counts_brackets_and_operators_and_skips_text() {
        let deep = format!("x = {}1{};", "[".repeat(200), "]".repeat(200));
        // 64 KiB for the assignment, 256 KiB a bracket: the 40th passes 10 MiB.
        assert_eq!(nesting_overrun(&deep, 10 * MIB), Some((1, 44)));
        assert_eq!(nesting_overrun(&deep, 100 * MIB), None);
        // Brackets in strings, comments, templates and regular expressions do not count.
        let quoted = format!(
            "a = '{0}'; b = \"{0}\"; // {0}\n/* {0} */ c = `{0}`; d = /[{0}]/; e = x / 2 / (y);",
            "(".repeat(200)
        );
        assert_eq!(nesting_overrun(&quoted, MIB), None);
        // A template's `${` nests; its text does not.
        let template = format!("t = `(( ${{{}}} ((`;", "(".repeat(3) + &")".repeat(3));
        assert_eq!(nesting_overrun(&template, 2 * MIB), None);
        assert!(nesting_overrun(&template, MIB).is_some());
        // Right-associative and prefix chains nest without brackets; a left-associative
        // chain costs little, and `,`/`;` end what an expression spent.
        let prefix = format!("x = {}1;", "!".repeat(200));
        assert!(nesting_overrun(&prefix, 10 * MIB).is_some());
        let minus = format!("x = {}1;", "-".repeat(400));
        assert!(nesting_overrun(&minus, 10 * MIB).is_some());
        let postfix = "i++; ".repeat(400);
        assert_eq!(nesting_overrun(&postfix, MIB), None);
        let assign = format!("{}1;", "a = ".repeat(200));
        assert!(nesting_overrun(&assign, 10 * MIB).is_some());
        let sum = format!("x = {}1;", "1 + ".repeat(1000));
        assert_eq!(nesting_overrun(&sum, 10 * MIB), None);
        let list = format!("x = [{}];", "-1, ".repeat(10_000));
        assert_eq!(nesting_overrun(&list, MIB), None);
        let second_line = format!("ok();\n  {}", "{".repeat(5));
        assert_eq!(nesting_overrun(&second_line, MIB), Some((2, 7)));
    }
}
