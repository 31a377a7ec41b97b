//! The server-certificate checks of libpq's sslmodes, done with rustls' webpki, and the
//! words node's tls module (OpenSSL's) uses when it refuses a certificate.
//!
//! Two things OpenSSL accepts and webpki does not are handled here: a self-signed
//! server certificate that is itself given as `ca` (the usual `ssl: { ca:
//! fs.readFileSync('server.crt') }` setup; such certificates carry CA:TRUE, which webpki
//! refuses for a server), and `verify-ca`, a chain check without the name check, which
//! rustls' stock verifier does not offer.

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{verify_server_cert_signed_by_trust_anchor, verify_server_name};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};
use sha2::Digest;

/// What the sslmode asks of the server's certificate.
pub(crate) struct Checks {
    pub(crate) verify_chain: bool,
    pub(crate) verify_host: bool,
    /// node's `ca`: when given, these replace the system's roots.
    pub(crate) given_roots: Option<Vec<CertificateDer<'static>>>,
}

#[derive(Debug)]
pub(crate) struct Verifier {
    verify_chain: bool,
    verify_host: bool,
    roots: Arc<RootCertStore>,
    given: Vec<CertificateDer<'static>>,
    /// The host as a server name; `None` for a Unix-socket directory.
    name: Option<ServerName<'static>>,
    algorithms: WebPkiSupportedAlgorithms,
    /// The reason of the last refusal, in node's words, for the connect error.
    refusal: Arc<Mutex<Option<String>>>,
}

impl Verifier {
    pub(crate) fn new(
        checks: &Checks,
        name: Option<ServerName<'static>>,
        refusal: Arc<Mutex<Option<String>>>,
    ) -> Result<Verifier, Error> {
        let mut roots = RootCertStore::empty();
        let given = checks.given_roots.clone().unwrap_or_default();
        if checks.verify_chain {
            match &checks.given_roots {
                Some(certs) => {
                    for cert in certs {
                        roots.add(cert.clone())?;
                    }
                }
                None => {
                    // Certificates the system store cannot parse are skipped, as OpenSSL
                    // skips them; a server signed by none of them is refused later.
                    let native = rustls_native_certs::load_native_certs();
                    roots.add_parsable_certificates(native.certs);
                }
            }
        }
        Ok(Verifier {
            verify_chain: checks.verify_chain,
            verify_host: checks.verify_host,
            roots: Arc::new(roots),
            given,
            name,
            algorithms: provider().signature_verification_algorithms,
            refusal,
        })
    }

    fn check(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<(), (Error, String)> {
        if !self.verify_chain && !self.verify_host {
            return Ok(());
        }
        let parsed =
            ParsedCertificate::try_from(end_entity).map_err(|e| (e.clone(), e.to_string()))?;
        if self.verify_chain {
            if self.given.iter().any(|c| c.as_ref() == end_entity.as_ref()) {
                // Trusted as it is: OpenSSL still checks its dates.
                if let Some(words) = Cert::parse(end_entity).and_then(|c| c.outside(now)) {
                    return Err((CertificateError::Expired.into(), words.into()));
                }
            } else {
                verify_server_cert_signed_by_trust_anchor(
                    &parsed,
                    &self.roots,
                    intermediates,
                    now,
                    self.algorithms.all,
                )
                .map_err(|e| {
                    let words = self.words(&e, end_entity, intermediates);
                    (e, words)
                })?;
            }
        }
        if self.verify_host {
            match &self.name {
                Some(name) => verify_server_name(&parsed, name).map_err(|e| {
                    let words = self.words(&e, end_entity, intermediates);
                    (e, words)
                })?,
                None => {
                    return Err((
                        CertificateError::NotValidForName.into(),
                        "hostname mismatch".into(),
                    ))
                }
            }
        }
        Ok(())
    }

    /// OpenSSL's reason for `e`, the text node prints for a refused certificate.
    fn words(
        &self,
        e: &Error,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
    ) -> String {
        let Error::InvalidCertificate(cert_error) = e else {
            return e.to_string();
        };
        match cert_error {
            CertificateError::UnknownIssuer => {
                let self_issued = |der: &CertificateDer<'_>| {
                    Cert::parse(der).is_some_and(|c| c.issuer == c.subject)
                };
                match intermediates.last() {
                    None if self_issued(end_entity) => "self-signed certificate",
                    Some(top) if self_issued(top) => "self-signed certificate in certificate chain",
                    _ => "unable to get local issuer certificate",
                }
                .into()
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "certificate has expired".into()
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                "certificate is not yet valid".into()
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                match self.name {
                    Some(ServerName::IpAddress(_)) => "IP address mismatch".into(),
                    _ => "hostname mismatch".into(),
                }
            }
            CertificateError::BadSignature => "certificate signature failure".into(),
            CertificateError::Revoked => "certificate revoked".into(),
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                "unsupported certificate purpose".into()
            }
            CertificateError::Other(other) if other.to_string().contains("CaUsedAsEndEntity") => {
                // webpki looks at CA:TRUE before the issuer: a self-signed certificate
                // that is not trusted is what OpenSSL reports.
                if intermediates.is_empty()
                    && Cert::parse(end_entity).is_some_and(|c| c.issuer == c.subject)
                {
                    return "self-signed certificate".into();
                }
                // OpenSSL takes a CA certificate as a server's; webpki only takes one
                // given as `ca` itself (above).
                "the server's certificate is a CA certificate (basicConstraints CA:TRUE), \
                 accepted only when that certificate itself is given as the ssl ca"
                    .into()
            }
            other => format!("invalid certificate: {other}"),
        }
    }
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        match self.check(end_entity, intermediates, now) {
            Ok(()) => Ok(ServerCertVerified::assertion()),
            Err((error, words)) => {
                *self.refusal.lock().unwrap_or_else(|p| p.into_inner()) = Some(words);
                Err(error)
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// rustls' ring provider, named explicitly so that another crate enabling aws-lc-rs
/// cannot make the choice ambiguous. Its deprecation is about post-quantum key exchange,
/// which PostgreSQL servers do not offer; aws-lc-rs would need cmake and more to build.
#[allow(deprecated)]
pub(crate) fn provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// The `tls-server-end-point` channel binding (RFC 5929): the certificate hashed with its
/// signature's hash, SHA-256 for MD5 and SHA-1; `None` for algorithms without one.
pub(crate) fn server_end_point(cert: &CertificateDer<'_>) -> Option<Vec<u8>> {
    const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
    const ECDSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04];
    let oid = Cert::parse(cert)?.signature_oid;
    let bits = match oid {
        [rsa @ .., n] if rsa == RSA => match n {
            0x04 | 0x05 | 0x0b => 256,
            0x0c => 384,
            0x0d => 512,
            _ => return None,
        },
        [e @ .., 0x01] if e == ECDSA => 256,
        [e @ .., 0x03, n] if e == ECDSA => match n {
            0x02 => 256,
            0x03 => 384,
            0x04 => 512,
            _ => return None,
        },
        _ => return None,
    };
    let der = cert.as_ref();
    Some(match bits {
        256 => sha2::Sha256::digest(der).to_vec(),
        384 => sha2::Sha384::digest(der).to_vec(),
        _ => sha2::Sha512::digest(der).to_vec(),
    })
}

/// The few fields of an X.509 certificate read here (DER, read without a parser crate).
struct Cert<'a> {
    issuer: &'a [u8],
    subject: &'a [u8],
    not_before: Option<i64>,
    not_after: Option<i64>,
    signature_oid: &'a [u8],
}

