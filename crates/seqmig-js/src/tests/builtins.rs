//! The node built-ins, checked against the values Node 20 gives for the same calls.

use serde_json::json;

use super::Fixture;

fn eval(f: &mut Fixture, code: &str) -> serde_json::Value {
    let wrapped = format!("module.exports = (() => {{ {code} }})();");
    f.module_json(
        &format!("b{}.js", f.host.calls.borrow().len() + rand_suffix()),
        &wrapped,
    )
}

fn rand_suffix() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn path_posix() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            "const p = require('path'); return [p.join('/a/b', '../c', './d.js'), p.resolve('/x', 'y', '..', 'z'), p.dirname('/a/b/c.js'), p.basename('/a/b/c.js', '.js'), p.extname('x.tar.gz'), p.relative('/a/b/c', '/a/d'), p.normalize('a//b/../c/'), p.isAbsolute('a'), p.parse('/home/u/f.txt'), p.format({dir: '/x', name: 'f', ext: 'js'}), p.join(), p.basename('/a/b/'), p.extname('.bashrc')];",
        );
        assert_eq!(
            v,
            json!([
                "/a/c/d.js", "/x/z", "/a/b", "c", ".gz", "../../d", "a/c/", false,
                {"root": "/", "dir": "/home/u", "base": "f.txt", "ext": ".txt", "name": "f"},
                "/x/f.js", ".", "b", ""
            ])
        );
        let cwd = eval(&mut f, "return require('path').resolve('rel');");
        assert_eq!(cwd, json!(format!("{}/rel", f.root().display())));
    });
}

#[test]
fn util_format_inspect_promisify() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            "const u = require('util'); return [u.format('%s has %d items (%i%%) %j', 'list', 3.5, 42.9, {a: 1}), u.format('a', 1, {b: [1, 2]}, 'c'), u.inspect({a: 1, b: 'x', c: [1, {d: {e: {f: 1}}}], g: null, h: undefined}), u.inspect('str'), u.inspect(new Map([[1, 'a']])), u.isDeepStrictEqual({a: [1, {b: 2}]}, {a: [1, {b: 2}]}), u.isDeepStrictEqual([1], ['1']), typeof u.promisify((cb) => cb(null, 1)), u.types.isDate(new Date()), u.inspect([]), u.inspect({})];",
        );
        assert_eq!(
            v,
            json!([
                "list has 3.5 items (42%) {\"a\":1}",
                "a 1 { b: [ 1, 2 ] } c",
                "{ a: 1, b: 'x', c: [ 1, { d: [Object] } ], g: null, h: undefined }",
                "'str'",
                "Map(1) { 1 => 'a' }",
                true,
                false,
                "function",
                true,
                "[]",
                "{}"
            ])
        );
    });
}

#[test]
fn util_promisify_and_inherits_work_with_callbacks() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "pz.js",
            "const u = require('util'); const EE = require('events');\nfunction Old() { EE.call(this); } u.inherits(Old, EE);\nconst add = (a, b, cb) => setTimeout(() => cb(null, a + b), 1);\nconst fail = (cb) => cb(new Error('nope'));\nmodule.exports = (async () => [await u.promisify(add)(2, 3), await u.promisify(fail)().catch((e) => e.message), new Old() instanceof EE, Old.super_ === EE, await u.promisify(setTimeout)(1, 'v')])();",
        );
        assert_eq!(
            f.rt.load_value(&p).unwrap(),
            json!([5, "nope", true, true, "v"])
        );
    });
}

