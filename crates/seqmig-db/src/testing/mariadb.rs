//! A throwaway MariaDB server for tests (feature `testing`), like the PostgreSQL
//! cluster of [`crate::testing`].
//!
//! One server per test process, started on first use in a temp folder
//! (`mariadb-install-db`, then `mariadbd --user=mysql` on a free 127.0.0.1 port with
//! its own socket), killed and removed when the process exits. It has:
//! - `root`, reachable only through the socket (unix_socket authentication), used to
//!   set the server up;
//! - [`USER`], with [`PASSWORD`] (characters a URL must percent-encode), allowed
//!   everything from 127.0.0.1: what tests and sequelize-cli connect as.
//!
//! The character set is Debian's default (`utf8mb4` / `utf8mb4_general_ci`), given on
//! the command line with `--no-defaults` so that no my.cnf of the machine changes it.
//! When the binaries are missing this fails loudly; `SEQMIG_SKIP_MARIADB=1` makes
//! [`skip_mariadb`] true so that tests can skip on purpose.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::{chown_tree, free_port, is_root, openssl, signed_cert};

pub const USER: &str = "seqmig";
/// Has characters that must be percent-encoded in a URL.
pub const PASSWORD: &str = "my@pw:d /1";
/// May connect only over TLS (`REQUIRE SSL`).
pub const TLS_USER: &str = "seqmig_tls";
pub const TLS_PASSWORD: &str = "tls-secret";

/// The running server of this process.
#[derive(Debug)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub socket: PathBuf,
    pub root: PathBuf,
    /// `mariadbd`, `mariadb-install-db` and `mariadb` (the client).
    pub bins: Bins,
    /// The CA that signed the server's certificate (SAN 127.0.0.1 / localhost).
    pub ca_pem: String,
    pid: u32,
}

#[derive(Debug, Clone)]
pub struct Bins {
    pub server: PathBuf,
    pub install_db: PathBuf,
    pub client: PathBuf,
}

/// A database made for one test, reached as [`USER`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MariaDb {
    pub name: String,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
}

impl MariaDb {
    /// `mysql://user:password@127.0.0.1:port/name` (or another scheme), percent-encoded.
    pub fn url(&self, scheme: &str) -> String {
        format!(
            "{scheme}://{}:{}@{}:{}/{}",
            utf8_percent_encode(&self.user, NON_ALPHANUMERIC),
            utf8_percent_encode(&self.password, NON_ALPHANUMERIC),
            self.host,
            self.port,
            self.name
        )
    }
}

/// True when `SEQMIG_SKIP_MARIADB=1`: the only way MariaDB tests may be skipped.
pub fn skip_mariadb() -> bool {
    std::env::var("SEQMIG_SKIP_MARIADB").is_ok_and(|v| v == "1")
}

