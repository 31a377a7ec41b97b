//! Connection URLs as Sequelize v6 reads its `url` option (`new Sequelize(uri)`), which
//! is Node's legacy `url.parse`: auth percent-decoded, host lower-cased, the path kept
//! as written.

use std::path::PathBuf;

use percent_encoding::percent_decode_str;

use crate::{ConnectOptions, PgOptions, SslMode, UrlError};

/// `postgres://user:pa%40ss@host:5432/db?sslmode=require`, `postgresql://...`,
/// `sqlite://relative/path.db`, `sqlite:///abs/path.db`, `sqlite::memory:`.
///
/// A relative sqlite path stays relative: the caller resolves it against the cwd, as
/// Sequelize's `path.resolve` does. Query keys understood for postgres: `host`
/// (overrides the host, as in Sequelize), `ssl` (`true` means verify-full, as
/// node-postgres' `ssl: true`), `sslmode` (libpq's meaning), `sslrootcert` (see
/// [`apply_ssl_root_cert`]), `application_name`, `connect_timeout` (seconds). Others are
/// ignored.
pub fn parse_url(url: &str) -> Result<ConnectOptions, UrlError> {
    let colon = url
        .find(':')
        .filter(|&i| {
            i > 0
                && url[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
        .ok_or_else(|| UrlError::NoProtocol(crate::mask_url_password(url)))?;
    let protocol = url[..colon].to_ascii_lowercase();
    let rest = &url[colon + 1..];
    // `#fragment` never reaches Sequelize.
    let rest = rest.split('#').next().unwrap_or("");
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, q),
        None => (rest, ""),
    };
    match protocol.as_str() {
        "sqlite" => Ok(ConnectOptions::Sqlite {
            storage: sqlite_storage(rest),
        }),
        "postgres" | "postgresql" => postgres(rest, query).map(ConnectOptions::Postgres),
        "mysql" | "mariadb" => crate::parse_mysql_url(url).map(ConnectOptions::Mysql),
        other => Err(UrlError::UnsupportedDialect(other.to_string())),
    }
}

fn sqlite_storage(rest: &str) -> PathBuf {
    if rest.contains(":memory") {
        return PathBuf::from(":memory:");
    }
    match rest.strip_prefix("//") {
        Some(after) => {
            let (authority, path) = match after.find('/') {
                Some(i) => (&after[..i], &after[i..]),
                None => (after, ""),
            };
            let host = authority
                .rsplit('@')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            // path.join(host, pathname): an empty host leaves the absolute path.
            if host.is_empty() {
                PathBuf::from(if path.is_empty() { ":memory:" } else { path })
            } else {
                PathBuf::from(format!("{host}{path}"))
            }
        }
        // `sqlite:db.sqlite`: Node takes `db.sqlite` as the host, and Sequelize's
        // connection manager falls back to the host as the storage.
        None if !rest.is_empty() => PathBuf::from(rest),
        None => PathBuf::from(":memory:"),
    }
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

fn decode_query_part(s: &str) -> String {
    decode(&s.replace('+', " "))
}

fn postgres(rest: &str, query: &str) -> Result<PgOptions, UrlError> {
    let mut opts = PgOptions::default();
    let after = rest.strip_prefix("//").unwrap_or(rest);
    let (authority, path) = match after.find('/') {
        Some(i) => (&after[..i], &after[i..]),
        None => (after, ""),
    };
    let hostport = match authority.rfind('@') {
        Some(at) => {
            let auth = decode(&authority[..at]);
            match auth.split_once(':') {
                Some((user, password)) => {
                    opts.user = user.to_string();
                    opts.password = Some(password.to_string());
                }
                None => opts.user = auth,
            }
            &authority[at + 1..]
        }
        None => authority,
    };
    let (host, port) = split_host_port(hostport);
    opts.host = host.to_ascii_lowercase();
    if let Some(port) = port.filter(|p| !p.is_empty()) {
        opts.port = port
            .parse()
            .map_err(|_| UrlError::BadPort(port.to_string()))?;
    }
    opts.database = path.strip_prefix('/').unwrap_or(path).to_string();

    let mut mode_given = false;
    let mut root_cert = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (decode_query_part(key), decode_query_part(value));
        mode_given |= key == "ssl" || key == "sslmode";
        match key.as_str() {
            "host" => opts.host = value,
            "application_name" => opts.application_name = Some(value),
            "connect_timeout" => opts.connect_timeout_secs = value.parse().ok(),
            "ssl" => {
                opts.ssl_mode = match value.as_str() {
                    "" | "false" | "0" => SslMode::Disable,
                    _ => SslMode::VerifyFull,
                }
            }
            "sslmode" => opts.ssl_mode = ssl_mode(&value)?,
            "sslrootcert" => root_cert = Some(value),
            _ => {}
        }
    }
    if let Some(root_cert) = root_cert {
        // A relative path is the process's cwd's, as libpq reads it.
        let cwd = std::env::current_dir().unwrap_or_default();
        apply_ssl_root_cert(&mut opts, &root_cert, &cwd, mode_given)
            .map_err(UrlError::SslRootCert)?;
    }
    Ok(opts)
}

/// libpq's `sslrootcert` (a URL's query, or `dialectOptions.sslrootcert`): the file of
/// PEM root certificates to check the server's against, read now (`base` resolves a
/// relative path). As libpq's file and node's `ca`, they replace the system's roots, and
/// join an `ssl.ca` already in `opts`. `system` is libpq 16's value for the system's
/// roots, which asks for `verify-full`. With no `sslmode` nor `ssl` (`mode_given`
/// false), naming roots asks for `verify-full`, as node-postgres' connection strings
/// do (`?sslrootcert=` makes `ssl: { ca }`).
pub fn apply_ssl_root_cert(
    opts: &mut PgOptions,
    value: &str,
    base: &std::path::Path,
    mode_given: bool,
) -> Result<(), String> {
    if !mode_given {
        opts.ssl_mode = SslMode::VerifyFull;
    }
    if value == "system" {
        if opts.ssl_mode != SslMode::VerifyFull {
            let mode = match opts.ssl_mode {
                SslMode::Disable => "disable",
                SslMode::Prefer => "prefer",
                SslMode::Require => "require",
                SslMode::VerifyCa => "verify-ca",
                SslMode::VerifyFull => "verify-full",
            };
            return Err(format!(
                "weak sslmode \"{mode}\" may not be used with sslrootcert=system (use \"verify-full\")"
            ));
        }
        return Ok(());
    }
    let path = base.join(value);
    let pem = std::fs::read_to_string(&path)
        .map_err(|e| format!("sslrootcert: cannot read {}: {e}", path.display()))?;
    if !pem.contains("-----BEGIN CERTIFICATE-----") {
        return Err(format!(
            "sslrootcert: {} holds no PEM certificate",
            path.display()
        ));
    }
    opts.ssl_ca = Some(match opts.ssl_ca.take() {
        Some(given) => format!("{}\n{pem}", given.trim_end()),
        None => pem,
    });
    Ok(())
}

/// libpq's sslmode names; `allow` (plain first, TLS if refused) is treated as `prefer`.
pub(crate) fn ssl_mode(name: &str) -> Result<SslMode, UrlError> {
    Ok(match name {
        "disable" => SslMode::Disable,
        "allow" | "prefer" => SslMode::Prefer,
        "require" | "no-verify" => SslMode::Require,
        "verify-ca" => SslMode::VerifyCa,
        "verify-full" => SslMode::VerifyFull,
        other => return Err(UrlError::BadSslMode(other.to_string())),
    })
}

/// `host:port`, `[::1]:5432`, `host`.
fn split_host_port(s: &str) -> (&str, Option<&str>) {
    if let Some(inner) = s.strip_prefix('[') {
        if let Some(end) = inner.find(']') {
            let port = inner[end + 1..].strip_prefix(':');
            return (&inner[..end], port);
        }
    }
    match s.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pg(url: &str) -> PgOptions {
        match parse_url(url).unwrap() {
            ConnectOptions::Postgres(p) => p,
            other => panic!("not postgres: {other:?}"),
        }
    }

    fn sqlite(url: &str) -> PathBuf {
        match parse_url(url).unwrap() {
            ConnectOptions::Sqlite { storage } => storage,
            other => panic!("not sqlite: {other:?}"),
        }
    }

    #[test]
    fn postgres_url_with_encoded_password_and_sslmode() {
        let p = pg("postgres://alice:pa%40ss:w@DB.Example.com:6543/app_db?sslmode=require");
        assert_eq!(p.user, "alice");
        assert_eq!(p.password.as_deref(), Some("pa@ss:w"));
        assert_eq!(p.host, "db.example.com");
        assert_eq!(p.port, 6543);
        assert_eq!(p.database, "app_db");
        assert_eq!(p.ssl_mode, SslMode::Require);
    }

    #[test]
    fn postgresql_scheme_defaults_and_query_options() {
        let p =
            pg("postgresql://bob@localhost/db?ssl=true&application_name=my+app&host=%2Fvar%2Frun");
        assert_eq!(p.user, "bob");
        assert_eq!(p.password, None);
        assert_eq!(p.port, 0, "0 means the default port, applied at connect");
        assert_eq!(p.ssl_mode, SslMode::VerifyFull);
        assert_eq!(p.application_name.as_deref(), Some("my app"));
        assert_eq!(p.host, "/var/run");
        let v6 = pg("postgres://u:p@[::1]:5433/d");
        assert_eq!((v6.host.as_str(), v6.port), ("::1", 5433));
    }

    #[test]
    fn bad_port_and_sslmode_are_errors() {
        assert_eq!(
            parse_url("postgres://u@h:abc/d"),
            Err(UrlError::BadPort("abc".into()))
        );
        assert_eq!(
            parse_url("postgres://u@h/d?sslmode=sometimes"),
            Err(UrlError::BadSslMode("sometimes".into()))
        );
        assert_eq!(
            parse_url("mssql://u@h/d"),
            Err(UrlError::UnsupportedDialect("mssql".into()))
        );
        assert!(matches!(
            parse_url("mariadb://u:p@h/d"),
            Ok(ConnectOptions::Mysql(m)) if m.flavor == crate::MysqlFlavor::Mariadb && m.database == "d"
        ));
        assert_eq!(
            parse_url("mysql://u:secret@h:abc/d"),
            Err(UrlError::BadPort("abc".into()))
        );
        let e = parse_url("u:secret@h/d").unwrap_err().to_string();
        assert!(!e.contains("secret"), "{e}");
        assert!(matches!(
            parse_url("no-protocol"),
            Err(UrlError::NoProtocol(_))
        ));
    }

    #[test]
    fn sqlite_urls_as_sequelize_joins_them() {
        assert_eq!(
            sqlite("sqlite://relative/path.db"),
            PathBuf::from("relative/path.db")
        );
        assert_eq!(
            sqlite("sqlite:///abs/path.db"),
            PathBuf::from("/abs/path.db")
        );
        assert_eq!(sqlite("sqlite::memory:"), PathBuf::from(":memory:"));
        assert_eq!(sqlite("sqlite://:memory:"), PathBuf::from(":memory:"));
        assert_eq!(sqlite("sqlite:db.sqlite"), PathBuf::from("db.sqlite"));
    }

    const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    #[test]
    fn sslrootcert_is_read_and_asks_for_verification() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("root.crt");
        std::fs::write(&file, PEM).unwrap();
        let q = |query: &str| pg(&format!("postgres://u@h/d?{query}"));

        // Alone, it asks for verify-full (node-postgres' connection strings).
        let p = q(&format!("sslrootcert={}", file.display()));
        assert_eq!(p.ssl_ca.as_deref(), Some(PEM));
        assert_eq!(p.ssl_mode, SslMode::VerifyFull);
        // With a mode, that mode, whichever comes first in the query.
        let p = q(&format!("sslrootcert={}&sslmode=verify-ca", file.display()));
        assert_eq!(
            (p.ssl_mode, p.ssl_ca.as_deref()),
            (SslMode::VerifyCa, Some(PEM))
        );
        let p = q(&format!("sslmode=require&sslrootcert={}", file.display()));
        assert_eq!(
            (p.ssl_mode, p.ssl_ca.as_deref()),
            (SslMode::Require, Some(PEM))
        );

        // `system`: the system's roots, with verify-full only.
        let p = q("sslrootcert=system");
        assert_eq!((p.ssl_mode, p.ssl_ca), (SslMode::VerifyFull, None));
        assert_eq!(
            parse_url("postgres://u@h/d?sslmode=require&sslrootcert=system"),
            Err(UrlError::SslRootCert(
                "weak sslmode \"require\" may not be used with sslrootcert=system (use \"verify-full\")"
                    .into()
            ))
        );

        let missing = dir.path().join("nope.crt");
        let e = parse_url(&format!(
            "postgres://u@h/d?sslrootcert={}",
            missing.display()
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(&format!("sslrootcert: cannot read {}: ", missing.display())),
            "{e}"
        );
        std::fs::write(&missing, "not a certificate").unwrap();
        let e = parse_url(&format!(
            "postgres://u@h/d?sslrootcert={}",
            missing.display()
        ))
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            format!(
                "sslrootcert: {} holds no PEM certificate",
                missing.display()
            )
        );
    }

    #[test]
    fn sslrootcert_joins_a_given_ca() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("root.crt"), PEM).unwrap();
        let mut opts = PgOptions {
            ssl_mode: SslMode::VerifyCa,
            ssl_ca: Some("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".into()),
            ..PgOptions::default()
        };
        apply_ssl_root_cert(&mut opts, "root.crt", dir.path(), true).unwrap();
        assert_eq!(opts.ssl_mode, SslMode::VerifyCa);
        assert_eq!(
            opts.ssl_ca.as_deref(),
            Some(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
            )
        );
        // An explicit `disable` stays off, as libpq ignores the file then.
        let mut off = PgOptions::default();
        apply_ssl_root_cert(&mut off, "root.crt", dir.path(), true).unwrap();
        assert_eq!(off.ssl_mode, SslMode::Disable);
    }
}
