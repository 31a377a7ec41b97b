//! The file-system natives under `fs` (62_node_fs.js). Failures are thrown as Node
//! words them: `ENOENT: no such file or directory, open '/x'` with `errno`, `code`,
//! `syscall` and `path`, because migrations test `err.code === 'ENOENT'`.

use std::fs;
use std::io;
use std::path::Path;

use boa_engine::object::builtins::JsArray;
use boa_engine::{js_string, Context, JsArgs, JsError, JsObject, JsResult, JsValue};

use crate::natives::{arg_path, binary_to_bytes, bytes_to_binary, make_error, str_value, Native};

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("fsRead", fs_read, 2),
    ("fsWrite", fs_write, 4),
    ("fsStat", fs_stat, 2),
    ("fsReaddir", fs_readdir, 1),
    ("fsRealpath", fs_realpath, 1),
    ("fsMkdir", fs_mkdir, 2),
    ("fsRm", fs_rm, 3),
    ("fsRename", fs_rename, 2),
    ("fsCopyFile", fs_copy_file, 2),
    ("fsExists", fs_exists, 1),
    ("fsKind", fs_kind, 1),
];

/// (code, errno, description) as libuv names them.
fn describe(err: &io::Error) -> (&'static str, i32, &'static str) {
    match err.raw_os_error() {
        Some(1) => ("EPERM", -1, "operation not permitted"),
        Some(2) => ("ENOENT", -2, "no such file or directory"),
        Some(13) => ("EACCES", -13, "permission denied"),
        Some(17) => ("EEXIST", -17, "file already exists"),
        Some(20) => ("ENOTDIR", -20, "not a directory"),
        Some(21) => ("EISDIR", -21, "illegal operation on a directory"),
        Some(22) => ("EINVAL", -22, "invalid argument"),
        Some(39) | Some(66) => ("ENOTEMPTY", -39, "directory not empty"),
        Some(40) => ("ELOOP", -40, "too many symbolic links encountered"),
        _ => match err.kind() {
            io::ErrorKind::NotFound => ("ENOENT", -2, "no such file or directory"),
            io::ErrorKind::PermissionDenied => ("EACCES", -13, "permission denied"),
            io::ErrorKind::AlreadyExists => ("EEXIST", -17, "file already exists"),
            _ => ("EIO", -5, "i/o error"),
        },
    }
}

pub(crate) fn fs_error(
    ctx: &mut Context,
    err: &io::Error,
    syscall: &str,
    path: &Path,
    dest: Option<&Path>,
) -> JsError {
    let (code, errno, desc) = describe(err);
    let mut msg = format!("{code}: {desc}, {syscall} '{}'", path.display());
    if let Some(d) = dest {
        msg.push_str(&format!(" -> '{}'", d.display()));
    }
    let obj = make_error(ctx, "Error", &msg);
    let _ = obj.set(js_string!("errno"), JsValue::from(errno), false, ctx);
    let _ = obj.set(js_string!("code"), str_value(code), false, ctx);
    let _ = obj.set(js_string!("syscall"), str_value(syscall), false, ctx);
    let _ = obj.set(
        js_string!("path"),
        str_value(&path.to_string_lossy()),
        false,
        ctx,
    );
    if let Some(d) = dest {
        let _ = obj.set(
            js_string!("dest"),
            str_value(&d.to_string_lossy()),
            false,
            ctx,
        );
    }
    JsError::from_opaque(obj.into())
}

/// `fsRead(path, binary)`: UTF-8 text, or a binary string when `binary`.
fn fs_read(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = arg_path(args, 0, ctx)?;
    if path.is_dir() {
        let err = io::Error::from_raw_os_error(21);
        return Err(fs_error(ctx, &err, "read", &path, None));
    }
    let bytes = fs::read(&path).map_err(|e| fs_error(ctx, &e, "open", &path, None))?;
    if args.get_or_undefined(1).to_boolean() {
        Ok(bytes_to_binary(&bytes))
    } else {
        Ok(str_value(&String::from_utf8_lossy(&bytes)))
    }
}

/// `fsWrite(path, data, binary, append)`.
fn fs_write(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    use std::io::Write;
    let path = arg_path(args, 0, ctx)?;
    let data = if args.get_or_undefined(2).to_boolean() {
        binary_to_bytes(args.get_or_undefined(1), ctx)?
    } else {
        args.get_or_undefined(1)
            .to_string(ctx)?
            .to_std_string_escaped()
            .into_bytes()
    };
    let append = args.get_or_undefined(3).to_boolean();
    let result = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(&path)
        .and_then(|mut f| f.write_all(&data));
    result.map_err(|e| fs_error(ctx, &e, "open", &path, None))?;
    Ok(JsValue::undefined())
}

