/**
 * parseArgs with chaincheck's error style, shared by every command module. It lives apart from
 * main.ts so the command modules main.ts imports do not import main.ts back (no import cycle).
 */
import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.ts";

/** What a flag's value looks like, for `Option '--x <value>' argument missing`. */
const FLAG_VALUES: Record<string, string> = {
  target: "one of embedded, endpoint, localstack, aws (e.g. --target embedded)",
  origin: "one of lambda-probe, local (e.g. --origin local)",
  format: "one of console, json, junit, github, html (e.g. --format json)",
  setup: "a setup file (e.g. --setup fixtures/setups/seed.yaml)",
  scenario: "a scenario name from `chaincheck scenarios` (e.g. --scenario trust-policy-external-id)",
  endpoint: "an http(s) URL (e.g. --endpoint http://127.0.0.1:4566)",
  "env-file": "a dotenv file (e.g. --env-file .env)",
  matrix: "a matrix file (e.g. --matrix envs/matrix.yaml)",
  concurrency: "a whole number 1–64 (e.g. --concurrency 2)",
  "from-csv": "a CSV of account pairs with a header line (e.g. --from-csv fleet-pairs.csv)",
  template: "a naming template for --from-org (e.g. --template fleet-template.yaml)",
  shard: "K/N, this job's part of the environments (e.g. --shard 2/7)",
  output: "a file to write the report to (e.g. --output chaincheck-report.txt)",
  state: "a JSON file the last verdicts are kept in (e.g. --state .chaincheck-state.json)",
  notify: "a webhook URL (e.g. --notify https://hooks.slack.com/services/T000/B000/XXXX)",
  "notify-format": "one of json, slack (e.g. --notify-format slack)",
  "notify-timeout": "seconds per attempt, 0.1–60 (e.g. --notify-timeout 5)",
  "sql-workers": "a whole number 1–64 (e.g. --sql-workers 16)",
  port: "a port number 0–65535 (e.g. --port 4566)",
  host: "an IP address of this machine (e.g. --host 127.0.0.1)",
  "function-name": "a Lambda function name (e.g. --function-name chaincheck-probe)",
  role: "a role ARN (e.g. --role arn:aws:iam::111111111111:role/chaincheck-lambda-role)",
  region: "an AWS region (e.g. --region ap-northeast-1)",
  "write-fix": "a new folder whose parent exists (e.g. --write-fix fix-out)",
  "with-data": "a number of bytes to copy from each COPY source object (e.g. --with-data 65536)",
  baseline: "a snapshot or setup of the last green run (e.g. --baseline last-green.yaml)",
};

/** parseArgs with chaincheck's error style: an unknown flag is a usage error naming the flag. */
export function parseFlags<T extends NonNullable<Parameters<typeof parseArgs>[0]>["options"]>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const missing = /^Option '(?:-\w, )?--([\w-]+) <value>' argument missing/.exec(message)?.[1];
    if (missing)
      throw new UsageError(`--${missing}: needs a value: ${FLAG_VALUES[missing] ?? "see chaincheck help"}`);
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown)
      throw new UsageError(
        `Unknown option '${unknown}'; expected one of ${Object.keys(options ?? {})
          .map((o) => `--${o}`)
          .join(", ")}`,
      );
    throw new UsageError(message);
  }
}
