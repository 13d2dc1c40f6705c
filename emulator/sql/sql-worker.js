// One PGlite instance per worker thread, driven by messages from `worker-host.ts`.
//
// Plain JavaScript on purpose: a worker is a fresh module graph, and a `.ts` entry would need a
// TypeScript loader registered inside every worker (tsx's `--import` hook differs between plain
// Node, `node bin/run-ts.js` and vitest). This file imports only `@electric-sql/pglite` and Node
// built-ins, so it starts the same way under all three. Message shapes: `worker-protocol.ts`.
//
// PGlite is single-session and its backend is the bootstrap superuser. Each `session` message runs
// the caller's statements inside one transaction under `SET LOCAL SESSION AUTHORIZATION <user>`,
// checks afterwards that the identity was not changed from inside (a procedure running dynamic
// `SET SESSION AUTHORIZATION`), and ends with DISCARD ALL so nothing leaks into the next call —
// each Data API call is its own session. Data API sessions (`sessionId`) keep their state between
// calls instead: see session-state.js.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parentPort } from "node:worker_threads";
import { PGlite, protocol } from "@electric-sql/pglite";
import { createSessionState } from "./session-state.js";
import { dataDirOptions, templateFs } from "./template-fs.js";
import { lazyWasmValidation } from "./wasm-flags.js";

lazyWasmValidation();

const ENGINE_ROLE = "postgres";
// The base template's database, where the template SQL runs (template.ts BASE_DATABASE); initdb's
// own `postgres` database is dropped from every named copy.
const BASE_DATABASE = "template1";
const { serialize } = protocol;
/** @type {PGlite | undefined} */
let pg;
/** @type {Map<number, string>} */
const typeNames = new Map();
const sessions = createSessionState(() => pg, ENGINE_ROLE);

const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

// Keep in step with ROWS_PER_MESSAGE in worker-protocol.ts.
const ROWS_PER_MESSAGE = 2000;

/** Sends the rows of big results ahead of the reply, in slices (see worker-protocol.ts). */
function sendRowsAhead(id, result) {
  for (const [index, r] of (result?.results ?? []).entries()) {
    if (r.rows.length <= ROWS_PER_MESSAGE) continue;
    // JSON text: a string crosses threads as one copy, where 2000 rows of arrays would be
    // thousands of objects to rebuild on the host's thread (see worker-protocol.ts).
    for (let i = 0; i < r.rows.length; i += ROWS_PER_MESSAGE) {
      parentPort.postMessage({
        id,
        rows: { result: index, json: JSON.stringify(r.rows.slice(i, i + ROWS_PER_MESSAGE)) },
      });
    }
    r.rows = [];
  }
}

// One message at a time, in the order sent: a `session` spans several awaits (BEGIN … COMMIT), and
// the host sends a database's open and seed at once without waiting for each answer (database.ts).
let handled = Promise.resolve();
let received = 0;
parentPort.on("message", (msg) => {
  // `preopen` (early-start.js, no reply): the template load `chaincheck run` starts before the
  // engine asks; honoured only as the worker's first message, and `open` below decides whether the
  // engine's database is that one.
  if (msg.op === "preopen") {
    if (received === 0 && !preopened)
      preopened = {
        templatePath: msg.templatePath,
        database: msg.database,
        loaded: load(msg).then(
          () => true,
          () => false,
        ),
      };
    return;
  }
  received++;
  handled = handled.then(() => answer(msg));
});

async function answer(msg) {
  try {
    const result = await handle(msg);
    sendRowsAhead(msg.id, result);
    const transfer = [result?.tarball, result?.named].filter((b) => b instanceof ArrayBuffer);
    parentPort.postMessage({ id: msg.id, ok: true, result }, transfer);
  } catch (error) {
    parentPort.postMessage({ id: msg.id, ok: false, error: serializeError(error) });
  }
}

