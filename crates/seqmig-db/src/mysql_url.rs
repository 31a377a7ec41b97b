//! `mysql://` and `mariadb://` connection URLs as Sequelize v6 reads them (Node's legacy
//! `url.parse`: auth percent-decoded, host lower-cased), and URLs with their password
//! masked for messages.
//!
//! `parse_url` hands `mysql:` and `mariadb:` URLs here.

use percent_encoding::percent_decode_str;

use crate::mysql::{MysqlFlavor, MysqlOptions, MysqlSsl};
use crate::UrlError;

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// `mysql://user:pa%40ss@host:3306/db?ssl=true`, `mariadb://...`. Query keys
/// understood (Sequelize copies the query into `dialectOptions`): `ssl` (`true`/`1`:
/// TLS with certificate checks, as mysql2's `ssl: {}`), `charset`, `connectTimeout`,
/// `socketPath`, `multipleStatements`. Others are ignored.
pub fn parse_mysql_url(url: &str) -> Result<MysqlOptions, UrlError> {
    let colon = url
        .find(':')
        .ok_or_else(|| UrlError::NoProtocol(mask_url_password(url)))?;
    let flavor = match url[..colon].to_ascii_lowercase().as_str() {
        "mysql" => MysqlFlavor::Mysql,
        "mariadb" => MysqlFlavor::Mariadb,
        other => return Err(UrlError::UnsupportedDialect(other.to_string())),
    };
    let rest = url[colon + 1..].split('#').next().unwrap_or("");
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let after = rest.strip_prefix("//").unwrap_or(rest);
    let (authority, path) = match after.find('/') {
        Some(i) => (&after[..i], &after[i..]),
        None => (after, ""),
    };
    let mut opts = MysqlOptions {
        flavor,
        ..MysqlOptions::default()
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
    let (host, port) = match hostport.strip_prefix('[').and_then(|s| s.split_once(']')) {
        Some((h, p)) => (h, p.strip_prefix(':')),
        None => match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        },
    };
    opts.host = host.to_ascii_lowercase();
    if let Some(port) = port.filter(|p| !p.is_empty()) {
        opts.port = port
            .parse()
            .map_err(|_| UrlError::BadPort(port.to_string()))?;
    }
    opts.database = decode(path.strip_prefix('/').unwrap_or(path));
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(&value.replace('+', " "));
        match decode(key).as_str() {
            "ssl" => {
                opts.ssl = match value.as_str() {
                    "" | "false" | "0" => None,
                    _ => Some(MysqlSsl::default()),
                }
            }
            "charset" => opts.charset = Some(value),
            "connectTimeout" => opts.connect_timeout_ms = value.parse().ok(),
            "socketPath" => opts.socket_path = Some(value),
            "multipleStatements" => opts.multiple_statements = value == "true",
            _ => {}
        }
    }
    Ok(opts)
}

/// The URL with everything between the scheme's `//` and the last `@` of the authority
/// after the user name masked, as sequelize-cli's `Parsed url` line prints it
/// (`mysql://user:*****@host/db`). A URL without a password is returned as it is.
pub fn mask_url_password(url: &str) -> String {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[start..];
    // The last `@` before the path: a password may hold `/`, `?` or `#` unencoded.
    let Some(at) = rest.rfind('@') else {
        return url.to_string();
    };
    let auth = &rest[..at];
    match auth.find(':') {
        Some(colon) => format!("{}{}:*****{}", &url[..start], &auth[..colon], &rest[at..]),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mysql_and_mariadb_urls_with_encoded_passwords() {
        let o = parse_mysql_url("mysql://alice:pa%40ss%3Aw@DB.Example.com:3307/app_db").unwrap();
        assert_eq!(o.flavor, MysqlFlavor::Mysql);
        assert_eq!(o.user, "alice");
        assert_eq!(o.password.as_deref(), Some("pa@ss:w"));
        assert_eq!((o.host.as_str(), o.port), ("db.example.com", 3307));
        assert_eq!(o.database, "app_db");
        assert_eq!(o.timezone.as_deref(), Some("+00:00"));
        let m = parse_mysql_url(
            "mariadb://bob@[::1]/d?ssl=true&charset=utf8mb4&connectTimeout=2500&multipleStatements=true",
        )
        .unwrap();
        assert_eq!(m.flavor, MysqlFlavor::Mariadb);
        assert_eq!((m.user.as_str(), m.password), ("bob", None));
        assert_eq!((m.host.as_str(), m.port), ("::1", 0));
        assert_eq!(m.ssl, Some(MysqlSsl::default()));
        assert_eq!(m.charset.as_deref(), Some("utf8mb4"));
        assert_eq!(m.connect_timeout_ms, Some(2500));
        assert!(m.multiple_statements);
    }

    #[test]
    fn bad_urls_never_echo_the_password() {
        assert_eq!(
            parse_mysql_url("mysql://u:secret@h:abc/d"),
            Err(UrlError::BadPort("abc".into()))
        );
        assert_eq!(
            parse_mysql_url("postgres://u:secret@h/d"),
            Err(UrlError::UnsupportedDialect("postgres".into()))
        );
        let e = parse_mysql_url("u:secret@h").unwrap_err().to_string();
        assert!(!e.contains("secret"), "{e}");
    }

    #[test]
    fn masking_keeps_the_user_and_hides_the_password() {
        assert_eq!(
            mask_url_password("mysql://root:s3cr/t@x@localhost:3306/db"),
            "mysql://root:*****@localhost:3306/db"
        );
        assert_eq!(
            mask_url_password("mariadb://root@localhost/db"),
            "mariadb://root@localhost/db"
        );
        assert_eq!(mask_url_password("sqlite::memory:"), "sqlite::memory:");
    }
}
