//! The node built-ins of issue 16: V8's stack-trace API, stream, string_decoder, tty,
//! child_process, zlib, async_hooks, os/process facts, the network modules' refusals,
//! bcrypt/argon2 and native addon stand-ins. Expected values are Node 20's for the same
//! code (vectors made by Node are named as such).

use serde_json::json;

use super::Fixture;
use crate::JsErrorKind;

/// `code` is the body of an async function; its return value, as JSON.
fn run(f: &mut Fixture, name: &str, code: &str) -> serde_json::Value {
    f.module_json(name, &format!("module.exports = async () => {{ {code} }};"))
}

#[test]
fn stack_trace_api_gives_call_sites_to_prepare_stack_trace() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "st.js",
            "function getStack() {\n  const prep = Error.prepareStackTrace;\n  Error.prepareStackTrace = (o, s) => s;\n  const obj = {};\n  Error.captureStackTrace(obj, getStack);\n  const s = obj.stack;\n  Error.prepareStackTrace = prep;\n  return s;\n}\nfunction caller() {\n  return getStack();\n}\nconst sites = caller();\nconst s = sites[0];\nfunction viaGetter() { Error.prepareStackTrace = (e, cs) => cs.map((c) => c.getFunctionName()); const r = new Error('x').stack; Error.prepareStackTrace = undefined; return r; }\nconst names = viaGetter();\nError.stackTraceLimit = 1;\nconst limited = new Error('y').stack.split('\\n').length;\nError.stackTraceLimit = 10;\nreturn [s.getFileName() === __filename, s.getLineNumber(), s.getColumnNumber() > 0, s.getFunctionName(), s.getTypeName(), s.getMethodName(), s.isNative(), s.isEval(), s.isToplevel(), s.toString().startsWith('caller (' + __filename + ':11:'), Array.isArray(sites), names[0], limited, typeof new Error('z').stack];",
        );
        assert_eq!(
            v,
            json!([
                true,
                11,
                true,
                "caller",
                null,
                null,
                false,
                false,
                true,
                true,
                true,
                "viaGetter",
                2,
                "string"
            ])
        );
    });
}

#[test]
fn depd_style_callers_find_the_requiring_file() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        // depd 2.0.0's getStack and callSiteLocation, as body-parser runs them at load.
        f.write(
            "node_modules/dep/index.js",
            "function getStack() {\n  var limit = Error.stackTraceLimit; var obj = {}; var prep = Error.prepareStackTrace;\n  Error.prepareStackTrace = function (o, s) { return s; };\n  Error.stackTraceLimit = Math.max(10, limit);\n  Error.captureStackTrace(obj);\n  var stack = obj.stack.slice(1);\n  Error.prepareStackTrace = prep; Error.stackTraceLimit = limit;\n  return stack;\n}\nmodule.exports = function depd(ns) {\n  var stack = getStack();\n  var site = stack[1];\n  return [ns, site.getFileName(), site.getLineNumber(), site.getColumnNumber() > 0, site.isEval()];\n};\n",
        );
        let v = f.module_json(
            "user.js",
            "const depd = require('dep');\n\nmodule.exports = depd('body-parser');\n",
        );
        let user = f.root().join("user.js");
        assert_eq!(
            v,
            json!(["body-parser", user.to_string_lossy(), 3, true, false])
        );
    });
}

#[test]
fn capture_stack_trace_hides_frames_above_the_function_and_checks_its_target() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "cap.js",
            "class HttpError extends Error { constructor(m) { super(m); Error.captureStackTrace(this, HttpError); } }\nfunction make() { return new HttpError('nope'); }\nconst e = make();\nconst lines = e.stack.split('\\n');\nlet bad;\ntry { Error.captureStackTrace(1); } catch (x) { bad = x.code; }\nreturn [lines[0], lines[1].trim().startsWith('at make ('), lines.some((l) => l.includes('captureStackTrace')), bad];",
        );
        assert_eq!(
            v,
            json!(["Error: nope", true, false, "ERR_INVALID_ARG_TYPE"])
        );
    });
}

