/**
 * `chaincheck run --scenario NAME`: the scenario's setup file (or its fix), found among the bundled
 * scenarios (helpers/scenarios/scenario-list.ts).
 */
import { closeNames } from "../diagnosis/read/close-names.ts";
import { FIX_SUFFIX, listScenarios, type ScenarioInfo } from "../scenarios/scenario-list.ts";
import { UsageError } from "./usage-error.ts";

/** The setup file for `--scenario NAME` (or `NAME.fix`); unknown → UsageError listing close names. */
export function scenarioSetup(name: string): { file: string; scenario: ScenarioInfo; fix: boolean } {
  const scenarios = listScenarios();
  const fix = name.endsWith(".fix");
  const base = fix ? name.slice(0, -".fix".length) : name;
  const scenario = scenarios.find((s) => s.name === base);
  if (!scenario) {
    const close = closeNames(
      base,
      scenarios.map((s) => s.name),
    );
    throw new UsageError(
      `--scenario: no scenario "${name}"${close.length ? `; close names: ${close.join(", ")}` : ""} (chaincheck scenarios lists them all)`,
    );
  }
  if (fix && !scenario.fixFile) throw new UsageError(`--scenario: ${base} has no ${base}${FIX_SUFFIX}`);
  return { file: fix ? (scenario.fixFile as string) : scenario.file, scenario, fix };
}
