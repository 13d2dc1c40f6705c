/**
 * `chaincheck emulator [--setup FILE] [--port 4566] [--host 127.0.0.1]`: the embedded AWS, standalone.
 * Prints the endpoint and, per seeded IAM user with access keys, ready-to-paste credentials. These
 * are keys the emulator itself issued (fake, valid only against it); printing them is its purpose.
 */
import { startEmulator } from "../../emulator/index.ts";
import { defaultSetupPath, probeHandlerPath } from "../targets/open-target.ts";
import { parseFlags } from "./main.ts";
import { resolveSetupPath } from "./setup-path.ts";
import { UsageError } from "./usage-error.ts";

export async function runEmulatorCommand(args: string[]): Promise<void> {
  const { values } = parseFlags(args, {
    setup: { type: "string" },
    port: { type: "string", default: "4566" },
    host: { type: "string", default: "127.0.0.1" },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: expected a port number 0–65535 such as 4566, got "${values.port}"`);
  }
  const setup = values.setup ? resolveSetupPath(values.setup) : defaultSetupPath();
  const emu = await startEmulator({ setup, port, host: values.host, probeHandler: probeHandlerPath() });
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
