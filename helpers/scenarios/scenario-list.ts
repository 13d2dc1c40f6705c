/**
 * The bundled scenarios (docs/contracts.md, docs/failures.md): every `fixtures/scenarios/*.yaml`
 * except `*.fix.yaml` is a broken setup that declares `expect: { link, cause }`; `<name>.fix.yaml`
 * beside it applies the diagnosis's fix as a setup layer and must run green.
 *
 * Files are loaded with the emulator's own loader (extends chain, schema, references), so a
 * scenario that would not start is reported here as a `problem`, not discovered mid-run.
 *
 * Known gaps: a scenario's `expect` may be inherited through `extends` (a variant of another
 * scenario); nothing checks that the expected cause's catalog link equals `expect.link`, because
 * some causes (explicit-deny) can show at any link.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
// The setup loader's own modules, not emulator/index.ts: `chaincheck scenarios` validates setup
// files without loading the emulator's services, SQL engine and SDK-facing code.
import { loadSetup } from "../../emulator/world/load-setup.ts";
import { SetupValidationError } from "../../emulator/world/setup-validation-error.ts";
import { isCauseId } from "../diagnosis/catalog/causes.ts";
import { LINK_IDS, type LinkId } from "../links.ts";
import { FIX_SUFFIX, type ScenarioInfo } from "./scenario-info.ts";

export { FIX_SUFFIX, type ScenarioExpect, type ScenarioInfo } from "./scenario-info.ts";

export function scenariosDir(): string {
  return new URL("../../fixtures/scenarios/", import.meta.url).pathname;
}

function describeProblem(error: unknown): string {
  if (error instanceof SetupValidationError) return error.message;
  return (error as Error).message;
}

/** Reads one scenario file (its merged setup) into a ScenarioInfo. */
export function readScenario(file: string, name: string): ScenarioInfo {
  const fix = file.replace(/\.yaml$/, FIX_SUFFIX);
  const info: ScenarioInfo = { name, file, description: "" };
  if (existsSync(fix)) info.fixFile = fix;
  try {
    const setup = loadSetup(file);
    info.description = setup.description ?? "";
    const expect = setup.expect;
    if (!expect) info.problem = "no expect: { link, cause } (what the harness must report)";
    else if (!(LINK_IDS as readonly string[]).includes(expect.link))
      info.problem = `expect.link ${expect.link} is not a link id (${LINK_IDS.join(", ")})`;
    else if (!isCauseId(expect.cause))
      info.problem = `expect.cause ${expect.cause} is not in the cause catalog (helpers/diagnosis/catalog/causes.ts)`;
    if (expect && isCauseId(expect.cause))
      info.expect = {
        link: expect.link as LinkId,
        cause: expect.cause,
        ...(expect.settled === undefined ? {} : { settled: expect.settled }),
      };
  } catch (error) {
    info.problem = describeProblem(error);
  }
  return info;
}

/** Every scenario in `dir`, sorted by name (`*.fix.yaml` are attached to theirs, not listed). */
export function listScenarios(dir: string = scenariosDir()): ScenarioInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && !f.endsWith(FIX_SUFFIX))
    .sort()
    .map((f) => readScenario(join(dir, f), f.slice(0, -".yaml".length)));
}

/** `*.fix.yaml` files whose scenario file is missing (a typo in the name). */
export function orphanFixFiles(dir: string = scenariosDir()): string[] {
  if (!existsSync(dir)) return [];
  const files = new Set(readdirSync(dir));
  return [...files]
    .filter((f) => f.endsWith(FIX_SUFFIX))
    .filter((f) => !files.has(f.slice(0, -FIX_SUFFIX.length) + ".yaml"));
}
