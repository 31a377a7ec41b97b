//! Pure SQL generation for seqmig: the DataType model, values, where clauses and one
//! query generator per dialect. Strings in, strings out: no database handle, no JS value.
//!
//! The layout follows Sequelize's own: [`abstract_gen::QueryGenerator`] holds the logic
//! shared by every dialect as default methods, and each dialect module overrides only
//! what differs ([`sqlite::SqliteGenerator`]).

pub mod abstract_gen;
pub mod bind;
pub mod data;
pub mod ddl;
pub mod error;
pub mod escape;
pub mod model;
pub mod model_query;
pub mod mysql;
pub mod postgres;
pub mod sqlite;
pub mod statements;
pub mod value;
pub mod where_clause;

pub use error::SqlError;
pub use model::*;
pub use value::SqlValue;

/// The SQL dialects seqmig speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Sqlite,
    Postgres,
    /// Sequelize's `mysql` dialect (driver mysql2).
    Mysql,
    /// Sequelize's `mariadb` dialect (the mariadb connector), which extends `mysql`.
    Mariadb,
}

impl Dialect {
    /// Every dialect, in the order of the enum (so `dialect as usize` indexes it).
    pub const ALL: [Dialect; 4] = [
        Dialect::Sqlite,
        Dialect::Postgres,
        Dialect::Mysql,
        Dialect::Mariadb,
    ];

    /// The dialect a config's `dialect` names (`postgresql` is an alias of `postgres`).
    pub fn from_config_name(name: &str) -> Option<Dialect> {
        match name {
            "sqlite" => Some(Dialect::Sqlite),
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            "mysql" => Some(Dialect::Mysql),
            "mariadb" => Some(Dialect::Mariadb),
            _ => None,
        }
    }

    /// The name Sequelize uses (`sequelize.getDialect()`).
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Mariadb => "mariadb",
        }
    }

    /// `mysql` or `mariadb`: the dialects of Sequelize's mysql family (backticks,
    /// backslash escapes in strings, DDL that commits at once).
    pub fn is_mysql_family(self) -> bool {
        matches!(self, Dialect::Mysql | Dialect::Mariadb)
    }

    /// Whether the config's `schema` and seqmig's `--schema` targets name a schema inside
    /// the database (PostgreSQL's search path); on the others a schema is a database.
    pub fn has_schema_targets(self) -> bool {
        matches!(self, Dialect::Postgres)
    }
}
