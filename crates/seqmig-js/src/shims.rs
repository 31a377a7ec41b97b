//! The shims the runtime evaluates, declared one by one with when they load, as Deno's
//! `ext/*/lib.rs` declares an extension's JS files: the eager ones at start-up in this
//! order; a lazy one on the first read of a name it provides (a built-in module or a
//! global); the model group, in order, on the first use of the model API. A file in
//! `js-shims/` (the repository's folder, reached through the symlink of that name in this
//! crate, which `cargo package` follows) that is not listed here is never loaded (a test
//! checks there is none).

/// When a shim is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Load {
    /// At start-up, in list order.
    Eager,
    /// On the first read of one of `modules` (`require`) or `globals`.
    Lazy {
        modules: &'static [&'static str],
        globals: &'static [&'static str],
    },
    /// With the rest of the model group, in list order, on the first use of the model API.
    Model,
}

pub(crate) struct Shim {
    pub name: &'static str,
    pub source: &'static str,
    pub load: Load,
}

macro_rules! shim {
    ($name:literal, $load:expr) => {
        Shim {
            name: $name,
            source: include_str!(concat!("../js-shims/", $name)),
            load: $load,
        }
    };
}

const fn lazy(modules: &'static [&'static str], globals: &'static [&'static str]) -> Load {
    Load::Lazy { modules, globals }
}

use Load::{Eager, Model};

pub(crate) static SHIMS: &[Shim] = &[
    shim!("00_errors.js", Eager),
    // The host, by area: what Node has before any module is required.
    shim!("01_host.js", Eager),
    shim!("02_host_stack.js", Eager),
    shim!("03_host_errors.js", Eager),
    shim!("04_host_lazy.js", Eager),
    shim!("05_host_timers.js", Eager),
    shim!("06_host_process.js", Eager),
    shim!("07_host_console.js", Eager),
    shim!("08_host_date.js", Eager),
    shim!("09_host_collation.js", Eager),
    shim!("10_datatypes.js", Eager),
    shim!("20_operators.js", Eager),
    shim!("30_values.js", Eager),
    shim!("35_normalize.js", Eager),
    shim!("40_query_interface.js", Eager),
    shim!("41_query_interface_instances.js", Eager),
    shim!("45_transaction.js", Eager),
    shim!("50_sequelize.js", Eager),
    shim!("55_run_migration.js", Eager),
    shim!("60_node_path.js", lazy(&["path", "path/posix"], &[])),
    shim!("61_node_util.js", lazy(&["util", "util/types"], &[])),
    shim!("62_node_events.js", lazy(&["events"], &[])),
    shim!(
        "63_node_buffer.js",
        lazy(
            &["buffer"],
            &["Buffer", "TextEncoder", "TextDecoder", "atob", "btoa"]
        )
    ),
    shim!("64_node_fs.js", lazy(&["fs", "fs/promises"], &[])),
    shim!("65_node_crypto.js", lazy(&["crypto"], &["crypto"])),
    shim!("66_node_assert.js", lazy(&["assert", "assert/strict"], &[])),
    shim!(
        "67_node_os_url.js",
        lazy(
            &[
                "os",
                "querystring",
                "url",
                "string_decoder",
                "perf_hooks",
                "constants"
            ],
            &["URL", "URLSearchParams", "performance"]
        )
    ),
    // Read through `__seqmig.Module` and the host's require entry points (04_host_lazy.js).
    shim!("68_node_module.js", lazy(&[], &[])),
    shim!(
        "69_node_globals.js",
        lazy(
            &[],
            &[
                "structuredClone",
                "Event",
                "EventTarget",
                "AbortController",
                "AbortSignal"
            ]
        )
    ),
    shim!(
        "6a_node_stream.js",
        lazy(&["stream", "stream/promises"], &[])
    ),
    shim!("6b_node_tty_child.js", lazy(&["tty", "child_process"], &[])),
    shim!("6c_node_zlib.js", lazy(&["zlib"], &[])),
    shim!(
        "6d_node_misc.js",
        lazy(
            &[
                "async_hooks",
                "worker_threads",
                "v8",
                "diagnostics_channel",
                "readline",
                "readline/promises",
                "http",
                "https",
                "net",
                "tls",
                "dns",
                "dns/promises",
                "http2",
                "dgram",
                "cluster",
                "inspector",
                "sys",
                "trace_events",
            ],
            &[]
        )
    ),
    shim!(
        "6e_node_addons.js",
        lazy(&["seqmig:bcrypt", "seqmig:argon2", "seqmig:addon"], &[])
    ),
    // Read through Error.prepareStackTrace / captureStackTrace (02_host_stack.js).
    shim!("6f_node_callsites.js", lazy(&[], &[])),
    // Read through process's lazy members (06_host_process.js).
    shim!("6g_node_process.js", lazy(&[], &[])),
    shim!("70_model.js", Model),
    shim!("71_model_query.js", Model),
    shim!("72_model_statics.js", Model),
    shim!("73_model_associations.js", Model),
    shim!("74_model_belongs_to_many.js", Model),
    shim!("75_model_include.js", Model),
    shim!("76_model_select.js", Model),
    shim!("77_model_results.js", Model),
    shim!("78_model_extras.js", Model),
    shim!("79_model_scopes.js", Model),
    shim!("7a_model_schema.js", Model),
];

/// A lazy or model shim by name.
pub(crate) fn lazy_source(name: &str) -> Option<&'static str> {
    SHIMS
        .iter()
        .find(|s| s.name == name && s.load != Eager)
        .map(|s| s.source)
}

/// `shimManifest()`: `{lazy: [[file, modules, globals]], model: [file]}` for 04_host_lazy.js.
pub(crate) fn manifest(
    _: &boa_engine::JsValue,
    _: &[boa_engine::JsValue],
    ctx: &mut boa_engine::Context,
) -> boa_engine::JsResult<boa_engine::JsValue> {
    let mut lazy = Vec::new();
    let mut model = Vec::new();
    for s in SHIMS {
        match s.load {
            Eager => {}
            Load::Lazy { modules, globals } => {
                lazy.push(serde_json::json!([s.name, modules, globals]))
            }
            Model => model.push(serde_json::Value::from(s.name)),
        }
    }
    crate::convert::from_json(&serde_json::json!({ "lazy": lazy, "model": model }), ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file added to js-shims/ must be declared above, or it would never load.
    #[test]
    fn every_file_in_js_shims_is_declared_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("js-shims");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".js"))
            .collect();
        files.sort();
        let mut declared: Vec<String> = SHIMS.iter().map(|s| s.name.to_string()).collect();
        declared.sort();
        assert_eq!(declared, files);
        let mut numbers: Vec<&str> = SHIMS.iter().map(|s| &s.name[..2]).collect();
        numbers.dedup();
        assert_eq!(numbers.len(), SHIMS.len(), "two shims share a number");
    }
}
