/**
 * `chaincheck run --verify-fix`: after a red run on the embedded target, apply the generated patch
 * (generate-fix.ts) to the setup as an `extends:` layer and run again; when the next link fails,
 * generate and apply its patch too, at most MAX_FIX_STEPS times. The answer is "fix verified: the
 * chain is green after these N changes" or the link that still fails.
 *
 * Each step's layer is a file in a private temporary folder (`fix-<n>.yaml`, extending the one
 * before, the first extending the setup that was run), removed when the verification ends.
 *
 * Known gaps: the reruns use the same origin as the first run, one fresh emulator each.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadSetup } from "../../emulator/index.ts";
import type { FixVerification, Report } from "../report/types.ts";
import { fixMismatches } from "../scenarios/run-scenario.ts";
import type { FixStep } from "./fix-types.ts";
import { layerYaml } from "./fix-yaml.ts";
import { combinedLayer, generateFix, isFixStep } from "./generate-fix.ts";

export const MAX_FIX_STEPS = 3;

export interface VerifyFixResult {
  verification: FixVerification;
  /** The generated steps, in order (what --write-fix writes). */
  steps: FixStep[];
  /** The report of the last run. */
  last: Report;
}

function isGreen(report: Report): boolean {
  return fixMismatches(report).length === 0;
}

export async function verifyFix(
  setupFile: string,
  first: Report,
  run: (setupFile: string) => Promise<Report>,
): Promise<VerifyFixResult> {
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-fix-"));
  const steps: FixStep[] = [];
  let report = first;
  let current = resolve(setupFile);
  try {
    while (!isGreen(report)) {
      if (report.verdict === "error")
        return done(
          `the run could not check the chain (${report.failedLink ?? "error"}), so no fix is verified`,
        );
      if (steps.length >= MAX_FIX_STEPS) break;
      const step = generateFix(loadSetup(current), report);
      if (!isFixStep(step)) return done(`no fix generated for ${step.link}: ${step.reason}`);
      steps.push(step);
      const next = join(dir, `fix-${steps.length}.yaml`);
      writeFileSync(next, layerYaml(current, combinedLayer(step.changes)));
      current = next;
      report = await run(current);
    }
    if (isGreen(report)) {
      const n = steps.reduce((sum, s) => sum + s.changes.length, 0);
      return done(`fix verified: the chain is green after these ${n} change${n === 1 ? "" : "s"}`);
    }
    return done(`still failing after ${steps.length} fix steps (the most --verify-fix applies)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  function done(why: string): VerifyFixResult {
    const green = isGreen(report);
    const failed = report.links.find((l) => l.id === report.failedLink);
    const verification: FixVerification = {
      verified: green && steps.length > 0,
      message: green
        ? why
        : `fix not verified: ${why}; ${failed ? `${failed.id} still fails${failed.diagnosis ? ` (${failed.diagnosis.cause})` : ""}` : `verdict ${report.verdict}`}`,
      changeCount: steps.reduce((sum, s) => sum + s.changes.length, 0),
      steps: steps.map((s) => ({
        link: s.link,
        cause: s.cause,
        changes: s.changes.map((c) => ({
          where: c.where,
          ...(c.accountId ? { accountId: c.accountId } : {}),
          summary: c.summary,
        })),
      })),
    };
    if (!green && failed)
      verification.stillFailing = {
        link: failed.id,
        ...(failed.diagnosis ? { cause: failed.diagnosis.cause } : {}),
      };
    return { verification, steps, last: report };
  }
}
