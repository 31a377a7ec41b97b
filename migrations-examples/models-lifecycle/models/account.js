'use strict';
const { Model, Op } = require('sequelize');
module.exports = (sequelize, DataTypes) => {
  class Account extends Model {
    static associate(models) {
      Account.hasMany(models.Note, { foreignKey: 'accountId', as: 'notebook' });
    }

    greet() {
      return `hi ${this.handle}`;
    }
  }
  Account.init({
    handle: {
      type: DataTypes.STRING,
      allowNull: false,
      validate: { len: [3, 12], is: /^[a-z0-9]+$/ },
      set(v) {
        this.setDataValue('handle', String(v).trim().toLowerCase());
      },
    },
    email: { type: DataTypes.STRING, validate: { isEmail: { msg: 'email must be an email' } } },
    plan: { type: DataTypes.STRING, defaultValue: 'free', validate: { isIn: [['free', 'pro', 'team']] } },
    credits: { type: DataTypes.INTEGER, defaultValue: 0, validate: { min: 0, max: 1000 } },
    active: { type: DataTypes.BOOLEAN, defaultValue: true },
    label: {
      type: DataTypes.VIRTUAL,
      get() {
        return `${this.handle}/${this.plan}`;
      },
    },
    notes: {
      type: DataTypes.STRING,
      get() {
        const raw = this.getDataValue('notes');
        return raw ? raw.toUpperCase() : null;
      },
    },
  }, {
    sequelize,
    modelName: 'Account',
    tableName: 'accounts',
    timestamps: false,
    defaultScope: { where: { active: true } },
    scopes: {
      pro: { where: { plan: 'pro' } },
      rich: { where: { credits: { [Op.gte]: 100 } } },
      withPlan(plan) {
        return { where: { plan } };
      },
      brief: { attributes: ['id', 'handle'] },
    },
    validate: {
      teamNeedsEmail() {
        if (this.plan === 'team' && !this.email) throw new Error('a team account needs an email');
      },
    },
    hooks: {
      beforeValidate(account) {
        if (account.notes === '') account.notes = null;
      },
    },
  });
  Account.addHook('beforeCreate', 'stamp', (account) => {
    if (account.credits === 0) account.credits = 5;
  });
  Account.beforeBulkCreate((accounts) => {
    for (const a of accounts) if (!a.email) a.email = `${a.handle}@bulk.example`;
  });
  Account.afterCreate((account) => {
    console.log('afterCreate', account.handle, account.id);
  });
  Account.beforeUpdate((account) => {
    console.log('beforeUpdate', account.handle, account.changed());
  });
  Account.afterUpdate((account) => {
    console.log('afterUpdate', account.handle, account.previous('credits'), account.credits);
  });
  Account.beforeDestroy((account) => {
    console.log('beforeDestroy', account.handle);
  });
  return Account;
};