#[test]
fn streams_pipe_transform_iterate_and_apply_backpressure() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "s.js",
            r#"const { Readable, Writable, Transform, PassThrough, pipeline, finished, Duplex } = require('stream');
const { pipeline: pp } = require('stream/promises');
const got = [];
await new Promise((res, rej) => pipeline(Readable.from(['a', 'b', 'c']), new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c + c); } }), new Writable({ objectMode: true, write(c, e, cb) { got.push(c); cb(); } }), (err) => (err ? rej(err) : res())));
const it = [];
for await (const c of Readable.from([1, 2, 3]).pipe(new PassThrough({ objectMode: true }))) it.push(c);
const events = [];
const w = new Writable({ highWaterMark: 4, write(c, e, cb) { setTimeout(cb, 1); } });
const first = w.write('12345');
await new Promise((r) => w.once('drain', () => { events.push('drain'); r(); }));
await new Promise((r) => w.end('x', r));
events.push('finished:' + w.writableFinished);
const bytes = [];
const r = new Readable({ read() {} });
r.setEncoding('utf8');
r.on('data', (c) => bytes.push(c));
r.push(Buffer.from([0xe2, 0x82]));
r.push(Buffer.from([0xac, 0x21]));
r.push(null);
await new Promise((res) => finished(r, res));
let caught;
await pp(Readable.from(['x']), new Writable({ write(c, e, cb) { cb(new Error('disk full')); } })).catch((e) => { caught = e.message; });
const paused = new Readable({ read() {} });
paused.push('ab'); paused.push('cd'); paused.push(null);
await new Promise((res) => paused.once('readable', res));
const readOut = String(paused.read(3)) + '|' + String(paused.read());
return [got, it, first, events, bytes.join(''), caught, readOut, typeof Duplex.from, new PassThrough() instanceof Writable];"#,
        );
        assert_eq!(
            v,
            json!([
                ["aa", "bb", "cc"],
                [1, 2, 3],
                false,
                ["drain", "finished:true"],
                "€!",
                "disk full",
                "abc|d",
                "function",
                true
            ])
        );
    });
}

#[test]
fn string_decoder_holds_back_split_characters() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "sd.js",
            "const { StringDecoder } = require('string_decoder');\nconst d = new StringDecoder('utf8');\nconst euro = Buffer.from('€');\nreturn [d.write(euro.subarray(0, 1)), d.write(euro.subarray(1)), d.end(Buffer.from('!'))];",
        );
        assert_eq!(v, json!(["", "€", "!"]));
    });
}

#[test]
fn child_process_runs_real_commands_sync_and_async() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "cp.js",
            r#"const cp = require('child_process');
const { promisify } = require('util');
const sync = cp.execSync('echo hi; echo $SEQMIG_T', { env: { SEQMIG_T: 'env ok', PATH: process.env.PATH } }).toString();
const r = cp.spawnSync('sh', ['-c', 'cat; echo oops >&2; exit 3'], { input: 'fed', encoding: 'utf8' });
let failed;
try { cp.execFileSync('sh', ['-c', 'exit 2'], { stdio: 'pipe' }); } catch (e) { failed = [e.status, e.message.split('\n')[0]]; }
const missing = cp.spawnSync('/nonexistent/tool').error.code;
const { stdout } = await promisify(cp.exec)('printf "%s" async');
const events = [];
const child = cp.spawn('sh', ['-c', 'read x; echo got $x; exit 4']);
child.stdout.on('data', (c) => events.push('data:' + String(c).trim()));
child.on('exit', (code) => events.push('exit:' + code));
child.stdin.end('bob\n');
await new Promise((res) => child.on('close', (code) => { events.push('close:' + code); res(); }));
return [sync, r.stdout, r.stderr, r.status, failed, missing, stdout, events];"#,
        );
        // The child reads what was written to its stdin; 'close' comes after 'exit' and
        // the output.
        assert_eq!(v[0], json!("hi\nenv ok\n"));
        assert_eq!(v[1], json!("fed"));
        assert_eq!(v[2], json!("oops\n"));
        assert_eq!(v[3], json!(3));
        assert_eq!(v[4], json!([2, "Command failed: sh -c exit 2"]));
        assert_eq!(v[5], json!("ENOENT"));
        assert_eq!(v[6], json!("async"));
        let events = v[7].as_array().unwrap();
        assert_eq!(events.last(), Some(&json!("close:4")), "{events:?}");
        assert!(events.contains(&json!("exit:4")), "{events:?}");
        assert!(events.contains(&json!("data:got bob")), "{events:?}");
    });
}

