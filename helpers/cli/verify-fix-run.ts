/**
 * The `--verify-fix` and `--write-fix DIR` flags of `chaincheck run` (helpers/fix/): checked before
 * the run (embedded target only, one environment, a usable DIR → else exit 2 naming the flag), then,
 * after a red run, the generated fix applied to the setup and rerun (helpers/fix/verify-fix.ts); the
 * result goes into the report (`fixVerification`) and, with --write-fix, the patches into DIR.
 * The exit code stays the first run's: it is the verdict on the setup as it is.
 *
 * Known gaps: a signal during the reruns ends the command with the signal's code without waiting
 * for the rerun; its emulator is not closed early (it is in-process, so it ends with the process).
 */
import type { HarnessConfig } from "../../config/harness-config.ts";
import { runChain } from "../chain/runner.ts";
import { verifyFix } from "../fix/verify-fix.ts";
import { checkWriteFixDir, writeFixDir } from "../fix/write-fix.ts";
import type { Report } from "../report/types.ts";
import { defaultSetupPath, openEmbeddedTarget } from "../targets/embedded-target.ts";
import { UsageError } from "./usage-error.ts";

export interface FixFlags {
  verify: boolean;
  writeDir?: string;
}

const TWIN_HINT =
  "for real accounts, snapshot them and verify on the twin: chaincheck snapshot --target aws --output twin.yaml, then chaincheck run --setup twin.yaml --verify-fix";

/** The fix flags, or undefined when neither is given; --write-fix implies --verify-fix. */
export function fixFlags(
  values: { "verify-fix"?: boolean; "write-fix"?: string },
  several: boolean,
): FixFlags | undefined {
  const writeDir = values["write-fix"];
  if (!values["verify-fix"] && writeDir === undefined) return undefined;
  const flag = writeDir !== undefined ? "--write-fix" : "--verify-fix";
  if (several)
    throw new UsageError(`${flag}: verifies one setup; it does not combine with several environments`);
  if (writeDir !== undefined) checkWriteFixDir(writeDir);
  return { verify: true, writeDir };
}

/** Checked once the config is resolved: the fix is applied to a setup, so the target must be embedded. */
export function checkFixTarget(flags: FixFlags | undefined, config: HarnessConfig): void {
  if (flags && config.target !== "embedded")
    throw new UsageError(
      `${flags.writeDir !== undefined ? "--write-fix" : "--verify-fix"}: runs on the embedded target only, not --target ${config.target}; ${TWIN_HINT}`,
    );
}

/** After the run: verify the fix of a failed run; write the patches when asked. Notes go into the report. */
export async function applyFixFlags(flags: FixFlags, config: HarnessConfig, report: Report): Promise<void> {
  if (report.verdict === "pass") {
    report.notes.push("--verify-fix: every link passed; there is nothing to fix");
    return;
  }
  const setupFile = config.setup ?? defaultSetupPath();
  const rerun = async (file: string) => {
    const target = await openEmbeddedTarget({ ...config, setup: file, prewarm: false });
    try {
      return await runChain(target);
    } finally {
      await target.close();
    }
  };
  const result = await verifyFix(setupFile, report, rerun);
  report.fixVerification = result.verification;
  if (flags.writeDir === undefined) return;
  if (result.steps.length === 0) {
    report.notes.push(`--write-fix: no patch generated, nothing written to ${flags.writeDir}`);
    return;
  }
  writeFixDir(flags.writeDir, setupFile, result.steps, result.verification);
  report.notes.push(
    `--write-fix: the patches are in ${flags.writeDir} (setup-fix.yaml, iam/, apply-fix.sh, cloudformation.yaml, fix.json)`,
  );
}
