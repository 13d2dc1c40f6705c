/**
 * `chaincheck scenarios` from a cache: listing validates every scenario file through the setup
 * loader (YAML, the schema, references), which is most of the command's time; its result depends
 * only on the files under fixtures/ and on the code, so it is kept under the cache folder
 * (CHAINCHECK_CACHE_DIR, default `.cache/`) keyed by both — every file's path, size and mtime, and
 * the CLI build (helpers/cli/cli-build.ts). A hit reads one small JSON file and loads no parser.
 *
 * Known gaps: a scenario whose `extends:` or object `file:` points outside fixtures/ is not part of
 * the key (none of the bundled ones does); without a CLI build (the TypeScript loader) nothing is
 * cached; entries of old keys are not pruned (a few kilobytes each).
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cliBuild } from "../cli/cli-build.ts";
import type { ScenarioInfo } from "./scenario-info.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(REPO, "fixtures");

function fixtureStamps(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) fixtureStamps(path, out);
    else {
      const { size, mtimeMs } = statSync(path);
      out.push(`${path}\t${size}\t${mtimeMs}`);
    }
  }
}

function cachePath(build: string): string {
  const stamps: string[] = [];
  fixtureStamps(FIXTURES, stamps);
  const key = createHash("sha256").update(build).update("\n").update(stamps.join("\n")).digest("hex");
  const root = resolve(process.env.CHAINCHECK_CACHE_DIR || join(REPO, ".cache"));
  return join(root, "scenarios", `list-${key.slice(0, 24)}.json`);
}

/** The bundled scenarios, as `listScenarios()` finds them, from the cache when it holds them. */
export async function cachedScenarioList(): Promise<ScenarioInfo[]> {
  const build = cliBuild();
  const path = build === undefined ? undefined : cachePath(build);
  if (path) {
    try {
      return JSON.parse(readFileSync(path, "utf8")) as ScenarioInfo[];
    } catch {
      // Not cached yet (or unreadable): list them the long way.
    }
  }
  const scenarios = (await import("./scenario-list.ts")).listScenarios();
  if (path) {
    try {
      mkdirSync(join(path, ".."), { recursive: true });
      const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
      writeFileSync(temporary, JSON.stringify(scenarios));
      renameSync(temporary, path);
    } catch {
      // A read-only cache folder only costs the next listing its time.
    }
  }
  return scenarios;
}