#[test]
fn zlib_reads_what_node_wrote_and_round_trips_every_form() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        // The base64 texts are Node 20's zlib.gzipSync / deflateSync / deflateRawSync /
        // brotliCompressSync of 'hello seqmig'.
        let v = run(
            &mut f,
            "z.js",
            r#"const zlib = require('zlib');
const { promisify } = require('util');
const b = (s) => Buffer.from(s, 'base64');
const fromNode = [zlib.gunzipSync(b('H4sIAAAAAAAAA8tIzcnJVyhOLczNTAcA68fz6wwAAAA=')), zlib.inflateSync(b('eJzLSM3JyVcoTi3MzUwHAB6OBLs=')), zlib.inflateRawSync(b('y0jNyclXKE4tzM1MBwA=')), zlib.brotliDecompressSync(b('iwWAaGVsbG8gc2VxbWlnAw==')), zlib.unzipSync(b('eJzLSM3JyVcoTi3MzUwHAB6OBLs='))].map(String);
const text = 'seqmig '.repeat(100);
const cb = await promisify(zlib.deflate)(text);
const streamed = await new Promise((res, rej) => { const out = []; const g = zlib.createGzip(); g.pipe(zlib.createGunzip()).on('data', (c) => out.push(c)).on('end', () => res(Buffer.concat(out).toString())).on('error', rej); g.write(text.slice(0, 50)); g.end(text.slice(50)); });
let bad;
try { zlib.gunzipSync(Buffer.from('not gzip')); } catch (e) { bad = [e.code, e.errno, e.message]; }
const br = zlib.brotliDecompressSync(zlib.brotliCompressSync(text)).toString() === text;
return [fromNode, zlib.inflateSync(cb).toString() === text, cb.length < text.length, streamed === text, bad, br, zlib.crc32('hello'), zlib.constants.Z_BEST_COMPRESSION];"#,
        );
        assert_eq!(
            v,
            json!([
                [
                    "hello seqmig",
                    "hello seqmig",
                    "hello seqmig",
                    "hello seqmig",
                    "hello seqmig"
                ],
                true,
                true,
                true,
                ["Z_DATA_ERROR", -3, "incorrect header check"],
                true,
                907060870u32,
                9
            ])
        );
    });
}

#[test]
fn async_local_storage_follows_awaits_timers_and_ticks_and_stays_inside_run() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "als.js",
            r#"const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const seen = [];
const other = new AsyncLocalStorage();
await als.run({ id: 1 }, async () => {
  seen.push(als.getStore().id);
  await new Promise((r) => setTimeout(r, 2));
  seen.push(als.getStore().id);
  await new Promise((r) => process.nextTick(r));
  seen.push(als.getStore().id);
  await Promise.all([1, 2].map(async (n) => { await null; seen.push(als.getStore().id * 10 + n); }));
  await other.run('o', async () => { await null; seen.push(other.getStore() + als.getStore().id); });
  seen.push(String(other.getStore()));
  await als.exit(async () => { await null; seen.push(String(als.getStore())); });
});
seen.push(String(als.getStore()));
const bound = als.run(5, () => AsyncLocalStorage.bind(() => als.getStore()));
seen.push(bound());
return seen;"#,
        );
        assert_eq!(
            v,
            json!([
                1,
                1,
                1,
                11,
                12,
                "o1",
                "undefined",
                "undefined",
                "undefined",
                5
            ])
        );
    });
}

