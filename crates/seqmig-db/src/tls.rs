//! TLS for PostgreSQL through native-tls (the system OpenSSL), with libpq's sslmodes.

use native_tls::{Certificate, Identity, TlsConnector};
use postgres_native_tls::MakeTlsConnector;

use crate::{DbError, PgOptions, SslMode};

/// The connector for `opts`, or `None` when TLS is disabled.
pub(crate) fn connector(opts: &PgOptions) -> Result<Option<MakeTlsConnector>, DbError> {
    let verify_chain = match opts.ssl_mode {
        SslMode::Disable => return Ok(None),
        // libpq: `require` checks the chain only when a root certificate is given.
        SslMode::Prefer => false,
        SslMode::Require => opts.ssl_ca.is_some(),
        SslMode::VerifyCa | SslMode::VerifyFull => true,
    };
    let verify_host = opts.ssl_mode == SslMode::VerifyFull;

    let mut builder = TlsConnector::builder();
    builder
        .danger_accept_invalid_certs(!verify_chain)
        .danger_accept_invalid_hostnames(!verify_host);
    if let Some(ca) = &opts.ssl_ca {
        let cert = Certificate::from_pem(ca.as_bytes())
            .map_err(|e| DbError::connection(format!("Invalid ssl CA certificate: {e}")))?;
        // As node's `ca` option does, a given CA replaces the system store.
        builder
            .disable_built_in_roots(true)
            .add_root_certificate(cert);
    }
    match (&opts.ssl_cert, &opts.ssl_key) {
        (Some(cert), Some(key)) => {
            let identity = Identity::from_pkcs8(cert.as_bytes(), key.as_bytes()).map_err(|e| {
                DbError::connection(format!("Invalid ssl client certificate or key: {e}"))
            })?;
            builder.identity(identity);
        }
        (None, None) => {}
        _ => {
            return Err(DbError::connection(
                "An ssl client certificate needs both cert and key",
            ))
        }
    }
    let connector = builder
        .build()
        .map_err(|e| DbError::connection(format!("Could not set up TLS: {e}")))?;
    Ok(Some(MakeTlsConnector::new(connector)))
}
