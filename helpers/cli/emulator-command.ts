/**
 * `chaincheck emulator [--setup FILE] [--port 4566] [--host 127.0.0.1] [--allow-remote]
 * [--allow-remote-code]`: the embedded AWS, standalone.
 * Prints the endpoint and, per seeded IAM user with access keys, ready-to-paste credentials. These
 * are keys the emulator itself issued (fake, valid only against it); printing them is its purpose.
 *
 * A host other than loopback is refused (exit 2) unless `--allow-remote` is given; then a warning
 * goes to stderr and the keys printed are minted at random for this run, never the setup's fixed
 * ones. Lambda code sent over the network runs only with `--allow-remote-code` as well.
 */
import { isIP } from "node:net";
import { RemoteBindRefused, SetupValidationError, startEmulator } from "../../emulator/index.ts";
import { setupConfigError } from "../targets/embedded-target.ts";
import { defaultSetupPath, probeHandlerPath } from "../targets/open-target.ts";
import { parseFlags } from "./main.ts";
import { resolveSetupPath } from "./setup-path.ts";
import { UsageError } from "./usage-error.ts";

export async function runEmulatorCommand(args: string[]): Promise<void> {
  const { values } = parseFlags(args, {
    setup: { type: "string" },
    port: { type: "string", default: "4566" },
    host: { type: "string", default: "127.0.0.1" },
    "allow-remote": { type: "boolean", default: false },
    "allow-remote-code": { type: "boolean", default: false },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: expected a port number 0–65535 such as 4566, got "${values.port}"`);
  }
  if (isIP(values.host) === 0 && values.host !== "localhost")
    throw new UsageError(
      `--host: expected an IP address of this machine such as 127.0.0.1, got "${values.host}"`,
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
  const lines = [
    `chaincheck emulator listening on ${emu.endpoint} (setup ${setup})`,
    "",
    `export AWS_ENDPOINT_URL=${emu.endpoint}`,
    `export AWS_REGION=${emu.region}`,
  ];
  for (const user of emu.world.iam.allUsers()) {
    const key = user.accessKeys.find((k) => k.status === "Active");
    if (!key) continue;
    lines.push(
      "",
      `# ${user.arn}`,
      `export AWS_ACCESS_KEY_ID=${key.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`,
      `# or as a profile in ~/.aws/credentials:`,
      `# [chaincheck-${user.account}-${user.name}]`,
      `# aws_access_key_id = ${key.accessKeyId}`,
      `# aws_secret_access_key = ${key.secretAccessKey}`,
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