fn meminfo_kb(key: &str) -> f64 {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap();
    let line = text.lines().find(|l| l.starts_with(key)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn os_and_process_report_the_machine_not_zeros() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "os.js",
            r#"const os = require('os');
const m = process.memoryUsage();
const r = process.resourceUsage();
const ifs = os.networkInterfaces();
const lo = (ifs.lo || []).find((a) => a.family === 'IPv4');
const t0 = process.hrtime.bigint();
const cpus = os.cpus();
return [os.totalmem(), os.freemem() > 0 && os.freemem() <= os.totalmem(), cpus.length, cpus[0].speed >= 0 && typeof cpus[0].model, cpus[0].times.user >= 0, os.loadavg().length, os.uptime() > 0, m.rss > 1e6, m.heapTotal > 0, r.maxRSS > 0, lo && [lo.address, lo.internal, lo.cidr], typeof (process.hrtime.bigint() - t0), os.release().length > 0, process.pid > 1, typeof require('v8').getHeapStatistics().heap_size_limit, require('worker_threads').isMainThread, os.availableParallelism()];"#,
        );
        let total = (meminfo_kb("MemTotal:") * 1024.0) as u64;
        let cpus = std::fs::read_to_string("/proc/stat")
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("cpu") && l.as_bytes()[3].is_ascii_digit())
            .count();
        assert_eq!(v[0], json!(total));
        assert_eq!(v[1], json!(true));
        assert_eq!(v[2], json!(cpus));
        assert_eq!(v[3], json!("string"));
        assert_eq!(
            &v.as_array().unwrap()[4..],
            &[
                json!(true),
                json!(3),
                json!(true),
                json!(true),
                json!(true),
                json!(true),
                json!(["127.0.0.1", true, "127.0.0.1/8"]),
                json!("bigint"),
                json!(true),
                json!(true),
                json!("number"),
                json!(true),
                json!(std::thread::available_parallelism().unwrap().get())
            ][..]
        );
    });
}

#[test]
fn tty_answers_for_the_real_descriptors() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        // Under the test harness stdin is not a terminal; an fd that is not open is not one.
        let v = run(
            &mut f,
            "tty.js",
            "const tty = require('tty');\nreturn [tty.isatty(987), tty.isatty(-1), typeof tty.WriteStream, 'isTTY' in process.stdout];",
        );
        assert_eq!(v, json!([false, false, "function", true]));
    });
}

/// One line, naming the call and the user's file:line.
fn refused(f: &mut Fixture, name: &str, code: &str, call: &str) {
    let p = f.write(name, code);
    let err = f.rt.require(&p).unwrap_err();
    assert_eq!(err.kind, JsErrorKind::Thrown, "{err:?}");
    assert!(!err.message.contains('\n'), "{}", err.message);
    assert!(
        err.message.contains(&format!("seqmig cannot run {call}")),
        "{}",
        err.message
    );
    assert!(
        err.message.contains(&format!("{}:3", p.display())),
        "{}",
        err.message
    );
    let (file, line, _) = err.location.clone().unwrap();
    assert_eq!((file, line), (p, 3));
}

