//! ES modules, with Node's interop: Boa's module loader hook resolves through the
//! CommonJS loader's resolver (`__seqmig.host.esmResolve`, import conditions), parses
//! source modules (`.mjs`, `"type": "module"` `.js`, TypeScript with import/export),
//! and wraps CommonJS modules and built-ins as synthetic modules whose `default` is
//! `module.exports` and whose own keys are named exports (`host.esmRecord`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::module::{
    Module, ModuleLoader, ModuleRequest, Referrer, SyntheticModuleInitializer,
};
use boa_engine::object::builtins::JsPromise;
use boa_engine::{
    js_string, Context, JsError, JsObject, JsResult, JsString, JsValue, NativeFunction, Source,
};

use crate::compile;
use crate::natives::{arg_string, make_error, str_value};

/// Modules by resolved file (or `builtin:name`), so that every importer of a file gets
/// the same record, as the spec requires.
#[derive(Default)]
pub(crate) struct NodeLoader {
    modules: RefCell<HashMap<String, Module>>,
}

impl ModuleLoader for NodeLoader {
    fn load_imported_module(
        self: Rc<Self>,
        referrer: Referrer,
        request: ModuleRequest,
        context: &RefCell<&mut Context>,
    ) -> impl std::future::Future<Output = JsResult<Module>> {
        let specifier = request.specifier().to_std_string_escaped();
        let from = referrer.path().map(Path::to_path_buf);
        let result = self.load(&specifier, from.as_deref(), &mut context.borrow_mut());
        std::future::ready(result)
    }

    fn init_import_meta(self: Rc<Self>, meta: &JsObject, module: &Module, ctx: &mut Context) {
        if let Some(path) = module.path() {
            let file = path.to_string_lossy().into_owned();
            let dir = path
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            let _ = meta.set(js_string!("url"), str_value(&file_url(&file)), false, ctx);
            let _ = meta.set(js_string!("filename"), str_value(&file), false, ctx);
            let _ = meta.set(js_string!("dirname"), str_value(&dir), false, ctx);
        }
    }
}

