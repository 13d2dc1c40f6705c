import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { BIN, SEED } from "../../support/constants.ts";

export { BIN, SEED };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: nothing of the machine's AWS or CHAINCHECK settings leaks into a test. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), "chaincheck-home-")), ...extra };
}

/** How a child process ended and what it wrote to stdout and stderr. */
export interface Ended extends CliResult {
  signal: NodeJS.Signals | null;
}

/** Waits for `child` to close, collecting its output. */
export function collectOutput(child: ChildProcess): Promise<Ended> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `node ARGS` to completion, with what it wrote to stdout and stderr. */
export async function runNode(args: string[], options: SpawnOptions = {}): Promise<CliResult> {
  const { code, stdout, stderr } = await collectOutput(
    spawn(process.execPath, args, { ...options, stdio: ["ignore", "pipe", "pipe"] }),
  );
  return { code, stdout, stderr };
}

/** Runs `chaincheck ARGS` in an empty folder (no .env), to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliResult> {
  return runNode([BIN, ...args], { cwd: mkdtempSync(join(tmpdir(), "chaincheck-cwd-")), env });
}

export interface EmulatorProcess {
  child: ChildProcess;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/** Starts `chaincheck emulator --port 0` and reads the endpoint and the first user's keys it prints. */
export function startEmulatorProcess(
  setup: string = SEED,
  extraArgs: string[] = [],
): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", "--setup", setup, ...extraArgs], {
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (d) => {
      err += d;
    });
    child.on("exit", (code) => reject(new Error(`chaincheck emulator exited ${code}: ${err}`)));
    child.stdout?.on("data", (d) => {
      out += d;
      if (!out.includes("Ctrl-C stops it.")) return;
      const value = (name: string) => new RegExp(`^export ${name}=(.+)$`, "m").exec(out)?.[1] ?? "";
      resolve({
        child,
        endpoint: value("AWS_ENDPOINT_URL"),
        region: value("AWS_REGION"),
        accessKeyId: value("AWS_ACCESS_KEY_ID"),
        secretAccessKey: value("AWS_SECRET_ACCESS_KEY"),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
