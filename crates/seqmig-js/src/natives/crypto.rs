//! The digests, HMAC and random bytes 65_node_crypto.js is written over.

use boa_engine::{Context, JsArgs, JsError, JsResult, JsValue};
use sha1::Digest;

use super::{arg_string, binary_to_bytes, bytes_to_binary, make_error, str_value, Native};

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("hash", hash, 2),
    ("hmac", hmac, 3),
    ("randomBytes", random_bytes, 1),
    ("randomUUID", random_uuid, 0),
];

fn digest(algo: &str, data: &[u8]) -> Option<Vec<u8>> {
    Some(match algo {
        "md5" => md5::Md5::digest(data).to_vec(),
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        _ => return None,
    })
}

fn digest_error(ctx: &mut Context) -> JsError {
    JsError::from_opaque(make_error(ctx, "Error", "Digest method not supported").into())
}

fn hash(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let algo = arg_string(args, 0, ctx)?.to_ascii_lowercase();
    let data = binary_to_bytes(args.get_or_undefined(1), ctx)?;
    match digest(&algo, &data) {
        Some(d) => Ok(bytes_to_binary(&d)),
        None => Err(digest_error(ctx)),
    }
}

/// HMAC over the digests above (RFC 2104), to avoid another dependency.
fn hmac(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let algo = arg_string(args, 0, ctx)?.to_ascii_lowercase();
    let mut key = binary_to_bytes(args.get_or_undefined(1), ctx)?;
    let data = binary_to_bytes(args.get_or_undefined(2), ctx)?;
    let block = if matches!(algo.as_str(), "sha512" | "sha384") {
        128
    } else {
        64
    };
    if key.len() > block {
        key = match digest(&algo, &key) {
            Some(k) => k,
            None => return Err(digest_error(ctx)),
        };
    }
    key.resize(block, 0);
    let ipad: Vec<u8> = key
        .iter()
        .map(|b| b ^ 0x36)
        .chain(data.iter().copied())
        .collect();
    let inner = digest(&algo, &ipad).ok_or_else(|| digest_error(ctx))?;
    let opad: Vec<u8> = key.iter().map(|b| b ^ 0x5c).chain(inner).collect();
    let outer = digest(&algo, &opad).ok_or_else(|| digest_error(ctx))?;
    Ok(bytes_to_binary(&outer))
}

fn random_bytes(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let n = args.get_or_undefined(0).to_number(ctx)?.max(0.0) as usize;
    let mut out = Vec::with_capacity(n + 16);
    while out.len() < n {
        out.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    }
    out.truncate(n);
    Ok(bytes_to_binary(&out))
}

fn random_uuid(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(str_value(&uuid::Uuid::new_v4().to_string()))
}
