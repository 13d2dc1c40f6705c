/**
 * The generated fixes of every bundled failing scenario, in the scenario sweep's shards
 * (test/scenarios/scenario-sweep.ts). Per scenario, origin `local`:
 * 1. the generated setup layer alone (not the hand-written `.fix.yaml`), applied and rerun up to
 *    MAX_FIX_STEPS times as --verify-fix does, must turn the chain green;
 * 2. the same steps as AWS CLI commands, parsed with the CLI's argument shapes and run as SDK
 *    calls against the sweep's emulator of the broken setup (after its snapshot and its failing
 *    run, as a user would apply them), must turn it green too (a chain-config change has no
 *    command: its CHAINCHECK_* settings must equal its layer's chain fields);
 * 3. every generated policy document must parse with the project's policy engine;
 * 4. the generated layer must change the same parts of the setup as the hand-written `.fix.yaml`
 *    (equivalence by touched parts; the hand-written fix's own green run is the scenario self-test's).
 * Exceptions are named with their reason and asserted, never skipped.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { type ChainConfig, parseChainConfig } from "../../../config/chain-config.ts";
import type { RunningEmulator, Setup } from "../../../emulator/index.ts";
import { loadSetup, startEmulator } from "../../../emulator/index.ts";
import type { FixStep } from "../../../helpers/fix/fix-types.ts";
import { combinedLayer, generateFix, isFixStep } from "../../../helpers/fix/generate-fix.ts";
import { cliCommands, policyDocuments } from "../../../helpers/fix/render-fix.ts";
import { MAX_FIX_STEPS } from "../../../helpers/fix/verify-fix.ts";
import type { Report } from "../../../helpers/report/types.ts";
import { fixMismatches } from "../../../helpers/scenarios/run-scenario.ts";
import type { ScenarioInfo } from "../../../helpers/scenarios/scenario-list.ts";
import { parsePolicy } from "../../../policy/parse-policy.ts";
import type { ScenarioSweep } from "../../scenarios/scenario-sweep.ts";
import { runLocalChain } from "../../support/local-chain.ts";
import { executeAwsCommand, NOT_EMULATED, parseAwsCommand } from "./aws-cli-commands.ts";
import { touchedParts } from "./touched-parts.ts";

/** Scenarios whose generated layer does not turn the chain green, and why (none today). */
export const NOT_GREEN_BY_LAYER: Record<string, string> = {};

/** Scenarios whose CLI commands cannot all run on the emulator, and why: their commands are parsed, not run. */
export const CLI_NOT_RUN: Record<string, string> = {
  "copy-kms-denied--key-policy-unreadable":
    "the key policy grants kms:* only to chaincheck-key-admin, so kms:PutKeyPolicy must run as that role after assuming it; the test runs each command as the account's administrator user, whom the key policy refuses exactly as AWS would",
  "copy-assumerole-privilege-missing":
    "the fix is SQL `GRANT ASSUMEROLE … FOR COPY`, which the emulator's database does not model (emulator/redshift/copy-runner/assumerole-privilege.ts reads the setup's grants)",
  "db-user-missing":
    "the fix is SQL `CREATE USER … PASSWORD DISABLE` and `GRANT ASSUMEROLE`: the emulator's Redshift logins and ASSUMEROLE come from the setup's dbUsers and grants, not from SQL",
};

/** Scenarios whose generated fix changes other parts of the setup than the hand-written one, and why. */
export const OTHER_PARTS: Record<string, string> = {
  "explicit-deny--boundary":
    "the generated fix makes a new boundary policy without the Deny and sets it on the execution role (create-policy, put-role-permissions-boundary), leaving a boundary other roles may share untouched; the hand-written fix edits the boundary policy in place",
  "secret-unreadable":
    "the generated fix allows B's role secretsmanager:GetSecretValue on the secret's ARN (an inline policy: narrower, and a CLI command the emulator serves); the hand-written fix restores the RedshiftDataFullAccess tag that AmazonRedshiftDataFullAccess keys on",
  "secret-malformed":
    "the generated fix sets a newly generated password on both the secret and the DB user (it never copies a password out of the setup); the hand-written fix writes the DB user's existing password into the secret",
  "serverless-credentials-denied":
    "the generated fix allows B's role redshift-serverless:GetCredentials by an inline policy; the hand-written fix tags the workgroup RedshiftDataFullAccess (a tag the AWS managed policy keys on)",
};

/** How many fix steps a scenario needs (one, unless it has several breaks). */
export const STEPS: Record<string, number> = { "caller-policy-missing-assume-role--two-breaks": 2 };

/** The report a scenario's break run gives (the scenario self-test asserts it): the declared link failed with the declared cause. */
function declaredReport(scenario: ScenarioInfo): Report {
  const link = scenario.expect?.link as Report["links"][number]["id"];
  return {
    schemaVersion: 1,
    target: "embedded",
    origin: "local",
    startedAt: new Date(0).toISOString(),
    durationMs: 0,
    verdict: "fail",
    failedLink: link,
    links: [
      {
        id: link,
        status: "fail",
        diagnosis: { cause: scenario.expect?.cause as never, side: "A", summary: "", fix: "", settled: true },
      },
    ],
    notes: [],
  };
}

function isGreen(report: Report): boolean {
  return fixMismatches(report).length === 0;
}

/** The generated steps applied as setup layers, rerun until green or MAX_FIX_STEPS (as --verify-fix
 *  does), each on a fresh emulator. */