/// One DER element: its tag, its contents and what follows it.
fn element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n].iter().fold(0usize, |a, &b| (a << 8) | b as usize);
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

impl<'a> Cert<'a> {
    fn parse(der: &'a [u8]) -> Option<Cert<'a>> {
        let (0x30, cert, _) = element(der)? else {
            return None;
        };
        let (0x30, tbs, rest) = element(cert)? else {
            return None;
        };
        let (_, algorithm, _) = element(rest)?;
        let (0x06, signature_oid, _) = element(algorithm)? else {
            return None;
        };
        let (mut tag, _, mut rest) = element(tbs)?;
        if tag == 0xa0 {
            // The explicit version; the serial number follows.
            (tag, _, rest) = element(rest)?;
        }
        if tag != 0x02 {
            return None;
        }
        let (_, _, rest) = element(rest)?; // the signature algorithm, again
        let (_, issuer, rest) = element(rest)?;
        let (_, validity, rest) = element(rest)?;
        let (_, subject, _) = element(rest)?;
        let (t1, before, rest) = element(validity)?;
        let (t2, after, _) = element(rest)?;
        Some(Cert {
            issuer,
            subject,
            not_before: time(t1, before),
            not_after: time(t2, after),
            signature_oid,
        })
    }

    /// OpenSSL's words when `now` is outside the certificate's dates.
    fn outside(&self, now: UnixTime) -> Option<&'static str> {
        let now = now.as_secs() as i64;
        if self.not_before.is_some_and(|t| now < t) {
            return Some("certificate is not yet valid");
        }
        if self.not_after.is_some_and(|t| now > t) {
            return Some("certificate has expired");
        }
        None
    }
}

/// A UTCTime (0x17, `YYMMDDHHMMSSZ`) or GeneralizedTime (0x18, `YYYYMMDDHHMMSSZ`) as
/// seconds since the epoch.
fn time(tag: u8, text: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(text).ok()?.strip_suffix('Z')?;
    let (year, rest) = match tag {
        0x17 if text.len() == 12 => {
            let yy: i64 = text[..2].parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &text[2..])
        }
        0x18 if text.len() == 14 => (text[..4].parse().ok()?, &text[4..]),
        _ => return None,
    };
    let n = |i: usize| rest.get(i..i + 2)?.parse::<i64>().ok();
    let (month, day, h, m, s) = (n(0)?, n(2)?, n(4)?, n(6)?, n(8)?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    Some(days * 86400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_times_read_as_epoch_seconds() {
        assert_eq!(time(0x17, b"700101000000Z"), Some(0));
        assert_eq!(time(0x17, b"491231235959Z"), Some(2524607999));
        assert_eq!(time(0x18, b"20240229120000Z"), Some(1709208000));
        assert_eq!(time(0x18, b"2024022912000Z"), None);
        assert_eq!(time(0x17, b"700101000000"), None);
    }

    #[test]
    fn truncated_der_is_no_certificate() {
        assert!(Cert::parse(&[]).is_none());
        assert!(Cert::parse(&[0x30, 0x82, 0xff]).is_none());
        assert!(Cert::parse(&[0x30, 0x03, 0x30, 0x01, 0x00]).is_none());
        assert!(server_end_point(&CertificateDer::from(vec![0x30, 0x00])).is_none());
    }
}