#[test]
fn fs_sync_callback_and_promises() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write("dir/b.txt", "bee");
        f.write("dir/a.txt", "ay");
        f.write("dir/sub/c.txt", "");
        let p = f.write(
            "fsuse.js",
            r#"const fs = require('fs'); const fsp = require('fs/promises'); const path = require('path');
    const d = path.join(__dirname, 'dir');
    module.exports = (async () => {
      fs.writeFileSync(path.join(d, 'new.txt'), 'héllo');
      fs.appendFileSync(path.join(d, 'new.txt'), '!');
      fs.mkdirSync(path.join(d, 'x/y'), { recursive: true });
      let missing;
      try { fs.readFileSync(path.join(d, 'nope')); } catch (e) { missing = [e.code, e.errno, e.syscall, e.message.startsWith("ENOENT: no such file or directory, open '")]; }
      const cbText = await new Promise((res, rej) => fs.readFile(path.join(d, 'a.txt'), 'utf8', (e, t) => (e ? rej(e) : res(t))));
      return {
        names: fs.readdirSync(d),
        types: fs.readdirSync(d, { withFileTypes: true }).map((e) => [e.name, e.isDirectory()]),
        text: fs.readFileSync(path.join(d, 'new.txt'), 'utf8'),
        buf: fs.readFileSync(path.join(d, 'new.txt')).toString('hex'),
        exists: [fs.existsSync(d), fs.existsSync(path.join(d, 'zzz'))],
        stat: [fs.statSync(path.join(d, 'b.txt')).size, fs.statSync(d).isDirectory(), fs.lstatSync(path.join(d, 'b.txt')).isFile()],
        real: fs.realpathSync(d) === d,
        missing,
        cbText,
        promised: await fsp.readFile(path.join(d, 'b.txt'), 'utf8'),
        promisedDir: (await fs.promises.readdir(path.join(d, 'sub'))),
        noEntry: fs.statSync(path.join(d, 'nope'), { throwIfNoEntry: false }) === undefined,
      };
    })();"#,
        );
        let v = f.rt.load_value(&p).unwrap();
        assert_eq!(v["names"], json!(["a.txt", "b.txt", "new.txt", "sub", "x"]));
        assert_eq!(v["types"][3], json!(["sub", true]));
        assert_eq!(v["text"], json!("héllo!"));
        assert_eq!(v["buf"], json!("68c3a96c6c6f21"));
        assert_eq!(v["exists"], json!([true, false]));
        assert_eq!(v["stat"], json!([3, true, true]));
        assert_eq!(v["real"], json!(true));
        assert_eq!(v["missing"], json!(["ENOENT", -2, "open", true]));
        assert_eq!(v["cbText"], json!("ay"));
        assert_eq!(v["promised"], json!("bee"));
        assert_eq!(v["promisedDir"], json!(["c.txt"]));
        assert_eq!(v["noEntry"], json!(true));
    });
}

#[test]
fn crypto_hashes_random_and_uuid() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            "const c = require('crypto'); return [c.createHash('md5').update('abc').digest('hex'), c.createHash('sha1').update('a').update('bc').digest('hex'), c.createHash('sha256').update('abc').digest('base64'), c.createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'), c.randomBytes(16).length, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(c.randomUUID()), c.createHash('sha256').update(Buffer.from('abc')).digest().length];",
        );
        assert_eq!(
            v,
            json!([
                "900150983cd24fb0d6963f7d28e17f72",
                "a9993e364706816aba3e25717850c26c9cd0d89d",
                "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=",
                "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                16,
                true,
                32
            ])
        );
    });
}

#[test]
fn buffer_encodings() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            "const B = require('buffer').Buffer; return [B.from('héllo').toString('base64'), B.from('aGk=', 'base64').toString(), B.from('6869', 'hex').toString('utf8'), B.from([104, 105]).toString(), B.byteLength('héllo'), B.concat([B.from('a'), B.from('b')]).toString(), B.isBuffer(B.alloc(2)), B.isBuffer(new Uint8Array(2)), B.alloc(3, 'ab').toString(), B === Buffer, JSON.stringify(B.from('hi')), B.from('abc').slice(1).toString(), B.from('€').length, new TextDecoder().decode(new TextEncoder().encode('ü€😀')), B.from('hello').equals(B.from('hello'))];",
        );
        assert_eq!(
            v,
            json!([
                "aMOpbGxv",
                "hi",
                "hi",
                "hi",
                6,
                "ab",
                true,
                false,
                "aba",
                true,
                "{\"type\":\"Buffer\",\"data\":[104,105]}",
                "bc",
                3,
                "ü€😀",
                true
            ])
        );
    });
}

