//! What `os`, `process` and `tty` report about the machine, read from the kernel as
//! libuv reads it (/proc, getrusage, getifaddrs, uname, isatty, TIOCGWINSZ), so that a
//! package that sizes a pool from `os.totalmem()` or `os.cpus()` sees the truth instead
//! of a silent 0. Values cross as JSON.

use boa_engine::{Context, JsArgs, JsResult, JsValue};
use serde_json::{json, Value};

use crate::convert;
use crate::natives::Native;

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("sysInfo", sys_info, 0),
    ("sysCpus", sys_cpus, 0),
    ("sysInterfaces", sys_interfaces, 0),
    ("sysMemoryUsage", sys_memory_usage, 0),
    ("sysResourceUsage", sys_resource_usage, 0),
    ("sysUser", sys_user, 0),
    ("isatty", isatty, 1),
    ("ttySize", tty_size, 1),
];

fn to_js(v: Value, ctx: &mut Context) -> JsResult<JsValue> {
    convert::from_json(&v, ctx)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A `/proc/meminfo` field, in bytes.
fn meminfo(text: &str, key: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
        .map(|kb| kb * 1024.0)
}

fn uname() -> (String, String, String) {
    // SAFETY: uname fills a zeroed struct of fixed-size C strings.
    unsafe {
        let mut u: libc::utsname = std::mem::zeroed();
        if libc::uname(&mut u) != 0 {
            return Default::default();
        }
        let s = |f: &[libc::c_char]| {
            std::ffi::CStr::from_ptr(f.as_ptr())
                .to_string_lossy()
                .into_owned()
        };
        (s(&u.release), s(&u.version), s(&u.machine))
    }
}

/// The cgroup's memory limit (v2, then v1), as libuv's uv_get_constrained_memory.
fn constrained_memory() -> Option<f64> {
    let v2 = read("/sys/fs/cgroup/memory.max");
    let v1 = read("/sys/fs/cgroup/memory/memory.limit_in_bytes");
    [v2, v1]
        .iter()
        .filter_map(|t| t.trim().parse::<f64>().ok())
        // v1 says "no limit" with a number near 2^63.
        .find(|&n| n > 0.0 && n < 9.0e18)
}

fn sys_info(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let mem = read("/proc/meminfo");
    let total = meminfo(&mem, "MemTotal");
    let free = meminfo(&mem, "MemAvailable").or_else(|| meminfo(&mem, "MemFree"));
    let load: Vec<f64> = read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .filter_map(|s| s.parse().ok())
        .collect();
    let uptime = read("/proc/uptime")
        .split_whitespace()
        .next()
        .and_then(|s| s.parse::<f64>().ok());
    let (release, version, machine) = uname();
    let parallelism = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    to_js(
        json!({
            "totalmem": total, "freemem": free, "loadavg": load, "uptime": uptime,
            "release": release, "version": version, "machine": machine,
            "availableParallelism": parallelism, "constrainedMemory": constrained_memory(),
        }),
        ctx,
    )
}

/// One entry per logical CPU, as libuv's uv_cpu_info: model and MHz from /proc/cpuinfo,
/// times (ms) from /proc/stat.
fn sys_cpus(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let info = read("/proc/cpuinfo");
    let mut models = Vec::new();
    let mut speeds = Vec::new();
    for line in info.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        match k.trim() {
            "model name" => models.push(v.trim().to_string()),
            "cpu MHz" => speeds.push(v.trim().parse::<f64>().map(|m| m.floor()).unwrap_or(0.0)),
            _ => {}
        }
    }
    // SAFETY: sysconf has no preconditions.
    let tick = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let ms = |s: &str| s.parse::<f64>().unwrap_or(0.0) * 1000.0 / tick;
    let mut out = Vec::new();
    for (i, line) in read("/proc/stat")
        .lines()
        .filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
        .enumerate()
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        let get = |n: usize| f.get(n).copied().unwrap_or("0");
        out.push(json!({
            "model": models.get(i).or(models.first()).cloned().unwrap_or_else(|| "unknown".into()),
            "speed": speeds.get(i).or(speeds.first()).copied().unwrap_or(0.0),
            "times": {
                "user": ms(get(1)), "nice": ms(get(2)), "sys": ms(get(3)),
                "idle": ms(get(4)), "irq": ms(get(6)),
            },
        }));
    }
    to_js(Value::Array(out), ctx)
}

fn mac_of(name: &str) -> String {
    let m = read(&format!("/sys/class/net/{name}/address"));
    let m = m.trim();
    if m.is_empty() {
        "00:00:00:00:00:00".into()
    } else {
        m.to_string()
    }
}

