// emulator/sql/template-fs.js: a database's data directory put in place from the template tarball
// without PGlite's loadDataDir. Checked against loadDataDir itself on the chain's real template.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_CACHE_DIR, ensureTemplate } from "../../../emulator/sql/template.ts";
import { dataDirOptions, tarEntries, templateFs } from "../../../emulator/sql/template-fs.js";

const DATABASE = "dev";
let tarball: Buffer;
const opened: PGlite[] = [];

beforeAll(async () => {
  tarball = readFileSync(await ensureTemplate(DEFAULT_CACHE_DIR, DATABASE));
});
afterAll(async () => {
  for (const pg of opened.splice(0)) await pg.close();
});

type How = "template-fs" | "template-fs by path" | "loadDataDir";

async function open(how: How, bytes: Buffer = Buffer.from(tarball)): Promise<PGlite> {
  const fs = how === "loadDataDir" ? undefined : templateFs(bytes, { byPath: how === "template-fs by path" });
  if (how !== "loadDataDir" && !fs) throw new Error("templateFs refused the template");
  const pg = await PGlite.create({
    ...(fs ? { fs } : { loadDataDir: new Blob([bytes]) }),
    database: DATABASE,
  });
  opened.push(pg);
  if (fs) expect(fs.placed).toBe(how === "template-fs" ? "in memory" : "by path");
  return pg;
}

/** Every file of the data directory with its size, as PGlite dumps it (postmaster.pid differs per start). */
async function files(pg: PGlite): Promise<string[]> {
  const dump = Buffer.from(await (await pg.dumpDataDir("none")).arrayBuffer());
  return tarEntries(dump)
    .filter((e) => !e.name.endsWith("postmaster.pid"))
    .map((e) => `${e.directory ? "d" : "f"} ${e.name} ${e.size}`)
    .sort();
}

interface EmscriptenFs {
  readdir(path: string): string[];
  stat(path: string): { mode: number; size: number };
  isDir(mode: number): boolean;
  isFile(mode: number): boolean;
  readFile(path: string): Uint8Array;
}

/** Every folder and file outside the data directory (PGlite's bundle: /pglite/share, /home, …) with
 *  its mode, size and a digest of its bytes. */
function bundleTree(pg: PGlite): string[] {
  const fs = (pg as unknown as { Module: { FS: EmscriptenFs } }).Module.FS;
  const out: string[] = [];
  const skip = new Set(["/dev", "/proc", "/tmp", "/pglite/data"]);
  const walk = (dir: string) => {
    for (const name of fs.readdir(dir)) {
      if (name === "." || name === "..") continue;
      const path = `${dir === "/" ? "" : dir}/${name}`;
      if (skip.has(path)) continue;
      const { mode, size } = fs.stat(path);
      if (fs.isDir(mode)) {
        out.push(`d ${path} ${mode.toString(8)}`);
        walk(path);
      } else if (fs.isFile(mode)) {
        const digest = createHash("sha1").update(fs.readFile(path)).digest("hex");
        out.push(`f ${path} ${mode.toString(8)} ${size} ${digest}`);
      }
    }
  };
  walk("/");
  return out.sort();
}

const catalog = `SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ORDER BY 1, 2`;

