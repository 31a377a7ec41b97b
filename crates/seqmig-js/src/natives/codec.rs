//! The byte work of `zlib` (flate2, brotli) and of the two native addons seqmig stands
//! in for, `bcrypt` and `argon2` (the bcrypt and argon2 crates), in the formats the npm
//! packages write: `$2b$10$<22 salt chars><31 hash chars>` and
//! `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>` (PHC, base64 without padding).

use std::io::{Read, Write};

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use boa_engine::{Context, JsArgs, JsError, JsResult, JsValue};
use serde_json::Value;

use crate::convert;
use crate::natives::{arg_string, binary_to_bytes, bytes_to_binary, make_error, str_value, Native};

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("zlib", zlib, 3),
    ("bcryptHash", bcrypt_hash, 2),
    ("bcryptVerify", bcrypt_verify, 2),
    ("bcryptSalt", bcrypt_salt, 2),
    ("argon2Hash", argon2_hash, 2),
    ("argon2Verify", argon2_verify, 3),
];

fn fail(ctx: &mut Context, message: &str, code: Option<&str>, errno: Option<i32>) -> JsError {
    let err = make_error(ctx, "Error", message);
    if let Some(code) = code {
        let _ = err.set(boa_engine::js_string!("code"), str_value(code), false, ctx);
    }
    if let Some(errno) = errno {
        let _ = err.set(
            boa_engine::js_string!("errno"),
            JsValue::from(errno),
            false,
            ctx,
        );
    }
    JsError::from_opaque(err.into())
}

// ---- zlib ----

/// zlib's wording of a bad stream, with Node's code and errno.
fn zlib_error(e: &std::io::Error, ctx: &mut Context) -> JsError {
    let text = e.to_string();
    let (msg, code, errno) =
        if e.kind() == std::io::ErrorKind::UnexpectedEof || text.contains("unexpected end") {
            ("unexpected end of file", "Z_BUF_ERROR", -5)
        } else if text.contains("header") || text.contains("invalid gzip") {
            ("incorrect header check", "Z_DATA_ERROR", -3)
        } else {
            ("invalid stored block lengths", "Z_DATA_ERROR", -3)
        };
    fail(ctx, msg, Some(code), Some(errno))
}

/// `zlib(kind, data, level)`: one whole buffer in, one out. `kind`: deflate, inflate,
/// deflateRaw, inflateRaw, gzip, gunzip, unzip, brotliCompress, brotliDecompress.
fn zlib(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    use flate2::Compression;
    let kind = arg_string(args, 0, ctx)?;
    let data = binary_to_bytes(args.get_or_undefined(1), ctx)?;
    let level = args.get_or_undefined(2).to_number(ctx)?;
    let level = if level.is_finite() && (0.0..=9.0).contains(&level) {
        Compression::new(level as u32)
    } else {
        Compression::new(6)
    };
    // zlib looks at the header before anything else, and says so whatever follows.
    let zlib_header_ok = |d: &[u8]| {
        d.len() < 2 || (d[0] & 0x0f == 8 && (u16::from(d[0]) * 256 + u16::from(d[1])) % 31 == 0)
    };
    let bad_header = match kind.as_str() {
        "gunzip" => data.len() >= 2 && data[..2] != [0x1f, 0x8b],
        "inflate" => !zlib_header_ok(&data),
        "unzip" => data.len() >= 2 && data[..2] != [0x1f, 0x8b] && !zlib_header_ok(&data),
        _ => false,
    };
    if bad_header {
        return Err(fail(
            ctx,
            "incorrect header check",
            Some("Z_DATA_ERROR"),
            Some(-3),
        ));
    }
    let mut out = Vec::new();
    let res: std::io::Result<()> = match kind.as_str() {
        "deflate" => {
            let mut e = flate2::write::ZlibEncoder::new(&mut out, level);
            e.write_all(&data).and_then(|_| e.finish().map(|_| ()))
        }
        "deflateRaw" => {
            let mut e = flate2::write::DeflateEncoder::new(&mut out, level);
            e.write_all(&data).and_then(|_| e.finish().map(|_| ()))
        }
        "gzip" => {
            let mut e = flate2::write::GzEncoder::new(&mut out, level);
            e.write_all(&data).and_then(|_| e.finish().map(|_| ()))
        }
        "inflate" => flate2::read::ZlibDecoder::new(&data[..])
            .read_to_end(&mut out)
            .map(|_| ()),
        "inflateRaw" => flate2::read::DeflateDecoder::new(&data[..])
            .read_to_end(&mut out)
            .map(|_| ()),
        "gunzip" => flate2::read::MultiGzDecoder::new(&data[..])
            .read_to_end(&mut out)
            .map(|_| ()),
        "unzip" if data.starts_with(&[0x1f, 0x8b]) => flate2::read::MultiGzDecoder::new(&data[..])
            .read_to_end(&mut out)
            .map(|_| ()),
        "unzip" => flate2::read::ZlibDecoder::new(&data[..])
            .read_to_end(&mut out)
            .map(|_| ()),
        "brotliCompress" => {
            let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
            let r = w.write_all(&data).and_then(|_| w.flush());
            drop(w);
            r
        }
        "brotliDecompress" => brotli::Decompressor::new(&data[..], 4096)
            .read_to_end(&mut out)
            .map(|_| ())
            .map_err(|_| std::io::Error::other("header")),
        other => {
            let msg = format!("seqmig: unknown zlib operation {other}");
            return Err(fail(ctx, &msg, None, None));
        }
    };
    if let Err(e) = res {
        if kind == "brotliDecompress" {
            return Err(fail(
                ctx,
                "Decompression failed",
                Some("ERR__ERROR_FORMAT_PADDING_1"),
                Some(-6),
            ));
        }
        return Err(zlib_error(&e, ctx));
    }
    Ok(bytes_to_binary(&out))
}

