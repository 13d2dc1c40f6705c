/**
 * Reads a setup (YAML or JSON file, or an object), follows `extends` chains, validates the result
 * and returns it with defaults applied and account aliases resolved. Size and counts are bounded
 * (setup-limits.ts). Every problem is reported at once, at its place in the file the user wrote
 * (file:line:column and the path inside that file, emulator/world/setup-positions.ts), worded with
 * what a good value looks like.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { existingStat } from "../../config/existing-stat.ts";
import { wordedIssue } from "../../config/zod-wording.ts";
import { mergeSetups } from "./merge-setups.ts";
import { cachedSetupValue, keepSetupValue } from "./parsed-setup-cache.ts";
import { countIssues, fileSizeIssue } from "./setup-limits.ts";
import { locateIssue, parseSetupSource, type SetupLayerSource, shownPath } from "./setup-positions.ts";
import { type Setup, type SetupInput, type SetupLayer, setupSchema } from "./setup-schema.ts";
import { SetupValidationError } from "./setup-validation-error.ts";
import { resolveAccounts, type SetupIssue, validateReferences } from "./validate-setup.ts";
import { validateResources } from "./validate-setup-resources.ts";

type Obj = Record<string, unknown>;

export interface LoadSetupOptions {
  /** Where `extends` and fixture `file:` paths of an in-memory setup resolve from (default: cwd). */
  baseDir?: string;
}

const EXAMPLE = "fixtures/setups/seed.yaml";

/** Why `path` cannot be read as a setup file, or undefined when it can. */
function unreadable(path: string): string | undefined {
  const stat = existingStat(path);
  if (!stat) return `no such file ${shownPath(path)}; expected a YAML or JSON setup such as ${EXAMPLE}`;
  if (!stat.isFile())
    return `${shownPath(path)} is a directory; expected a YAML or JSON setup file such as ${EXAMPLE}`;
  return undefined;
}

/** Parsed files by path, checked against size and mtime on every read: an extends chain's base (the
 *  seed, under every scenario) is parsed once per process rather than once per file extending it
 *  (and a YAML text once per cache folder: parsed-setup-cache.ts).
 *  Callers get their own copy of the value; the document and line index are only read. */
const parsedLayers = new Map<
  string,
  { size: number; mtimeMs: number; layer: ReturnType<typeof parseSetupSource> }
>();
const PARSED_LAYERS_KEPT = 256;

function parsedLayer(path: string): ReturnType<typeof parseSetupSource> {
  const { size, mtimeMs } = statSync(path);
  const cached = parsedLayers.get(path);
  let layer = cached && cached.size === size && cached.mtimeMs === mtimeMs ? cached.layer : undefined;
  if (!layer) {
    const text = readFileSync(path, "utf8");
    // A YAML text parsed by an earlier process (parsed-setup-cache.ts): its value without positions,
    // which a problem's message gets by parsing the text then.
    const kept = cachedSetupValue(text);
    if (kept !== undefined) layer = { file: path, value: kept as Obj, text };
    else {
      layer = parseSetupSource(path, text);
      if (layer.doc && !layer.error) keepSetupValue(text, layer.value);
    }
    if (parsedLayers.size >= PARSED_LAYERS_KEPT)
      parsedLayers.delete(parsedLayers.keys().next().value as string);
    parsedLayers.set(path, { size, mtimeMs, layer });
  }
  return { ...layer, value: structuredClone(layer.value) };
}

function readSetupFile(path: string): SetupLayerSource {
  const problem = unreadable(path);
  if (problem) throw new SetupValidationError(shownPath(path), [{ path: [], message: problem }]);
  const tooLarge = fileSizeIssue(path);
  if (tooLarge) throw new SetupValidationError(shownPath(path), [tooLarge]);
  // YAML 1.2 is a superset of JSON, so one parser reads both.
  const layer = parsedLayer(path);
  if (layer.error) {
    throw new SetupValidationError(shownPath(path), [
      { path: [], message: `cannot parse: ${layer.error.message.split("\n")[0]}` },
    ]);
  }
  const value = layer.value as unknown;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SetupValidationError(shownPath(path), [
      {
        path: [],
        message: "expected a mapping with accounts, roles, … (see fixtures/setups/seed.yaml)",
        where: { file: shownPath(path), line: 1, column: 1, path: [] },
      },
    ]);
  }
  return layer;
}

