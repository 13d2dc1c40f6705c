/**
 * The `chaincheck` command (docs/contracts.md). Exit codes: 0 every link passed · 1 a link failed ·
 * 2 usage or configuration error · 3 the harness could not check.
 *
 * `scenarios` lists fixtures/scenarios/ (helpers/cli/scenarios-command.ts).
 *
 * Each command's module is imported when that command runs, so `help`, `diagnose` and `scenarios`
 * never load the AWS SDK clients, the emulator or testcontainers (bin/cli-bundle.js splits the
 * bundle along these imports); the config error class and the redactor load only on an error.
 */
import { UsageError } from "./usage-error.ts";

export { setCliBuild } from "./cli-build.ts";

/** `npm ci`'s head start on the first run (bin/cli-bundle.js calls it after building the bundle). */
export async function prepareFirstRun(): Promise<void> {
  await (await import("./first-run-cache.ts")).prepareFirstRun();
}

const HELP = `chaincheck — walk the Lambda → AssumeRole → Redshift Data API → COPY chain and say which link broke

usage:
  chaincheck run [--target embedded|endpoint|localstack|aws] [--setup FILE] [--endpoint URL]
                 [--env-file FILE] [--format console|json|junit|github|html] [--output FILE]
                 [--origin lambda-probe|local] [--scenario NAME]
                 [--baseline last-green.yaml]   on a red run, what changed on the failed link's path since then
                 several environments: --env-file A --env-file B … or --matrix FILE, [--concurrency 2]
                 [--state FILE [--notify URL [--notify-format json|slack] [--notify-timeout 5]]]
                 keep the last verdicts; post to the webhook only when a link changes state
                 [--verify-fix] [--write-fix DIR]   embedded: apply the generated fix to the setup, rerun
                 [--shard K/N]   only this part of them (names sorted, dealt out in turn)
  chaincheck scenarios [--format console|json]   the bundled broken setups and the link/cause each must show
  chaincheck emulator [--setup FILE] [--port 4566] [--host 127.0.0.1]
                 [--allow-remote [--allow-remote-code]]   non-loopback hosts need --allow-remote
                 [--env-out FILE]   also write its .env block for run --target endpoint to FILE
                 [--sql-workers 4]   live SQL databases at once (a fleet: about the run's --concurrency)
  chaincheck render FILE [--format html|console|json|junit|github] [--output FILE]
                 a saved run --format json report in another format (default html)
  chaincheck record --target aws|endpoint [--env-file FILE] [--endpoint URL] [--setup FILE]
                 [--output DIR]   the chain's answers and their denials, secrets redacted, for test/parity
  chaincheck diagnose [TEXT | -] [--format json]   classify a pasted AWS error → link, causes, fix
  chaincheck probe deploy|remove [--function-name NAME] [--role ARN] [--region REGION]
                 [--endpoint URL] [--env-file FILE]
  chaincheck merge FILE… [--format console|json|junit|github] [--output FILE]
                 JSON reports (shards, CI artifacts) as one report; exit: the worst of theirs
  chaincheck matrix --from-org --template FILE | --from-csv FILE [--output FILE]
                 write a --matrix file for a fleet of account pairs
  chaincheck snapshot [--target endpoint|aws|localstack] [--env-file FILE] [--output twin.yaml]
                 [--format yaml|json] [--with-data N]   read the chain's world (read-only) into a setup: the twin
  chaincheck diff OLD.yaml NEW.yaml [--format console|json]   what changed on the chain's path, link by link
  chaincheck help

exit codes: 0 all links passed, 1 a link failed, 2 usage/config error, 3 could not check`;

/** Runs one command and returns its exit code (bin/chaincheck.js sets it; tests call this in process). */
export async function main(argv: string[]): Promise<number> {
  const [command = "run", ...rest] = argv;
  try {
    switch (command) {
      case "run":
        return await (await import("./run-command.ts")).runRunCommand(rest);
      case "emulator":
        await (await import("./emulator-command.ts")).runEmulatorCommand(rest);
        return 0;
      case "probe":
        return await (await import("./probe-command.ts")).runProbeCommand(rest);
      case "help":
      case "--help":
      case "-h":
        console.log(HELP);
        return 0;
      case "diagnose":
        return await (await import("./diagnose-command.ts")).runDiagnoseCommand(rest);
      case "scenarios":
        return await (await import("./scenarios-command.ts")).runScenariosCommand(rest);
      case "render":
        return await (await import("./render-command.ts")).runRenderCommand(rest);
      case "record":
        return await (await import("./record-command.ts")).runRecordCommand(rest);
      case "merge":
        return await (await import("./merge-command.ts")).runMergeCommand(rest);
      case "matrix":
        return await (await import("./matrix-command.ts")).runMatrixCommand(rest);
      case "snapshot":
        return await (await import("./snapshot-command.ts")).runSnapshotCommand(rest);
      case "diff":
        return await (await import("./diff-command.ts")).runDiffCommand(rest);
      default:
        throw new UsageError(
          `unknown command "${command}"; expected run, merge, matrix, scenarios, snapshot, diff, diagnose, render, record, emulator, probe or help`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`chaincheck: ${error.message}`);
      console.error("run `chaincheck help` for usage");
      return 2;
    }
    const { ConfigError } = await import("../../config/chain-config.ts");
    if (error instanceof ConfigError) {
      const { redactSecrets } = await import("../report/redact-secrets.ts");
      console.error(redactSecrets(`chaincheck: ${error.message}`));
      return 2;
    }
    throw error;
  }
}
