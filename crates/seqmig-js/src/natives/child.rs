//! `child_process` over `std::process`: spawnSync runs to the end here; an async child
//! is polled by the JS side (a timer that keeps the loop alive), its output gathered by
//! one reader thread per pipe so that neither a full pipe nor a slow reader blocks.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use boa_engine::{Context, JsArgs, JsResult, JsValue};
use serde_json::{json, Value};

use crate::convert;
use crate::natives::{binary_to_bytes, bytes_to_binary, Native};

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("childSpawnSync", spawn_sync, 3),
    ("childSpawn", spawn_async, 3),
    ("childPoll", poll, 1),
    ("childWrite", write, 2),
    ("childEnd", end_stdin, 1),
    ("childKill", kill, 2),
];

struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Arc<Mutex<Vec<u8>>>,
    err: Arc<Mutex<Vec<u8>>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

thread_local! {
    static CHILDREN: RefCell<HashMap<u32, Running>> = RefCell::new(HashMap::new());
}

pub(crate) fn signal_name(n: i32) -> &'static str {
    match n {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => "SIGUNKNOWN",
    }
}

fn signal_number(name: &str) -> i32 {
    match name {
        "SIGHUP" => 1,
        "SIGINT" => 2,
        "SIGQUIT" => 3,
        "SIGABRT" => 6,
        "SIGKILL" => 9,
        "SIGUSR1" => 10,
        "SIGUSR2" => 12,
        "SIGPIPE" => 13,
        "SIGALRM" => 14,
        "SIGTERM" => 15,
        _ => name.parse().unwrap_or(15),
    }
}

/// `opts`: {cwd, env: {..} | null, stdio: ['pipe'|'inherit'|'ignore', ...] }.
fn command(file: &str, args: &[String], opts: &Value) -> Command {
    let mut cmd = Command::new(file);
    cmd.args(args);
    if let Some(cwd) = opts.get("cwd").and_then(Value::as_str) {
        cmd.current_dir(cwd);
    }
    if let Some(env) = opts.get("env").and_then(Value::as_object) {
        cmd.env_clear();
        for (k, v) in env {
            if let Some(v) = v.as_str() {
                cmd.env(k, v);
            }
        }
    }
    let stdio = |i: usize| -> Stdio {
        match opts
            .get("stdio")
            .and_then(|s| s.get(i))
            .and_then(Value::as_str)
        {
            Some("inherit") => Stdio::inherit(),
            Some("ignore") => Stdio::null(),
            _ => Stdio::piped(),
        }
    };
    cmd.stdin(stdio(0)).stdout(stdio(1)).stderr(stdio(2));
    cmd
}

fn spawn_error(e: &std::io::Error, syscall: &str, file: &str, args: &[String]) -> Value {
    let (code, errno) = match e.raw_os_error() {
        Some(2) => ("ENOENT", -2),
        Some(13) => ("EACCES", -13),
        Some(20) => ("ENOTDIR", -20),
        Some(n) => ("EUNKNOWN", -n),
        None => ("EUNKNOWN", -1),
    };
    json!({
        "message": format!("{syscall} {file} {code}"), "code": code, "errno": errno,
        "syscall": format!("{syscall} {file}"), "path": file, "spawnargs": args,
    })
}

fn reader(
    mut src: impl Read + Send + 'static,
    into: Arc<Mutex<Vec<u8>>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = src.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut v) = into.lock() {
                v.extend_from_slice(&buf[..n]);
            }
        }
    })
}

fn start(file: &str, args: &[String], opts: &Value) -> std::io::Result<Running> {
    let mut child = command(file, args, opts).spawn()?;
    let out = Arc::new(Mutex::new(Vec::new()));
    let err = Arc::new(Mutex::new(Vec::new()));
    let mut readers = Vec::new();
    if let Some(o) = child.stdout.take() {
        readers.push(reader(o, out.clone()));
    }
    if let Some(e) = child.stderr.take() {
        readers.push(reader(e, err.clone()));
    }
    let stdin = child.stdin.take();
    Ok(Running {
        child,
        stdin,
        out,
        err,
        readers,
    })
}

fn take(buf: &Arc<Mutex<Vec<u8>>>) -> Vec<u8> {
    buf.lock()
        .map(|mut v| std::mem::take(&mut *v))
        .unwrap_or_default()
}

fn read_args(args: &[JsValue], ctx: &mut Context) -> JsResult<(String, Vec<String>, Value)> {
    let file = args
        .get_or_undefined(0)
        .to_string(ctx)?
        .to_std_string_escaped();
    let list = convert::to_json(args.get_or_undefined(1), ctx)?.unwrap_or(Value::Null);
    let list = list
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    let opts = convert::to_json(args.get_or_undefined(2), ctx)?.unwrap_or(Value::Null);
    Ok((file, list, opts))
}

fn status_json(status: std::process::ExitStatus) -> (Value, Value) {
    match (status.code(), status.signal()) {
        (Some(c), _) => (json!(c), Value::Null),
        (None, Some(s)) => (Value::Null, json!(signal_name(s))),
        _ => (Value::Null, Value::Null),
    }
}