#[test]
fn network_modules_load_and_refuse_sockets_in_one_line() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "net.js",
            "const http = require('http'); const https = require('https'); const net = require('net'); const tls = require('tls'); const dns = require('dns'); const h2 = require('http2');\nreturn [http.STATUS_CODES[404], http.METHODS.includes('PATCH'), typeof http.Agent, https.globalAgent.defaultPort, net.isIP('::1'), net.isIP('10.0.0.300'), net.isIPv4('127.0.0.1'), typeof tls.TLSSocket, typeof dns.lookup, h2.constants.HTTP2_HEADER_PATH, typeof http.createServer(() => {}).on];",
        );
        assert_eq!(
            v,
            json!([
                "Not Found",
                true,
                "function",
                443,
                6,
                0,
                true,
                "function",
                "function",
                ":path",
                "function"
            ])
        );
        refused(
            &mut f,
            "m1.js",
            "const http = require('http');\n\nhttp.get('http://example.test/');\n",
            "http.get()",
        );
        refused(
            &mut f,
            "m2.js",
            "const net = require('net');\n\nnet.connect(5432, 'db');\n",
            "net.connect()",
        );
        refused(
            &mut f,
            "m3.js",
            "const { Worker } = require('worker_threads');\n\nnew Worker('./w.js');\n",
            "new worker_threads.Worker()",
        );
        refused(
            &mut f,
            "m4.js",
            "'use strict';\n\nprocess.dlopen({}, '/x.node');\n",
            "process.dlopen()",
        );
        refused(
            &mut f,
            "m5.js",
            "const dns = require('dns');\n\ndns.lookup('example.test', () => {});\n",
            "dns.lookup()",
        );
    });
}

#[test]
fn bcrypt_is_provided_and_checks_hashes_other_implementations_made() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        // Every expected hash was made by the npm package bcrypt 5.1.1 (built from source
        // against Node 20.20.2) from the same password and salt; the $2a$ ones are also
        // jBCrypt's published vectors. 80 bytes are cut at 72, as the package does.
        let v = run(
            &mut f,
            "bc.js",
            r#"const bcrypt = require('bcrypt');
const vectors = [
  ['', '$2a$06$DCq7YPn5Rq63x1Lad4cll.', '$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.'],
  ['abcdefghijklmnopqrstuvwxyz', '$2a$06$.rCVZVOThsIa97pEDOxvGu', '$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC'],
  ['~!@#$%^&*()      ~!@#$%^&*()PNBFRD', '$2a$10$LgfYWkbzEvQ4JakH7rOvHe', '$2a$10$LgfYWkbzEvQ4JakH7rOvHe0y8pHKF9OaFgwUZ2q7W2FFZmZzJYlfS'],
  ['seqmig', '$2b$05$abcdefghijklmnopqrstuu', '$2b$05$abcdefghijklmnopqrstuu/fYM..QGFrrH1xDkPa5rv.yy0o05IBu'],
  ['x'.repeat(80), '$2b$04$abcdefghijklmnopqrstuu', '$2b$04$abcdefghijklmnopqrstuubzadhGtS2zEF.gu0yd0opP6cVzb.e0i'],
  ['héllo', '$2b$04$abcdefghijklmnopqrstuu', '$2b$04$abcdefghijklmnopqrstuuQpKj.e5SYYBNITtcFEN.iWppNhh0KVa'],
];
const same = vectors.map(([pw, salt, hash]) => bcrypt.hashSync(pw, salt) === hash && bcrypt.compareSync(pw, hash));
const h = await bcrypt.hash('seqmig', 5);
const viaCb = await new Promise((res) => bcrypt.compare('seqmig', h, (e, ok) => res([e, ok])));
const salt = await bcrypt.genSalt(7);
return [same, /^\$2b\$05\$[./A-Za-z0-9]{53}$/.test(h), await bcrypt.compare('other', h), viaCb, bcrypt.getRounds(h), /^\$2b\$07\$[./A-Za-z0-9]{22}$/.test(salt), bcrypt.compareSync('x', 'not a hash')];"#,
        );
        assert_eq!(
            v,
            json!([
                [true, true, true, true, true, true],
                true,
                false,
                [null, true],
                5,
                true,
                false
            ])
        );
    });
}