/** The layers of an extends chain, base first (`sources` holds the file layers, for positions). */
function collectLayers(top: Obj, baseDir: string, file: string, sources: SetupLayerSource[]): Obj[] {
  const source = shownPath(file);
  const layers: Obj[] = [top];
  const seen = new Set<string>([file]);
  let current = top;
  let dir = baseDir;
  let from = sources[0];
  while (current.extends !== undefined) {
    const where = (message: string): SetupIssue => {
      const issue: SetupIssue = { path: ["extends"], message };
      if (from) issue.where = locateIssue(from.value, [from], ["extends"], new Map());
      return issue;
    };
    if (typeof current.extends !== "string" || current.extends === "")
      throw new SetupValidationError(source, [
        where(`expected the path of the setup this one extends, e.g. extends: ../setups/seed.yaml`),
      ]);
    const path = resolve(dir, current.extends);
    if (seen.has(path))
      throw new SetupValidationError(source, [where(`extends cycle through ${shownPath(path)}`)]);
    const problem = unreadable(path);
    if (problem)
      throw new SetupValidationError(source, [where(`${problem} (relative to ${shownPath(dir)})`)]);
    seen.add(path);
    from = readSetupFile(path);
    sources.unshift(from);
    current = from.value;
    dir = dirname(path);
    layers.unshift(current);
  }
  return layers;
}

function aliasesOf(layers: Obj[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const layer of layers)
    for (const a of Array.isArray(layer.accounts) ? layer.accounts : [])
      if (a && typeof a.id === "string" && typeof a.alias === "string") aliases.set(a.alias, a.id);
  return aliases;
}

export function loadSetup(input: SetupInput | SetupLayer | string, options: LoadSetupOptions = {}): Setup {
  const source = typeof input === "string" ? resolve(input) : "(inline setup)";
  const baseDir = typeof input === "string" ? dirname(source) : resolve(options.baseDir ?? ".");
  const sources: SetupLayerSource[] = [];
  let top: Obj;
  if (typeof input === "string") {
    const layer = readSetupFile(source);
    sources.push(layer);
    top = layer.value;
  } else {
    top = structuredClone(input) as Obj;
    sources.push({ file: source, value: top });
  }
  const layers = collectLayers(top, baseDir, source, sources);
  // Each layer first (merging thousands of entries is itself slow), then the merged whole.
  for (const layer of layers) {
    const over = countIssues(layer);
    if (over.length > 0) throw new SetupValidationError(shownPath(source), over);
  }
  const merged = mergeSetups(layers);
  const overLimits = countIssues(merged);
  if (overLimits.length > 0) throw new SetupValidationError(shownPath(source), overLimits);
  const aliases = aliasesOf(layers);
  const located = (issues: SetupIssue[]) =>
    issues.map((i) => ({ ...i, where: i.where ?? locateIssue(merged, sources, i.path, aliases) }));

  const parsed = setupSchema.safeParse(merged, { error: wordedIssue });
  if (!parsed.success) {
    const issues: SetupIssue[] = parsed.error.issues.map((i) => ({
      // An unknown field is placed at the field itself, not at the mapping around it.
      path: [...i.path, ...(i.code === "unrecognized_keys" ? i.keys.slice(0, 1) : [])].map((p) =>
        typeof p === "symbol" ? String(p) : p,
      ),
      message: i.message,
    }));
    throw new SetupValidationError(shownPath(source), located(issues));
  }
  const setup = parsed.data;
  const issues: SetupIssue[] = [];
  resolveAccounts(setup, issues);
  validateReferences(setup, issues);
  validateResources(setup, baseDir, issues);
  if (issues.length > 0) throw new SetupValidationError(shownPath(source), located(issues));
  return { ...setup, baseDir };
}
