/**
 * Where a setup problem is in the files the user wrote: the merged setup's path (`roles[1].name`)
 * → the layer of the `extends` chain that wrote that value, the path inside that file and its line
 * and column (the `yaml` package keeps every node's source range). A merged element of a named
 * array (roles, users, buckets, …) is found in a layer by its identity, the way merge-setups.ts
 * matched it; any other array was replaced whole by the last layer that wrote it.
 *
 * A JSON file is read with `JSON.parse` (json-setup-text.ts) and parsed again with positions only
 * when a problem has to be placed in it.
 *
 * Known gaps: a value the merge produced from several layers (an object merged key by key) is
 * placed at the deepest layer that writes the path; inline (object) setups have no positions.
 */
import { relative } from "node:path";
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { parseJsonSetupText } from "./json-setup-text.ts";

type Obj = Record<string, unknown>;

export interface SetupLayerSource {
  file: string;
  value: Obj;
  /** Absent for an inline (object) layer, which has no lines, and for JSON read without positions. */
  doc?: Document;
  lines?: LineCounter;
  /** The file's text, when `doc` is left to be parsed if a problem needs a position. */
  text?: string;
}

export interface IssueLocation {
  file: string;
  line: number;
  column: number;
  /** The path inside that file. */
  path: (string | number)[];
}

/** Parses one setup file keeping source positions; throws the yaml package's error on bad YAML. */
export function parseSetupSource(file: string, text: string): SetupLayerSource & { error?: Error } {
  const json = parseJsonSetupText(text);
  if (json) return { file, value: json as Obj, text };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const error = doc.errors[0];
  return { file, value: (error ? {} : doc.toJS()) as Obj, doc, lines, error };
}

const IDENTITY_FIELDS = ["id", "name", "key", "accessKeyId"] as const;

function identity(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  for (const field of IDENTITY_FIELDS) {
    const value = (v as Obj)[field];
    if (typeof value === "string") return `${field}=${value}`;
  }
  return undefined;
}

/**
 * The merged path translated into `layer`'s own path, as far as the layer writes it. `whole`: the
 * path crossed an array of unnamed elements, which the last layer writing it replaced whole, so
 * that layer owns everything below, whatever the layers under it say.
 */
function translate(
  merged: unknown,
  layer: unknown,
  path: readonly (string | number)[],
  sameAccount: (a: unknown, b: unknown) => boolean,
): { path: (string | number)[]; whole: boolean } {
  const out: (string | number)[] = [];
  let whole = false;
  let m = merged;
  let l = layer;
  for (const segment of path) {
    if (typeof segment === "number") {
      if (!Array.isArray(m) || !Array.isArray(l)) break;
      const element = m[segment];
      const id = identity(element);
      if (!id) whole = true;
      const index = id
        ? l.findIndex((e) => identity(e) === id && sameAccount((e as Obj).account, (element as Obj).account))
        : segment < l.length
          ? segment
          : -1;
      if (index < 0) break;
      out.push(index);
      m = element;
      l = l[index];
    } else {
      if (typeof l !== "object" || l === null || Array.isArray(l) || !(segment in (l as Obj))) break;
      out.push(segment);
      m = typeof m === "object" && m !== null ? (m as Obj)[segment] : undefined;
      l = (l as Obj)[segment];
    }
  }
  return { path: out, whole };
}

/** Line and column of the node at `path`: a field's name for a mapping entry, else the node. */
function position(
  layer: Required<SetupLayerSource>,
  path: (string | number)[],
): { line: number; column: number } {
  let node: unknown = layer.doc.contents;
  let at: unknown = node;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
      at = pair?.key ?? node;
      node = pair?.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      at = node;
    } else break;
  }
  const offset = (at as { range?: [number, number, number] } | undefined)?.range?.[0] ?? 0;
  const { line, col } = layer.lines.linePos(offset);
  return { line, column: col };
}

/** Where in the user's files the merged setup's `path` was written (layers base first). */
export function locateIssue(
  merged: Obj,
  layers: readonly SetupLayerSource[],
  path: readonly (string | number)[],
  aliases: ReadonlyMap<string, string>,
): IssueLocation | undefined {
  if (layers.length === 0) return undefined;
  const account = (v: unknown) => (typeof v === "string" ? (aliases.get(v) ?? v) : v);
  const sameAccount = (a: unknown, b: unknown) =>
    a === undefined || b === undefined || account(a) === account(b);
  let best: { layer: SetupLayerSource; path: (string | number)[] } | undefined;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as SetupLayerSource;
    const { path: inLayer, whole } = translate(merged, layer.value, path, sameAccount);
    if (!best || inLayer.length > best.path.length || whole) best = { layer, path: inLayer };
    if (inLayer.length === path.length || whole) break;
  }
  const chosen = best as { layer: SetupLayerSource; path: (string | number)[] };
  if (!chosen.layer.doc && chosen.layer.text !== undefined) {
    chosen.layer.lines = new LineCounter();
    chosen.layer.doc = parseDocument(chosen.layer.text, { lineCounter: chosen.layer.lines });
  }
  if (!chosen.layer.doc) return undefined;
  const layer = chosen.layer as Required<SetupLayerSource>;
  return { file: shownPath(layer.file), ...position(layer, chosen.path), path: chosen.path };
}

/** A path as the user would type it: relative to the working directory when under it. */
export function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}