#[test]
fn events_assert_os_process_url() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            r#"const EE = require('events'); const e = new EE(); const seen = [];
    e.on('x', (a) => seen.push(a)); e.once('x', (a) => seen.push('once' + a)); e.emit('x', 1); e.emit('x', 2);
    let errThrown; try { e.emit('error', new Error('unhandled')); } catch (err) { errThrown = err.message; }
    const assert = require('assert'); let ae; try { assert.strictEqual(1, 2); } catch (err) { ae = [err.code, err.name]; }
    assert.throws(() => { throw new TypeError('t'); }, TypeError); assert.deepStrictEqual({a: [1]}, {a: [1]}); assert.ok(true);
    const os = require('os'); const u = new URL('postgres://user:p%40ss@db.example:5433/app?sslmode=require#x');
    return { seen, errThrown, ae, eol: os.EOL, tmp: typeof os.tmpdir(), cwd: process.cwd(), argv: process.argv, platform: process.platform === os.platform(), envType: typeof process.env.PATH, isEE: process instanceof EE, url: [u.protocol, u.username, u.password, u.hostname, u.port, u.pathname, u.searchParams.get('sslmode'), u.hash], legacy: require('url').parse('mysql://a:b@h:3306/d').auth, nextTick: typeof process.nextTick, hr: process.hrtime().length, listeners: process.listenerCount('exit') };"#,
        );
        assert_eq!(v["seen"], json!([1, "once1", 2]));
        assert_eq!(v["errThrown"], json!("unhandled"));
        assert_eq!(v["ae"], json!(["ERR_ASSERTION", "AssertionError"]));
        assert_eq!(v["eol"], json!("\n"));
        assert_eq!(v["cwd"], json!(f.root().display().to_string()));
        assert_eq!(v["argv"], json!(["node", "seqmig"]));
        assert_eq!(v["platform"], json!(true));
        assert_eq!(v["isEE"], json!(true));
        assert_eq!(
            v["url"],
            json!([
                "postgres:",
                "user",
                "p%40ss",
                "db.example",
                "5433",
                "/app",
                "require",
                "#x"
            ])
        );
        assert_eq!(v["legacy"], json!("a:b"));
        assert_eq!(v["listeners"], json!(0));
    });
}

#[test]
fn globals_like_node() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            "const c = structuredClone({d: new Date(5), m: new Map([[1, {x: 1}]])}); return [typeof queueMicrotask, typeof setImmediate, c.d instanceof Date && c.d.getTime(), c.m.get(1).x, typeof global, global === globalThis, typeof console.log, typeof TextEncoder, typeof Error.captureStackTrace, Error.stackTraceLimit];",
        );
        assert_eq!(
            v,
            json!([
                "function", "function", 5, 1, "object", true, "function", "function", "function",
                10
            ])
        );
    });
}

#[test]
fn error_capture_stack_trace_and_custom_errors() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            "class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr'; Error.captureStackTrace(this, MyErr); } }\nconst e = new MyErr('bad');\nconst o = {}; Error.captureStackTrace(o);\nreturn [e.stack.split('\\n')[0], e instanceof Error, typeof o.stack, String(e)];",
        );
        assert_eq!(v, json!(["MyErr: bad", true, "string", "MyErr: bad"]));
    });
}

