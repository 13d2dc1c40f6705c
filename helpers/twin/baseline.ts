/**
 * `chaincheck run --baseline last-green.yaml`: on a red run, what changed on the failed link's path
 * since the baseline (a snapshot of the last green run, or any setup). The world now is the setup
 * file on the embedded target, else a fresh snapshot through the run's own readers
 * (helpers/twin/take-snapshot.ts), with the first 64 KiB of each COPY source object so content
 * changes show when the baseline has them too.
 */
import { loadSetup } from "../../emulator/world/load-setup.ts";
import type { Report } from "../report/types.ts";
import { defaultSetupPath } from "../targets/bundled-paths.ts";
import type { OpenTarget } from "../targets/target-types.ts";
import { changedOnLink, diffSetups } from "./diff-setups.ts";
import { snapshotOf } from "./take-snapshot.ts";

export const BASELINE_WITH_DATA = 65_536;

async function worldNow(target: OpenTarget, setupFile: string | undefined): Promise<object> {
  if (target.target === "embedded") return loadSetup(setupFile ?? defaultSetupPath());
  const snapshot = await snapshotOf(target, BASELINE_WITH_DATA);
  return loadSetup(snapshot.setup as never);
}

/** Adds `changedSinceBaseline` to a red report (nothing on a green or error run). */
export async function addChangesSinceBaseline(
  report: Report,
  target: OpenTarget,
  setupFile: string | undefined,
  baseline: { path: string; setup: object },
): Promise<void> {
  if (report.verdict !== "fail" || !report.failedLink) return;
  const changes = changedOnLink(
    diffSetups(baseline.setup, await worldNow(target, setupFile)),
    report.failedLink,
  );
  report.changedSinceBaseline = { baseline: baseline.path, changes };
}
