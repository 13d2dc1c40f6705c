/** The project's source files, their runtime import graph (esbuild's metafile: type-only imports
 *  are erased, dynamic `import()`s count) and the cycles in a graph. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Source files (not tests, not declarations) under the given top-level folders, relative to the root. */
export function sourceFiles(folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name))
      .map((e) => relative(ROOT, join(e.parentPath, e.name))),
  );
}

export const readSource = (file: string): string => readFileSync(join(ROOT, file), "utf8");

export type ImportGraph = Map<string, string[]>;

/** esbuild's metafile of the given entry points bundled with every package left external: which
 *  project files they reach (type-only imports erased, dynamic `import()`s counted) and which
 *  packages those import. */
export async function moduleGraphMetafile(entryPoints: string[]): Promise<Metafile> {
  const { metafile } = await build({
    absWorkingDir: ROOT,
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outdir: "out",
    logLevel: "silent",
  });
  return metafile;
}

export async function runtimeImportGraph(files: string[]): Promise<ImportGraph> {
  const metafile = await moduleGraphMetafile(files);
  return new Map(
    Object.entries(metafile.inputs).map(([file, input]) => [
      file,
      input.imports.filter((i) => !i.external).map((i) => i.path),
    ]),
  );
}

/** Every cycle a depth-first walk meets, each as the path that closes it (first file repeated last). */
export function findCycles(graph: ImportGraph): string[][] {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}
