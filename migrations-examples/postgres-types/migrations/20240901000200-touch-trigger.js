'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.createFunction(
      'devices_fill_search_tmp',
      [],
      'trigger',
      'plpgsql',
      "NEW.search := to_tsvector('simple', NEW.hostname::text); RETURN NEW;",
      [],
      { force: true }
    );
    await queryInterface.createTrigger(
      'devices',
      'devices_fill_search_tmp_trg',
      'before',
      ['insert', 'update'],
      'devices_fill_search_tmp',
      [],
      ['FOR EACH ROW']
    );
    await queryInterface.renameFunction('devices_fill_search_tmp', [], 'devices_fill_search');
    await queryInterface.renameTrigger('devices', 'devices_fill_search_tmp_trg', 'devices_fill_search_trg');
  },

  async down(queryInterface) {
    await queryInterface.dropTrigger('devices', 'devices_fill_search_trg');
    await queryInterface.dropFunction('devices_fill_search', []);
  }
};
