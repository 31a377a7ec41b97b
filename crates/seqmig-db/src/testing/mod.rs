//! A throwaway PostgreSQL cluster for tests (feature `testing`).
//!
//! One cluster per test process, started on first use in a temp folder on a free
//! loopback port, stopped and removed when the process exits. It has:
//! - the superuser `postgres`, trusted without a password;
//! - `seqmig_pw`, which must give its password (scram);
//! - `seqmig_tls`, which may connect only over TLS (self-signed certificate, whose PEM
//!   is [`Cluster::ca_pem`]);
//! - `seqmig_cert`, which logs in with a client certificate ([`Cluster::client_cert_pem`]).
//!
//! Tests get a new empty database each from [`fresh_database`]. When the server
//! binaries are missing this fails loudly; `SEQMIG_SKIP_PG=1` makes [`skip_pg`] true
//! so that tests can skip on purpose.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use crate::{PgOptions, SslMode};

/// The throwaway MariaDB server (mysql / mariadb dialects).
pub mod mariadb;

pub const SUPERUSER: &str = "postgres";
pub const PASSWORD_USER: &str = "seqmig_pw";
/// Has characters that must be percent-encoded in a URL.
pub const PASSWORD_USER_PASSWORD: &str = "p@ss:w rd/1";
pub const TLS_USER: &str = "seqmig_tls";
pub const TLS_USER_PASSWORD: &str = "tls-secret";
/// Authenticated by a client certificate only ([`Cluster::client_cert_pem`]).
pub const CERT_USER: &str = "seqmig_cert";

/// The running cluster of this process.
#[derive(Debug)]
pub struct Cluster {
    pub host: String,
    pub port: u16,
    pub bin_dir: PathBuf,
    /// The server's self-signed certificate (CN and SAN 127.0.0.1 / localhost).
    pub ca_pem: String,
    /// PEM certificate and PKCS#8 key that authenticate [`CERT_USER`].
    pub client_cert_pem: String,
    pub client_key_pem: String,
    pub root: PathBuf,
}

/// A database made for one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgDb {
    pub name: String,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: Option<String>,
}

impl PgDb {
    /// `postgres://user[:password]@127.0.0.1:port/name`, the password percent-encoded.
    pub fn url(&self) -> String {
        let auth = match &self.password {
            Some(p) => format!(
                "{}:{}",
                utf8_percent_encode(&self.user, NON_ALPHANUMERIC),
                utf8_percent_encode(p, NON_ALPHANUMERIC)
            ),
            None => utf8_percent_encode(&self.user, NON_ALPHANUMERIC).to_string(),
        };
        format!(
            "postgres://{auth}@{}:{}/{}",
            self.host, self.port, self.name
        )
    }

    pub fn options(&self) -> PgOptions {
        PgOptions {
            host: self.host.clone(),
            port: self.port,
            user: self.user.clone(),
            password: self.password.clone(),
            database: self.name.clone(),
            ..PgOptions::default()
        }
    }

    /// The same database, reached as another role.
    pub fn as_user(&self, user: &str, password: Option<&str>) -> PgDb {
        PgDb {
            user: user.to_string(),
            password: password.map(str::to_string),
            ..self.clone()
        }
    }
}

/// True when `SEQMIG_SKIP_PG=1`: the only way PostgreSQL tests may be skipped.
pub fn skip_pg() -> bool {
    std::env::var("SEQMIG_SKIP_PG").is_ok_and(|v| v == "1")
}

/// Where `initdb`, `pg_ctl`, `psql` and `pg_dump` of one major version live.
pub fn bin_dir() -> PathBuf {
    find_bin_dir().unwrap_or_else(|e| panic!("{e}"))
}