fn find_bin(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Ok(d) = std::env::var("SEQMIG_MARIADB_BIN") {
        dirs.push(PathBuf::from(d));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    // mariadbd lives in sbin, which a non-root PATH often lacks.
    dirs.extend(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"].map(PathBuf::from));
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

/// The server binaries, or why they are missing.
pub fn find_bins() -> Result<Bins, String> {
    let missing = |what: &str| {
        format!(
            "MariaDB {what} not found (looked in $SEQMIG_MARIADB_BIN, $PATH, /usr/sbin, \
             /usr/bin): install it (apt-get install mariadb-server mariadb-client), point \
             SEQMIG_MARIADB_BIN at the folder holding it, or set SEQMIG_SKIP_MARIADB=1 \
             to skip MariaDB tests"
        )
    };
    Ok(Bins {
        server: find_bin("mariadbd").ok_or_else(|| missing("server binary `mariadbd`"))?,
        install_db: find_bin("mariadb-install-db")
            .ok_or_else(|| missing("`mariadb-install-db`"))?,
        client: find_bin("mariadb").ok_or_else(|| missing("client `mariadb`"))?,
    })
}

static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
/// What the exit hook must stop: (server pid, root folder).
static TO_STOP: Mutex<Option<(u32, PathBuf)>> = Mutex::new(None);

/// The server of this process, started on first call.
pub fn server() -> &'static Server {
    match SERVER.get_or_init(start) {
        Ok(s) => s,
        Err(e) => panic!("test MariaDB server: {e}"),
    }
}

/// A new, empty database (utf8mb4), reached as [`USER`].
pub fn fresh_database(hint: &str) -> MariaDb {
    let s = server();
    let name = super::fresh_database_name(hint);
    s.admin_sql(&format!("CREATE DATABASE `{name}`"))
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    MariaDb {
        name,
        host: s.host.clone(),
        port: s.port,
        user: USER.to_string(),
        password: PASSWORD.to_string(),
    }
}

impl Server {
    /// Runs SQL as root through the socket with the `mariadb` client; its output (tab
    /// separated, no headers).
    pub fn admin_sql(&self, sql: &str) -> Result<String, String> {
        let out = Command::new(&self.bins.client)
            .arg("--no-defaults")
            .arg("-uroot")
            .arg(format!("--socket={}", self.socket.display()))
            .args(["--batch", "--skip-column-names", "-e", sql])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("{}: {e}", self.bins.client.display()))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The server process id (for tests that must see it die or kill a connection).
    pub fn pid(&self) -> u32 {
        self.pid
    }
}

fn mysql_ids() -> Result<(u32, u32), String> {
    super::user_ids("mysql", " (the mariadb-server package creates it)")
}

const ROOT_PREFIX: &str = "seqmig-mariadb-";

fn kill(pid: i32, sig: i32) -> bool {
    // SAFETY: plain kill(2) on a pid we recorded.
    unsafe { libc::kill(pid, sig) == 0 }
}

/// Kills and removes servers left by test processes that died without their exit hook,
/// found by the owner pid they recorded.
fn reap_orphans() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(ROOT_PREFIX));
        let read_pid = |file: &str| {
            fs::read_to_string(path.join(file))
                .ok()
                .and_then(|s| s.trim().parse::<i32>().ok())
        };
        let Some(owner) = is_ours.then(|| read_pid("owner")).flatten() else {
            continue;
        };
        let alive =
            kill(owner, 0) || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        if alive {
            continue;
        }
        if let Some(server) = read_pid("server.pid") {
            kill(server, libc::SIGKILL);
        }
        let _ = fs::remove_dir_all(&path);
    }
}

/// Options shared by `mariadb-install-db` and `mariadbd`: small and fast, durability off.
fn server_args(data: &Path) -> Vec<String> {
    vec![
        "--no-defaults".into(),
        "--user=mysql".into(),
        format!("--datadir={}", data.display()),
        "--character-set-server=utf8mb4".into(),
        "--collation-server=utf8mb4_general_ci".into(),
        "--innodb-buffer-pool-size=32M".into(),
        "--innodb-log-file-size=16M".into(),
        "--innodb-flush-log-at-trx-commit=0".into(),
        "--skip-log-bin".into(),
    ]
}

