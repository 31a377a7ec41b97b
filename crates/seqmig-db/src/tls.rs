//! TLS for PostgreSQL through rustls (ring): nothing of OpenSSL is linked, so the binary
//! starts on systems without libssl. libpq's sslmodes keep their meaning (see
//! [`tls_verify`](crate::tls_verify) for the certificate checks and their error words).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use rustls::client::ResolvesClientCert;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, SignatureScheme};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio_postgres::tls::{ChannelBinding, MakeTlsConnect, TlsConnect, TlsStream};

use crate::tls_verify::{provider, server_end_point, Checks, Verifier};
use crate::{DbError, PgOptions, SslMode};

/// What a connection's TLS needs, read from the options once.
pub(crate) struct MakeRustls {
    checks: Checks,
    client_auth: Option<Arc<ClientCert>>,
}

/// The client certificate, sent as given. rustls' own `with_client_auth_cert` parses it
/// with webpki, which refuses X.509 v1 certificates (what `openssl x509 -req` makes
/// without extensions); the server, which is the one to judge it, accepts them.
#[derive(Debug)]
pub(crate) struct ClientCert(Arc<CertifiedKey>);

impl ResolvesClientCert for ClientCert {
    fn resolve(&self, _hints: &[&[u8]], _schemes: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }
    fn has_certs(&self) -> bool {
        true
    }
}

/// The connector for `opts`, or `None` when TLS is disabled.
pub(crate) fn connector(opts: &PgOptions) -> Result<Option<MakeRustls>, DbError> {
    let verify_chain = match opts.ssl_mode {
        SslMode::Disable => return Ok(None),
        // libpq: `require` checks the chain only when a root certificate is given.
        SslMode::Prefer => false,
        SslMode::Require => opts.ssl_ca.is_some(),
        SslMode::VerifyCa | SslMode::VerifyFull => true,
    };
    let verify_host = opts.ssl_mode == SslMode::VerifyFull;
    let given_roots = match &opts.ssl_ca {
        Some(pem) => Some(
            certificates(pem)
                .map_err(|e| DbError::connection(format!("Invalid ssl CA certificate: {e}")))?,
        ),
        None => None,
    };
    let client_auth = match (&opts.ssl_cert, &opts.ssl_key) {
        (Some(cert), Some(key)) => {
            let invalid = |e: String| {
                DbError::connection(format!("Invalid ssl client certificate or key: {e}"))
            };
            let chain = certificates(cert).map_err(invalid)?;
            let key = PrivateKeyDer::from_pem_slice(key.as_bytes())
                .map_err(|e| invalid(format!("no private key: {e}")))?;
            let key = provider()
                .key_provider
                .load_private_key(key)
                .map_err(|e| invalid(e.to_string()))?;
            Some(Arc::new(ClientCert(Arc::new(CertifiedKey::new(
                chain, key,
            )))))
        }
        (None, None) => None,
        _ => {
            return Err(DbError::connection(
                "An ssl client certificate needs both cert and key",
            ))
        }
    };
    Ok(Some(MakeRustls {
        checks: Checks {
            verify_chain,
            verify_host,
            given_roots,
        },
        client_auth,
    }))
}

/// Every certificate of a PEM text (node's `ca` may hold several).
fn certificates(pem: &str) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    if certs.is_empty() {
        return Err("no PEM certificate found".into());
    }
    Ok(certs)
}

/// The handshake failed; `0` is the reason as node's tls module words it when known.
#[derive(Debug)]
pub(crate) struct HandshakeError(pub(crate) String);

impl std::fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HandshakeError {}

/// One connection's TLS: the client config (its verifier knows the host) and the name.
pub(crate) struct RustlsConnect {
    config: Arc<ClientConfig>,
    name: ServerName<'static>,
    refusal: Arc<Mutex<Option<String>>>,
}

impl<S> MakeTlsConnect<S> for MakeRustls
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = RustlsStream<S>;
    type TlsConnect = RustlsConnect;
    type Error = HandshakeError;

    fn make_tls_connect(&mut self, host: &str) -> Result<RustlsConnect, HandshakeError> {
        // A Unix-socket directory is no server name; the server refuses TLS there anyway,
        // and verify-full then fails on the name check, as libpq does.
        let real = ServerName::try_from(host.to_string()).ok();
        let name = real
            .clone()
            .unwrap_or(ServerName::IpAddress(std::net::Ipv4Addr::LOCALHOST.into()));
        let refusal = Arc::new(Mutex::new(None));
        let verifier = Verifier::new(&self.checks, real, refusal.clone())
            .map_err(|e| HandshakeError(e.to_string()))?;
        let builder = ClientConfig::builder_with_provider(Arc::new(provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| HandshakeError(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier));
        let config = match &self.client_auth {
            Some(cert) => builder.with_client_cert_resolver(cert.clone()),
            None => builder.with_no_client_auth(),
        };
        Ok(RustlsConnect {
            config: Arc::new(config),
            name,
            refusal,
        })
    }
}

impl<S> TlsConnect<S> for RustlsConnect
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = RustlsStream<S>;
    type Error = HandshakeError;
    type Future = Pin<Box<dyn Future<Output = Result<RustlsStream<S>, HandshakeError>> + Send>>;

    fn connect(self, stream: S) -> Self::Future {
        let connector = tokio_rustls::TlsConnector::from(self.config);
        let refusal = self.refusal;
        let name = self.name;
        Box::pin(async move {
            match connector.connect(name, stream).await {
                Ok(s) => Ok(RustlsStream(s)),
                Err(e) => {
                    let known = refusal.lock().unwrap_or_else(|p| p.into_inner()).take();
                    Err(HandshakeError(known.unwrap_or_else(|| e.to_string())))
                }
            }
        })
    }
}

/// The encrypted stream, with the channel binding SCRAM-SHA-256-PLUS asks for.
pub(crate) struct RustlsStream<S>(tokio_rustls::client::TlsStream<S>);

impl<S: AsyncRead + AsyncWrite + Unpin> TlsStream for RustlsStream<S> {
    fn channel_binding(&self) -> ChannelBinding {
        let (_, conn) = self.0.get_ref();
        match conn
            .peer_certificates()
            .and_then(|c| c.first())
            .and_then(|c| server_end_point(c))
        {
            Some(hash) => ChannelBinding::tls_server_end_point(hash),
            None => ChannelBinding::none(),
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for RustlsStream<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for RustlsStream<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write(cx, buf)
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_flush(cx)
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_shutdown(cx)
    }
    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.0.is_write_vectored()
    }
}
