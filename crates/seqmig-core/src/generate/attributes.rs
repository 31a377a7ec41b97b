//! `--attributes` of `model:generate`, parsed as sequelize-cli's model-helper parses it:
//! `name:string,age:integer`, `role:enum:{Admin, Guest User}`, `tags:array:string`,
//! separated by commas or spaces outside braces.

use super::GenerateError;

/// One parsed attribute (`formatAttributes`' result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub field_name: String,
    pub data_type: String,
    /// `array` or `enum` when written `name:array:string`.
    pub data_function: Option<String>,
    /// The enum values, already quoted and joined: `'a', 'b'`.
    pub data_values: Option<String>,
}

impl Attribute {
    /// What follows `DataTypes.` / `Sequelize.` in the generated files.
    pub fn type_expression(&self, namespace: &str) -> String {
        if let Some(function) = &self.data_function {
            format!(
                "{}({namespace}.{})",
                function.to_uppercase(),
                self.data_type.to_uppercase()
            )
        } else if let Some(values) = &self.data_values {
            format!("{}({values})", self.data_type.to_uppercase())
        } else {
            self.data_type.to_uppercase()
        }
    }
}

/// The keys of Sequelize 6.37.8's `DataTypes` (the dialect namespaces are lowercase, so
/// an upper-cased type never names them).
const DATA_TYPES: &[&str] = &[
    "ABSTRACT",
    "STRING",
    "CHAR",
    "TEXT",
    "NUMBER",
    "TINYINT",
    "SMALLINT",
    "MEDIUMINT",
    "INTEGER",
    "BIGINT",
    "FLOAT",
    "TIME",
    "DATE",
    "DATEONLY",
    "BOOLEAN",
    "NOW",
    "BLOB",
    "DECIMAL",
    "NUMERIC",
    "UUID",
    "UUIDV1",
    "UUIDV4",
    "HSTORE",
    "JSON",
    "JSONB",
    "VIRTUAL",
    "ARRAY",
    "ENUM",
    "RANGE",
    "REAL",
    "DOUBLE PRECISION",
    "DOUBLE",
    "GEOMETRY",
    "GEOGRAPHY",
    "CIDR",
    "INET",
    "MACADDR",
    "CITEXT",
    "TSVECTOR",
];

const FUNCTION_TYPES: &[&str] = &["array", "enum"];

/// `transformAttributes(flag)`.
pub fn parse_attributes(flag: &str) -> Result<Vec<Attribute>, GenerateError> {
    split_attributes(flag)
        .into_iter()
        .map(|text| {
            let bad = |reason: String| {
                GenerateError::Usage(format!("Attribute '{text}' cannot be parsed: {reason}"))
            };
            // A shape formatAttributes does not know gives `undefined`, and reading its
            // dataType throws this TypeError inside the same try.
            let attr = format_attribute(&text).ok_or_else(|| {
                bad("Cannot read properties of undefined (reading 'dataType')".into())
            })?;
            if !DATA_TYPES.contains(&attr.data_type.to_uppercase().as_str()) {
                return Err(bad(format!("Unknown type '{}'", attr.data_type)));
            }
            Ok(attr)
        })
        .collect()
}

/// Commas and spaces outside `{…}` become two spaces, then the text splits on runs of two
/// or more whitespace characters (so `a:string,,b:text` is two attributes, a leading comma
/// an empty one).
fn split_attributes(flag: &str) -> Vec<String> {
    let mut open = false;
    let mut mapped = String::with_capacity(flag.len() * 2);
    for c in flag.chars() {
        if (c == ',' || c == ' ') && !open {
            mapped.push_str("  ");
            continue;
        }
        if c == '{' {
            open = true;
        }
        if c == '}' {
            open = false;
        }
        mapped.push(c);
    }
    let mut parts = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = mapped.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let run = chars[i..].iter().take_while(|c| c.is_whitespace()).count();
            if run >= 2 {
                parts.push(std::mem::take(&mut current));
                i += run;
                continue;
            }
        }
        current.push(chars[i]);
        i += 1;
    }
    parts.push(current);
    parts
}

