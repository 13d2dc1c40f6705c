// A PGlite filesystem that starts with a template's data directory already in place, without
// PGlite's `loadDataDir`.
//
// Plain JavaScript, imported by sql-worker.js (which imports nothing but PGlite and Node built-ins).
//
// `loadDataDir` takes a Blob: the template's bytes are copied into it, read back out of it through a
// stream, untarred with every file's data copied again (`slice`), and written into Emscripten's
// in-memory filesystem with a path lookup per parent folder of every file. Here the tarball's bytes
// (read fresh for each database, so they are this database's own) are walked once, headers only,
// and each file is created on a view of those bytes (`canOwn`: Emscripten's MEMFS keeps the view
// as the file's contents and copies only when the file grows). Postgres's writes to a file land in
// that view, which no other database shares. PGlite then finds PG_VERSION in the data directory
// and starts on it as it would on a directory it had loaded itself.
// Measured (one process, the chain's 19 MB template, 8 opens each): 415 → 330 ms CPU per open,
// 280 → 220 ms wall, and the first open's resident memory 202 → 154 MiB. Creating the nodes under
// their parents instead of by path (placeInMemory) took bench/sql-engines.bench.ts from 345 to
// 314 ms CPU per database (medians of 3 runs, side by side).
//
// Only a plain tarball in PGlite's own layout (`dumpDataDir("none")`: ustar headers, names
// relative to the data directory) is walked here; anything else (a gzipped dump) is left to
// PGlite's `loadDataDir` by `templateFs` returning undefined.
import { MemoryFS } from "@electric-sql/pglite";

/** PGlite's data directory inside its filesystem (PGDATA). */
const PGDATA = "/pglite/data";
const BLOCK = 512;
const DIRECTORY = 5;

/** A NUL-terminated header field. */
function field(bytes, offset, length) {
  let end = offset;
  while (end < offset + length && bytes[end] !== 0) end++;
  return bytes.toString("latin1", offset, end);
}

/** An octal number field ("0000644\0"); empty reads as 0. */
function octal(bytes, offset, length) {
  return Number.parseInt(field(bytes, offset, length).trim() || "0", 8) || 0;
}

/** Whether `bytes` is a tarball this module reads: a ustar header first. */
function isPlainTar(bytes) {
  return bytes.length >= BLOCK && bytes.toString("latin1", 257, 262) === "ustar";
}

/**
 * The entries of a tarball as PGlite's own loader reads them: the header's name field (PGlite writes
 * no prefix field), regular files with their data, folders; other entry types are skipped as
 * PGlite skips them.
 * @param {Buffer} bytes
 * @returns {{ name: string, directory: boolean, offset: number, size: number, mtime: number }[]}
 */
export function tarEntries(bytes) {
  const entries = [];
  for (let offset = 0; offset + BLOCK <= bytes.length; ) {
    if (bytes[offset] === 0) break;
    const name = field(bytes, offset, 100);
    const size = octal(bytes, offset + 124, 12);
    const mtime = octal(bytes, offset + 136, 12);
    const type = (Number.parseInt(String.fromCharCode(bytes[offset + 156]), 10) || 0) % 8;
    const data = offset + BLOCK;
    if (data + (type === 0 ? size : 0) > bytes.length)
      throw new Error(`template tarball ends inside ${name}: the file is cut short`);
    if (type === 0 || type === DIRECTORY)
      entries.push({ name, directory: type === DIRECTORY, offset: data, size: type === 0 ? size : 0, mtime });
    offset = data + Math.ceil((type === 0 ? size : 0) / BLOCK) * BLOCK;
  }
  return entries;
}

class TemplateFS extends MemoryFS {
  /** @param {Buffer} bytes @param {boolean} byPath */
  constructor(bytes, byPath) {
    super();
    this.bytes = bytes;
    this.byPath = byPath;
    /** Files of PGlite's own bundle placed under their folder's node (bundleFilesInPlace). */
    this.bundleFilesPlaced = 0;
  }

  /** Have the instance's close keep its data directory as a tarball, taken after Postgres has
   *  shut down (PGlite calls `closeFs` then, before the runtime exits): see shutDownTarball. */
  dumpAtClose() {
    this.atClose = true;
  }

