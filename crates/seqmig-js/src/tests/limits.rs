//! The engine limits (issue 22): on a 16 MiB test thread as on the binary's run thread,
//! recursion, deep source and long strings are JS errors scripts can catch, never a
//! stack overflow.

use serde_json::json;

use super::{on_big_stack, Fixture};

#[test]
fn recursion_is_a_catchable_range_error_on_any_thread_stack() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let v =
            f.rt.eval_script(
                r#"const out = [];
                   function f() { return f() + 1; }
                   try { f(); } catch (e) { out.push(e instanceof RangeError, e.message); }
                   // Through native re-entry (a getter, toString, Array.prototype.map).
                   const o = { get x() { return this.x; } };
                   try { o.x; } catch (e) { out.push(e.name); }
                   const s = { toString() { return 'a' + String(this); } };
                   try { String(s); } catch (e) { out.push(e.name); }
                   function m(a) { return [a].map(m); }
                   try { m(1); } catch (e) { out.push(e.name); }
                   // A cyclic array joins as in V8.
                   const a = [1, 2]; a.push(a); out.push(String(a));
                   out"#,
                "recursion.js",
            )
            .unwrap();
        assert_eq!(
            v,
            json!([
                true,
                "Maximum call stack size exceeded",
                "RangeError",
                "RangeError",
                "RangeError",
                "1,2,"
            ])
        );
    });
}

#[test]
fn strings_are_capped_at_v8s_length_with_a_range_error() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let v = f
            .rt
            .eval_script(
                r#"const out = [];
                   const tries = [
                     () => 'x'.repeat(2 ** 29),
                     () => { let s = 'x'; for (;;) s += s; },
                     () => { let s = 'xy'; for (;;) s = `${s}${s}`; },
                     () => { let s = 'x'; for (;;) s = s.concat(s); },
                     () => 'x'.padEnd(2 ** 29),
                     () => new Array(2 ** 20).fill('x'.repeat(1024)).join(''),
                   ];
                   for (const t of tries) {
                     try { t(); out.push('no error'); } catch (e) { out.push(e instanceof RangeError && e.message); }
                   }
                   out.push('x'.repeat(2 ** 20).length);
                   out"#,
                "strings.js",
            )
            .unwrap();
        let cap = "Invalid string length";
        assert_eq!(v, json!([cap, cap, cap, cap, cap, cap, 1 << 20]));
    });
}

#[test]
fn source_too_deep_to_parse_is_a_range_error_at_its_position() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let deep = format!(
            "module.exports = {}1{};\n",
            "[".repeat(5_000),
            "]".repeat(5_000)
        );
        let p = f.write("deep.js", &deep);
        let e = f.rt.require(&p).unwrap_err();
        assert!(
            e.message.contains("Maximum call stack size exceeded"),
            "{e:?}"
        );
        let (file, line, col) = e.location.clone().expect("a position");
        assert_eq!((file, line), (p.clone(), 1));
        assert!(col > 18, "{col}");
        // eval and new Function are held to the same estimate, catchably.
        let v =
            f.rt.eval_script(
                "const src = '['.repeat(5000); const out = [];
                 try { eval(src); } catch (e) { out.push(e.name); }
                 try { new Function(src); } catch (e) { out.push(e.name); }
                 out.push(eval('[[[1]]]')[0][0][0]);
                 out",
                "eval.js",
            )
            .unwrap();
        assert_eq!(v, json!(["RangeError", "RangeError", 1]));
    });
}
