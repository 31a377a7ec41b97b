//! The natives `process` is written over (06_host_process.js, 6g_node_process.js): the working
//! directory, the environment, argv, hrtime, exit, and what os reports about the platform.

use boa_engine::object::builtins::JsArray;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{js_string, Context, JsArgs, JsError, JsObject, JsResult, JsString, JsValue};

use super::{arg_path, arg_string, exit_pending, make_error, str_value, Native};
use crate::state;

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("cwd", cwd, 0),
    ("chdir", chdir, 1),
    ("env", env, 0),
    ("setEnv", set_env, 2),
    ("argv", argv, 0),
    ("hrtime", hrtime, 0),
    ("exit", exit, 1),
    ("os", os, 0),
];

fn cwd(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    Ok(str_value(&state::get(ctx).cwd.borrow().to_string_lossy()))
}

fn chdir(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let p = arg_path(args, 0, ctx)?;
    if !p.is_dir() {
        let msg = format!("ENOENT: no such file or directory, chdir '{}'", p.display());
        return Err(JsError::from_opaque(make_error(ctx, "Error", &msg).into()));
    }
    *state::get(ctx).cwd.borrow_mut() = p;
    Ok(JsValue::undefined())
}

fn env(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = JsObject::with_object_proto(ctx.intrinsics());
    for (k, v) in std::env::vars_os() {
        obj.set(
            JsString::from(k.to_string_lossy().as_ref()),
            str_value(&v.to_string_lossy()),
            false,
            ctx,
        )?;
    }
    Ok(obj.into())
}

/// `setEnv(name, value)`: writes to `process.env` reach the real environment, because
/// seqmig-core reads `use_env_variable` (often set by dotenv in `.sequelizerc`) from it.
/// `value` undefined removes the variable.
fn set_env(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let name = arg_string(args, 0, ctx)?;
    if name.is_empty() || name.contains('=') || name.contains('\0') {
        return Ok(JsValue::undefined());
    }
    match args.get_or_undefined(1) {
        v if v.is_undefined() => std::env::remove_var(&name),
        v => {
            let value = v.to_string(ctx)?.to_std_string_escaped();
            if !value.contains('\0') {
                std::env::set_var(&name, value);
            }
        }
    }
    Ok(JsValue::undefined())
}

fn argv(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let st = state::get(ctx);
    let items: Vec<JsValue> = st.argv.iter().map(|a| str_value(a)).collect();
    Ok(JsArray::from_iter(items, ctx).into())
}

fn hrtime(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let d = state::get(ctx).started.elapsed();
    let items = [
        JsValue::from(d.as_secs() as f64),
        JsValue::from(d.subsec_nanos()),
    ];
    Ok(JsArray::from_iter(items, ctx).into())
}

fn exit(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let code = match args.get_or_undefined(0) {
        v if v.is_undefined() => 0,
        v => v.to_number(ctx)? as i32,
    };
    let st = state::get(ctx);
    if st.exit.get().is_none() {
        st.exit.set(Some(code));
    }
    exit_pending(ctx)?;
    Ok(JsValue::undefined())
}

// ---- os ----

fn os(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let hostname = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".into());
    let home = std::env::var("HOME").unwrap_or_else(|_| "/".into());
    let platform = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let tmp = std::env::temp_dir();
    let tmp = tmp.to_string_lossy();
    let tmp = if tmp.len() > 1 {
        tmp.trim_end_matches('/')
    } else {
        &tmp
    };
    let mut init = ObjectInitializer::new(ctx);
    init.property(
        js_string!("hostname"),
        str_value(&hostname),
        Attribute::all(),
    )
    .property(js_string!("homedir"), str_value(&home), Attribute::all())
    .property(
        js_string!("platform"),
        str_value(platform),
        Attribute::all(),
    )
    .property(js_string!("arch"), str_value(arch), Attribute::all())
    .property(js_string!("tmpdir"), str_value(tmp), Attribute::all());
    Ok(init.build().into())
}
