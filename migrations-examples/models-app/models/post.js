'use strict';
module.exports = (sequelize, DataTypes) => {
  const Post = sequelize.define('Post', {
    title: { type: DataTypes.STRING, allowNull: false },
    slug: {
      type: DataTypes.STRING,
      get() {
        const raw = this.getDataValue('slug');
        return raw ? `/posts/${raw}` : null;
      },
    },
    userId: DataTypes.INTEGER,
    views: { type: DataTypes.INTEGER, defaultValue: 0 },
    publishedAt: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
  }, {
    tableName: 'posts',
    underscored: true,
    paranoid: true,
  });
  Post.associate = (models) => {
    Post.belongsTo(models.User, { foreignKey: 'userId', as: 'author' });
  };
  return Post;
};