/// getifaddrs, shaped as os.networkInterfaces(): IPv4 and IPv6 addresses by interface.
fn sys_interfaces(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    use std::net::{Ipv4Addr, Ipv6Addr};
    let mut out = serde_json::Map::new();
    // SAFETY: the list getifaddrs returns is walked read-only and freed once.
    unsafe {
        let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
        if libc::getifaddrs(&mut head) != 0 {
            return to_js(Value::Object(out), ctx);
        }
        let mut cur = head;
        while !cur.is_null() {
            let ifa = &*cur;
            cur = ifa.ifa_next;
            if ifa.ifa_addr.is_null() || ifa.ifa_netmask.is_null() {
                continue;
            }
            let name = std::ffi::CStr::from_ptr(ifa.ifa_name)
                .to_string_lossy()
                .into_owned();
            let internal = ifa.ifa_flags & (libc::IFF_LOOPBACK as u32) != 0;
            let family = i32::from((*ifa.ifa_addr).sa_family);
            let entry = if family == libc::AF_INET {
                let a = &*(ifa.ifa_addr as *const libc::sockaddr_in);
                let m = &*(ifa.ifa_netmask as *const libc::sockaddr_in);
                let addr = Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr));
                let mask = Ipv4Addr::from(u32::from_be(m.sin_addr.s_addr));
                let bits = u32::from(mask).count_ones();
                json!({"address": addr.to_string(), "netmask": mask.to_string(), "family": "IPv4",
                       "mac": mac_of(&name), "internal": internal, "cidr": format!("{addr}/{bits}")})
            } else if family == libc::AF_INET6 {
                let a = &*(ifa.ifa_addr as *const libc::sockaddr_in6);
                let m = &*(ifa.ifa_netmask as *const libc::sockaddr_in6);
                let addr = Ipv6Addr::from(a.sin6_addr.s6_addr);
                let mask = Ipv6Addr::from(m.sin6_addr.s6_addr);
                let bits = u128::from(mask).count_ones();
                json!({"address": addr.to_string(), "netmask": mask.to_string(), "family": "IPv6",
                       "mac": mac_of(&name), "internal": internal, "cidr": format!("{addr}/{bits}"),
                       "scopeid": a.sin6_scope_id})
            } else {
                continue;
            };
            if let Value::Array(list) = out.entry(name).or_insert_with(|| json!([])) {
                list.push(entry);
            }
        }
        libc::freeifaddrs(head);
    }
    to_js(Value::Object(out), ctx)
}

/// rss from /proc/self/statm; Boa keeps no heap counters of its own, so heapTotal and
/// heapUsed are the process's data segment and its resident part (docs/compat.md).
fn sys_memory_usage(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(1) as f64;
    let statm: Vec<f64> = read("/proc/self/statm")
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    let at = |i: usize| statm.get(i).copied().unwrap_or(0.0) * page;
    let (rss, data) = (at(1), at(5));
    to_js(
        json!({"rss": rss, "heapTotal": data, "heapUsed": rss.min(data), "external": 0, "arrayBuffers": 0}),
        ctx,
    )
}

fn sys_resource_usage(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    // SAFETY: getrusage fills a zeroed struct.
    let r = unsafe {
        let mut r: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut r);
        r
    };
    let us = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
    to_js(
        json!({
            "userCPUTime": us(r.ru_utime), "systemCPUTime": us(r.ru_stime),
            "maxRSS": r.ru_maxrss, "sharedMemorySize": r.ru_ixrss,
            "unsharedDataSize": r.ru_idrss, "unsharedStackSize": r.ru_isrss,
            "minorPageFault": r.ru_minflt, "majorPageFault": r.ru_majflt,
            "swappedOut": r.ru_nswap, "fsRead": r.ru_inblock, "fsWrite": r.ru_oublock,
            "ipcSent": r.ru_msgsnd, "ipcReceived": r.ru_msgrcv,
            "signalsCount": r.ru_nsignals, "voluntaryContextSwitches": r.ru_nvcsw,
            "involuntaryContextSwitches": r.ru_nivcsw,
        }),
        ctx,
    )
}

/// uid, gid, pid, ppid and the passwd entry (os.userInfo, process.getuid & co).
fn sys_user(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    // SAFETY: getpwuid's result is read at once, before any other passwd call.
    let (uid, gid, pid, ppid, name, shell, home) = unsafe {
        let uid = libc::getuid();
        let pw = libc::getpwuid(uid);
        let field = |p: *const libc::c_char| {
            if p.is_null() {
                None
            } else {
                Some(std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned())
            }
        };
        let (name, shell, home) = if pw.is_null() {
            (None, None, None)
        } else {
            (
                field((*pw).pw_name),
                field((*pw).pw_shell),
                field((*pw).pw_dir),
            )
        };
        (
            uid,
            libc::getgid(),
            libc::getpid(),
            libc::getppid(),
            name,
            shell,
            home,
        )
    };
    to_js(
        json!({"uid": uid, "gid": gid, "pid": pid, "ppid": ppid, "username": name, "shell": shell, "homedir": home}),
        ctx,
    )
}

fn fd_arg(args: &[JsValue], ctx: &mut Context) -> JsResult<i32> {
    Ok(args.get_or_undefined(0).to_number(ctx)? as i32)
}

fn isatty(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, ctx)?;
    // SAFETY: isatty only inspects the descriptor.
    Ok(JsValue::from(fd >= 0 && unsafe { libc::isatty(fd) } == 1))
}

/// [columns, rows] of a terminal, or null.
fn tty_size(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, ctx)?;
    // SAFETY: TIOCGWINSZ fills a zeroed winsize.
    let ws = unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        if fd < 0 || libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) != 0 {
            return Ok(JsValue::null());
        }
        ws
    };
    to_js(json!([ws.ws_col, ws.ws_row]), ctx)
}
