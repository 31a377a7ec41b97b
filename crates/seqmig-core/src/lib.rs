//! The seqmig migrator: config resolution, discovery, planning, storage (SequelizeMeta,
//! json, none), the runner, and the native ops that the JS shims call.

pub mod ops;
pub mod session;
