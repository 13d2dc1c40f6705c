import { readFileSync } from "node:fs";
import { Ajv } from "ajv";

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../docs/${name}`, import.meta.url), "utf8"));

/** docs/report.schema.json and docs/report-runs.schema.json, compiled once. */
export function reportValidators() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addSchema(load("report.schema.json"));
  const runs = ajv.compile(load("report-runs.schema.json"));
  const report = ajv.getSchema("https://chaincheck.dev/schemas/report.schema.json");
  if (!report) throw new Error("report.schema.json did not compile");
  const errors = (validate: typeof runs) =>
    (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  return {
    report: (value: unknown) => (report(value) ? [] : errors(report)),
    runs: (value: unknown) => (runs(value) ? [] : errors(runs)),
  };
}
