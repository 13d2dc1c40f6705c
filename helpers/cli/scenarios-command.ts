/**
 * `chaincheck scenarios [--format console|json]`: the bundled broken-setup scenarios and the
 * link/cause each must show (docs/contracts.md). `chaincheck run --scenario NAME` runs one.
 * Exit 0; 1 when a scenario file is broken (listed with its problem, so CI notices).
 */
import { FIX_SUFFIX, type ScenarioInfo } from "../scenarios/scenario-info.ts";
import { cachedScenarioList } from "../scenarios/scenario-list-cache.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

export async function runScenariosCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { format: { type: "string", default: "console" } });
  const format = values.format as string;
  if (format !== "console" && format !== "json")
    throw new UsageError(`--format: expected console or json, got "${format}"`);
  if (positionals.length > 0)
    throw new UsageError(`scenarios takes no arguments; run one with run --scenario`);
  const scenarios = await cachedScenarioList();
  if (format === "json") console.log(JSON.stringify(scenarios.map(toJson), null, 2));
  else console.log(formatTable(scenarios));
  return scenarios.some((s) => s.problem) ? 1 : 0;
}

function toJson(s: ScenarioInfo) {
  return {
    name: s.name,
    link: s.expect?.link ?? null,
    cause: s.expect?.cause ?? null,
    description: s.description,
    fix: Boolean(s.fixFile),
    ...(s.problem ? { problem: s.problem } : {}),
  };
}

function formatTable(scenarios: ScenarioInfo[]): string {
  if (scenarios.length === 0) return "no scenarios in fixtures/scenarios/";
  const rows = scenarios.map((s) => [s.name, s.expect?.link ?? "?", s.expect?.cause ?? "?", s.description]);
  const head = ["name", "link", "cause", "description"];
  const widths = [0, 1, 2].map((i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join("  ");
  const problems = scenarios.filter((s) => s.problem).map((s) => `problem in ${s.name}: ${s.problem}`);
  return [
    line(head),
    ...rows.map(line),
    "",
    `${scenarios.length} scenarios; run one with: chaincheck run --scenario NAME (NAME${FIX_SUFFIX.replace(".yaml", "")} runs its fix)`,
    ...problems,
  ].join("\n");
}