/// `/^\{(,? ?[A-z0-9 ]+)+\}$/`: braces around characters of `[A-z0-9 ,]`, not empty, and
/// no comma right after another (`,? ?` allows one comma, then one optional space).
fn is_values_list(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) else {
        return false;
    };
    let word = |c: char| matches!(c, 'A'..='z' | '0'..='9' | ' ');
    let mut chars = inner.chars().peekable();
    let mut groups = 0;
    loop {
        if chars.peek().is_none() {
            return groups > 0;
        }
        // `,? ?` then `[A-z0-9 ]+`: a space is itself a word character, so after the
        // optional comma one or more word characters must follow.
        if chars.peek() == Some(&',') {
            chars.next();
        }
        let mut n = 0;
        while chars.peek().is_some_and(|&c| word(c)) {
            chars.next();
            n += 1;
        }
        if n == 0 {
            return false;
        }
        groups += 1;
    }
}

/// `formatAttributes(attribute)`; `None` where it returns `undefined`.
fn format_attribute(text: &str) -> Option<Attribute> {
    let split: Vec<&str> = text.split(':').collect();
    match split.as_slice() {
        [name, ty] => Some(Attribute {
            field_name: name.to_string(),
            data_type: ty.to_string(),
            data_function: None,
            data_values: None,
        }),
        [name, function, third] => {
            let values = is_values_list(third);
            let is_function = FUNCTION_TYPES.contains(&function.to_lowercase().as_str());
            let is_value = !FUNCTION_TYPES.contains(&third.to_lowercase().as_str()) && !values;
            if is_function && is_value {
                Some(Attribute {
                    field_name: name.to_string(),
                    data_type: third.to_string(),
                    data_function: Some(function.to_string()),
                    data_values: None,
                })
            } else if is_function && values {
                let inner = &third[1..third.len() - 1];
                Some(Attribute {
                    field_name: name.to_string(),
                    data_type: function.to_string(),
                    data_function: None,
                    data_values: Some(split_values(inner)),
                })
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `.split(/\s*,\s*/).map(s => `'${s}'`).join(', ')`.
fn split_values(inner: &str) -> String {
    inner
        .split(',')
        .enumerate()
        .map(|(i, part)| {
            let count = inner.split(',').count();
            let part = if i > 0 { part.trim_start() } else { part };
            let part = if i + 1 < count { part.trim_end() } else { part };
            format!("'{part}'")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(name: &str, ty: &str, function: Option<&str>, values: Option<&str>) -> Attribute {
        Attribute {
            field_name: name.into(),
            data_type: ty.into(),
            data_function: function.map(Into::into),
            data_values: values.map(Into::into),
        }
    }

    #[test]
    fn commas_spaces_enums_and_arrays() {
        let got = parse_attributes(
            "first_name:string last_name:string, role:enum:{Admin, Guest User},reviews:array:string",
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                attr("first_name", "string", None, None),
                attr("last_name", "string", None, None),
                attr("role", "enum", None, Some("'Admin', 'Guest User'")),
                attr("reviews", "string", Some("array"), None),
            ]
        );
        assert_eq!(
            got[2].type_expression("DataTypes"),
            "ENUM('Admin', 'Guest User')"
        );
        assert_eq!(
            got[3].type_expression("Sequelize"),
            "ARRAY(Sequelize.STRING)"
        );
        assert_eq!(got[0].type_expression("DataTypes"), "STRING");
    }

    /// The messages are sequelize-cli's, as `model:generate` printed them.
    #[test]
    fn unknown_types_and_shapes_fail_as_sequelize_cli() {
        let e = parse_attributes("name:strin").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Attribute 'name:strin' cannot be parsed: Unknown type 'strin'"
        );
        let e = parse_attributes("name").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Attribute 'name' cannot be parsed: Cannot read properties of undefined (reading 'dataType')"
        );
        assert!(
            parse_attributes("a:string,").is_err(),
            "a trailing comma is an empty attribute"
        );
        assert!(parse_attributes("a:enum:{}").is_err());
        assert!(parse_attributes("a:enum:array").is_err());
        assert!(parse_attributes("a:b:c:d").is_err());
    }

    #[test]
    fn value_lists() {
        assert!(is_values_list("{a,b}"));
        assert!(is_values_list("{a, b c}"));
        assert!(is_values_list("{ a}"));
        assert!(!is_values_list("{a,,b}"));
        assert!(!is_values_list("{a-b}"));
        assert!(!is_values_list("{}"));
        assert!(!is_values_list("{a,}"));
        assert!(is_values_list("{a, }"));
        assert!(is_values_list("{,a}"));
        assert_eq!(split_values("a ,  b,c"), "'a', 'b', 'c'");
    }
}
