'use strict';

module.exports = {
  async up(queryInterface) {
    const at = new Date('2024-05-01T12:34:56.789Z');
    const full = {
      s_default: 'plain',
      s_len: 'short',
      s_binary: 'bin',
      s_binary_prop: 'bin2',
      c_char: 'AB',
      t_text: 'line one\nline two\ttabbed \\ backslash',
      t_tiny: '',
      t_long: 'x'.repeat(300),
      i_int: -7,
      i_int_len: 11,
      i_small: 32767,
      i_big: '9223372036854775807',
      f_float: 3.25,
      f_real: 2.5,
      f_double: 1e-7,
      d_decimal: '12345.678',
      d_decimal_plain: 3.14159,
      b_bool_true: false,
      b_bool_null: null,
      dt_date: at,
      dt_date_prec: at,
      dt_dateonly: '2024-02-29',
      dt_time: '23:59:58',
      dt_now_js: at,
      dt_literal: at,
      u_uuid: '0b8f7a4e-2d0c-4c55-9a3e-3f0f2a6b1c9d',
      j_json: '{"a":[1,2,3],"b":null}',
      bl_blob: Buffer.from([0, 1, 2, 255]),
      bl_blob_long: Buffer.from('hello'),
      u_unsigned: 400000000,
      u_zerofill: 5,
      createdAt: at,
      updatedAt: at
    };
    await queryInterface.bulkInsert('samples', [
      full,
      Object.assign({}, full, {
        s_default: 'unicode: é ✓ 😀',
        s_len: "o'hara",
        b_bool_true: true,
        b_bool_null: true,
        i_big: -42,
        f_double: -0.0,
        dt_date: new Date('1999-12-31T23:59:59.999Z')
      })
    ]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('samples', null, {});
  }
};
