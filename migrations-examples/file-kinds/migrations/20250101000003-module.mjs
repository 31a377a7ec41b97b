// sequelize-cli's discovery ignores .mjs files.
export async function up(queryInterface) {
  await queryInterface.bulkInsert('kinds', [{ file: 'module.mjs' }]);
}
export async function down() {}
