/**
 * `chaincheck snapshot`: read the chain's world from a live target (endpoint, aws, localstack),
 * read-only, through the harness's identity in A and the optional reader in B, and write it as a
 * setup file, the twin (helpers/twin/take-snapshot.ts). Settings as for `run` (.env → environment →
 * flags). Exit 0 written · 2 usage or configuration · 3 the target cannot be reached.
 *
 * The twin holds no secret value (secrets get generated values with the same keys), so it is
 * written as is; only the environment's own secret values are masked, as in every other output.
 */
import { ConfigError } from "../../config/chain-config.ts";
import { type HarnessConfig, resolveHarnessConfig } from "../../config/harness-config.ts";
import { writeFileWhole } from "../../config/write-whole.ts";
import { redactEnvSecrets, redactSecrets } from "../report/redact-secrets.ts";
import { openResolvedTarget, TargetUnavailableError } from "../targets/open-target.ts";
import { renderTwin, TWIN_FORMATS, type TwinFormat } from "../twin/render-twin.ts";
import { snapshotOf } from "../twin/take-snapshot.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

/** The most `--with-data` copies of each object: the twin is a setup file (at most 4 MiB). */
export const MAX_WITH_DATA = 1_048_576;

export async function runSnapshotCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    target: { type: "string" },
    endpoint: { type: "string" },
    "env-file": { type: "string" },
    setup: { type: "string" },
    output: { type: "string" },
    format: { type: "string" },
    "with-data": { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(
      `snapshot takes flags only, got "${positionals[0]}"; to write the twin to a file: --output twin.yaml`,
    );
  const problems: string[] = [];
  const format = (values.format ?? "yaml") as TwinFormat;
  if (!TWIN_FORMATS.includes(format))
    problems.push(
      `--format: expected one of ${TWIN_FORMATS.join(", ")}, got "${values.format}"; e.g. --format yaml`,
    );
  const withDataText = values["with-data"] ?? "0";
  const withData = /^\d+$/.test(withDataText) ? Number(withDataText) : Number.NaN;
  if (!(withData >= 0 && withData <= MAX_WITH_DATA))
    problems.push(
      `--with-data: expected a number of bytes 0–${MAX_WITH_DATA} to copy from each COPY source object, got "${withDataText}"; e.g. --with-data 65536`,
    );
  let config: HarnessConfig | undefined;
  try {
    config = resolveHarnessConfig({
      target: values.target,
      endpoint: values.endpoint,
      envFile: values["env-file"],
      setup: values.setup,
      output: values.output,
    });
    if (config.target === "embedded")
      problems.push(
        `${values.target === undefined ? "CHAINCHECK_TARGET" : "--target"}: snapshot reads a live target, one of endpoint, aws, localstack (the embedded target's setup file is already its own twin); e.g. --target endpoint`,
      );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  let target: Awaited<ReturnType<typeof openResolvedTarget>> | undefined;
  try {
    target = await openResolvedTarget(config);
    const snapshot = await snapshotOf(target, withData);
    const text = redactEnvSecrets(
      renderTwin(snapshot, { takenAt: new Date().toISOString(), target: config.target }, format),
      config.env,
    );
    if (values.output) {
      writeFileWhole(values.output, `${text}\n`);
      console.error(
        `chaincheck: snapshot written to ${values.output}: ${snapshot.gaps.length} read(s) it could not make, ${snapshot.assumptions.length} assumption(s) (listed in the file)`,
      );
    } else console.log(text);
    return 0;
  } catch (error) {
    if (error instanceof TargetUnavailableError) {
      console.error(redactSecrets(`chaincheck: ${error.message}`, config.env));
      return 3;
    }
    throw error;
  } finally {
    await target?.close();
  }
}