// ---- bcrypt ----

fn bcrypt_b64() -> GeneralPurpose {
    GeneralPurpose::new(
        &base64::alphabet::BCRYPT,
        GeneralPurposeConfig::new()
            .with_encode_padding(false)
            .with_decode_padding_mode(DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    )
}

/// `bcryptHash(password, salt)`: salt is `$2b$10$` + 22 characters, as genSalt makes.
fn bcrypt_hash(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let password = binary_to_bytes(args.get_or_undefined(0), ctx)?;
    let salt = arg_string(args, 1, ctx)?;
    let parts: Vec<&str> = salt.split('$').collect();
    let parsed = match parts.as_slice() {
        ["", minor, cost, rest] if rest.len() >= 22 => {
            let version = match *minor {
                "2a" => Some(bcrypt::Version::TwoA),
                "2b" => Some(bcrypt::Version::TwoB),
                "2y" => Some(bcrypt::Version::TwoY),
                "2x" => Some(bcrypt::Version::TwoX),
                _ => None,
            };
            let cost = cost.parse::<u32>().ok();
            let bytes = bcrypt_b64().decode(&rest[..22]).ok();
            match (version, cost, bytes) {
                (Some(v), Some(c), Some(b)) if b.len() == 16 => {
                    let mut s = [0u8; 16];
                    s.copy_from_slice(&b);
                    Some((v, c, s))
                }
                _ => None,
            }
        }
        _ => None,
    };
    let Some((version, cost, salt)) = parsed else {
        return Err(fail(
            ctx,
            "Invalid salt. Salt must be in the form of: $Vers$log2(NumRounds)$saltvalue",
            None,
            None,
        ));
    };
    match bcrypt::hash_with_salt(&password, cost, salt) {
        Ok(parts) => Ok(str_value(&parts.format_for_version(version))),
        Err(e) => Err(fail(ctx, &format!("Invalid salt: {e}"), None, None)),
    }
}

/// `bcryptVerify(password, hash)`: false for a hash that does not parse, as node.bcrypt.
fn bcrypt_verify(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let password = binary_to_bytes(args.get_or_undefined(0), ctx)?;
    let hash = arg_string(args, 1, ctx)?;
    Ok(JsValue::from(
        bcrypt::verify(&password, &hash).unwrap_or(false),
    ))
}

/// `bcryptSalt(rounds, minor)`: `$2b$10$` and 16 random bytes in bcrypt's base64.
fn bcrypt_salt(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let rounds = args.get_or_undefined(0).to_number(ctx)? as u32;
    let minor = arg_string(args, 1, ctx)?;
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    // A v4 uuid fixes 6 bits; a second one fills them in.
    let extra = uuid::Uuid::new_v4();
    bytes[6] ^= extra.as_bytes()[0];
    bytes[8] ^= extra.as_bytes()[1];
    Ok(str_value(&format!(
        "$2{minor}${rounds:02}${}",
        bcrypt_b64().encode(bytes)
    )))
}

// ---- argon2 ----

fn algorithm(n: u64) -> argon2::Algorithm {
    match n {
        0 => argon2::Algorithm::Argon2d,
        1 => argon2::Algorithm::Argon2i,
        _ => argon2::Algorithm::Argon2id,
    }
}

fn algorithm_name(a: argon2::Algorithm) -> &'static str {
    match a {
        argon2::Algorithm::Argon2d => "argon2d",
        argon2::Algorithm::Argon2i => "argon2i",
        argon2::Algorithm::Argon2id => "argon2id",
    }
}

struct Argon2Job {
    algorithm: argon2::Algorithm,
    version: argon2::Version,
    m: u32,
    t: u32,
    p: u32,
    len: usize,
    salt: Vec<u8>,
    secret: Vec<u8>,
    data: Vec<u8>,
}

