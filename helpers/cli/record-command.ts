/**
 * `chaincheck record --target aws|endpoint [--env-file F] [--endpoint URL] [--setup FILE]
 * [--output DIR]`: walks the chain once with every link's negative control and writes the answers,
 * secrets redacted, as a recording the parity suite replays (helpers/recorder/record-chain.ts).
 * `--setup` names the setup file describing the recorded account (for an emulator, the one it
 * serves), so the replay can seed the embedded emulator with it. Writes to `--output DIR`
 * (default test/parity/recorded-local). Exit 0 when the recording is written, whatever the chain's
 * verdict (a denial is an answer worth keeping); 2 usage or configuration; 3 target unreachable.
 */
import { relative, resolve } from "node:path";
import { ConfigError } from "../../config/chain-config.ts";
import { resolveHarnessConfig } from "../../config/harness-config.ts";
import {
  DEFAULT_RECORDING_DIR,
  recordingDirProblem,
  recordingOf,
  runRecordedChain,
  writeRecording,
} from "../recorder/record-chain.ts";
import { redactSecrets } from "../report/redact-secrets.ts";
import { openResolvedTarget, TargetUnavailableError } from "../targets/open-target.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

export async function runRecordCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    target: { type: "string" },
    endpoint: { type: "string" },
    "env-file": { type: "string" },
    setup: { type: "string" },
    output: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`record takes flags only, got "${positionals[0]}"`);
  if (values.target !== "aws" && values.target !== "endpoint")
    throw new UsageError(
      `record needs --target aws or --target endpoint (got ${values.target === undefined ? "no --target" : `"${values.target}"`}): it records a real account or a running endpoint (e.g. --target endpoint)`,
    );
  const outputProblem = recordingDirProblem(values.output ?? DEFAULT_RECORDING_DIR);
  if (outputProblem) throw new UsageError(outputProblem);
  let config: ReturnType<typeof resolveHarnessConfig>;
  try {
    config = resolveHarnessConfig({
      target: values.target,
      endpoint: values.endpoint,
      envFile: values["env-file"],
      origin: "local",
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(redactSecrets(`chaincheck: ${error.message}`));
      return 2;
    }
    throw error;
  }
  const setup = values.setup === undefined ? undefined : relative(process.cwd(), resolve(values.setup));
  let open: Awaited<ReturnType<typeof openResolvedTarget>>;
  try {
    open = await openResolvedTarget(config);
  } catch (error) {
    if (error instanceof TargetUnavailableError) {
      console.error(redactSecrets(`chaincheck: ${error.message}`));
      return 3;
    }
    throw error;
  }
  try {
    const run = await runRecordedChain(open);
    const recording = recordingOf(run, open, { setup });
    const files = writeRecording(values.output ?? DEFAULT_RECORDING_DIR, recording);
    console.log(
      `chaincheck: recorded ${Object.keys(recording.content).length} answers (${recording.operations.length} operations, chain ${run.report.verdict}) as ${recording.key}, secrets redacted → ${files.join(", ")}`,
    );
    return 0;
  } finally {
    await open.close();
  }
}
