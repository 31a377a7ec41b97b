//! docs/compat.md's model-API table: the Sequelize 6 model API that data migrations and
//! seeders use, whether seqmig provides it, and which examples exercise it (a text scan of
//! each example's migrations, seeders and models). What seqmig does not provide fails with
//! one line naming it and the caller's file:line.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::Example;

/// How a row is recognised in an example's source.
enum Needle {
    /// Any of these substrings.
    Any(&'static [&'static str]),
    /// `.<prefix><Upper>…(` for an association accessor, not one of the listed names.
    Accessor(&'static str, &'static [&'static str]),
}

/// (feature, provided, needle).
const ROWS: &[(&str, bool, Needle)] = &[
    ("`belongsTo` (foreignKey, as, targetKey)", true, Needle::Any(&[".belongsTo("])),
    ("`hasOne` (foreignKey, sourceKey)", true, Needle::Any(&[".hasOne("])),
    ("`hasMany` (foreignKey, as, sourceKey)", true, Needle::Any(&[".hasMany("])),
    ("`belongsToMany` through a model", true, Needle::Any(&["through: models."])),
    ("`belongsToMany` through a table name", true, Needle::Any(&["through: '"])),
    ("association `onDelete` / `hooks: true` (destroy cascades through the hooks)", true, Needle::Any(&["onDelete: 'CASCADE', hooks: true"])),
    ("`get*` accessors", true, Needle::Accessor("get", &["getDataValue", "getTableName", "getQueryInterface", "getAttributes"])),
    ("`set*` accessors", true, Needle::Accessor("set", &["setDataValue"])),
    ("`add*` accessors", true, Needle::Accessor("add", &["addColumn", "addIndex", "addConstraint", "addHook", "addScope"])),
    ("`remove*` accessors", true, Needle::Accessor("remove", &["removeColumn", "removeIndex", "removeConstraint", "removeHook"])),
    ("`has*` accessors", true, Needle::Accessor("has", &["hasHook", "hasHooks", "hasAlias", "hasOwnProperty", "hasMany", "hasOne"])),
    ("`count*` accessors", true, Needle::Accessor("count", &[])),
    ("`create*` accessors", true, Needle::Accessor("create", &["createTable", "createSchema", "createDatabase", "createFunction", "createTrigger"])),
    ("`include` with `model` / `as` / a string", true, Needle::Any(&["include: [{ model", "include: ['"])),
    ("`include` `where` (required by default)", true, Needle::Any(&["as: 'books', where:"])),
    ("`include` `required: false`", true, Needle::Any(&["required: false"])),
    ("`include` `attributes`", true, Needle::Any(&["as: 'author', attributes:", "as: 'notebook', attributes:"])),
    ("`include` `through: { attributes }`", true, Needle::Any(&["through: { attributes"])),
    ("nested includes", true, Needle::Any(&["include: [{ model: Tag"])),
    ("`separate: true` (hasMany)", true, Needle::Any(&["separate: true"])),
    ("`order` by an included model's column", true, Needle::Any(&["[{ model: Book, as: 'books' }, '", "['books', 'tags', "])),
    ("`'$nested.column$'` in the top where, `col('books.pages')` in order", true, Needle::Any(&["'$books.pages$'"])),
    ("`limit` with a to-many include (subquery form)", true, Needle::Any(&["show('limit-subquery'"])),
    ("`raw: true` + `nest: true` with includes", true, Needle::Any(&["nest: true"])),
    ("`findOne` / `findByPk` / `findAndCountAll` / `count` with `include`", true, Needle::Any(&["findAndCountAll({\n      include"])),
    ("paranoid: `destroy`, `paranoid: false`, `force: true`", true, Needle::Any(&["destroy({ force: true"])),
    ("paranoid: static `restore`", true, Needle::Any(&["Note.restore("])),
    ("paranoid: instance `restore`, `isSoftDeleted`", true, Needle::Any(&[".isSoftDeleted()"])),
    ("paranoid clause on included models", true, Needle::Any(&["as: 'notebook'"])),
    ("`defaultScope`", true, Needle::Any(&["defaultScope:"])),
    ("named and object scopes, `scope()`", true, Needle::Any(&[".scope('"])),
    ("`addScope`, a scope with `include`", true, Needle::Any(&["addScope('withNotes', { include"])),
    ("function scopes (`{ method: [...] }`)", true, Needle::Any(&["{ method: ["])),
    ("`unscoped()`", true, Needle::Any(&[".unscoped()"])),
    ("scopes merged with `where`", true, Needle::Any(&["scope('rich').findAll({ where"])),
    ("`Model.truncate`, `Model.drop`", true, Needle::Any(&["Account.truncate(", "Note.drop("])),
    ("`findOrBuild`", true, Needle::Any(&[".findOrBuild("])),
    ("`findCreateFind`", true, Needle::Any(&[".findCreateFind("])),
    ("`aggregate`, `max` / `min` / `sum`", true, Needle::Any(&[".aggregate(", ".sum("])),
    ("`group` / `having`", true, Needle::Any(&["having:"])),
    ("hooks: `beforeCreate`, `beforeBulkCreate`, `beforeValidate`", true, Needle::Any(&["beforeBulkCreate("])),
    ("hooks: `beforeUpdate` / `afterUpdate` with `individualHooks`", true, Needle::Any(&["individualHooks: true"])),
    ("`bulkCreate` with `individualHooks` (one save per row, its create hooks)", true, Needle::Any(&["console.log('bulk-individual'"])),
    ("validations (`validate` rules, custom and model validators) → `SequelizeValidationError` with `errors[].path`", true, Needle::Any(&["validate: {"])),
    ("getters / setters / `VIRTUAL`", true, Needle::Any(&["DataTypes.VIRTUAL"])),
    ("instance methods, `toJSON`, `get({ plain: true })`", true, Needle::Any(&[".toJSON()"])),
    ("`equals`, `equalsOneOf`", true, Needle::Any(&[".equalsOneOf("])),
    ("`changed()`, `previous()`, `reload()`", true, Needle::Any(&[".previous("])),
    ("`Model.sync` / `sequelize.sync` (refused: a migration must not sync)", false, Needle::Any(&[".sync("])),
    ("`include: { all: true | type, nested }`", true, Needle::Any(&["all: true", "all: 'HasOne'"])),
    ("`include.on`", true, Needle::Any(&[", on: {"])),
    ("a required to-many `include` under `limit` (Sequelize's subquery filter)", true, Needle::Any(&["show('limit-required'"])),
    ("the same through a belongsToMany", true, Needle::Any(&["show('limit-required-through'"])),
    ("the same with nested required includes", false, Needle::Any(&["show('limit-required-nested'"])),
    ("`separate` includes with `limit` over several parents (groupedLimit)", true, Needle::Any(&["separate: true, limit"])),
    ("`Model.describe`, `Model.schema`", false, Needle::Any(&[".describe(", ".schema("])),
];

fn source(dir: &Path) -> String {
    let mut all = String::new();
    for sub in ["models", "migrations", "seeders"] {
        let mut files: Vec<_> = fs::read_dir(dir.join(sub))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            all.push_str(&fs::read_to_string(&f).unwrap_or_default());
            all.push('\n');
        }
    }
    all
}