async function handle(msg) {
  switch (msg.op) {
    case "build-template":
      return buildTemplate(msg);
    case "build-database":
      return buildDatabase(msg);
    case "open":
      return open(msg);
    case "admin":
      await sessions.enter(msg.sessionId);
      return { results: [await runStatement(msg.statement)] };
    case "session":
      if (msg.sessionId !== undefined && msg.loadGrant) {
        const slot = await sessions.enter(msg.sessionId);
        if (slot.inTransaction) throw new Error("a load cannot join a session's open transaction");
        return { results: await session({ ...msg, keep: true }), inTransaction: false };
      }
      if (msg.sessionId !== undefined) return sessionCall(msg);
      await sessions.enter(undefined);
      return { results: await session(msg) };
    case "end-session":
      await sessions.end(msg.sessionId);
      return {};
    case "dump":
      await sessions.enter(undefined);
      return { tarball: await dumpCheckpointed(pg) };
    case "release":
      // The host is done with this database and keeps the worker to serve another (worker-host.ts);
      // the next `open` loads afresh. The instance is closed, not just dropped: an instance that was
      // never closed stays reachable (Emscripten's runtime) and its memory with it.
      try {
        await pg?.close();
      } finally {
        pg = undefined;
        preopened = undefined;
        typeNames.clear();
        sessions.reset();
      }
      return {};
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

// Startup settings of every instance: a small buffer pool (Postgres's default is 128 MB) and room
// for 10 connections (single-user mode has one; 100 sized lock and process tables for nothing). The
// shared memory is allocated and zeroed at every start: 24 MB with 16 MB of buffers, 5 MB now. The
// emulator's databases hold kilobytes to a few megabytes, their files are in memory, and a scan
// bigger than a quarter of the pool reads through a small ring whatever its size. Measured:
// opens straight through PGlite (30 alternating each) 108 → 92 ms wall, 141 → 132 ms CPU;
// bench/sql-engines.bench.ts 170–193 → 145–172 ms wall per engine; `chaincheck run`'s tree peak
// RSS 290 → 273 MiB (12 alternating); a 100k-row query unchanged (418 → 426 ms).
const START_PARAMS = [
  ...PGlite.defaultStartParams,
  "-c",
  "shared_buffers=2MB",
  "-c",
  "max_connections=10",
  "-c",
  "min_wal_size=2MB",
  "-c",
  "wal_recycle=off",
];

// initdb with 1 MB WAL segments instead of 16 MB: every load of the template carries the segment.
// The session is template1's, and the template SQL runs there: the base template's database is
// template1, so a named copy (and a user's CREATE DATABASE) inherits the dialect functions and
// system tables, and a copy is made without a second boot. With `database`, the named copy is made
// in the same instance after the base's dump (a cold first run: one boot instead of three).
async function buildTemplate({ sql, database }) {
  const db = await PGlite.create({
    database: BASE_DATABASE,
    initDbStartParams: ["--wal-segsize=1"],
    startParams: START_PARAMS,
  });
  try {
    for (const statement of sql) await db.exec(statement);
    const tarball = await dumpCheckpointed(db);
    if (!database) return { tarball };
    return { tarball, named: await namedCopy(db, database) };
  } finally {
    await db.close();
  }
}

// A copy of the base template's database under the setup's name (Redshift's texts show it), from a
// base tarball: one boot, connected to template1.
async function buildDatabase({ templatePath, database }) {
  const base = await PGlite.create({
    ...dataDirOptions(await readFile(templatePath)),
    database: BASE_DATABASE,
    startParams: START_PARAMS,
  });
  try {
    return { tarball: await namedCopy(base, database) };
  } finally {
    await base.close();
  }
}

// The copy's tarball keeps only it and template1 (a user's CREATE DATABASE): template0 and initdb's
// `postgres` would be loaded on every start for nothing. `postgres` goes first, so a setup may name
// its database `postgres` too.
async function namedCopy(db, database) {
  await db.exec("DROP DATABASE postgres");
  await db.exec(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${BASE_DATABASE}`);
  await db.exec("ALTER DATABASE template0 WITH IS_TEMPLATE false");
  await db.exec("DROP DATABASE template0");
  return startedOnce(await dumpCheckpointed(db), database);
}

// The copy as every database will open it: started once on its own and shut down cleanly. A
// tarball taken from a running instance (dumpCheckpointed) is a crashed data directory to the next
// start, which then runs crash recovery, and recovery removes every relation cache init file
// (base/<oid>/pg_internal.init), so each open rebuilt that cache from the catalogs; the copy,
// made from a session in template1, had never written its own anyway. Taken at the instance's
// close, after Postgres's shutdown (template-fs.js, dumpAtClose): no postmaster.pid, pg_control
// "shut down", the init file kept. Measured on opens straight through PGlite (12–14 alternating
// opens of each in one process, three runs): 362 → 354, 401 → 363 and 394 → 322 ms of CPU per open;
// within noise in bench/sql-engines.bench.ts. A boot more per named template (one-time).
async function startedOnce(tarball, database) {
  // dumpDataDir("none") always gives the plain tarball template-fs.js reads.
  const fs = templateFs(Buffer.from(tarball));
  if (!fs) throw new Error(`the copy of ${database} was not dumped as a plain tarball`);
  const db = await PGlite.create({ fs, database, startParams: START_PARAMS });
  try {
    await db.query("SELECT 1");
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  fs.dumpAtClose();
  await db.close();
  return fs.shutDownTarball();
}

// CHECKPOINT first: a tarball taken after it loads without replaying the WAL written since the
// last one (CREATE DATABASE alone leaves megabytes of it, replayed on every load otherwise).
async function dumpCheckpointed(db) {
  await db.exec("CHECKPOINT");
  return (await db.dumpDataDir("none")).arrayBuffer();
}

/** @type {{ templatePath: string, database: string, loaded: Promise<boolean> } | undefined} */
let preopened;

// The early load stands for this open when it loaded the same template as the same database; it
// is the same `load` the open would run. Otherwise (or if it failed) the open loads afresh.
async function open(msg) {
  const early = preopened;
  preopened = undefined;
  if (early) {
    const same = !msg.tarball && early.templatePath === msg.templatePath && early.database === msg.database;
    if ((await early.loaded) && same) return {};
    await pg?.close().catch(() => undefined);
    pg = undefined;
  }
  return load(msg);
}

const PGLITE_DIST = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));

// A database's template is read synchronously: this thread has nothing else to do meanwhile, and
// fs/promises reads a file in 512 KiB chunks, each a hop through libuv's pool and back to this
// thread's event loop, which on a busy machine left the early start's load (the chain waits for it)
// idle for about 0.1 s of its 0.4 s. For a load the host sent no compiled module with (the early
// start's: the host cannot compile one before the CLI has loaded), pglite.wasm is compiled here
// with V8's synchronous compile and PGlite's own file bundle is read synchronously too (fileBundle),
// instead of PGlite's read-then-compile and chunked reads. Measured (`run --format json`, medians
// of 9, alternating): process exit 821 → 792 ms; the early database seeded 641 → 630 ms. Other
// loads leave the bundle to PGlite: read here for every database, it cost a worker process some
// 250 MiB more resident memory after a dozen databases (`bench/fleet-databases.bench.ts`, 1,100 →
// 1,360 MiB at the end, not explained beyond the allocator keeping what it freed), for ~20 ms of
// CPU per database.

/**
 * PGlite's `fsBundle` option for a file read synchronously. PGlite asks it only for its bytes
 * (`arrayBuffer()`), then keeps its options for the instance's life: a real Blob would hold a second
 * copy of the 6 MB bundle per live database (measured: 102–104 → 112–119 MiB RSS per live database),
 * so this object hands over the file's own ArrayBuffer and lets go of it (a second ask reads the
 * file again).
 */
function fileBundle(path) {
  let bytes = readFileSync(path);
  return {
    async arrayBuffer() {
      const read = bytes ?? readFileSync(path);
      bytes = undefined;
      const whole = read.byteOffset === 0 && read.byteLength === read.buffer.byteLength;
      return whole ? read.buffer : read.buffer.slice(read.byteOffset, read.byteOffset + read.byteLength);
    },
  };
}

async function load({ templatePath, tarball, wasmModule, database }) {
  const bytes = tarball ? Buffer.from(tarball) : readFileSync(templatePath);
  // The data directory is put in place from the tarball by template-fs.js (faster than loadDataDir).
  pg = await PGlite.create({
    ...dataDirOptions(bytes),
    startParams: START_PARAMS,
    ...(database ? { database } : {}),
    pgliteWasmModule: wasmModule ?? new WebAssembly.Module(readFileSync(join(PGLITE_DIST, "pglite.wasm"))),
    ...(wasmModule ? {} : { fsBundle: fileBundle(join(PGLITE_DIST, "pglite.data")) }),
  });
  // The boot value of session_authorization is empty in single-user mode, so RESET/DEFAULT would
  // not restore it; set it explicitly so SET LOCAL inside a transaction reverts to it.
  await pg.exec(`SET SESSION AUTHORIZATION ${ENGINE_ROLE}`);
  sessions.reset();
  await loadTypeNames();
  return {};
}

async function loadTypeNames() {
  const { rows } = await pg.query("SELECT oid, typname FROM pg_catalog.pg_type", [], { rowMode: "array" });
  for (const [oid, name] of rows) typeNames.set(oid, name);
}

// `keep`: a load in a Data API session (COPY into its temp table) keeps the session's state.
async function session({ user, statements, loadGrant, keep }) {
  await checkLogin(user);
  const results = [];
  let index = -1;
  await pg.exec("BEGIN");
  try {
    // COPY … FROM '/dev/blob' needs pg_read_server_files. It is granted inside this transaction and
    // revoked before COMMIT, so the user holds it only while the engine's own COPY runs.
    const grant = loadGrant && !(await hasRole(user, "pg_read_server_files"));
    if (grant) await pg.exec(`GRANT pg_read_server_files TO ${quoteIdent(user)}`);
    await pg.exec(`SET LOCAL SESSION AUTHORIZATION ${quoteIdent(user)}`);
    for (index = 0; index < statements.length; index++) {
      results.push(await runStatement(statements[index]));
      await assertIdentity(user);
    }
    index = -1;
    if (grant) {
      await pg.exec(`SET LOCAL SESSION AUTHORIZATION ${ENGINE_ROLE}`);
      await pg.exec(`REVOKE pg_read_server_files FROM ${quoteIdent(user)}`);
    }
    await pg.exec("COMMIT");
    return results;
  } catch (error) {
    if (index >= 0 && error && typeof error === "object") error.statementIndex = index;
    await pg.exec("ROLLBACK");
    throw error;
  } finally {
    await pg.exec(`SET SESSION AUTHORIZATION ${ENGINE_ROLE}`);
    if (!keep && sessions.active) await sessions.discardPlainCall();
    else if (!keep) await pg.exec("DISCARD ALL");
    await pg.exec(`SET SESSION AUTHORIZATION ${ENGINE_ROLE}`);
  }
}

// A statement (or batch) of a Data API session: the session's state is made live, the user is set
// for the session (not LOCAL: a transaction the user opens may span calls), and each statement
// commits on its own unless the user opened a transaction. A batch runs as one transaction of its
// own, or inside the session's open one. Between calls the backend returns to the engine's role,
// except while the session's transaction is open (an aborted one accepts nothing but ROLLBACK).
async function sessionCall({ user, statements, sessionId, batch }) {
  const slot = await sessions.enter(sessionId);
  if (!slot.inTransaction) {
    await checkLogin(user);
    await pg.exec(`SET SESSION AUTHORIZATION ${quoteIdent(user)}`);
  }
  const wrap = batch && !slot.inTransaction;
  const results = [];
  let index = -1;
  try {
    if (wrap) await pg.exec("BEGIN");
    for (index = 0; index < statements.length; index++) {
      results.push(await runStatement(statements[index]));
      await assertIdentity(user);
    }
    index = -1;
    if (wrap) await pg.exec("COMMIT");
    return { results, inTransaction: pg.isInTransaction() };
  } catch (error) {
    if (index >= 0 && error && typeof error === "object") error.statementIndex = index;
    if (wrap) await pg.exec("ROLLBACK");
    if (error && typeof error === "object") error.inTransaction = pg.isInTransaction();
    throw error;
  } finally {
    slot.inTransaction = pg.isInTransaction();
    if (!slot.inTransaction) await pg.exec(`SET SESSION AUTHORIZATION ${ENGINE_ROLE}`);
  }
}

async function hasRole(user, role) {
  const { rows } = await pg.query("SELECT pg_catalog.pg_has_role($1, $2, 'MEMBER')", [user, role], {
    rowMode: "array",
  });
  return rows[0][0] === true;
}

async function checkLogin(user) {
  const { rows } = await pg.query("SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = $1", [user], {
    rowMode: "array",
  });
  if (rows.length === 0 || rows[0][0] !== true) {
    throw Object.assign(new Error(`user "${user}" does not exist`), {
      name: "DatabaseError",
      severity: "FATAL",
      code: "28000",
    });
  }
}

async function assertIdentity(user) {
  const { rows } = await pg.query("SELECT session_user::text, current_user::text", [], { rowMode: "array" });
  if (rows[0][0] !== user || rows[0][1] !== user) {
    throw Object.assign(new Error("permission denied to set session authorization"), {
      name: "DatabaseError",
      severity: "ERROR",
      code: "42501",
    });
  }
}

/** Runs one statement with the extended protocol, keeping the full RowDescription. */
async function runStatement({ sql, values = [], blob }) {
  if (blob) {
    const r = await pg.query(sql, values, { blob: new Blob([blob]) });
    return { command: r.command ?? "", rowCount: r.affectedRows ?? 0, fields: [], rows: [] };
  }
  const messages = await pg.execProtocolStream(
    concat([
      serialize.parse({ text: sql }),
      serialize.bind({ values }),
      serialize.describe({ type: "P" }),
      serialize.execute({}),
      serialize.sync(),
    ]),
    { throwOnError: false },
  );
  let fields = [];
  const rows = [];
  let tag = "";
  for (const m of messages) {
    if (m.name === "error") throw m;
    if (m.name === "rowDescription") fields = m.fields;
    else if (m.name === "dataRow") rows.push(m.fields);
    else if (m.name === "commandComplete") tag = m.text;
  }
  const numbers = /((?: \d+)+)$/.exec(tag);
  const counts = numbers ? numbers[1].trim().split(" ").map(Number) : [];
  return {
    command: numbers ? tag.slice(0, numbers.index) : tag,
    rowCount: counts.length ? counts[counts.length - 1] : 0,
    fields: await describeFields(fields),
    rows,
  };
}

async function describeFields(fields) {
  if (fields.some((f) => !typeNames.has(f.dataTypeID))) await loadTypeNames();
  const columns = fields.filter((f) => f.tableID !== 0);
  const info = new Map();
  if (columns.length > 0) {
    const { rows } = await pg.query(
      `SELECT a.attrelid, a.attnum, a.attnotnull, c.relname::text, n.nspname::text
         FROM pg_catalog.pg_attribute a
         JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE (a.attrelid, a.attnum) IN (SELECT * FROM unnest($1::oid[], $2::int2[]))`,
      [columns.map((f) => f.tableID), columns.map((f) => f.columnID)],
      { rowMode: "array" },
    );
    for (const [rel, num, notNull, table, schema] of rows)
      info.set(`${rel}:${num}`, { notNull, table, schema });
  }
  return fields.map((f) => {
    const column = info.get(`${f.tableID}:${f.columnID}`);
    return {
      name: f.name,
      typeId: f.dataTypeID,
      typeName: typeNames.get(f.dataTypeID) ?? "unknown",
      typeModifier: f.dataTypeModifier,
      nullable: column ? (column.notNull ? 0 : 1) : 2,
      schemaName: column?.schema ?? "",
      tableName: column?.table ?? "",
    };
  });
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

// Only the server's error fields cross the thread boundary: PGlite attaches the query text and
// parameters to its errors, and those can carry passwords (CREATE USER … PASSWORD).
function serializeError(error) {
  if (!error || typeof error !== "object") return { name: "Error", message: String(error) };
  const keep = ["severity", "code", "position", "detail", "hint", "where", "schema", "table", "column"];
  const out = { name: error.name === "error" ? "DatabaseError" : error.name, message: error.message };
  for (const key of [
    ...keep,
    "dataType",
    "constraint",
    "routine",
    "statementIndex",
    "owner",
    "inTransaction",
  ]) {
    if (error[key] !== undefined) out[key] = error[key];
  }
  return out;
}