#[test]
fn argon2_is_provided_and_makes_the_hashes_the_npm_package_makes() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        // The expected strings were made by the npm package argon2 0.41.1 (built from
        // source against Node 20.20.2) from the same calls.
        let v = run(
            &mut f,
            "a2.js",
            r#"const argon2 = require('argon2');
const salt = Buffer.from('0123456789abcdef');
const id = await argon2.hash('password', { type: argon2.argon2id, memoryCost: 1024, timeCost: 2, parallelism: 1, salt: Buffer.from('somesalt') });
const i = await argon2.hash('pw', { type: argon2.argon2i, memoryCost: 2048, timeCost: 2, parallelism: 2, salt });
const raw = await argon2.hash('password', { raw: true, memoryCost: 1024, timeCost: 2, parallelism: 1, salt: Buffer.from('somesalt') });
const d = await argon2.hash('secret pw', { type: argon2.argon2d, memoryCost: 4096, timeCost: 3, parallelism: 2, salt, secret: Buffer.from('pepper'), associatedData: Buffer.from('ad') });
const fresh = await argon2.hash('pw', { memoryCost: 1024, timeCost: 2, parallelism: 1 });
let bad;
try { await argon2.verify('nonsense', 'x'); } catch (e) { bad = e.message; }
return [id, i, raw.toString('base64'), d, await argon2.verify(d, 'secret pw', { secret: Buffer.from('pepper') }), await argon2.verify(d, 'secret pw'), await argon2.verify(i, 'pw'), await argon2.verify(i, 'px'), fresh.slice(0, 30), await argon2.verify(fresh, 'pw'), argon2.needsRehash(i, { memoryCost: 4096 }), bad];"#,
        );
        assert_eq!(
            v,
            json!([
                "$argon2id$v=19$m=1024,t=2,p=1$c29tZXNhbHQ$7FfsnA6vUe7qLpL/3Kqc3uR48ZJyFbUVt7jWZlf0Htk",
                "$argon2i$v=19$m=2048,t=2,p=2$MDEyMzQ1Njc4OWFiY2RlZg$RezhhNmA+7CZe20GMvkSgFrqObKiJAbqErFKOpPPH+o",
                "7FfsnA6vUe7qLpL/3Kqc3uR48ZJyFbUVt7jWZlf0Htk=",
                "$argon2d$v=19$m=4096,t=3,p=2,data=YWQ$MDEyMzQ1Njc4OWFiY2RlZg$D4ZtI5c+MQbTH6rDzBc43cRfZmCNjCCryPWOGAC8pNY",
                true, false, true, false,
                "$argon2id$v=19$m=1024,t=2,p=1$",
                true, true, "Invalid hash format"
            ])
        );
    });
}

#[test]
fn other_native_addons_load_as_stand_ins_that_fail_at_first_use() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write(
            "node_modules/duck/package.json",
            r#"{"name": "duck", "main": "lib/index.js"}"#,
        );
        f.write("node_modules/duck/build/duck.node", "\u{7f}ELF");
        f.write(
            "node_modules/duck/lib/index.js",
            "const b = require('../build/duck.node');\nmodule.exports = { b, open: () => b.open(':memory:') };\n",
        );
        // Loading (and a module loader's probes) is not a use.
        let v = f.module_json(
            "load.js",
            "const d = require('duck');\nmodule.exports = [typeof d.b, d.b.__esModule, d.b.then, require('duck') === d];\n",
        );
        assert_eq!(v, json!(["function", null, null, true]));
        refused(
            &mut f,
            "use.js",
            "const d = require('duck');\n\nd.open();\n",
            "a read of 'open' of the native addon",
        );
    });
}

