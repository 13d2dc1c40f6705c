import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { setupSchema } from "../../emulator/world/setup-schema.ts";
import { fieldNote } from "../../helpers/docs/setup-field-notes.ts";
import { renderSetupFormat, setupJsonSchema } from "../../helpers/docs/setup-format.ts";

const DOCS = new URL("../../docs/", import.meta.url).pathname;
const FIXTURES = new URL("../../fixtures/", import.meta.url).pathname;
const fixtureFiles = ["setups", "scenarios"].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(FIXTURES, dir, f)),
);

const validate = new Ajv({ allErrors: true, allowUnionTypes: true, validateFormats: false }).compile(
  JSON.parse(readFileSync(join(DOCS, "setup.schema.json"), "utf8")),
);

function fieldPaths(node: Record<string, unknown>, path: string, out: string[]): string[] {
  for (const [key, child] of Object.entries(
    (node.properties ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    const childPath = path ? `${path}.${key}` : key;
    out.push(childPath);
    fieldPaths(child, childPath, out);
  }
  const items = node.items as Record<string, unknown> | undefined;
  if (items) fieldPaths(items, `${path}[]`, out);
  for (const alt of (node.anyOf ?? []) as Record<string, unknown>[]) fieldPaths(alt, path, out);
  return out;
}

describe("the setup format's generated docs", () => {
  test("docs/setup-format.md's field reference matches the schema", () => {
    const text = readFileSync(join(DOCS, "setup-format.md"), "utf8");
    expect(renderSetupFormat(text)).toBe(text);
  });

  test("docs/setup.schema.json matches the schema", () => {
    expect(JSON.parse(readFileSync(join(DOCS, "setup.schema.json"), "utf8"))).toEqual(setupJsonSchema());
  });

  test("every field of the schema has a note", () => {
    const schema = z.toJSONSchema(setupSchema, { io: "input" }) as Record<string, unknown>;
    const paths = fieldPaths(schema, "", []);
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.filter((p) => fieldNote(p) === undefined)).toEqual([]);
  });
});

describe("docs/setup.schema.json", () => {
  test.each(fixtureFiles)("accepts %s, which names it on its first line", (file) => {
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../docs/setup.schema.json");
    expect(validate(parseYaml(text)) ? [] : validate.errors).toEqual([]);
  });

  test("refuses a whole setup with a misspelt field, a missing account list or a bad account id", () => {
    expect(validate({ accounts: [{ id: "111111111111" }], rolez: [] })).toBe(false);
    expect(validate({ users: [] })).toBe(false);
    expect(validate({ accounts: [{ id: "1111" }] })).toBe(false);
  });

  test("takes a layer's nulls and partial elements but not a misspelt field", () => {
    expect(validate({ extends: "./seed.yaml", chain: { dbUser: null }, roles: [{ name: "r" }] })).toBe(true);
    expect(validate({ extends: "./seed.yaml", chain: { dbUsr: "x" } })).toBe(false);
  });
});
