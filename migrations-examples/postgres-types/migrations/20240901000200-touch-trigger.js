'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.createFunction(
      'devices_fill_search',
      [],
      'trigger',
      'plpgsql',
      "NEW.search := to_tsvector('simple', NEW.hostname::text); RETURN NEW;",
      [],
      { force: true }
    );
    await queryInterface.createTrigger(
      'devices',
      'devices_fill_search_trg',
      'before',
      ['insert', 'update'],
      'devices_fill_search',
      [],
      ['FOR EACH ROW']
    );
  },

  async down(queryInterface) {
    await queryInterface.dropTrigger('devices', 'devices_fill_search_trg');
    await queryInterface.dropFunction('devices_fill_search', []);
  }
};
