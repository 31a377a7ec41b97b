//! The character loops of `node:path` (60_node_path.js): Node's lib/path.js posix
//! `normalizeString`, `dirname`, `basename` and `extname`, ported line for line and run
//! over the same UTF-16 code units, so every edge case (trailing slashes, `..` above
//! the root, dot files, lone surrogates) comes out as in Node. In Boa a loop over a
//! path's characters cost about 15,000 instructions per call, and the CommonJS loader
//! makes several such calls for every migration it requires; here it is a few hundred.
//! The JS side keeps argument checking and the string assembly around these.
//!
//! Also the CommonJS loader's test for ES module syntax (`looksLikeEsm`), a regex that
//! Boa ran in ~60k instructions over a 1 kB migration.

use boa_engine::{Context, JsArgs, JsResult, JsString, JsValue};

use crate::natives::Native;

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("pathNormalizeString", normalize_string_native, 2),
    ("pathDirname", dirname_native, 1),
    ("pathBasename", basename_native, 2),
    ("pathExtname", extname_native, 1),
    ("looksLikeEsm", looks_like_esm_native, 1),
];

const SLASH: u16 = b'/' as u16;
const DOT: u16 = b'.' as u16;

/// The JS side has checked that the arguments are strings.
fn units(v: &JsValue) -> Vec<u16> {
    v.as_string().map(|s| s.to_vec()).unwrap_or_default()
}

fn string(units: &[u16]) -> JsValue {
    JsValue::from(JsString::from(units))
}

fn normalize_string_native(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let path = units(args.get_or_undefined(0));
    Ok(string(&normalize_string(
        &path,
        args.get_or_undefined(1).to_boolean(),
    )))
}

fn dirname_native(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(string(&dirname(&units(args.get_or_undefined(0)))))
}

fn basename_native(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let path = units(args.get_or_undefined(0));
    let suffix = args.get_or_undefined(1).as_string().map(|s| s.to_vec());
    Ok(string(&basename(&path, suffix.as_deref())))
}

fn extname_native(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(string(&extname(&units(args.get_or_undefined(0)))))
}

fn looks_like_esm_native(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(looks_like_esm(&units(
        args.get_or_undefined(0),
    ))))
}

