//! Limits that seqmig adds to Boa 0.22 (see `SEQMIG-PATCHES.md` at the crate root): a
//! catchable `RangeError` before the Rust stack runs out, V8's string length cap, and a
//! heap flag that the embedder's allocator raises and the VM turns into an error.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::{JsNativeError, JsResult};

/// V8's `String::kMaxLength` on 64-bit targets: 2^29 - 24 code units.
pub const MAX_STRING_LENGTH: usize = (1 << 29) - 24;

/// How deep `JSON.stringify` goes before `RangeError: Maximum call stack size exceeded`
/// (V8 stops in the same range, where its own stack runs out).
pub const MAX_JSON_DEPTH: usize = 5000;

static HEAP_EXHAUSTED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static STACK_FLOOR: Cell<usize> = const { Cell::new(0) };
    static NATIVE_STACK_FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// Native functions may go this many frames past the recursion limit: the promise
/// machinery (an async function rejecting its promise with the RangeError) calls native
/// resolve/reject functions right at the limit, and failing those would leave the
/// promise pending forever ("never settled") instead of rejected, as in V8.
pub(crate) const NATIVE_FRAME_GRACE: usize = 256;

/// Called by the embedder's allocator once the heap passes its limit; every later call
/// or loop iteration then fails with an error no script can catch.
pub fn set_heap_exhausted() {
    HEAP_EXHAUSTED.store(true, Ordering::Relaxed);
}

/// Whether [`set_heap_exhausted`] was called.
#[must_use]
pub fn heap_exhausted() -> bool {
    HEAP_EXHAUSTED.load(Ordering::Relaxed)
}

/// The lowest stack address this thread's VM may reach before a JS call fails with
/// `RangeError: Maximum call stack size exceeded`, and the lower one for native calls
/// (see [`NATIVE_FRAME_GRACE`]); 0 turns the check off.
pub fn set_stack_floor(address: usize, native_address: usize) {
    STACK_FLOOR.with(|f| f.set(address));
    NATIVE_STACK_FLOOR.with(|f| f.set(native_address));
}

/// The current stack address, approximately.
#[must_use]
#[inline(never)]
pub fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&raw const marker) as usize
}

pub(crate) fn stack_exhausted() -> bool {
    let floor = STACK_FLOOR.with(Cell::get);
    floor != 0 && stack_address() < floor
}

pub(crate) fn native_stack_exhausted() -> bool {
    let floor = NATIVE_STACK_FLOOR.with(Cell::get);
    floor != 0 && stack_address() < floor
}

pub(crate) fn stack_overflow_error() -> crate::JsError {
    JsNativeError::range()
        .with_message("Maximum call stack size exceeded")
        .into()
}

/// `RangeError: Invalid string length` when a string of `len` code units would pass V8's cap.
pub(crate) fn check_string_length(len: usize) -> JsResult<()> {
    if len > MAX_STRING_LENGTH {
        return Err(JsNativeError::range()
            .with_message("Invalid string length")
            .into());
    }
    Ok(())
}

/// Stack that Boa's parser, scope analysis, bytecompiler and AST drop may use per level
/// of nesting, measured on x86-64 (with a margin): a bracket costs the most, a prefix or
/// right-associative operator (`!x`, `a = b = …`, `c ? … : …`, `x => …`) less, and a
/// left-associative one (`a + b + …`, `a.b.c`) little, since only the later passes recurse.
const BRACKET_COST: usize = 256 << 10;
const PREFIX_COST: usize = 64 << 10;
const BINARY_COST: usize = 8 << 10;
/// Source estimated to need less than this is always parsed: the embedder runs the engine
/// on threads of at least 8 MiB (where the estimate, which is generous, would otherwise
/// refuse ordinary files), and without a known floor this is all that is assumed.
const MIN_STACK_BUDGET: usize = 8 << 20;

/// Where parsing `source` could run this thread out of stack, as 1-based `(line,
/// column)`; `None` when it is safe to parse. Boa's parser and the passes after it recurse
/// once or more per level of nesting, which no source may turn into a stack overflow.
#[must_use]
pub fn source_too_deep(source: &str) -> Option<(u32, u32)> {
    let floor = STACK_FLOOR.with(Cell::get);
    let budget = if floor == 0 {
        MIN_STACK_BUDGET
    } else {
        stack_address().saturating_sub(floor).max(MIN_STACK_BUDGET)
    };
    nesting_overrun(source, budget)
}

