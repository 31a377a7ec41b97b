//! The natives of the CommonJS and ES module loaders (68_node_module.js) and of the lazy
//! shims: compiling a file as Node wraps it, TypeScript, `import`, and evaluating a shim.

use super::Native;
use crate::{compile, esm, shims, typescript};

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("compile", compile::compile, 2),
    ("wrapperHead", compile::wrapper_head, 0),
    ("loadShim", compile::load_shim, 1),
    ("shimManifest", shims::manifest, 0),
    ("stripTypes", typescript::strip_types, 2),
    ("tsPosition", typescript::ts_position, 3),
    ("importModule", esm::import_module, 1),
    ("importSync", esm::import_sync, 1),
];