  async closeFs() {
    if (this.atClose) {
      this.atClose = false;
      this.closedTarball = await (await this.dumpTar("data", "none")).arrayBuffer();
    }
    return super.closeFs();
  }

  /** The tarball dumpAtClose asked for (a data directory Postgres shut down cleanly: no
   *  postmaster.pid, pg_control "shut down", so the next start runs no crash recovery). */
  shutDownTarball() {
    const tarball = this.closedTarball;
    this.closedTarball = undefined;
    if (!tarball) throw new Error("no tarball was taken at close: call dumpAtClose() before close()");
    return tarball;
  }

  /** PGlite's options for Emscripten, with bundleFilesInPlace's hook run before the bundle loads. */
  async init(pg, emscriptenOpts) {
    const result = await super.init(pg, emscriptenOpts);
    if (this.byPath) return result;
    const opts = result.emscriptenOpts;
    const hook = (mod) => bundleFilesInPlace(mod, this);
    return { ...result, emscriptenOpts: { ...opts, preRun: [hook, ...(opts.preRun ?? [])] } };
  }

  async initialSyncFs() {
    const fs = this.pg.Module.FS;
    const entries = tarEntries(this.bytes).map((entry) => ({
      ...entry,
      path: `${PGDATA}/${entry.name.replace(/^\/+/, "")}`.replace(/\/+$/, ""),
    }));
    fs.mkdirTree(PGDATA);
    try {
      if (this.byPath) throw new NotMemfs();
      placeInMemory(fs, entries, this.bytes);
      this.placed = "in memory";
    } catch (error) {
      if (!(error instanceof NotMemfs)) throw error;
      placeByPath(fs, entries, this.bytes);
      this.placed = "by path";
    }
    this.bytes = undefined;
  }
}

const DIRECTORY_MODE = 0o40777;
const FILE_MODE = 0o100666;

class NotMemfs extends Error {}

/**
 * Creates the folders and files as Emscripten's in-memory filesystem nodes under their parent's
 * node (kept by path): no path lookup per file, which was most of the load's JavaScript. Each
 * file's contents is the view, as `writeFile(…, { canOwn: true })` would leave it. The nodes are
 * made as MEMFS makes them (its `mknod`) with the modes `mkdir` and `writeFile` give; a filesystem
 * whose nodes do not look like MEMFS's throws NotMemfs before any file's contents is set (the
 * folders and the empty file made by then are reused or overwritten by placeByPath).
 */
function placeInMemory(fs, entries, bytes) {
  const folders = new Map([[PGDATA, fs.lookupPath(PGDATA).node]]);
  const child = (parent, name, mode) => {
    try {
      return fs.lookupNode(parent, name);
    } catch {
      if (typeof parent.node_ops?.mknod !== "function") throw new NotMemfs();
      return parent.node_ops.mknod(parent, name, mode, 0);
    }
  };
  const folder = (path) => {
    let node = folders.get(path);
    if (!node) {
      const cut = path.lastIndexOf("/");
      node = child(folder(path.slice(0, cut)), path.slice(cut + 1), DIRECTORY_MODE);
      folders.set(path, node);
    }
    return node;
  };
  for (const entry of entries) {
    if (entry.directory) {
      folder(entry.path);
      continue;
    }
    const cut = entry.path.lastIndexOf("/");
    const node = child(folder(entry.path.slice(0, cut)), entry.path.slice(cut + 1), FILE_MODE);
    if (!(node.contents instanceof Uint8Array) || node.usedBytes !== 0) throw new NotMemfs();
    node.contents = bytes.subarray(entry.offset, entry.offset + entry.size);
    node.usedBytes = entry.size;
    const ms = entry.mtime * 1000;
    node.node_ops.setattr(node, { atime: ms, mtime: ms, ctime: ms, timestamp: ms });
  }
}