/// `file://` URL of an absolute path, percent-encoding what URLs cannot hold.
pub(crate) fn file_url(path: &str) -> String {
    let mut out = String::from("file://");
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn host_fn(name: &str, ctx: &mut Context) -> JsResult<boa_engine::JsObject> {
    let host = ctx
        .global_object()
        .get(js_string!("__seqmig"), ctx)?
        .as_object()
        .map(|s| s.get(js_string!("host"), ctx))
        .transpose()?
        .and_then(|h| h.as_object());
    // The resolver lives in the lazily loaded CommonJS loader.
    if let Some(host) = host {
        if let Some(f) = host.get(JsString::from(name), ctx)?.as_callable() {
            return Ok(f.clone());
        }
    }
    Err(JsError::from_opaque(
        make_error(
            ctx,
            "Error",
            &format!("seqmig: __seqmig.host.{name} is missing"),
        )
        .into(),
    ))
}

fn prop(obj: &JsObject, key: &str, ctx: &mut Context) -> JsResult<String> {
    Ok(obj
        .get(JsString::from(key), ctx)?
        .to_string(ctx)?
        .to_std_string_escaped())
}

impl NodeLoader {
    fn load(&self, specifier: &str, from: Option<&Path>, ctx: &mut Context) -> JsResult<Module> {
        // Make sure the CommonJS loader (68_node_module.js) is there.
        ctx.global_object()
            .get(js_string!("__seqmig"), ctx)?
            .as_object()
            .map(|s| s.get(js_string!("Module"), ctx))
            .transpose()?;
        let resolve = host_fn("esmResolve", ctx)?;
        let referrer = from
            .map(|p| str_value(&p.to_string_lossy()))
            .unwrap_or_default();
        let resolved = resolve.call(
            &JsValue::undefined(),
            &[str_value(specifier), referrer.clone()],
            ctx,
        )?;
        let Some(resolved) = resolved.as_object() else {
            return Err(JsError::from_opaque(
                make_error(ctx, "Error", "seqmig: esmResolve returned nothing").into(),
            ));
        };
        let key = prop(&resolved, "key", ctx)?;
        if let Some(m) = self.modules.borrow().get(&key) {
            return Ok(m.clone());
        }
        let kind = prop(&resolved, "kind", ctx)?;
        let module = if kind == "esm" {
            let path = PathBuf::from(prop(&resolved, "path", ctx)?);
            parse_file(&path, ctx)?
        } else {
            let record = host_fn("esmRecord", ctx)?;
            let rec = record.call(&JsValue::undefined(), &[resolved.into(), referrer], ctx)?;
            let Some(rec) = rec.as_object() else {
                return Err(JsError::from_opaque(
                    make_error(ctx, "Error", "seqmig: esmRecord returned nothing").into(),
                ));
            };
            synthetic(rec, &key, ctx)?
        };
        self.modules.borrow_mut().insert(key, module.clone());
        Ok(module)
    }

    /// The module of an entry file, parsed once.
    fn entry(&self, path: &Path, ctx: &mut Context) -> JsResult<Module> {
        let key = path.to_string_lossy().into_owned();
        if let Some(m) = self.modules.borrow().get(&key) {
            return Ok(m.clone());
        }
        let module = parse_file(path, ctx)?;
        self.modules.borrow_mut().insert(key, module.clone());
        Ok(module)
    }
}

/// A source text module from a file; TypeScript is stripped first. CommonJS names
/// (`require`, `__filename`, `__dirname`) are given to TypeScript modules, which
/// ts-node would have compiled to CommonJS, on their first line so lines do not move.
fn parse_file(path: &Path, ctx: &mut Context) -> JsResult<Module> {
    let file = path.to_string_lossy().into_owned();
    let raw = std::fs::read_to_string(path)
        .map_err(|e| crate::natives::fs::fs_error(ctx, &e, "open", path, None))?;
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw).to_string();
    crate::limits::check_nesting(&raw, &file, ctx)?;
    let ts = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ts" | "mts" | "cts")
    );
    let (body, head) = if ts {
        let code = crate::typescript::strip_types(
            &JsValue::undefined(),
            &[str_value(&raw), str_value(&file)],
            ctx,
        )?
        .to_string(ctx)?
        .to_std_string_escaped();
        let q = serde_json::to_string(&file).unwrap_or_default();
        let names = [
            (
                "require",
                format!("globalThis.__seqmig.Module.createRequire({q})"),
            ),
            ("__filename", q.clone()),
            (
                "__dirname",
                format!("globalThis.__seqmig.builtins.path.dirname({q})"),
            ),
        ];
        let given: Vec<String> = names
            .iter()
            .filter(|(name, _)| !declares(&code, name))
            .map(|(name, value)| format!("{name} = {value}"))
            .collect();
        let head = if given.is_empty() {
            String::new()
        } else {
            format!("const {}; ", given.join(", "))
        };
        (code, head)
    } else {
        (raw, String::new())
    };
    let body = compile::strip_hashbang(&body).into_owned();
    let text = format!("{head}{body}");
    match Module::parse(
        Source::from_bytes(text.as_bytes()).with_path(path),
        None,
        ctx,
    ) {
        Ok(m) => Ok(m),
        Err(e) => Err(compile::syntax_error_in(
            e,
            &file,
            &body,
            head.chars().count() as u32,
            ctx,
        )),
    }
}