#[test]
fn dates_parse_as_node_does() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            "const local = new Date('2024-01-02 03:04:05'); const l2 = new Date(2024, 0, 2, 3, 4, 5);\nreturn [local.getTime() === l2.getTime(), new Date('2024-01-05 09:00:00.000 +00:00').toISOString(), new Date('2024-01-05T09:00:00Z').toISOString(), new Date('2024-01-05').toISOString(), isNaN(new Date('garbage')), new Date(0) instanceof Date, typeof Date(), Date.parse('2024-01-05T10:00:00+01:00'), (1234567.891).toLocaleString()];",
        );
        assert_eq!(
            v,
            json!([
                true,
                "2024-01-05T09:00:00.000Z",
                "2024-01-05T09:00:00.000Z",
                "2024-01-05T00:00:00.000Z",
                true,
                true,
                "string",
                1704445200000i64,
                "1,234,567.891"
            ])
        );
    });
}

#[test]
fn process_env_writes_reach_the_real_environment_as_strings() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            "process.env.SEQMIG_JS_TEST_URL = 'sqlite://x.db'; process.env.SEQMIG_JS_TEST_N = 5; process.env.SEQMIG_JS_TEST_GONE = 'x'; delete process.env.SEQMIG_JS_TEST_GONE; return [process.env.SEQMIG_JS_TEST_N, typeof process.env.SEQMIG_JS_TEST_N, 'SEQMIG_JS_TEST_GONE' in process.env, Object.keys(process.env).includes('SEQMIG_JS_TEST_URL')];",
        );
        assert_eq!(v, json!(["5", "string", false, true]));
        assert_eq!(
            std::env::var("SEQMIG_JS_TEST_URL").unwrap(),
            "sqlite://x.db"
        );
        assert_eq!(std::env::var("SEQMIG_JS_TEST_N").unwrap(), "5");
        assert!(std::env::var("SEQMIG_JS_TEST_GONE").is_err());
    });
}

#[test]
fn abort_controller_and_event_target() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "ac.js",
            "const c = new AbortController(); const seen = []; c.signal.addEventListener('abort', (e) => seen.push(e.type), { once: true });\nc.abort(); c.abort();\nconst t = AbortSignal.timeout(5);\nmodule.exports = new Promise((r) => setTimeout(r, 20)).then(() => [seen, c.signal.aborted, c.signal.reason.name, t.aborted, t.reason.name]);",
        );
        assert_eq!(
            f.rt.load_value(&p).unwrap(),
            json!([["abort"], true, "AbortError", true, "TimeoutError"])
        );
    });
}

/// Regression (constraints-and-indexes on mysql / mariadb): `localeCompare` orders as
/// Node's ICU root collation, not by code units (`'PRIMARY'` after `'players'`). The
/// expected values are Node 20's for the same calls.
#[test]
fn locale_compare_orders_as_node() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = eval(
            &mut f,
            r#"const pairs = [["players","PRIMARY"],["PRIMARY","players"],["a","A"],["A","b"],["_x","-x"],["a-b","ab"],["é","e"],["é","f"],["É","é"],["a10","a2"],["x","x"],["a\u0001","a"],["Z","a"]];
            return [
              pairs.map(([a, b]) => a.localeCompare(b)),
              [["a10","a2",{numeric:true}],["a","A",{sensitivity:"base"}],["a","á",{sensitivity:"case"}],["a","á",{sensitivity:"accent"}]].map(([a, b, o]) => a.localeCompare(b, undefined, o)),
              ["PRIMARY","players_email_uk","players_active_numbers","_id","Zed","zed","10","9"].sort((a, b) => a.localeCompare(b)),
              String.prototype.localeCompare.length,
            ];"#,
        );
        assert_eq!(
            v,
            json!([
                [-1, 1, -1, -1, -1, -1, 1, -1, 1, -1, 0, 0, 1],
                [1, 0, 0, -1],
                [
                    "_id",
                    "10",
                    "9",
                    "players_active_numbers",
                    "players_email_uk",
                    "PRIMARY",
                    "zed",
                    "Zed"
                ],
                1
            ])
        );
    });
}