/// ECMAScript's `\s`: WhiteSpace and LineTerminator (all in the BMP).
fn is_js_space(c: u16) -> bool {
    matches!(
        c,
        0x09..=0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

fn is_line_terminator(c: u16) -> bool {
    matches!(c, 0x0A | 0x0D | 0x2028 | 0x2029)
}

/// `[\w$]`
fn is_word_or_dollar(c: u16) -> bool {
    matches!(c, 0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A | 0x5F | 0x24)
}

/// `/^\s*(?:import\s*[{*"']|import\s+[\w$]|export\s*[{*]|export\s+[\w$])/m.test(code)`:
/// a line whose first non-blank text is an import or export statement's start (a `^`
/// of the multiline flag is the input's start or a position after a line terminator,
/// and `\s*` may run over blank lines).
pub(crate) fn looks_like_esm(code: &[u16]) -> bool {
    const IMPORT: [u16; 6] = [0x69, 0x6D, 0x70, 0x6F, 0x72, 0x74];
    const EXPORT: [u16; 6] = [0x65, 0x78, 0x70, 0x6F, 0x72, 0x74];
    let mut line_start = true;
    let mut i = 0;
    while i < code.len() {
        let c = code[i];
        if is_js_space(c) {
            // Blanks before the first text keep the line's start; a line terminator
            // starts a new line either way.
            line_start = line_start || is_line_terminator(c);
            i += 1;
            continue;
        }
        if line_start {
            let word = code.get(i..i + 6);
            let is_import = word == Some(&IMPORT[..]);
            if is_import || word == Some(&EXPORT[..]) {
                let mut j = i + 6;
                while j < code.len() && is_js_space(code[j]) {
                    j += 1;
                }
                let spaced = j > i + 6;
                if let Some(&next) = code.get(j) {
                    let opens = if is_import {
                        matches!(next, 0x7B | 0x2A | 0x22 | 0x27)
                    } else {
                        matches!(next, 0x7B | 0x2A)
                    };
                    if opens || (spaced && is_word_or_dollar(next)) {
                        return true;
                    }
                }
            }
            line_start = false;
        }
        i += 1;
    }
    false
}

/// Resolves `.` and `..` segments; Node's `normalizeString` with `/` as the separator.
pub(crate) fn normalize_string(path: &[u16], allow_above_root: bool) -> Vec<u16> {
    let mut res: Vec<u16> = Vec::with_capacity(path.len());
    let mut last_segment_length: usize = 0;
    let mut last_slash: isize = -1;
    let mut dots: i32 = 0;
    let mut code: u16 = 0;
    let len = path.len();
    let mut i = 0usize;
    while i <= len {
        if i < len {
            code = path[i];
        } else if code == SLASH {
            break;
        } else {
            code = SLASH;
        }
        if code == SLASH {
            if last_slash == i as isize - 1 || dots == 1 {
                // nothing
            } else if dots == 2 {
                let n = res.len();
                if n < 2 || last_segment_length != 2 || res[n - 1] != DOT || res[n - 2] != DOT {
                    if n > 2 {
                        match res.iter().rposition(|&c| c == SLASH) {
                            None => {
                                res.clear();
                                last_segment_length = 0;
                            }
                            Some(idx) => {
                                res.truncate(idx);
                                last_segment_length = match res.iter().rposition(|&c| c == SLASH) {
                                    Some(j) => res.len() - 1 - j,
                                    None => res.len(),
                                };
                            }
                        }
                        last_slash = i as isize;
                        dots = 0;
                        i += 1;
                        continue;
                    } else if n != 0 {
                        res.clear();
                        last_segment_length = 0;
                        last_slash = i as isize;
                        dots = 0;
                        i += 1;
                        continue;
                    }
                }
                if allow_above_root {
                    if !res.is_empty() {
                        res.extend_from_slice(&[SLASH, DOT, DOT]);
                    } else {
                        res.extend_from_slice(&[DOT, DOT]);
                    }
                    last_segment_length = 2;
                }
            } else {
                let segment = &path[(last_slash + 1) as usize..i];
                if !res.is_empty() {
                    res.push(SLASH);
                }
                res.extend_from_slice(segment);
                last_segment_length = (i as isize - last_slash - 1) as usize;
            }
            last_slash = i as isize;
            dots = 0;
        } else if code == DOT && dots != -1 {
            dots += 1;
        } else {
            dots = -1;
        }
        i += 1;
    }
    res
}

pub(crate) fn dirname(path: &[u16]) -> Vec<u16> {
    if path.is_empty() {
        return vec![DOT];
    }
    let has_root = path[0] == SLASH;
    let mut end: Option<usize> = None;
    let mut matched_slash = true;
    for i in (1..path.len()).rev() {
        if path[i] == SLASH {
            if !matched_slash {
                end = Some(i);
                break;
            }
        } else {
            matched_slash = false;
        }
    }
    match end {
        None if has_root => vec![SLASH],
        None => vec![DOT],
        Some(1) if has_root => vec![SLASH, SLASH],
        Some(e) => path[..e].to_vec(),
    }
}

pub(crate) fn basename(path: &[u16], suffix: Option<&[u16]>) -> Vec<u16> {
    let mut start = 0usize;
    let mut end: isize = -1;
    let mut matched_slash = true;
    if let Some(suffix) = suffix.filter(|s| !s.is_empty() && s.len() <= path.len()) {
        if suffix == path {
            return Vec::new();
        }
        let mut ext_idx: isize = suffix.len() as isize - 1;
        let mut first_non_slash_end: isize = -1;
        for i in (0..path.len()).rev() {
            let code = path[i];
            if code == SLASH {
                if !matched_slash {
                    start = i + 1;
                    break;
                }
            } else {
                if first_non_slash_end == -1 {
                    matched_slash = false;
                    first_non_slash_end = i as isize + 1;
                }
                if ext_idx >= 0 {
                    if code == suffix[ext_idx as usize] {
                        ext_idx -= 1;
                        if ext_idx == -1 {
                            end = i as isize;
                        }
                    } else {
                        ext_idx = -1;
                        end = first_non_slash_end;
                    }
                }
            }
        }
        if start as isize == end {
            end = first_non_slash_end;
        } else if end == -1 {
            end = path.len() as isize;
        }
        // As `String.prototype.slice`: a negative end counts from the end, and an end
        // before the start gives the empty string.
        return js_slice(path, start as isize, end);
    }
    for i in (0..path.len()).rev() {
        if path[i] == SLASH {
            if !matched_slash {
                start = i + 1;
                break;
            }
        } else if end == -1 {
            matched_slash = false;
            end = i as isize + 1;
        }
    }
    if end == -1 {
        return Vec::new();
    }
    js_slice(path, start as isize, end)
}

pub(crate) fn extname(path: &[u16]) -> Vec<u16> {
    let mut start_dot: isize = -1;
    let mut start_part: isize = 0;
    let mut end: isize = -1;
    let mut matched_slash = true;
    let mut pre_dot_state = 0;
    for i in (0..path.len()).rev() {
        let code = path[i];
        if code == SLASH {
            if !matched_slash {
                start_part = i as isize + 1;
                break;
            }
            continue;
        }
        if end == -1 {
            matched_slash = false;
            end = i as isize + 1;
        }
        if code == DOT {
            if start_dot == -1 {
                start_dot = i as isize;
            } else if pre_dot_state != 1 {
                pre_dot_state = 1;
            }
        } else if start_dot != -1 {
            pre_dot_state = -1;
        }
    }
    if start_dot == -1
        || end == -1
        || pre_dot_state == 0
        || (pre_dot_state == 1 && start_dot == end - 1 && start_dot == start_part + 1)
    {
        return Vec::new();
    }
    js_slice(path, start_dot, end)
}

/// `String.prototype.slice(start, end)` over code units.
fn js_slice(s: &[u16], start: isize, end: isize) -> Vec<u16> {
    let len = s.len() as isize;
    let clamp = |v: isize| if v < 0 { (len + v).max(0) } else { v.min(len) };
    let (from, to) = (clamp(start), clamp(end));
    if from >= to {
        Vec::new()
    } else {
        s[from as usize..to as usize].to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }
    fn s(v: &[u16]) -> String {
        String::from_utf16(v).unwrap()
    }

    // Expected values printed by Node 20's path.posix for the same inputs
    // (`node -p "require('path').posix.<fn>(...)"`).
    #[test]
    fn normalize_string_matches_node() {
        let cases: &[(&str, bool, &str)] = &[
            ("/a/b/../c/./d/", false, "a/c/d"),
            ("a/../../b", true, "../b"),
            ("a/../../b", false, "b"),
            ("../../x/..", true, "../.."),
            ("//a//b//", false, "a/b"),
            ("/..", false, ""),
            ("...", false, "..."),
            ("a/.../..", true, "a"),
            ("./", true, ""),
            ("/work/main/./js-shims/../x.js/", false, "work/main/x.js"),
            ("../a/../..", true, "../.."),
            ("ab/../..", true, ".."),
        ];
        for (input, above, want) in cases {
            assert_eq!(
                s(&normalize_string(&u(input), *above)),
                *want,
                "{input} {above}"
            );
        }
    }

    #[test]
    fn dirname_basename_extname_match_node() {
        let dirs = [
            ("/a/b/c.js", "/a/b"),
            ("/a/b/", "/a"),
            ("/a", "/"),
            ("a", "."),
            ("", "."),
            ("//a", "//"),
            ("/", "/"),
            ("a/b//", "a"),
        ];
        for (input, want) in dirs {
            assert_eq!(s(&dirname(&u(input))), want, "dirname {input}");
        }
        let bases: &[(&str, Option<&str>, &str)] = &[
            ("/a/b/c.js", None, "c.js"),
            ("/a/b/c.js", Some(".js"), "c"),
            ("/a/b/", None, "b"),
            ("c.js", Some("c.js"), ""),
            ("/a/b.js/", Some(".js"), "b"),
            ("aaa", Some("a"), "aa"),
            ("/x/.js", Some(".js"), ".js"),
            ("", None, ""),
            ("//", None, ""),
        ];
        for (input, suffix, want) in bases {
            let sfx = suffix.map(u);
            assert_eq!(
                s(&basename(&u(input), sfx.as_deref())),
                *want,
                "basename {input} {suffix:?}"
            );
        }
        let exts = [
            ("x.tar.gz", ".gz"),
            (".bashrc", ""),
            ("a.", "."),
            ("a..", "."),
            ("..", ""),
            ("/a.b/c", ""),
            ("/a/b.js/", ".js"),
            ("file", ""),
            (".x.y", ".y"),
        ];
        for (input, want) in exts {
            assert_eq!(s(&extname(&u(input))), want, "extname {input}");
        }
    }

    #[test]
    fn esm_syntax_test_matches_the_regex() {
        let yes = [
            "import x from 'y';",
            "  import {a} from 'b'",
            "// c\n\timport * as ns from 'm'",
            "import'side-effect'",
            "import \"x\"",
            "export default 1",
            "export{a}",
            "export * from 'x'",
            "\n\n   \n export const a = 1",
            "x\r\nexport $a",
            "a\u{2028}import _x from 'y'",
            "\u{feff}import a from 'b'",
            "import\n  x from 'y'",
        ];
        let no = [
            "const x = require('y'); // import x from 'y'",
            "  x; import y from 'z'",
            "importx from 'y'",
            "import(x)",
            "export = x",
            "exports.a = 1",
            "module.exports = { import: 1 }",
            "import",
            "import ",
            "import\t-",
            "a /* */ import x from 'y'",
            "\u{85}import a from 'b'",
        ];
        for code in yes {
            assert!(looks_like_esm(&u(code)), "{code:?}");
        }
        for code in no {
            assert!(!looks_like_esm(&u(code)), "{code:?}");
        }
    }

    #[test]
    fn lone_surrogates_survive() {
        let mut p = u("/a/");
        p.push(0xD800);
        p.extend(u(".js"));
        assert_eq!(extname(&p), u(".js"));
        assert_eq!(basename(&p, None), [vec![0xD800], u(".js")].concat());
        assert_eq!(dirname(&p), u("/a"));
    }
}