fn ms(t: io::Result<std::time::SystemTime>) -> f64 {
    t.ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// `fsStat(path, followLinks)`: a plain record the Stats shim wraps, or `null` when the
/// path does not exist and `throwIfMissing` (3rd arg) is false.
fn fs_stat(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = arg_path(args, 0, ctx)?;
    let follow = args.get_or_undefined(1).to_boolean();
    let meta = if follow {
        fs::metadata(&path)
    } else {
        fs::symlink_metadata(&path)
    };
    let meta =
        meta.map_err(|e| fs_error(ctx, &e, if follow { "stat" } else { "lstat" }, &path, None))?;
    let ft = meta.file_type();
    let kind = if ft.is_symlink() {
        "symlink"
    } else if ft.is_dir() {
        "dir"
    } else if ft.is_file() {
        "file"
    } else {
        "other"
    };
    let obj = JsObject::with_object_proto(ctx.intrinsics());
    obj.set(js_string!("type"), str_value(kind), false, ctx)?;
    obj.set(
        js_string!("size"),
        JsValue::from(meta.len() as f64),
        false,
        ctx,
    )?;
    obj.set(
        js_string!("mtimeMs"),
        JsValue::from(ms(meta.modified())),
        false,
        ctx,
    )?;
    obj.set(
        js_string!("atimeMs"),
        JsValue::from(ms(meta.accessed())),
        false,
        ctx,
    )?;
    obj.set(
        js_string!("birthtimeMs"),
        JsValue::from(ms(meta.created().or_else(|_| meta.modified()))),
        false,
        ctx,
    )?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        obj.set(
            js_string!("ctimeMs"),
            JsValue::from(meta.ctime() as f64 * 1000.0 + meta.ctime_nsec() as f64 / 1e6),
            false,
            ctx,
        )?;
        obj.set(js_string!("mode"), JsValue::from(meta.mode()), false, ctx)?;
        obj.set(js_string!("uid"), JsValue::from(meta.uid()), false, ctx)?;
        obj.set(js_string!("gid"), JsValue::from(meta.gid()), false, ctx)?;
        obj.set(
            js_string!("ino"),
            JsValue::from(meta.ino() as f64),
            false,
            ctx,
        )?;
        obj.set(
            js_string!("dev"),
            JsValue::from(meta.dev() as f64),
            false,
            ctx,
        )?;
        obj.set(
            js_string!("nlink"),
            JsValue::from(meta.nlink() as f64),
            false,
            ctx,
        )?;
    }
    Ok(obj.into())
}

/// `fsReaddir(path)`: `[[name, type], ...]` sorted as libuv returns them on Linux
/// (directory order); we sort by name so results are stable across file systems.
fn fs_readdir(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = arg_path(args, 0, ctx)?;
    let rd = fs::read_dir(&path).map_err(|e| fs_error(ctx, &e, "scandir", &path, None))?;
    let mut entries: Vec<(String, &str)> = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| fs_error(ctx, &e, "scandir", &path, None))?;
        let kind = match entry.file_type() {
            Ok(t) if t.is_symlink() => "symlink",
            Ok(t) if t.is_dir() => "dir",
            Ok(t) if t.is_file() => "file",
            _ => "other",
        };
        entries.push((entry.file_name().to_string_lossy().into_owned(), kind));
    }
    entries.sort();
    let mut items = Vec::with_capacity(entries.len());
    for (name, kind) in entries {
        let pair = JsArray::from_iter([str_value(&name), str_value(kind)], ctx);
        items.push(JsValue::from(pair));
    }
    Ok(JsArray::from_iter(items, ctx).into())
}

fn fs_realpath(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = arg_path(args, 0, ctx)?;
    let real = fs::canonicalize(&path).map_err(|e| fs_error(ctx, &e, "realpath", &path, None))?;
    Ok(str_value(&real.to_string_lossy()))
}

/// `fsMkdir(path, recursive)`: returns the first directory created (Node's value for
/// `recursive: true`), or undefined.
fn fs_mkdir(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = arg_path(args, 0, ctx)?;
    if args.get_or_undefined(1).to_boolean() {
        let mut first = None;
        let mut p = path.as_path();
        while !p.exists() {
            first = Some(p.to_path_buf());
            match p.parent() {
                Some(parent) => p = parent,
                None => break,
            }
        }
        fs::create_dir_all(&path).map_err(|e| fs_error(ctx, &e, "mkdir", &path, None))?;
        Ok(first
            .map(|f| str_value(&f.to_string_lossy()))
            .unwrap_or_default())
    } else {
        fs::create_dir(&path).map_err(|e| fs_error(ctx, &e, "mkdir", &path, None))?;
        Ok(JsValue::undefined())
    }
}

/// `fsRm(path, recursive, force)`; a directory without `recursive` is rmdir'd.
fn fs_rm(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = arg_path(args, 0, ctx)?;
    let recursive = args.get_or_undefined(1).to_boolean();
    let force = args.get_or_undefined(2).to_boolean();
    let meta = match fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(_) if force => return Ok(JsValue::undefined()),
        Err(e) => return Err(fs_error(ctx, &e, "rm", &path, None)),
    };
    let result = if meta.is_dir() {
        if recursive {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_dir(&path)
        }
    } else {
        fs::remove_file(&path)
    };
    let syscall = if meta.is_dir() { "rmdir" } else { "unlink" };
    result.map_err(|e| fs_error(ctx, &e, syscall, &path, None))?;
    Ok(JsValue::undefined())
}

fn fs_rename(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let from = arg_path(args, 0, ctx)?;
    let to = arg_path(args, 1, ctx)?;
    fs::rename(&from, &to).map_err(|e| fs_error(ctx, &e, "rename", &from, Some(&to)))?;
    Ok(JsValue::undefined())
}

fn fs_copy_file(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let from = arg_path(args, 0, ctx)?;
    let to = arg_path(args, 1, ctx)?;
    fs::copy(&from, &to).map_err(|e| fs_error(ctx, &e, "copyfile", &from, Some(&to)))?;
    Ok(JsValue::undefined())
}

fn fs_exists(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = arg_path(args, 0, ctx)?;
    Ok(JsValue::from(path.exists()))
}

/// `fsKind(path)`: "file", "dir" or null, following links; never throws, because the
/// module resolver probes many paths that do not exist.
fn fs_kind(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = arg_path(args, 0, ctx)?;
    Ok(match fs::metadata(&path) {
        Ok(m) if m.is_dir() => str_value("dir"),
        Ok(_) => str_value("file"),
        Err(_) => JsValue::null(),
    })
}
