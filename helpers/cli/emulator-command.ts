/**
 * `chaincheck emulator [--setup FILE] [--port 4566] [--host 127.0.0.1] [--allow-remote]
 * [--allow-remote-code] [--env-out FILE]`: the embedded AWS, standalone.
 * Prints a `.env` block for `chaincheck run --target endpoint` (helpers/cli/emulator-env.ts: the
 * endpoint, the setup's chain, the tester's keys; `--env-out` writes it to a file) and every other
 * seeded IAM user with access keys as a credentials-file profile. These are keys the emulator
 * itself issued (fake, valid only against it); printing them is its purpose.
 *
 * A host other than loopback is refused (exit 2) unless `--allow-remote` is given; then a warning
 * goes to stderr and the keys printed are minted at random for this run, never the setup's fixed
 * ones. Lambda code sent over the network runs only with `--allow-remote-code` as well.
 */
import { existsSync, statSync } from "node:fs";
import { isIP } from "node:net";
import { dirname, resolve } from "node:path";
import { writeFileWhole } from "../../config/write-whole.ts";
import { RemoteBindRefused, SetupValidationError, startEmulator } from "../../emulator/index.ts";
import { setupConfigError } from "../targets/embedded-target.ts";
import { defaultSetupPath, probeHandlerPath } from "../targets/open-target.ts";
import { emulatorEnvBlock, type ProfileInput, profileBlocks } from "./emulator-env.ts";
import { parseFlags } from "./parse-flags.ts";
import { resolveSetupPath } from "./setup-path.ts";
import { UsageError } from "./usage-error.ts";

export async function runEmulatorCommand(args: string[]): Promise<void> {
  const { values } = parseFlags(args, {
    setup: { type: "string" },
    port: { type: "string", default: "4566" },
    host: { type: "string", default: "127.0.0.1" },
    "allow-remote": { type: "boolean", default: false },
    "allow-remote-code": { type: "boolean", default: false },
    "env-out": { type: "string" },
    "sql-workers": { type: "string" },
  });
  const envOut = values["env-out"] === undefined ? undefined : resolve(values["env-out"]);
  if (envOut !== undefined) assertWritableDir(values["env-out"] as string, envOut);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: expected a port number 0–65535 such as 4566, got "${values.port}"`);
  }
  if (isIP(values.host) === 0 && values.host !== "localhost")
    throw new UsageError(
      `--host: expected an IP address of this machine such as 127.0.0.1, got "${values.host}"`,
    );
  const sqlWorkers = values["sql-workers"] === undefined ? undefined : Number(values["sql-workers"]);
  if (sqlWorkers !== undefined && !(Number.isInteger(sqlWorkers) && sqlWorkers >= 1 && sqlWorkers <= 64))
    throw new UsageError(
      `--sql-workers: expected a whole number 1–64 such as 16 (live SQL databases at once), got "${values["sql-workers"]}"`,
    );
  const setup = values.setup ? resolveSetupPath(values.setup) : defaultSetupPath();
  const allowRemote = values["allow-remote"] === true;
  const allowRemoteCode = values["allow-remote-code"] === true;
  if (allowRemoteCode && !allowRemote) {
    throw new UsageError(
      "--allow-remote-code: only meaningful with --allow-remote and a non-loopback --host such as 0.0.0.0",
    );
  }
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emu = await startEmulator({
      setup,
      port,
      host: values.host,
      allowRemote,
      allowRemoteCode,
      probeHandler: probeHandlerPath(),
      sqlWorkers,
    });
  } catch (error) {
    if (error instanceof RemoteBindRefused) {
      throw new UsageError(
        `--host ${error.host}: not a loopback address. Anyone on the network could call the emulator ` +
          "with the setup's published access keys and run Lambda code on this machine. Use --host " +
          "127.0.0.1 (the default), or add --allow-remote to listen there with random access keys " +
          "(and --allow-remote-code to also run Lambda code sent over the network)",
      );
    }
    if (error instanceof SetupValidationError) setupConfigError(error, setup);
    throw listenUsageError(error, values.host, port) ?? error;
  }
  if (emu.remote) console.error(remoteWarning(emu.endpoint, allowRemoteCode));
  const testerUser = emu.world.iam.getUser(emu.world.setup.accounts[0]?.id ?? "", "tester");
  const profiles: ProfileInput[] = [];
  let tester: Parameters<typeof emulatorEnvBlock>[0]["tester"];
  for (const user of emu.world.iam.allUsers()) {
    const key = user.accessKeys.find((k) => k.status === "Active");
    if (!key) continue;
    const keys = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    if (user === testerUser) tester = { arn: user.arn, ...keys };
    else profiles.push({ profile: `chaincheck-${user.account}-${user.name}`, arn: user.arn, ...keys });
  }
  const envBlock = emulatorEnvBlock({
    endpoint: emu.endpoint,
    region: emu.region,
    setupPath: setup,
    chain: emu.world.setup.chain,
    tester,
  });
  if (envOut !== undefined) {
    try {
      writeFileWhole(envOut, envBlock, { mode: 0o600 });
    } catch (error) {
      await emu.stop();
      throw new UsageError(
        `--env-out: cannot write ${values["env-out"]} (${(error as NodeJS.ErrnoException).code ?? "error"}); expected a writable file path such as .env.emulator`,
      );
    }
  }
  const lines = [
    `chaincheck emulator listening on ${emu.endpoint} (setup ${setup})`,
    "",
    envOut === undefined
      ? "# .env for the endpoint target (paste into a shell or a .env file; --env-out FILE writes it):"
      : `# .env for the endpoint target, also written to ${envOut}:`,
    envBlock.trimEnd(),
  ];
  if (profiles.length > 0) {
    lines.push(
      "",
      "# Other principals, as profiles for ~/.aws/credentials (not part of the .env block):",
      profileBlocks(profiles),
    );
  }
  lines.push("", "Ctrl-C stops it.");
  console.log(lines.join("\n"));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await emu.stop();
}

/** `--env-out` names a file in a folder that exists (checked before the emulator starts). */
function assertWritableDir(given: string, path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(
      `--env-out: no such folder ${dir} for ${given}; expected a file path in an existing folder, such as .env.emulator`,
    );
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(`--env-out: ${given} is a folder; expected a file path such as .env.emulator`);
  }
}

function remoteWarning(endpoint: string, allowRemoteCode: boolean): string {
  const bar = "!".repeat(78);
  return [
    bar,
    `!! WARNING: the chaincheck emulator listens beyond loopback (${endpoint}).`,
    "!! Anyone who can reach this port and holds one of the keys below acts as that user.",
    "!! The keys were minted at random for this run; the setup's fixed keys do not work.",
    allowRemoteCode
      ? "!! --allow-remote-code: Lambda code sent over the network RUNS on this machine as this user."
      : "!! Lambda functions created or changed over the network do not run (no --allow-remote-code).",
    bar,
  ].join("\n");
}

/** Listening failed for a reason the user chose (port taken, address not this machine's): exit 2. */
function listenUsageError(error: unknown, host: string, port: number): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE")
    return new UsageError(
      `--port: ${port} is already in use on ${host}; choose another such as 4567, or 0 for any free port`,
    );
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EACCES")
    return new UsageError(
      `--${code === "EACCES" ? "port" : "host"}: cannot listen on ${host}:${port} (${code}); expected an address of this machine and a free port, such as --host 127.0.0.1 --port 4566`,
    );
  return undefined;
}