/**
 * PGlite's own file bundle (pglite.data: share/, the time zones, the dictionaries, …, 699 files) is
 * unpacked by Emscripten's file packager in a pre-run step calling `Module.FS_createDataFile(path,
 * null, view, true, true, true)` per file (the path as `parent`, no `name`); each call walks the
 * path, makes the node, opens a stream, writes (keeping the view: `canOwn`), closes it and sets its
 * mode twice. Replaced on the Module (the packager reads it there at call time; this pre-run step
 * is ahead of the packager's) by the same node made under its folder's node (folders kept by path,
 * as placeInMemory does) with the view as its contents and the mode the original left on the first
 * file (which it makes). Any other call — another shape, an existing file, a folder that is not
 * MEMFS's — goes to the original, which behaves (and fails) as before.
 */
function bundleFilesInPlace(mod, counter) {
  const fs = mod.FS;
  const original = mod.FS_createDataFile;
  if (typeof original !== "function" || !fs) return;
  const folders = new Map();
  let mode;
  mod.FS_createDataFile = (parent, name, data, canRead, canWrite, canOwn) => {
    // The packager passes the whole path as `parent` and null as `name` (Emscripten joins them).
    const plain =
      typeof parent === "string" &&
      parent.startsWith("/") &&
      name === null &&
      data instanceof Uint8Array &&
      data.length > 0 &&
      canRead === true &&
      canWrite === true &&
      canOwn === true;
    if (!plain) return original(parent, name, data, canRead, canWrite, canOwn);
    const cut = parent.lastIndexOf("/");
    const base = parent.slice(cut + 1);
    if (!base) return original(parent, name, data, canRead, canWrite, canOwn);
    const dir = parent.slice(0, cut) || "/";
    let folder = folders.get(dir);
    if (folder === undefined) {
      try {
        folder = fs.lookupPath(dir).node;
      } catch {
        folder = null;
      }
      folders.set(dir, folder);
    }
    if (typeof folder?.node_ops?.mknod !== "function" || fs.isDir?.(folder.mode) !== true)
      return original(parent, name, data, canRead, canWrite, canOwn);
    let exists = true;
    try {
      fs.lookupNode(folder, base);
    } catch {
      exists = false;
    }
    // A file already there: the original's EEXIST, as before.
    if (exists) return original(parent, name, data, canRead, canWrite, canOwn);
    if (mode === undefined) {
      // The first file goes through the original; the rest get the mode it left.
      original(parent, name, data, canRead, canWrite, canOwn);
      mode = fs.lookupNode(folder, base).mode;
      return undefined;
    }
    const node = folder.node_ops.mknod(folder, base, mode, 0);
    node.contents = data;
    node.usedBytes = data.length;
    counter.bundleFilesPlaced++;
    return undefined;
  };
}

/** The same through Emscripten's path API (any filesystem): what PGlite's own loader does. */
function placeByPath(fs, entries, bytes) {
  const made = new Set();
  const folder = (path) => {
    if (made.has(path)) return;
    if (!fs.analyzePath(path).exists) fs.mkdirTree(path);
    made.add(path);
  };
  for (const entry of entries) {
    folder(entry.path.slice(0, entry.path.lastIndexOf("/")));
    if (entry.directory) {
      folder(entry.path);
      continue;
    }
    fs.writeFile(entry.path, bytes.subarray(entry.offset, entry.offset + entry.size), { canOwn: true });
    fs.utime(entry.path, entry.mtime * 1000, entry.mtime * 1000);
  }
}

/**
 * The filesystem to give PGlite.create as `fs` for a database loaded from `bytes` (then without
 * `loadDataDir`), or undefined when `bytes` is not a plain tarball (use `loadDataDir`).
 * @param {Buffer} bytes the tarball, owned by this database from now on
 * @param {{ byPath?: boolean }} [options] `byPath`: through Emscripten's path API only, as for a
 *   filesystem whose nodes are not MEMFS's (tests compare both ways)
 */
export function templateFs(bytes, options = {}) {
  return isPlainTar(bytes) ? new TemplateFS(bytes, options.byPath === true) : undefined;
}

/**
 * PGlite.create's options for a database started from `bytes`: this module's filesystem for a
 * plain tarball, PGlite's own `loadDataDir` for anything else (a gzipped dump).
 * @param {Buffer} bytes the tarball, owned by this database from now on
 */
export function dataDirOptions(bytes) {
  const fs = templateFs(bytes);
  return fs ? { fs } : { loadDataDir: new Blob([bytes]) };
}