fn find_bin_dir() -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var("SEQMIG_PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return Ok(dir);
        }
    }
    Err(
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb, \
         no pg_config --bindir): install postgresql (apt-get install postgresql), \
         point SEQMIG_PG_BIN at them, or set SEQMIG_SKIP_PG=1 to skip PostgreSQL tests"
            .to_string(),
    )
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
/// What the exit hook must stop: (bin dir, data dir, root, run as postgres).
static TO_STOP: Mutex<Option<(PathBuf, PathBuf, PathBuf, bool)>> = Mutex::new(None);

/// The cluster of this process, started on first call.
pub fn cluster() -> &'static Cluster {
    match CLUSTER.get_or_init(start) {
        Ok(c) => c,
        Err(e) => panic!("test PostgreSQL cluster: {e}"),
    }
}

/// A database name no other test of any process uses: `t_<hint>_<pid>_<n>`, the hint
/// lowered to `[a-z0-9_]` and cut to 40 characters (one rule for every test server).
pub(crate) fn fresh_database_name(hint: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let clean: String = hint
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    format!(
        "t_{clean}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A new, empty database owned by the superuser, reached as the superuser.
pub fn fresh_database(hint: &str) -> PgDb {
    let c = cluster();
    let name = fresh_database_name(hint);
    let mut admin = c.admin_client();
    admin
        .batch_execute(&format!("CREATE DATABASE \"{name}\""))
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    PgDb {
        name,
        host: c.host.clone(),
        port: c.port,
        user: SUPERUSER.to_string(),
        password: None,
    }
}

impl Cluster {
    /// A client on the `postgres` database as the superuser.
    pub fn admin_client(&self) -> postgres::Client {
        postgres::Config::new()
            .host(&self.host)
            .port(self.port)
            .user(SUPERUSER)
            .dbname("postgres")
            .connect(postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect to the test cluster: {e}"))
    }

    /// Options for `database` as the TLS-only role, with the given mode and the
    /// cluster's certificate as CA.
    pub fn tls_options(&self, database: &str, mode: SslMode) -> PgOptions {
        PgOptions {
            host: self.host.clone(),
            port: self.port,
            user: TLS_USER.to_string(),
            password: Some(TLS_USER_PASSWORD.to_string()),
            database: database.to_string(),
            ssl_mode: mode,
            ssl_ca: Some(self.ca_pem.clone()),
            ..PgOptions::default()
        }
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Runs a server binary, as `postgres` when we are root (the server refuses root).
fn run(bin: &Path, args: &[&str], as_postgres: bool) -> Result<(), String> {
    let mut cmd = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} {} failed: {}{}",
            bin.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

fn chown_tree(path: &Path, uid: u32, gid: u32) -> Result<(), String> {
    let c =
        std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
    // SAFETY: a valid NUL-terminated path; lchown does not follow links.
    if unsafe { libc::lchown(c.as_ptr(), uid, gid) } != 0 {
        return Err(format!(
            "chown {}: {}",
            path.display(),
            std::io::Error::last_os_error()
        ));
    }
    if path.is_dir() && !path.is_symlink() {
        for entry in fs::read_dir(path).map_err(|e| e.to_string())? {
            chown_tree(&entry.map_err(|e| e.to_string())?.path(), uid, gid)?;
        }
    }
    Ok(())
}

fn postgres_ids() -> Result<(u32, u32), String> {
    user_ids("postgres", "")
}

/// The uid and gid of the system user a test server runs as when the tests run as root
/// (`why_missing`: what to tell when there is none).
pub(crate) fn user_ids(user: &str, why_missing: &str) -> Result<(u32, u32), String> {
    let name = std::ffi::CString::new(user).map_err(|e| e.to_string())?;
    // SAFETY: getpwnam returns NULL or a pointer to a static passwd record.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    if pw.is_null() {
        return Err(format!(
            "running as root and there is no `{user}` user to run the server{why_missing}"
        ));
    }
    // SAFETY: checked non-null above.
    unsafe { Ok(((*pw).pw_uid, (*pw).pw_gid)) }
}

/// Runs the openssl command line (certificates for the TLS roles).
/// A key (`key`) and a certificate (`out`) for `subject`, signed by `ca` with `ca_key`
/// (`openssl req` then `x509 -req`, the request beside `out`); `ext`: an extensions file.
fn signed_cert(
    subject: &str,
    (ca, ca_key): (&Path, &Path),
    key: &Path,
    out: &Path,
    ext: Option<&Path>,
) -> Result<(), String> {
    let csr = out.with_extension("csr");
    openssl(
        &[
            "req", "-new", "-nodes", "-newkey", "rsa:2048", "-subj", subject,
        ],
        &[("-keyout", key), ("-out", &csr)],
    )?;
    let mut paths: Vec<(&str, &Path)> = vec![("-in", &csr), ("-CA", ca), ("-CAkey", ca_key)];
    if let Some(ext) = ext {
        paths.push(("-extfile", ext));
    }
    paths.push(("-out", out));
    openssl(&["x509", "-req", "-days", "3", "-set_serial", "2"], &paths)
}

fn openssl(args: &[&str], paths: &[(&str, &Path)]) -> Result<(), String> {
    let mut cmd = Command::new("openssl");
    cmd.args(args);
    for (flag, path) in paths {
        cmd.arg(flag).arg(path);
    }
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("openssl (needed for the TLS roles' certificates): {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "openssl {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

const ROOT_PREFIX: &str = "seqmig-pg-";

/// Stops and removes clusters left by test processes that died without their exit
/// hook (killed by a signal or a CI time limit), found by the owner pid they recorded.
fn reap_orphans(bin: &Path, as_postgres: bool) {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(ROOT_PREFIX));
        let Some(owner) = is_ours
            .then(|| fs::read_to_string(path.join("owner")).ok())
            .flatten()
            .and_then(|s| s.trim().parse::<i32>().ok())
        else {
            continue;
        };
        // SAFETY: signal 0 only checks that the process exists.
        let alive = unsafe { libc::kill(owner, 0) } == 0
            || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        if alive {
            continue;
        }
        let data = path.join("data");
        if data.join("postmaster.pid").exists() {
            let _ = run(
                &bin.join("pg_ctl"),
                &[
                    "-D",
                    data.to_str().unwrap_or(""),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                as_postgres,
            );
        }
        let _ = fs::remove_dir_all(&path);
    }
}

fn start() -> Result<Cluster, String> {
    let bin = find_bin_dir()?;
    let as_postgres = is_root();
    reap_orphans(&bin, as_postgres);
    let root = tempfile::Builder::new()
        .prefix(ROOT_PREFIX)
        .tempdir()
        .map_err(|e| format!("temp dir: {e}"))?
        .keep();
    fs::write(root.join("owner"), std::process::id().to_string()).map_err(|e| e.to_string())?;
    let data = root.join("data");
    let cert = root.join("server.crt");
    let key = root.join("server.key");

    openssl(
        &[
            "req",
            "-new",
            "-x509",
            "-days",
            "3",
            "-nodes",
            "-newkey",
            "rsa:2048",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        &[("-keyout", &key), ("-out", &cert)],
    )?;
    // A client certificate for CERT_USER, signed by the server's (self-signed) one.
    let client_key = root.join("client.key");
    let client_crt = root.join("client.crt");
    signed_cert(
        &format!("/CN={CERT_USER}"),
        (&cert, &key),
        &client_key,
        &client_crt,
        None,
    )?;
    let client_cert_pem = fs::read_to_string(&client_crt).map_err(|e| e.to_string())?;
    let client_key_pem = fs::read_to_string(&client_key).map_err(|e| e.to_string())?;
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&key, fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
    let ca_pem = fs::read_to_string(&cert).map_err(|e| e.to_string())?;
    if as_postgres {
        let (uid, gid) = postgres_ids()?;
        chown_tree(&root, uid, gid)?;
    }

    run(
        &bin.join("initdb"),
        &[
            "-D",
            data.to_str().unwrap(),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ],
        as_postgres,
    )?;

    let hba = format!(
        "local all all trust\n\
         hostssl all {CERT_USER} 127.0.0.0/8 cert\n\
         hostnossl all {CERT_USER} 127.0.0.0/8 reject\n\
         hostssl all {TLS_USER} 127.0.0.0/8 scram-sha-256\n\
         hostnossl all {TLS_USER} 127.0.0.0/8 reject\n\
         host all {PASSWORD_USER} 127.0.0.0/8 scram-sha-256\n\
         host all all 127.0.0.0/8 trust\n"
    );
    fs::write(data.join("pg_hba.conf"), hba).map_err(|e| e.to_string())?;
    let conf = format!(
        "\nlisten_addresses = '127.0.0.1,127.0.0.2'\n\
         unix_socket_directories = '{root}'\n\
         fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n\
         shared_buffers = 32MB\nmax_connections = 100\n\
         ssl = on\nssl_cert_file = '{cert}'\nssl_key_file = '{key}'\nssl_ca_file = '{cert}'\n\
         password_encryption = 'scram-sha-256'\n\
         timezone = 'UTC'\nlog_min_messages = warning\n",
        root = root.display(),
        cert = cert.display(),
        key = key.display()
    );
    let mut pg_conf =
        fs::read_to_string(data.join("postgresql.conf")).map_err(|e| e.to_string())?;
    pg_conf.push_str(&conf);
    fs::write(data.join("postgresql.conf"), pg_conf).map_err(|e| e.to_string())?;
    if as_postgres {
        let (uid, gid) = postgres_ids()?;
        chown_tree(&data, uid, gid)?;
    }

    // A port found free can be taken before the server binds it: try a few.
    let log = root.join("server.log");
    let mut last_err = String::new();
    let mut port = 0;
    for _ in 0..5 {
        port = free_port()?;
        let opts = format!("-p {port}");
        match run(
            &bin.join("pg_ctl"),
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &opts,
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-t",
                "60",
                "start",
            ],
            as_postgres,
        ) {
            Ok(()) => {
                last_err.clear();
                break;
            }
            Err(e) => {
                last_err = format!("{e}\n{}", fs::read_to_string(&log).unwrap_or_default());
            }
        }
    }
    if !last_err.is_empty() {
        let _ = fs::remove_dir_all(&root);
        return Err(last_err);
    }
    *TO_STOP.lock().unwrap() = Some((bin.clone(), data.clone(), root.clone(), as_postgres));
    // SAFETY: registering a plain extern "C" function with no captured state.
    unsafe {
        libc::atexit(stop_at_exit);
    }

    let cluster = Cluster {
        host: "127.0.0.1".to_string(),
        port,
        bin_dir: bin,
        ca_pem,
        client_cert_pem,
        client_key_pem,
        root,
    };
    let mut admin = cluster.admin_client();
    let quote = |s: &str| s.replace('\'', "''");
    admin
        .batch_execute(&format!(
            "CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{}';\
             CREATE ROLE {TLS_USER} LOGIN PASSWORD '{}';\
             CREATE ROLE {CERT_USER} LOGIN;",
            quote(PASSWORD_USER_PASSWORD),
            quote(TLS_USER_PASSWORD)
        ))
        .map_err(|e| format!("creating the test roles: {e}"))?;
    Ok(cluster)
}

extern "C" fn stop_at_exit() {
    let Some((bin, data, root, as_postgres)) = TO_STOP.lock().ok().and_then(|mut g| g.take())
    else {
        return;
    };
    let _ = run(
        &bin.join("pg_ctl"),
        &[
            "-D",
            data.to_str().unwrap_or(""),
            "-m",
            "immediate",
            "-w",
            "stop",
        ],
        as_postgres,
    );
    let _ = fs::remove_dir_all(&root);
}