fn start() -> Result<Server, String> {
    let bins = find_bins()?;
    reap_orphans();
    let root = tempfile::Builder::new()
        .prefix(ROOT_PREFIX)
        .tempdir()
        .map_err(|e| format!("temp dir: {e}"))?
        .keep();
    fs::write(root.join("owner"), std::process::id().to_string()).map_err(|e| e.to_string())?;
    let data = root.join("data");
    let socket = root.join("mysqld.sock");
    let log = root.join("server.log");
    // A CA and a server certificate it signs: rustls (like any webpki client) refuses a
    // self-signed certificate that is both the CA and the server's.
    let ca_key = root.join("ca.key");
    let ca_cert = root.join("ca.crt");
    let cert = root.join("server.crt");
    let key = root.join("server.key");
    let ext = root.join("server.ext");
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
            "/CN=seqmig test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
        ],
        &[("-keyout", &ca_key), ("-out", &ca_cert)],
    )?;
    fs::write(&ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n").map_err(|e| e.to_string())?;
    signed_cert(
        "/CN=127.0.0.1",
        (&ca_cert, &ca_key),
        &key,
        &cert,
        Some(&ext),
    )?;
    let ca_pem = fs::read_to_string(&ca_cert).map_err(|e| e.to_string())?;
    if is_root() {
        let (uid, gid) = mysql_ids()?;
        chown_tree(&root, uid, gid)?;
    }

    let out = Command::new(&bins.install_db)
        .args(server_args(&data))
        .args(["--auth-root-authentication-method=socket", "--skip-test-db"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{}: {e}", bins.install_db.display()))?;
    if !out.status.success() {
        let _ = fs::remove_dir_all(&root);
        return Err(format!(
            "{} failed: {}{}",
            bins.install_db.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }

    // A port found free can be taken before the server binds it: try a few.
    let mut last_err = String::new();
    for _ in 0..5 {
        let port = free_port()?;
        let _ = fs::remove_file(&log);
        let child = Command::new(&bins.server)
            .args(server_args(&data))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--port={port}"))
            .arg("--bind-address=127.0.0.1")
            .arg(format!("--ssl-cert={}", cert.display()))
            .arg(format!("--ssl-key={}", key.display()))
            .arg(format!(
                "--pid-file={}",
                root.join("mariadbd.pid").display()
            ))
            .arg(format!("--log-error={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", bins.server.display()))?;
        let pid = child.id();
        fs::write(root.join("server.pid"), pid.to_string()).map_err(|e| e.to_string())?;
        *TO_STOP.lock().unwrap() = Some((pid, root.clone()));
        match wait_ready(child, &bins, &socket, &log) {
            Ok(()) => {
                // SAFETY: registering a plain extern "C" function with no captured state.
                unsafe {
                    libc::atexit(stop_at_exit);
                }
                let server = Server {
                    host: "127.0.0.1".into(),
                    port,
                    socket,
                    root,
                    bins,
                    ca_pem,
                    pid,
                };
                server
                    .admin_sql(&format!(
                        "CREATE USER '{USER}'@'%' IDENTIFIED BY '{pw}';\
                         GRANT ALL PRIVILEGES ON *.* TO '{USER}'@'%' WITH GRANT OPTION;\
                         CREATE USER '{TLS_USER}'@'%' IDENTIFIED BY '{TLS_PASSWORD}' REQUIRE SSL;\
                         GRANT ALL PRIVILEGES ON *.* TO '{TLS_USER}'@'%';",
                        pw = PASSWORD.replace('\'', "''")
                    ))
                    .map_err(|e| format!("creating the test user: {e}"))?;
                return Ok(server);
            }
            Err(e) => {
                kill(pid as i32, libc::SIGKILL);
                *TO_STOP.lock().unwrap() = None;
                last_err = e;
            }
        }
    }
    let _ = fs::remove_dir_all(&root);
    Err(last_err)
}

/// Waits until the server answers on its socket, or says why it did not start.
fn wait_ready(
    mut child: std::process::Child,
    bins: &Bins,
    socket: &Path,
    log: &Path,
) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "mariadbd exited ({status}) at start:\n{}",
                fs::read_to_string(log).unwrap_or_default()
            ));
        }
        if socket.exists() {
            let ping = Command::new(&bins.client)
                .arg("--no-defaults")
                .arg("-uroot")
                .arg(format!("--socket={}", socket.display()))
                .args(["-e", "SELECT 1"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if ping.is_ok_and(|s| s.success()) {
                // The Child is dropped without a wait: the exit hook kills the server.
                return Ok(());
            }
        }
        if Instant::now() > deadline {
            return Err(format!(
                "mariadbd did not answer within 60 s:\n{}",
                fs::read_to_string(log).unwrap_or_default()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

extern "C" fn stop_at_exit() {
    let Some((pid, root)) = TO_STOP.lock().ok().and_then(|mut g| g.take()) else {
        return;
    };
    // A throwaway server: nothing to flush, so no graceful shutdown to wait for.
    kill(pid as i32, libc::SIGKILL);
    let _ = fs::remove_dir_all(&root);
}
