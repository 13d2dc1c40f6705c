/**
 * docs/setup-format.md's field reference and docs/setup.schema.json, both generated from the zod
 * setup schema (emulator/world/setup-schema*.ts) with the notes of setup-field-notes.ts, so neither
 * can drift from what the loader accepts. The JSON Schema is for editors (YAML language server):
 * a file without `extends:` must be a whole setup; a layer (with `extends:`) may give any subset,
 * and `null` anywhere, since it is checked only once merged.
 * `node bin/run-ts.js helpers/docs/setup-format.ts --write` rewrites both (the JSON as Biome formats it);
 * test/docs/setup-format.test.ts fails when either is stale.
 *
 * Known gaps: cross-field rules (exactly one of an S3 object's `body`/`file`, the chain's
 * contradictions) are enforced by the loader, not expressed in the JSON Schema.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as z from "zod";
import { setupSchema } from "../../emulator/world/setup-schema.ts";
import { fieldNote } from "./setup-field-notes.ts";

type Node = {
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  anyOf?: Node[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  additionalProperties?: Node | boolean;
  description?: string;
  [key: string]: unknown;
};

const SAFE = 9007199254740991;

/** The setup schema as JSON Schema (draft-07, input side: fields with defaults are optional). */
function baseSchema(): Node {
  const schema = z.toJSONSchema(setupSchema, { io: "input", target: "draft-7" }) as Node;
  delete schema.$schema;
  const clean = (node: Node, path: string): void => {
    if (node.minimum === -SAFE) delete node.minimum;
    if (node.maximum === SAFE) delete node.maximum;
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const childPath = path ? `${path}.${key}` : key;
      const note = fieldNote(childPath);
      if (note) child.description = note;
      clean(child, childPath);
    }
    if (node.items) clean(node.items, `${path}[]`);
    for (const alt of node.anyOf ?? []) clean(alt, path);
    if (typeof node.additionalProperties === "object") clean(node.additionalProperties, `${path}.*`);
  };
  clean(schema, "");
  return schema;
}

/** A layer: every field optional and nullable (`null` removes a key when merged). */
function layerOf(node: Node): Node {
  const out: Node = { ...node };
  delete out.required;
  delete out.minItems;
  if (node.properties) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([key, child]) => [
        key,
        {
          anyOf: [layerOf(child), { type: "null" }],
          ...(child.description ? { description: child.description } : {}),
        },
      ]),
    );
  }
  if (node.items) out.items = layerOf(node.items);
  if (node.anyOf) out.anyOf = node.anyOf.map(layerOf);
  return out;
}

export function setupJsonSchema(): Node {
  const whole = baseSchema();
  const layer = layerOf(whole);
  (layer.properties as Record<string, Node>).extends = whole.properties?.extends as Node;
  layer.required = ["extends"];
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://chaincheck.dev/schemas/setup.schema.json",
    title: "chaincheck setup file",
    description:
      "A world for the embedded AWS and the chain the harness checks (docs/setup-format.md). With `extends:`, a layer over another setup.",
    if: { type: "object", required: ["extends"] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a thenable
    then: { $ref: "#/definitions/layer" },
    else: { $ref: "#/definitions/setup" },
    definitions: { setup: whole, layer },
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function typeOf(node: Node): string {
  if (node.anyOf) return [...new Set(node.anyOf.map(typeOf))].join(" or ");
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" or ");
  if (node.type === "array") {
    const items = node.items ?? {};
    const what = items.properties ? "objects (below)" : typeOf(items);
    return `list of ${what}${node.minItems ? ` (at least ${node.minItems})` : ""}`;
  }
  if (node.type === "object") {
    if (node.properties) return "object (below)";
    const values = typeof node.additionalProperties === "object" ? typeOf(node.additionalProperties) : "any";
    return `map of string to ${values}`;
  }
  if (node.type === "integer" || node.type === "number") {
    const range =
      node.minimum !== undefined && node.maximum !== undefined
        ? ` ${node.minimum}–${node.maximum}`
        : node.minimum !== undefined
          ? ` ≥ ${node.minimum}`
          : "";
    return `${node.type}${range}`;
  }
  if (node.type === "string") {
    if (node.format) return `string (${String(node.format)})`;
    if (node.pattern) return `string matching \`${node.pattern}\``;
    const length =
      node.minLength !== undefined && node.maxLength !== undefined
        ? ` of ${node.minLength}–${node.maxLength} characters`
        : node.minLength
          ? ` (not empty)`
          : node.maxLength !== undefined
            ? ` of at most ${node.maxLength} characters`
            : "";
    return `string${length}`;
  }
  if (node.type === "boolean" || node.type === "null") return node.type;
  return "any";
}

/** One table per object of the schema, depth first; a shape already shown is referred to. */
export function fieldReference(): string {
  const out: string[] = [];
  const seen = new Map<string, string>();
  const table = (node: Node, title: string, path: string) => {
    const key = JSON.stringify(node);
    const earlier = seen.get(key);
    if (earlier) {
      out.push(`### \`${title}\``, "", `Same fields as \`${earlier}\`.`, "");
      return;
    }
    seen.set(key, title);
    const rows = Object.entries(node.properties ?? {}).map(([name, child]) => {
      const required = node.required?.includes(name) ? "yes" : "";
      const fallback = child.default === undefined ? "" : `\`${JSON.stringify(child.default)}\``;
      return `| \`${name}\` | ${cell(typeOf(child))} | ${required} | ${cell(fallback)} | ${cell(child.description ?? "")} |`;
    });
    out.push(`### \`${title}\``, "");
    if (node.description && path) out.push(node.description, "");
    out.push("| field | type | required | default | meaning |", "|---|---|---|---|---|", ...rows, "");
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const childPath = path ? `${path}.${name}` : name;
      const forms = child.anyOf?.filter((shape) => shape.properties) ?? [];
      for (const shape of [child, ...(child.anyOf ?? [])]) {
        const title =
          forms.length > 1 && forms.includes(shape)
            ? `${childPath}\` as \`{ ${Object.keys(shape.properties ?? {}).join(", ")} }`
            : childPath;
        if (shape.properties) table({ ...shape, description: child.description }, title, childPath);
        if (shape.items?.properties)
          table({ ...shape.items, description: child.description }, `${childPath}[]`, `${childPath}[]`);
      }
    }
  };
  table(baseSchema(), "(top level)", "");
  return out.join("\n").trimEnd();
}

export function renderSetupFormat(text: string): string {
  const start = "<!-- generated:setup-fields -->";
  const end = "<!-- /generated:setup-fields -->";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`docs/setup-format.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${fieldReference()}\n${text.slice(to)}`;
}

export function renderSetupJsonSchema(): string {
  return `${JSON.stringify(setupJsonSchema(), null, 2)}\n`;
}

if (process.argv[2]?.endsWith("setup-format.ts")) {
  const md = new URL("../../docs/setup-format.md", import.meta.url).pathname;
  const json = new URL("../../docs/setup.schema.json", import.meta.url).pathname;
  const next = renderSetupFormat(readFileSync(md, "utf8"));
  if (process.argv.includes("--write")) {
    writeFileSync(md, next);
    writeFileSync(json, renderSetupJsonSchema());
    execFileSync("npx", ["biome", "format", "--write", json], { stdio: "ignore" });
  } else console.log(next);
}
