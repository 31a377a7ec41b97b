'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.bulkInsert('devices', [
      {
        hostname: 'Edge-01',
        attrs: '"rack"=>"A1", "u"=>"42"',
        ports: '[1000,2000)',
        warranty: '[2024-01-01,2027-01-01)',
        ip: '192.0.2.10',
        subnet: '192.0.2.0/24',
        mac: '08:00:2b:01:02:03',
        bootAt: '06:30:00',
        seenAt: new Date('2024-09-01T10:00:00.123Z'),
        checksum: 'abc'
      },
      {
        hostname: 'core-02',
        attrs: null,
        ports: null,
        warranty: null,
        ip: '2001:db8::1',
        subnet: '2001:db8::/32',
        mac: null,
        bootAt: null,
        seenAt: null,
        checksum: null
      }
    ]);
    await queryInterface.sequelize.query(
      "UPDATE devices SET roles = ARRAY['admin','ops']::enum_devices_roles[] WHERE hostname = 'EDGE-01'"
    );
    // A citext comparison ignores case; the SELECT's values decide the next write.
    const rows = await queryInterface.sequelize.query(
      'SELECT id, hostname, attrs, ports, ip, roles, search FROM devices WHERE hostname = :h',
      { replacements: { h: 'edge-01' }, type: Sequelize.QueryTypes.SELECT }
    );
    const r = rows[0];
    await queryInterface.bulkUpdate(
      'devices',
      { attrs: 'seen=>' + JSON.stringify(JSON.stringify([typeof r.attrs, typeof r.ports, r.ip, r.roles, r.search])) },
      { hostname: 'core-02' }
    );
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('devices', null, {});
  }
};
