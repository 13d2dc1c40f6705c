/**
 * Reads a setup (YAML or JSON file, or an object), follows `extends` chains, validates the result
 * and returns it with defaults applied and account aliases resolved. Size and counts are bounded
 * (setup-limits.ts).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { mergeSetups } from "./merge-setups.ts";
import { countIssues, fileSizeIssue } from "./setup-limits.ts";
import { type Setup, type SetupInput, type SetupLayer, setupSchema } from "./setup-schema.ts";
import { SetupValidationError } from "./setup-validation-error.ts";
import { resolveAccounts, type SetupIssue, validateReferences } from "./validate-setup.ts";

type Obj = Record<string, unknown>;

export interface LoadSetupOptions {
  /** Where `extends` and fixture `file:` paths of an in-memory setup resolve from (default: cwd). */
  baseDir?: string;
}

function readSetupFile(path: string): Obj {
  const tooLarge = fileSizeIssue(path);
  if (tooLarge) throw new SetupValidationError(path, [tooLarge]);
  const text = readFileSync(path, "utf8");
  let value: unknown;
  try {
    // YAML 1.2 is a superset of JSON, so one parser reads both.
    value = parseYaml(text);
  } catch (err) {
    throw new SetupValidationError(path, [{ path: [], message: `cannot parse: ${(err as Error).message}` }]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SetupValidationError(path, [
      { path: [], message: "expected a mapping with accounts, roles, …" },
    ]);
  }
  return value as Obj;
}

/** The layers of an extends chain, base first. */
function collectLayers(top: Obj, baseDir: string, source: string): Obj[] {
  const layers: Obj[] = [top];
  const seen = new Set<string>([source]);
  let current = top;
  let dir = baseDir;
  while (typeof current.extends === "string") {
    const path = resolve(dir, current.extends);
    if (seen.has(path)) {
      throw new SetupValidationError(source, [
        { path: ["extends"], message: `extends cycle through ${path}` },
      ]);
    }
    seen.add(path);
    current = readSetupFile(path);
    dir = dirname(path);
    layers.unshift(current);
  }
  return layers;
}

export function loadSetup(input: SetupInput | SetupLayer | string, options: LoadSetupOptions = {}): Setup {
  const source = typeof input === "string" ? resolve(input) : "(inline setup)";
  const baseDir = typeof input === "string" ? dirname(source) : resolve(options.baseDir ?? ".");
  const top = typeof input === "string" ? readSetupFile(source) : (structuredClone(input) as Obj);
  const layers = collectLayers(top, baseDir, source);
  // Each layer first (merging thousands of entries is itself slow), then the merged whole.
  for (const layer of layers) {
    const over = countIssues(layer);
    if (over.length > 0) throw new SetupValidationError(source, over);
  }
  const merged = mergeSetups(layers);
  const overLimits = countIssues(merged);
  if (overLimits.length > 0) throw new SetupValidationError(source, overLimits);

  const parsed = setupSchema.safeParse(merged);
  if (!parsed.success) {
    const issues: SetupIssue[] = parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.message,
    }));
    throw new SetupValidationError(source, issues);
  }
  const setup = parsed.data;
  const issues: SetupIssue[] = [];
  resolveAccounts(setup, issues);
  validateReferences(setup, issues);
  if (issues.length > 0) throw new SetupValidationError(source, issues);
  return { ...setup, baseDir };
}
