//! The console's output (07_host_console.js): text to stdout or stderr.

use std::io::Write;

use boa_engine::{Context, JsArgs, JsResult, JsValue};

use super::{arg_string, Native};

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[("write", write, 2)];

fn write(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let fd = args.get_or_undefined(0).to_number(ctx)? as i32;
    let text = arg_string(args, 1, ctx)?;
    // Output errors (a closed pipe) are not the migration's failure.
    if fd == 2 {
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        let mut out = std::io::stdout();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
    Ok(JsValue::from(true))
}