/// Does `code` declare `name` itself (`const __dirname = ...`, `function require`)?
/// Then the CommonJS stand-in must not be added, or the module would not parse.
fn declares(code: &str, name: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut from = 0;
    while let Some(i) = code[from..].find(name).map(|i| i + from) {
        from = i + name.len();
        let before = code[..i].chars().next_back();
        let after = code[from..].chars().next();
        if before.is_some_and(ident) || after.is_some_and(ident) {
            continue;
        }
        let head = code[..i].trim_end();
        let word_start = head
            .char_indices()
            .rev()
            .find(|(_, c)| !ident(*c))
            .map(|(j, c)| j + c.len_utf8())
            .unwrap_or(0);
        if matches!(
            &head[word_start..],
            "const" | "let" | "var" | "function" | "class"
        ) {
            return true;
        }
    }
    false
}

fn synthetic(rec: JsObject, key: &str, ctx: &mut Context) -> JsResult<Module> {
    let keys = rec.own_property_keys(ctx)?;
    let names: Vec<JsString> = keys
        .into_iter()
        .filter_map(|k| match k {
            boa_engine::property::PropertyKey::String(s) => Some(s),
            _ => None,
        })
        .collect();
    let path = (!key.starts_with("builtin:")).then(|| PathBuf::from(key));
    Ok(Module::synthetic(
        &names,
        SyntheticModuleInitializer::from_copy_closure_with_captures(
            |m, rec: &JsObject, ctx| {
                for k in rec.own_property_keys(ctx)? {
                    if let boa_engine::property::PropertyKey::String(name) = k {
                        let v = rec.get(name.clone(), ctx)?;
                        m.set_export(&name, v)?;
                    }
                }
                Ok(())
            },
            rec,
        ),
        path,
        None,
        ctx,
    ))
}

/// `importModule(path)`: a promise of the entry module's namespace, after loading,
/// linking and evaluating it (top-level await included).
pub(crate) fn import_module(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = PathBuf::from(arg_string(args, 0, ctx)?);
    let module = loader(ctx)?.entry(&path, ctx)?;
    let done = module.load_link_evaluate(ctx);
    let then = NativeFunction::from_copy_closure_with_captures(
        |_, _, module: &Module, ctx| Ok(module.namespace(ctx).into()),
        module,
    )
    .to_js_function(ctx.realm());
    Ok(done.then(Some(then), None, ctx)?.into())
}

/// `importSync(path)`: the namespace of a module evaluated now, as `require(esm)` in
/// Node 20.19+: jobs are run until it settles; top-level await that does not finish
/// then is Node's ERR_REQUIRE_ASYNC_MODULE.
pub(crate) fn import_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let path = PathBuf::from(arg_string(args, 0, ctx)?);
    let module = loader(ctx)?.entry(&path, ctx)?;
    let done: JsPromise = module.load_link_evaluate(ctx);
    ctx.run_jobs()?;
    match done.state() {
        PromiseState::Fulfilled(_) => Ok(module.namespace(ctx).into()),
        PromiseState::Rejected(e) => Err(JsError::from_opaque(e)),
        PromiseState::Pending => {
            let obj = make_error(
                ctx,
                "Error",
                "require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.",
            );
            let _ = obj.set(
                js_string!("code"),
                str_value("ERR_REQUIRE_ASYNC_MODULE"),
                false,
                ctx,
            );
            Err(JsError::from_opaque(obj.into()))
        }
    }
}

fn loader(ctx: &mut Context) -> JsResult<Rc<NodeLoader>> {
    ctx.downcast_module_loader::<NodeLoader>().ok_or_else(|| {
        JsError::from_opaque(make_error(ctx, "Error", "seqmig: no module loader").into())
    })
}

#[cfg(test)]
mod tests {
    use super::{declares, file_url};

    #[test]
    fn own_declarations_of_commonjs_names_are_seen() {
        assert!(declares("const __dirname = x;", "__dirname"));
        assert!(declares("let\n  require = 1", "require"));
        assert!(!declares(
            "const x = require('y'); const my__dirname = 1;",
            "require"
        ));
        assert!(!declares("const x = __dirname;", "__dirname"));
    }

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(file_url("/a b/c#.mjs"), "file:///a%20b/c%23.mjs");
    }
}