/// {pid, status, signal, stdout, stderr (binary strings), error} as spawnSync returns.
fn spawn_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let (file, list, opts) = read_args(args, ctx)?;
    let input = match opts.get("input") {
        Some(Value::String(s)) => Some(s.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>()),
        _ => None,
    };
    let timeout = opts
        .get("timeout")
        .and_then(Value::as_f64)
        .filter(|t| *t > 0.0)
        .map(|t| Duration::from_millis(t as u64));
    let kill_signal = opts
        .get("killSignal")
        .and_then(Value::as_str)
        .unwrap_or("SIGTERM");
    let mut run = match start(&file, &list, &opts) {
        Ok(r) => r,
        Err(e) => {
            let v = json!({"pid": 0, "status": null, "signal": null, "stdout": "", "stderr": "",
                           "error": spawn_error(&e, "spawnSync", &file, &list)});
            return convert::from_json(&v, ctx);
        }
    };
    if let Some(mut stdin) = run.stdin.take() {
        if let Some(input) = input {
            // The child may exit without reading: a broken pipe is not an error here.
            let _ = stdin.write_all(&input);
        }
    }
    let began = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match run.child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) => {}
            Err(_) => break None,
        }
        if let Some(t) = timeout {
            if began.elapsed() >= t && !timed_out {
                timed_out = true;
                // SAFETY: kill on the child's own pid.
                unsafe { libc::kill(run.child.id() as i32, signal_number(kill_signal)) };
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    for r in run.readers.drain(..) {
        let _ = r.join();
    }
    let (code, signal) = status
        .map(status_json)
        .unwrap_or((Value::Null, Value::Null));
    let error = if timed_out {
        json!({"message": format!("spawnSync {file} ETIMEDOUT"), "code": "ETIMEDOUT", "errno": -110,
               "syscall": format!("spawnSync {file}"), "path": file, "spawnargs": list})
    } else {
        Value::Null
    };
    let out = take(&run.out);
    let err = take(&run.err);
    let pid = run.child.id();
    let v = json!({"pid": pid, "status": code, "signal": signal, "error": error});
    with_output(&v, &out, &err, ctx)
}

/// `v` as a JS object carrying the child's `stdout` and `stderr` bytes (binary strings).
fn with_output(v: &Value, out: &[u8], err: &[u8], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = convert::from_json(v, ctx)?;
    if let Some(o) = obj.as_object() {
        o.set(
            boa_engine::js_string!("stdout"),
            bytes_to_binary(out),
            false,
            ctx,
        )?;
        o.set(
            boa_engine::js_string!("stderr"),
            bytes_to_binary(err),
            false,
            ctx,
        )?;
    }
    Ok(obj)
}

/// The child's pid, or {error} when it could not start.
fn spawn_async(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let (file, list, opts) = read_args(args, ctx)?;
    match start(&file, &list, &opts) {
        Ok(run) => {
            let pid = run.child.id();
            CHILDREN.with(|c| c.borrow_mut().insert(pid, run));
            Ok(JsValue::from(pid))
        }
        Err(e) => convert::from_json(
            &json!({"error": spawn_error(&e, "spawn", &file, &list)}),
            ctx,
        ),
    }
}

fn pid_arg(args: &[JsValue], ctx: &mut Context) -> JsResult<u32> {
    Ok(args.get_or_undefined(0).to_number(ctx)? as u32)
}

/// {stdout, stderr: what came since the last poll; done; status; signal}.
fn poll(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let pid = pid_arg(args, ctx)?;
    let got = CHILDREN.with(|c| {
        let mut map = c.borrow_mut();
        let run = map.get_mut(&pid)?;
        let exited = match run.child.try_wait() {
            Ok(Some(s)) => Some(Some(s)),
            Ok(None) => None,
            Err(_) => Some(None),
        };
        if let Some(status) = exited {
            let mut run = map.remove(&pid)?;
            for r in run.readers.drain(..) {
                let _ = r.join();
            }
            return Some((take(&run.out), take(&run.err), Some(status)));
        }
        Some((take(&run.out), take(&run.err), None))
    });
    let Some((out, err, status)) = got else {
        return convert::from_json(&json!({"done": true, "status": null, "signal": null}), ctx);
    };
    let (code, signal) = match status {
        Some(Some(s)) => status_json(s),
        _ => (Value::Null, Value::Null),
    };
    let v = json!({"done": status.is_some(), "status": code, "signal": signal});
    with_output(&v, &out, &err, ctx)
}

fn write(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let pid = pid_arg(args, ctx)?;
    let data = binary_to_bytes(args.get_or_undefined(1), ctx)?;
    let ok = CHILDREN.with(|c| {
        c.borrow_mut()
            .get_mut(&pid)
            .and_then(|r| r.stdin.as_mut())
            .map(|s| s.write_all(&data).is_ok())
            .unwrap_or(false)
    });
    Ok(JsValue::from(ok))
}

fn end_stdin(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let pid = pid_arg(args, ctx)?;
    CHILDREN.with(|c| {
        if let Some(r) = c.borrow_mut().get_mut(&pid) {
            r.stdin = None;
        }
    });
    Ok(JsValue::undefined())
}

fn kill(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let pid = pid_arg(args, ctx)?;
    let sig = args
        .get_or_undefined(1)
        .to_string(ctx)?
        .to_std_string_escaped();
    let known = CHILDREN.with(|c| c.borrow().contains_key(&pid));
    if !known {
        return Ok(JsValue::from(false));
    }
    // SAFETY: kill on a pid this runtime spawned and has not reaped.
    let r = unsafe { libc::kill(pid as i32, signal_number(&sig)) };
    Ok(JsValue::from(r == 0))
}
