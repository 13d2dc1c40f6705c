/**
 * The `chaincheck` command (docs/contracts.md). Exit codes: 0 every link passed · 1 a link failed ·
 * 2 usage or configuration error · 3 the harness could not check.
 *
 * `scenarios` lists fixtures/scenarios/ (helpers/cli/scenarios-command.ts).
 */
import { parseArgs } from "node:util";
import { runDiagnoseCommand } from "./diagnose-command.ts";
import { runEmulatorCommand } from "./emulator-command.ts";
import { runProbeCommand } from "./probe-command.ts";
import { runRunCommand } from "./run-command.ts";
import { runScenariosCommand } from "./scenarios-command.ts";
import { UsageError } from "./usage-error.ts";

const HELP = `chaincheck — walk the Lambda → AssumeRole → Redshift Data API → COPY chain and say which link broke

usage:
  chaincheck run [--target embedded|endpoint|localstack|aws] [--setup FILE] [--endpoint URL]
                 [--env-file FILE] [--format console|json|junit|github] [--output FILE]
                 [--origin lambda-probe|local] [--scenario NAME]
                 several environments: --env-file A --env-file B … or --matrix FILE, [--concurrency 2]
  chaincheck scenarios [--format console|json]   the bundled broken setups and the link/cause each must show
  chaincheck emulator [--setup FILE] [--port 4566] [--host 127.0.0.1]
                 [--allow-remote [--allow-remote-code]]   non-loopback hosts need --allow-remote
  chaincheck diagnose [TEXT | -] [--format json]   classify a pasted AWS error → link, causes, fix
  chaincheck probe deploy|remove [--function-name NAME] [--role ARN] [--region REGION]
                 [--endpoint URL] [--env-file FILE]
  chaincheck help

exit codes: 0 all links passed, 1 a link failed, 2 usage/config error, 3 could not check`;

export async function main(argv: string[]): Promise<void> {
  const [command = "run", ...rest] = argv;
  try {
    switch (command) {
      case "run":
        process.exitCode = await runRunCommand(rest);
        return;
      case "emulator":
        await runEmulatorCommand(rest);
        return;
      case "probe":
        process.exitCode = await runProbeCommand(rest);
        return;
      case "help":
      case "--help":
      case "-h":
        console.log(HELP);
        return;
      case "diagnose":
        process.exitCode = await runDiagnoseCommand(rest);
        return;
      case "scenarios":
        process.exitCode = await runScenariosCommand(rest);
        return;
      default:
        throw new UsageError(
          `unknown command "${command}"; expected run, scenarios, diagnose, emulator, probe or help`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`chaincheck: ${error.message}`);
      console.error("run `chaincheck help` for usage");
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

/** parseArgs with chaincheck's error style: an unknown flag is a usage error naming the flag. */
export function parseFlags<T extends NonNullable<Parameters<typeof parseArgs>[0]>["options"]>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