async function layerSteps(
  scenario: ScenarioInfo,
): Promise<{ steps: FixStep[]; report: Report; problems: string[] }> {
  const steps: FixStep[] = [];
  let setup: Setup = loadSetup(scenario.file);
  let report = declaredReport(scenario);
  const problems: string[] = [];
  while (!isGreen(report) && steps.length < MAX_FIX_STEPS) {
    const step = generateFix(setup, report);
    if (!isFixStep(step)) {
      problems.push(step.reason);
      break;
    }
    steps.push(step);
    await using emu = await startEmulator({
      setup: { extends: scenario.file, ...combinedLayer(steps.flatMap((s) => s.changes)) },
    });
    setup = emu.world.setup;
    report = await runLocalChain(emu);
  }
  return { steps, report, problems };
}

function principalOf(emu: RunningEmulator) {
  const [a, b] = emu.world.setup.accounts;
  return (profile: string | undefined) => {
    if (profile === `${a.alias}-root` || profile === "account-a-root") return `${a.id}:root`;
    if (profile === a.alias || profile === "account-a") return `${a.id}:tester`;
    if (profile === b.alias || profile === "account-b") return `${b.id}:admin`;
    const other = emu.world.setup.accounts.find((x) => profile === x.alias || profile === `account-${x.id}`);
    if (other) return `${other.id}:root`;
    throw new Error(`no administrator for profile ${profile}`);
  };
}

/** The password the secret-malformed fix's $DB_PASSWORD stands for: the chain's DB user's in the setup. */
function cliVariables(setup: Setup): Record<string, string> {
  const user = setup.redshiftClusters.flatMap((c) => c.dbUsers).find((u) => u.password);
  return user?.password ? { DB_PASSWORD: user.password } : {};
}

/** The steps as AWS CLI commands run on `emu` (serving the broken setup), then the chain. */
async function cliRun(emu: RunningEmulator, steps: FixStep[]): Promise<Report> {
  let overrides: Partial<ChainConfig> = {};
  const variables = cliVariables(emu.world.setup);
  for (const change of steps.flatMap((s) => s.changes)) {
    for (const line of cliCommands(change))
      await executeAwsCommand(emu, parseAwsCommand(line, variables), principalOf(emu));
    const chain = change.layer.chain as Record<string, unknown> | undefined;
    if (chain)
      overrides = {
        ...overrides,
        ...parseChainConfig({ ...emu.world.setup.chain, ...overrides, ...chain }, "setup"),
      };
  }
  return runLocalChain(emu, overrides);
}

function handWrittenLayer(scenario: ScenarioInfo): Record<string, unknown> {
  const {
    extends: _base,
    description: _description,
    ...layer
  } = parse(readFileSync(scenario.fixFile as string, "utf8")) as Record<string, unknown>;
  return layer;
}

/** Whether the steps' AWS CLI commands run on the emulator (else they are only parsed or compared). */
function cliRuns(name: string, steps: FixStep[]): boolean {
  const changes = steps.flatMap((s) => s.changes);
  return !changes.every((c) => c.where === "chain config") && !(name in CLI_NOT_RUN);
}

export interface GeneratedFixRuns {
  steps: FixStep[];
  /** The report after the last setup layer. */
  report: Report;
  problems: string[];
  /** The report after the CLI commands, when they run (cliRuns). */
  cliReport?: Report;
}

/** The generated fix's runs for `scenario`; its CLI commands run on `emu`, an emulator of its broken setup. */
export async function generatedFixRuns(
  scenario: ScenarioInfo,
  emu: RunningEmulator,
): Promise<GeneratedFixRuns> {
  const { steps, report, problems } = await layerSteps(scenario);
  const cliReport = cliRuns(scenario.name, steps) ? await cliRun(emu, steps) : undefined;
  return { steps, report, problems, ...(cliReport ? { cliReport } : {}) };
}

export function defineFixRuns(sweep: ScenarioSweep): void {
  const scenarios = sweep.scenarios.filter((s) => s.expect);
  describe.concurrent(`generated fixes of the bundled scenarios (shard ${sweep.shard + 1} of ${sweep.of})`, () => {
    for (const scenario of scenarios) {
      const name = scenario.name;
      test(`${name}: the generated fix turns the chain green, as setup layer and as AWS CLI commands`, {
        timeout: sweep.timeout,
      }, async () => {
        const { steps, report, problems, cliReport } = await sweep.fix(scenario);
        expect(problems).toEqual([]);
        expect(isGreen(report)).toBe(!(name in NOT_GREEN_BY_LAYER));
        expect(steps.length).toBe(STEPS[name] ?? 1);

        for (const change of steps.flatMap((s) => s.changes))
          for (const doc of policyDocuments(change))
            expect(() => parsePolicy(doc.document, doc.kind)).not.toThrow();

        const lines = steps.flatMap((s) => s.changes.flatMap(cliCommands));
        const variables = { DB_PASSWORD: "x" };
        for (const line of lines)
          if (!NOT_EMULATED.has(line.split(" ").slice(1, 3).join(" ")))
            expect(() => parseAwsCommand(line, variables)).not.toThrow();
        const changes = steps.flatMap((s) => s.changes);
        if (changes.every((c) => c.where === "chain config"))
          for (const c of changes)
            expect(Object.values(c.settings ?? {})).toEqual(
              Object.values(c.layer.chain as object).map(String),
            );
        else if (name in CLI_NOT_RUN) expect(lines.length).toBeGreaterThan(0);
        else expect(fixMismatches(cliReport as Report)).toEqual([]);

        const generated = touchedParts(combinedLayer(steps.flatMap((s) => s.changes)));
        const handWritten = touchedParts(handWrittenLayer(scenario));
        if (name in OTHER_PARTS) expect(generated).not.toEqual(handWritten);
        else expect(generated).toEqual(handWritten);
      });
    }
  });
}
