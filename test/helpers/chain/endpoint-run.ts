import { CHAIN_ENV } from "../../../config/chain-fields.ts";
import { loadSetup, type RunningEmulator } from "../../../emulator/index.ts";
import { runChain } from "../../../helpers/chain/runner.ts";
import type { Report } from "../../../helpers/report/types.ts";
import { openTarget } from "../../../helpers/targets/open-target.ts";
import { bReaderCredentials } from "../../support/local-chain.ts";

/** A setup's `chain:` block as the CHAINCHECK_* variables `--target endpoint` reads. */
export function chainEnvOf(setupFile: string): Record<string, string> {
  const chain = (loadSetup(setupFile).chain ?? {}) as Record<string, unknown>;
  const env: Record<string, string> = {};
  for (const [field, variable] of Object.entries(CHAIN_ENV))
    if (chain[field] !== undefined) env[variable] = String(chain[field]);
  return env;
}

/** `chaincheck run --target endpoint --origin local` in this process, against `endpoint`, as A's tester. */
export async function runAgainstEndpoint(
  emu: RunningEmulator,
  setupFile: string,
  endpoint: string = emu.endpoint,
  options: { statementTimeoutMs?: number } = {},
): Promise<Report> {
  const tester = emu.credentials("A:tester");
  const target = await openTarget(
    { target: "endpoint", endpoint, origin: "local" },
    {
      ...chainEnvOf(setupFile),
      AWS_ACCESS_KEY_ID: tester.accessKeyId,
      AWS_SECRET_ACCESS_KEY: tester.secretAccessKey,
    },
  );
  try {
    return await runChain({ ...target, readerBCredentials: bReaderCredentials(emu), ...options });
  } finally {
    await target.close();
  }
}