/// cls-hooked's contract: `init` runs where a `then`/`await`/timer is registered (so it
/// can copy the active context), `before`/`after` wrap the callback with the ids Node
/// gives, `destroy` follows; disabled hooks hear nothing.
#[test]
fn async_hooks_create_hook_fires_init_before_after_destroy_for_promises_and_timers() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = run(
            &mut f,
            "hooks.js",
            r#"const ah = require('async_hooks');
const types = new Map();
const events = [];
let active = null;
const ctxOf = new Map();
const hook = ah.createHook({
  init(id, type, trigger, resource) { types.set(id, type); events.push('init:' + type); if (active) ctxOf.set(id, active); },
  before(id) { events.push('before:' + types.get(id)); if (ctxOf.has(id)) active = ctxOf.get(id); },
  after(id) { events.push('after:' + types.get(id)); active = null; },
  destroy(id) { events.push('destroy:' + types.get(id)); ctxOf.delete(id); },
}).enable();
const seen = [];
active = 'A';
const p = (async () => {
  await null;
  seen.push(active);
  await new Promise((r) => setTimeout(r, 2));
  seen.push(active);
  const ids = await Promise.resolve().then(() => [ah.executionAsyncId(), ah.triggerAsyncId()]);
  seen.push(ids[0] > 1 && ids[1] >= 1);
})();
active = null;
await p;
const timerEvents = events.filter((e) => e.endsWith(':Timeout'));
const r = new ah.AsyncResource('JOB');
const inside = r.runInAsyncScope(() => ah.executionAsyncId());
r.emitDestroy();
hook.disable();
const before = events.length;
await new Promise((r2) => setTimeout(r2, 1));
let bad;
try { ah.createHook({ init: 1 }); } catch (e) { bad = e.code; }
return [seen, timerEvents, inside === r.asyncId(), events.includes('destroy:JOB'), events.length === before, events.includes('before:PROMISE'), bad];"#,
        );
        assert_eq!(
            v,
            json!([
                ["A", "A", true],
                [
                    "init:Timeout",
                    "before:Timeout",
                    "after:Timeout",
                    "destroy:Timeout"
                ],
                true,
                true,
                true,
                true,
                "ERR_ASYNC_CALLBACK"
            ])
        );
    });
}

/// Node ends the process when a hook throws; seqmig fails the run with the hook's error.
#[test]
fn async_hooks_a_throwing_hook_fails_the_run() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "throws.js",
            "const ah = require('async_hooks');\nmodule.exports = async () => { ah.createHook({ before() { throw new Error('hook boom'); } }).enable(); await null; return 1; };\n",
        );
        f.rt.require(&p).unwrap();
        let err = f.rt.load_value(&p).unwrap_err();
        assert!(
            err.message.contains("an async_hooks callback threw")
                && err.message.contains("hook boom"),
            "{err:?}"
        );
    });
}

/// @duckdb/node-api reads `sizeof_bool` from its addon while loading (Gladys' models load
/// it in every migration that requires them): the stand-in answers it; other reads fail.
#[test]
fn native_addon_stand_in_answers_duckdb_load_time_constants() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write(
            "node_modules/@duckdb/node-bindings-linux-x64/package.json",
            r#"{"name": "@duckdb/node-bindings-linux-x64", "main": "duckdb.node"}"#,
        );
        f.write(
            "node_modules/@duckdb/node-bindings-linux-x64/duckdb.node",
            "\u{7f}ELF",
        );
        let v = f.module_json(
            "duck.js",
            "const b = require('@duckdb/node-bindings-linux-x64');\nlet other;\ntry { b.sizeof_int; } catch (e) { other = /seqmig cannot run a read of 'sizeof_int'/.test(e.message); }\nconst RT = b.ResultType;\nlet member;\ntry { RT.MATERIALIZED; } catch (e) { member = /a read of 'MATERIALIZED' of 'ResultType' of the native addon/.test(e.message); }\nmodule.exports = [b.sizeof_bool, other, typeof RT, RT === b.ResultType, member];\n",
        );
        assert_eq!(v, json!([1, true, "function", true, true]));
    });
}