fn has_accessor(source: &str, prefix: &str, except: &[&str]) -> bool {
    let needle = format!(".{prefix}");
    source.match_indices(&needle).any(|(i, _)| {
        let rest = &source[i + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let upper = name[prefix.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase());
        upper && rest[name.len()..].starts_with('(') && !except.contains(&name.as_str())
    })
}

fn matches(source: &str, needle: &Needle) -> bool {
    match needle {
        Needle::Any(list) => list.iter().any(|n| source.contains(n)),
        Needle::Accessor(prefix, except) => has_accessor(source, prefix, except),
    }
}

/// The model-API section of docs/compat.md: only examples with a `models/` folder count.
pub fn table(examples: &[Example]) -> String {
    let sources: Vec<(String, String)> = examples
        .iter()
        .filter(|ex| ex.dir.join("models").is_dir())
        .map(|ex| (ex.name.clone(), source(&ex.dir)))
        .collect();
    let mut md = String::from(
        "\n## The model API\n\n\
         The Sequelize 6 model API that data migrations and seeders use (`require('../models')`),\n\
         whether seqmig provides it with Sequelize's SQL and results, and the examples that\n\
         exercise it (a text scan of the models, migrations and seeders of the examples with a\n\
         `models/` folder). What is not provided\n\
         fails with one line naming it and the migration's file:line.\n\n\
         | Feature | provided | examples |\n| --- | --- | --- |\n",
    );
    let (mut provided, mut covered) = (0, 0);
    for (feature, ok, needle) in ROWS {
        let users: Vec<&str> = sources
            .iter()
            .filter(|(_, s)| matches(s, needle))
            .map(|(n, _)| n.as_str())
            .collect();
        if *ok {
            provided += 1;
            if !users.is_empty() {
                covered += 1;
            }
        }
        let _ = writeln!(
            md,
            "| {feature} | {} | {} |",
            if *ok { "yes" } else { "no" },
            if users.is_empty() {
                "—".to_string()
            } else {
                users.join(", ")
            }
        );
    }
    let _ = writeln!(
        md,
        "\n{provided} of {} rows provided; {covered} of the provided rows covered by an example.",
        ROWS.len()
    );
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_are_told_from_query_interface_methods() {
        assert!(has_accessor("await ann.getBooks({})", "get", &[]));
        assert!(!has_accessor(
            "this.getDataValue('x')",
            "get",
            &["getDataValue"]
        ));
        assert!(!has_accessor("qi.addColumn('t')", "add", &["addColumn"]));
        assert!(!has_accessor("x.getter()", "get", &[]));
        assert!(has_accessor("b.addTags([a])", "add", &["addColumn"]));
    }

    /// docs/compat.md carries the table as the examples make it today.
    #[test]
    fn compat_md_has_the_current_model_api_table() {
        let page = fs::read_to_string(crate::support::repo_root().join("docs/compat.md")).unwrap();
        let section = table(&super::super::examples());
        if std::env::var("SEQMIG_WRITE_MODEL_API").as_deref() == Ok("1") {
            fs::write(std::env::temp_dir().join("seqmig-model-api.md"), &section).unwrap();
        }
        assert!(
            page.contains(&section),
            "docs/compat.md lacks the current model API table:\n{section}"
        );
    }
}