/// The scan behind [`source_too_deep`]: an estimate of the stack the source needs, by
/// tokens, skipping strings, template text, comments and regular expression literals.
#[must_use]
pub fn nesting_overrun(source: &str, budget: usize) -> Option<(u32, u32)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Open {
        Bracket,
        // A `${` inside a template: its `}` returns to the template text.
        TemplateExpr,
    }
    // Per open level: what it opened, and the operator cost spent in it so far (reset at
    // `,` and `;`, which end an expression).
    let mut levels: Vec<(Open, usize)> = vec![(Open::Bracket, 0)];
    let mut total = 0usize;
    let chars: Vec<char> = source.chars().collect();
    let (mut line, mut col) = (1u32, 0u32);
    let mut i = 0;
    // Whether the last token ends an operand: a `/` then divides, a `+` is binary.
    let mut after_operand = false;
    let mut in_template = false;

    macro_rules! advance {
        () => {{
            let c = chars[i];
            i += 1;
            if c == '\n' {
                line += 1;
                col = 0;
            } else {
                col += 1;
            }
            c
        }};
    }
    macro_rules! spend {
        ($cost:expr) => {{
            let cost = $cost;
            if let Some(level) = levels.last_mut() {
                level.1 += cost;
            }
            total += cost;
            if total > budget {
                return Some((line, col.max(1)));
            }
        }};
    }

    while i < chars.len() {
        if in_template {
            match advance!() {
                '\\' if i < chars.len() => {
                    advance!();
                }
                '`' => {
                    in_template = false;
                    after_operand = true;
                }
                '$' if chars.get(i) == Some(&'{') => {
                    advance!();
                    levels.push((Open::TemplateExpr, 0));
                    in_template = false;
                    after_operand = false;
                    spend!(BRACKET_COST);
                }
                _ => {}
            }
            continue;
        }
        let c = advance!();
        match c {
            c if c.is_whitespace() => {}
            '(' | '[' | '{' => {
                levels.push((Open::Bracket, 0));
                after_operand = false;
                spend!(BRACKET_COST);
            }
            ')' | ']' | '}' => {
                if levels.len() > 1 {
                    let (open, ops) = levels.pop().unwrap_or((Open::Bracket, 0));
                    total = total.saturating_sub(BRACKET_COST + ops);
                    if c == '}' && open == Open::TemplateExpr {
                        in_template = true;
                        continue;
                    }
                }
                after_operand = c != '}';
            }
            ',' | ';' => {
                if let Some(level) = levels.last_mut() {
                    total = total.saturating_sub(level.1);
                    level.1 = 0;
                }
                after_operand = false;
            }
            '`' => in_template = true,
            '\'' | '"' => {
                while i < chars.len() {
                    match advance!() {
                        '\\' if i < chars.len() => {
                            advance!();
                        }
                        '\n' => break,
                        d if d == c => break,
                        _ => {}
                    }
                }
                after_operand = true;
            }
            '/' if chars.get(i) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    advance!();
                }
            }
            '/' if chars.get(i) == Some(&'*') => {
                advance!();
                let mut star = false;
                while i < chars.len() {
                    let d = advance!();
                    if star && d == '/' {
                        break;
                    }
                    star = d == '*';
                }
            }
            '/' if !after_operand => {
                // A regular expression literal.
                let mut class = false;
                while i < chars.len() {
                    match advance!() {
                        '\\' if i < chars.len() => {
                            advance!();
                        }
                        '[' => class = true,
                        ']' => class = false,
                        '/' if !class => break,
                        '\n' => break,
                        _ => {}
                    }
                }
                after_operand = true;
            }
            '!' | '~' => {
                if chars.get(i) == Some(&'=') {
                    spend!(BINARY_COST);
                } else {
                    spend!(PREFIX_COST);
                }
                after_operand = false;
            }
            '+' | '-' => {
                if chars.get(i) == Some(&c) {
                    // `++` / `--`: a postfix update nests nothing; a prefix one (`-- -- x`,
                    // `------1`) nests its operand.
                    advance!();
                    if !after_operand {
                        spend!(PREFIX_COST);
                    }
                } else if after_operand {
                    spend!(BINARY_COST);
                    after_operand = false;
                } else {
                    spend!(PREFIX_COST);
                }
            }
            '=' => {
                match chars.get(i) {
                    Some('=') => spend!(BINARY_COST),
                    // `=>`: an arrow function's body nests.
                    Some('>') => {
                        advance!();
                        spend!(PREFIX_COST);
                    }
                    // An assignment is right-associative.
                    _ => spend!(PREFIX_COST),
                }
                after_operand = false;
            }
            '?' => {
                match chars.get(i) {
                    // `?.` and `??`.
                    Some('.' | '?') => {
                        advance!();
                        spend!(BINARY_COST);
                    }
                    _ => spend!(PREFIX_COST),
                }
                after_operand = false;
            }
            '.' if chars.get(i).is_some_and(char::is_ascii_digit) => {
                while chars.get(i).is_some_and(|d| d.is_ascii_alphanumeric()) {
                    advance!();
                }
                after_operand = true;
            }
            '.' | '*' | '%' | '<' | '>' | '&' | '|' | '^' | ':' => {
                spend!(BINARY_COST);
                after_operand = false;
            }
            '/' => {
                spend!(BINARY_COST);
                after_operand = false;
            }
            c if c.is_alphanumeric() || c == '_' || c == '$' || c == '\\' || c == '#' => {
                let start = i - 1;
                while chars
                    .get(i)
                    .is_some_and(|d| d.is_alphanumeric() || *d == '_' || *d == '$')
                {
                    advance!();
                }
                let word: String = chars[start..i].iter().collect();
                match word.as_str() {
                    "typeof" | "void" | "delete" | "await" | "new" | "yield" => {
                        spend!(PREFIX_COST);
                        after_operand = false;
                    }
                    "return" | "throw" | "case" | "in" | "of" | "instanceof" | "else" | "do"
                    | "extends" => after_operand = false,
                    _ => after_operand = true,
                }
            }
            _ => after_operand = false,
        }
    }
    None
}

/// `RangeError: Maximum call stack size exceeded (…)` for source that [`source_too_deep`]
/// refuses, at its `line:column`.
pub(crate) fn check_source_depth(source: &[u16]) -> JsResult<()> {
    let text = String::from_utf16_lossy(source);
    match source_too_deep(&text) {
        None => Ok(()),
        Some((line, column)) => Err(JsNativeError::range()
            .with_message(format!(
                "Maximum call stack size exceeded (the source nests too deeply at {line}:{column})"
            ))
            .into()),
    }
}