describe("template-fs", () => {
  test.each<How>(["template-fs", "template-fs by path"])(
    "a database loaded through %s has loadDataDir's catalog, files and sizes",
    async (how) => {
      const ours = await open(how);
      const theirs = await open("loadDataDir");
      const [a, b] = [await ours.query(catalog), await theirs.query(catalog)];
      expect(a.rows.length).toBeGreaterThan(300);
      expect(a.rows).toEqual(b.rows);
      expect((await ours.query("SELECT current_database() AS db")).rows).toEqual([{ db: DATABASE }]);
      const [fa, fb] = [await files(ours), await files(theirs)];
      expect(fa.length).toBeGreaterThan(500);
      expect(fa).toEqual(fb);
    },
  );

  test("PGlite's own file bundle placed in place is the tree its file packager makes: paths, modes, sizes, bytes", async () => {
    const fast = await open("template-fs");
    const packager = await open("template-fs by path");
    const fastFs = (fast as unknown as { fs: { bundleFilesPlaced: number } }).fs;
    const packagerFs = (packager as unknown as { fs: { bundleFilesPlaced: number } }).fs;
    expect(fastFs.bundleFilesPlaced).toBeGreaterThan(500);
    expect(packagerFs.bundleFilesPlaced).toBe(0);
    const [a, b] = [bundleTree(fast), bundleTree(packager)];
    expect(a.length).toBeGreaterThan(500);
    expect(a).toEqual(b);
    // Postgres reads them: a time zone from share/timezone and a text search dictionary from share/tsearch_data.
    for (const pg of [fast, packager]) {
      const { rows } = await pg.query(
        "SELECT ('2024-07-01 12:00:00+00'::timestamptz AT TIME ZONE 'America/New_York')::text AS t, to_tsvector('english', 'running runs') ::text AS v",
      );
      expect(rows).toEqual([{ t: "2024-07-01 08:00:00", v: "'run':1,2" }]);
    }
  });

  test("the named template is a data directory Postgres shut down, with its database's relation cache init file, which a start keeps", async () => {
    const entries = tarEntries(tarball);
    const file = (name: string) => {
      const entry = entries.find((e) => e.name === name);
      return entry && tarball.subarray(entry.offset, entry.offset + entry.size);
    };
    expect(file("/postmaster.pid")).toBeUndefined();
    // pg_control's `state` (after the system identifier and two version numbers): 1 is DB_SHUTDOWNED.
    expect(file("/global/pg_control")?.readUInt32LE(16)).toBe(1);
    const pg = await open("template-fs");
    const { rows } = await pg.query<{ oid: number }>(
      `SELECT oid FROM pg_database WHERE datname = '${DATABASE}'`,
    );
    const init = `/base/${rows[0].oid}/pg_internal.init`;
    expect(file(init)?.length).toBeGreaterThan(0);
    // No crash recovery at this start (recovery removes every init file): the template's is still there.
    const fs = (pg as unknown as { Module: { FS: { analyzePath(p: string): { exists: boolean } } } }).Module
      .FS;
    expect(fs.analyzePath(`/pglite/data${init}`).exists).toBe(true);
  });

  test("the replaced FS_createDataFile refuses a file that exists, as Emscripten's does, and makes a new one with its bytes", async () => {
    const pg = await open("template-fs");
    const mod = (
      pg as unknown as {
        Module: {
          FS_createDataFile(...args: unknown[]): void;
          FS: { readFile(p: string): Uint8Array; stat(p: string): { mode: number } };
        };
      }
    ).Module;
    const existing = "/pglite/share/postgresql/timezone/UTC";
    const before = Buffer.from(mod.FS.readFile(existing));
    let refused: unknown;
    try {
      mod.FS_createDataFile(existing, null, new Uint8Array([1, 2]), true, true, true);
    } catch (error) {
      refused = error;
    }
    // Emscripten's ErrnoError with its EEXIST number (20), as the packager's own call gives.
    expect((refused as { errno?: number } | undefined)?.errno).toBe(20);
    expect(Buffer.from(mod.FS.readFile(existing)).equals(before)).toBe(true);
    mod.FS_createDataFile(
      "/pglite/share/postgresql/chaincheck-new",
      null,
      new Uint8Array([7, 8, 9]),
      true,
      true,
      true,
    );
    expect([...mod.FS.readFile("/pglite/share/postgresql/chaincheck-new")]).toEqual([7, 8, 9]);
    expect(mod.FS.stat("/pglite/share/postgresql/chaincheck-new").mode).toBe(mod.FS.stat(existing).mode);
  });

  test("reads every entry of the tarball, folders before their files", () => {
    const entries = tarEntries(tarball);
    const names = new Set<string>();
    for (const e of entries) {
      const parent = e.name.slice(0, e.name.lastIndexOf("/"));
      if (parent) expect(names.has(parent), `${e.name} before its folder`).toBe(true);
      names.add(e.name);
    }
    expect(entries.some((e) => e.name === "/PG_VERSION" && !e.directory && e.size > 0)).toBe(true);
    const last = entries[entries.length - 1];
    expect(last.offset + last.size).toBeLessThanOrEqual(tarball.length);
  });

  test("a database's writes land in the bytes it was given, never the file: a second load from the file sees the template", async () => {
    const given = Buffer.from(tarball);
    const first = await open("template-fs", given);
    await first.exec("CREATE TABLE public.scratch (id int); INSERT INTO public.scratch VALUES (1)");
    await first.exec("CHECKPOINT");
    // The files are views of `given` (why every open reads the file afresh): the checkpoint's
    // writes to files that did not grow (pg_control, the WAL segment) changed those bytes.
    expect(given.equals(tarball)).toBe(false);
    expect(readFileSync(await ensureTemplate(DEFAULT_CACHE_DIR, DATABASE)).equals(tarball)).toBe(true);
    const second = await open("template-fs", readFileSync(await ensureTemplate(DEFAULT_CACHE_DIR, DATABASE)));
    const { rows } = await second.query("SELECT to_regclass('public.scratch') AS t");
    expect(rows).toEqual([{ t: null }]);
  });

  test("a gzipped dump is left to loadDataDir", () => {
    expect(templateFs(gzipSync(tarball))).toBeUndefined();
    expect(templateFs(Buffer.alloc(100))).toBeUndefined();
    expect(Object.keys(dataDirOptions(gzipSync(tarball)))).toEqual(["loadDataDir"]);
    expect(Object.keys(dataDirOptions(Buffer.from(tarball)))).toEqual(["fs"]);
  });

  test("a tarball cut short names the file it ends in", () => {
    const pgVersion = tarEntries(tarball).find((e) => e.size > 4096);
    if (!pgVersion) throw new Error("the template has no file over 4 KiB");
    const cut = tarball.subarray(0, pgVersion.offset + 10);
    expect(() => tarEntries(cut)).toThrow(
      `template tarball ends inside ${pgVersion.name}: the file is cut short`,
    );
  });
});
