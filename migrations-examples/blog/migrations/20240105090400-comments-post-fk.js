'use strict';

// The foreign key is added once both tables exist, as a named constraint.
module.exports = {
  async up(queryInterface) {
    await queryInterface.addConstraint('comments', {
      fields: ['postId'],
      type: 'foreign key',
      name: 'comments_post_id_fk',
      references: { table: 'posts', field: 'id' },
      onDelete: 'cascade',
      onUpdate: 'cascade'
    });
  },

  async down(queryInterface) {
    await queryInterface.removeConstraint('comments', 'comments_post_id_fk');
  }
};