fn run_argon2(job: &Argon2Job, password: &[u8]) -> Result<Vec<u8>, String> {
    let mut b = argon2::ParamsBuilder::new();
    b.m_cost(job.m)
        .t_cost(job.t)
        .p_cost(job.p)
        .output_len(job.len);
    if !job.data.is_empty() {
        b.data(argon2::AssociatedData::new(&job.data).map_err(|e| e.to_string())?);
    }
    let params = b.build().map_err(|e| e.to_string())?;
    let hasher = if job.secret.is_empty() {
        argon2::Argon2::new(job.algorithm, job.version, params)
    } else {
        argon2::Argon2::new_with_secret(&job.secret, job.algorithm, job.version, params)
            .map_err(|e| e.to_string())?
    };
    let mut out = vec![0u8; job.len];
    hasher
        .hash_password_into(password, &job.salt, &mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

fn bytes_of(v: Option<&Value>) -> Vec<u8> {
    match v {
        Some(Value::String(s)) => s.chars().map(|c| c as u32 as u8).collect(),
        _ => Vec::new(),
    }
}

/// `argon2Hash(password, {type, memoryCost, timeCost, parallelism, hashLength, salt,
/// secret, associatedData, raw})` (byte options as binary strings): the PHC string, or
/// the raw hash bytes.
fn argon2_hash(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let password = binary_to_bytes(args.get_or_undefined(0), ctx)?;
    let o = convert::to_json(args.get_or_undefined(1), ctx)?.unwrap_or(Value::Null);
    let num = |k: &str, d: u64| {
        o.get(k)
            .and_then(Value::as_f64)
            .map(|n| n as u64)
            .unwrap_or(d)
    };
    let job = Argon2Job {
        algorithm: algorithm(num("type", 2)),
        version: if num("version", 0x13) == 0x10 {
            argon2::Version::V0x10
        } else {
            argon2::Version::V0x13
        },
        m: num("memoryCost", 65536) as u32,
        t: num("timeCost", 3) as u32,
        p: num("parallelism", 4) as u32,
        len: num("hashLength", 32) as usize,
        salt: bytes_of(o.get("salt")),
        secret: bytes_of(o.get("secret")),
        data: bytes_of(o.get("associatedData")),
    };
    let hash = run_argon2(&job, &password).map_err(|e| fail(ctx, &e, None, None))?;
    if o.get("raw").and_then(Value::as_bool).unwrap_or(false) {
        return Ok(bytes_to_binary(&hash));
    }
    let version = if job.version == argon2::Version::V0x10 {
        16
    } else {
        19
    };
    let mut params = format!("m={},t={},p={}", job.m, job.t, job.p);
    if !job.data.is_empty() {
        params.push_str(&format!(",data={}", STANDARD_NO_PAD.encode(&job.data)));
    }
    Ok(str_value(&format!(
        "${}$v={version}${params}${}${}",
        algorithm_name(job.algorithm),
        STANDARD_NO_PAD.encode(&job.salt),
        STANDARD_NO_PAD.encode(&hash)
    )))
}

/// `argon2Verify(digest, password, secret)`: the PHC string's own parameters, recomputed
/// and compared in constant time. A digest that does not parse throws, as node-argon2.
fn argon2_verify(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let digest = arg_string(args, 0, ctx)?;
    let password = binary_to_bytes(args.get_or_undefined(1), ctx)?;
    let secret = match args.get_or_undefined(2) {
        v if v.is_undefined() || v.is_null() => Vec::new(),
        v => binary_to_bytes(v, ctx)?,
    };
    let Some(job) = parse_phc(&digest, secret) else {
        return Err(fail(
            ctx,
            "pchstr must contain a $ as first char",
            None,
            None,
        ));
    };
    let expected = job.1;
    let got = run_argon2(&job.0, &password).map_err(|e| fail(ctx, &e, None, None))?;
    let same = got.len() == expected.len()
        && got
            .iter()
            .zip(&expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    Ok(JsValue::from(same))
}

fn parse_phc(s: &str, secret: Vec<u8>) -> Option<(Argon2Job, Vec<u8>)> {
    let mut parts: Vec<&str> = s.split('$').collect();
    if parts.first() != Some(&"") || parts.len() < 5 {
        return None;
    }
    let alg = match parts[1] {
        "argon2d" => argon2::Algorithm::Argon2d,
        "argon2i" => argon2::Algorithm::Argon2i,
        "argon2id" => argon2::Algorithm::Argon2id,
        _ => return None,
    };
    let mut version = argon2::Version::V0x10;
    if let Some(v) = parts[2].strip_prefix("v=") {
        version = if v == "16" {
            argon2::Version::V0x10
        } else {
            argon2::Version::V0x13
        };
        parts.remove(2);
    }
    if parts.len() != 5 {
        return None;
    }
    let (mut m, mut t, mut p, mut data) = (0, 0, 0, Vec::new());
    for kv in parts[2].split(',') {
        let (k, v) = kv.split_once('=')?;
        match k {
            "m" => m = v.parse().ok()?,
            "t" => t = v.parse().ok()?,
            "p" => p = v.parse().ok()?,
            "data" => data = STANDARD_NO_PAD.decode(v).ok()?,
            _ => {}
        }
    }
    let salt = STANDARD_NO_PAD.decode(parts[3]).ok()?;
    let hash = STANDARD_NO_PAD.decode(parts[4]).ok()?;
    Some((
        Argon2Job {
            algorithm: alg,
            version,
            m,
            t,
            p,
            len: hash.len(),
            salt,
            secret,
            data,
        },
        hash,
    ))
}
