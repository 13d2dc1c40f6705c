import type { Filesystem } from "@electric-sql/pglite";

/** One entry of a template tarball, as PGlite's own loader reads it. */
export interface TarEntry {
  /** The header's name, relative to the data directory ("/base/5/1259"). */
  name: string;
  directory: boolean;
  /** Where the file's data starts in the tarball. */
  offset: number;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
}

export function tarEntries(bytes: Buffer): TarEntry[];

/** The filesystem for PGlite.create's `fs`, or undefined when `bytes` is not a plain tarball. */
export function templateFs(bytes: Buffer, options?: { byPath?: boolean }): TemplateFilesystem | undefined;

export type TemplateFilesystem = Filesystem & {
  /** Once PGlite has started on it: how the template's files were put in place. */
  placed?: "in memory" | "by path";
  /** How many of PGlite's own bundle files were placed under their folder's node. */
  bundleFilesPlaced: number;
  /** Keep the data directory as a tarball at the instance's close, after Postgres's shutdown. */
  dumpAtClose(): void;
  /** The tarball dumpAtClose asked for; throws when none was taken. */
  shutDownTarball(): ArrayBuffer;
};

/** PGlite.create's options for a database started from `bytes`: `fs` for a plain tarball, else `loadDataDir`. */
export function dataDirOptions(bytes: Buffer): { fs: Filesystem } | { loadDataDir: Blob };
