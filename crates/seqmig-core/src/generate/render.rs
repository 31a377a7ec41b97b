//! The two generated files that sequelize-cli renders through js-beautify (the model and
//! its create-table migration), written out in the shape js-beautify gives them: two-space
//! indent, no blank lines, no space before `(` in methods, no trailing newline.

use super::attributes::Attribute;

/// `models/model.js` rendered and beautified.
pub fn model_file(name: &str, attributes: &[Attribute], underscored: bool) -> String {
    let mut out = String::new();
    out.push_str("'use strict';\nconst {\n  Model\n} = require('sequelize');\n");
    out.push_str("module.exports = (sequelize, DataTypes) => {\n");
    out.push_str(&format!("  class {name} extends Model {{\n"));
    out.push_str(
        "    /**\n     * Helper method for defining associations.\n     * This method is not a part of Sequelize lifecycle.\n     * The `models/index` file will call this method automatically.\n     */\n",
    );
    out.push_str("    static associate(models) {\n      // define association here\n    }\n  }\n");
    out.push_str(&format!("  {name}.init({{\n"));
    let fields: Vec<String> = attributes
        .iter()
        .map(|a| {
            format!(
                "    {}: DataTypes.{}",
                a.field_name,
                a.type_expression("DataTypes")
            )
        })
        .collect();
    if !fields.is_empty() {
        out.push_str(&fields.join(",\n"));
        out.push('\n');
    }
    out.push_str("  }, {\n    sequelize,\n");
    out.push_str(&format!("    modelName: '{name}',\n"));
    if underscored {
        out.push_str("    underscored: true,\n");
    }
    out.push_str("  });\n");
    out.push_str(&format!("  return {name};\n}};"));
    out
}

/// `migrations/create-table.js` rendered and beautified.
pub fn create_table_file(
    table: &str,
    attributes: &[Attribute],
    created_at: &str,
    updated_at: &str,
) -> String {
    let mut out = String::new();
    out.push_str(
        "'use strict';\n/** @type {import('sequelize-cli').Migration} */\nmodule.exports = {\n",
    );
    out.push_str("  async up(queryInterface, Sequelize) {\n");
    out.push_str(&format!(
        "    await queryInterface.createTable('{table}', {{\n"
    ));
    out.push_str("      id: {\n        allowNull: false,\n        autoIncrement: true,\n        primaryKey: true,\n        type: Sequelize.INTEGER\n      },\n");
    for a in attributes {
        out.push_str(&format!(
            "      {}: {{\n        type: Sequelize.{}\n      }},\n",
            a.field_name,
            a.type_expression("Sequelize")
        ));
    }
    for (column, last) in [(created_at, false), (updated_at, true)] {
        out.push_str(&format!(
            "      {column}: {{\n        allowNull: false,\n        type: Sequelize.DATE\n      }}{}\n",
            if last { "" } else { "," }
        ));
    }
    out.push_str("    });\n  },\n");
    out.push_str("  async down(queryInterface, Sequelize) {\n");
    out.push_str(&format!(
        "    await queryInterface.dropTable('{table}');\n  }}\n}};"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::super::attributes::parse_attributes;
    use super::*;

    /// Byte for byte what sequelize-cli 6.6.5 wrote for
    /// `model:generate --name User --attributes 'name:string,age:integer,kind:enum:{a,b}'`.
    #[test]
    fn user_model_and_migration_as_sequelize_cli_writes_them() {
        let attrs = parse_attributes("name:string,age:integer,kind:enum:{a,b}").unwrap();
        let model = model_file("User", &attrs, false);
        assert_eq!(
            model,
            "'use strict';\nconst {\n  Model\n} = require('sequelize');\nmodule.exports = (sequelize, DataTypes) => {\n  class User extends Model {\n    /**\n     * Helper method for defining associations.\n     * This method is not a part of Sequelize lifecycle.\n     * The `models/index` file will call this method automatically.\n     */\n    static associate(models) {\n      // define association here\n    }\n  }\n  User.init({\n    name: DataTypes.STRING,\n    age: DataTypes.INTEGER,\n    kind: DataTypes.ENUM('a', 'b')\n  }, {\n    sequelize,\n    modelName: 'User',\n  });\n  return User;\n};"
        );
        let migration = create_table_file("Users", &attrs, "createdAt", "updatedAt");
        assert!(migration.starts_with("'use strict';\n/** @type {import('sequelize-cli').Migration} */\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('Users', {\n"));
        assert!(migration.contains(
            "      kind: {\n        type: Sequelize.ENUM('a', 'b')\n      },\n      createdAt: {\n"
        ));
        assert!(migration.ends_with("      updatedAt: {\n        allowNull: false,\n        type: Sequelize.DATE\n      }\n    });\n  },\n  async down(queryInterface, Sequelize) {\n    await queryInterface.dropTable('Users');\n  }\n};"));
    }

    #[test]
    fn underscored_adds_the_option_line() {
        let attrs = parse_attributes("a:string").unwrap();
        let model = model_file("A", &attrs, true);
        assert!(model.contains("    modelName: 'A',\n    underscored: true,\n  });\n"));
    }
}
