// The probe's runtime started before the emulator (emulator/lambda/runtime/early-runtime.js, the
// bootstrap's `--preload` mode): what `chaincheck run` does in bin/chaincheck.js, driven in-process
// against the real emulator, Lambda client and child process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { afterEach, describe, expect, test } from "vitest";
import { startEmulator } from "../../../emulator/index.ts";
import {
  endLambdaEarly,
  rememberFirstRuntime,
  startLambdaEarly,
  takeEarlyRuntime,
} from "../../../emulator/lambda/runtime/early-runtime.js";
import { seedWith } from "../../support/emulator-fixture.ts";
import { decodePayload, lambdaClient, lambdaSetup } from "./lambda-test-world.ts";

const PRELOAD_REPORT = fileURLToPath(new URL("../../fixtures/lambda/preload-report.mjs", import.meta.url));
const hintFor = (file: string) => ({ file, exportPath: "handler", root: dirname(file) });

const dirs: string[] = [];
function cacheDir(hint?: object): string {
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-early-lambda-"));
  dirs.push(dir);
  if (hint) writeFileSync(join(dir, "early-lambda.json"), JSON.stringify(hint));
  return dir;
}

afterEach(() => {
  endLambdaEarly();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function invokeProbe(options: { prewarmFunction: boolean }) {
  await using emu = await startEmulator({
    setup: seedWith(lambdaSetup),
    probeHandler: PRELOAD_REPORT,
    prewarmFunction: options.prewarmFunction,
  });
  const out = await lambdaClient(emu).send(
    new InvokeCommand({ FunctionName: "chaincheck-probe", LogType: "Tail", Payload: Buffer.from("{}") }),
  );
  const log = Buffer.from(out.LogResult ?? "", "base64").toString("utf8");
  return { out, log, result: decodePayload(out.Payload) as Record<string, unknown> };
}

describe("the probe's runtime preloaded before the emulator", () => {
  test("is adopted for the probe: imported before any variable of the function, run with exactly them", async () => {
    const child = startLambdaEarly(cacheDir(hintFor(PRELOAD_REPORT)));
    expect(child?.pid).toBeTypeOf("number");
    process.env.CHAINCHECK_PARENT_MARKER = "must not reach the function";
    try {
      const { out, log, result } = await invokeProbe({ prewarmFunction: true });
      expect(out.FunctionError).toBeUndefined();
      // The very process bin would have started.
      expect(result.pid).toBe(child?.pid);
      // Imported with Lambda's static variables only: no credential, no function variable yet.
      expect(result.atImport).toEqual(["LANG", "PATH", "TZ"]);
      // Run with the function's environment, nothing of the emulator's process.
      const atInvoke = result.atInvoke as string[];
      expect(atInvoke).toEqual(
        expect.arrayContaining(["AWS_ACCESS_KEY_ID", "AWS_LAMBDA_FUNCTION_NAME", "_HANDLER"]),
      );
      expect(atInvoke).not.toContain("CHAINCHECK_PARENT_MARKER");
      expect(result.credentials).toBe(true);
      expect(result.cwd).toBe(dirname(PRELOAD_REPORT));
      expect(result.tz).toMatch(/GMT\+0000/);
      // The module's init-time log line, held until the environment arrived, is in the first Invoke's log.
      expect(log).toMatch(/\tINFO\timported with 3 variables\n/);
      expect(log).not.toContain("Init Duration");
    } finally {
      delete process.env.CHAINCHECK_PARENT_MARKER;
    }
  });

  test("a runtime preloaded for another module is killed, and the probe starts its own", async () => {
    const other = fileURLToPath(new URL("../../fixtures/lambda/throws.mjs", import.meta.url));
    const child = startLambdaEarly(cacheDir(hintFor(other)));
    const exited = new Promise((resolve) => child?.once("exit", (_code, signal) => resolve(signal)));
    const { out, result } = await invokeProbe({ prewarmFunction: true });
    expect(out.FunctionError).toBeUndefined();
    expect(await exited).toBe("SIGKILL");
    expect(result.pid).not.toBe(child?.pid);
    expect(result.atImport).toEqual(expect.arrayContaining(["AWS_ACCESS_KEY_ID", "LAMBDA_TASK_ROOT"]));
  });

  test("without a hint nothing is started, and the first probe started becomes the hint", async () => {
    const dir = cacheDir();
    expect(startLambdaEarly(dir)).toBeUndefined();
    await invokeProbe({ prewarmFunction: false });
    expect(JSON.parse(readFileSync(join(dir, "early-lambda.json"), "utf8"))).toEqual(hintFor(PRELOAD_REPORT));
  });

  test("only the bundled probe is remembered, only TypeScript-free modules are taken, once", () => {
    const dir = cacheDir();
    startLambdaEarly(dir);
    rememberFirstRuntime({ ...hintFor(PRELOAD_REPORT), typescript: false }, false);
    rememberFirstRuntime({ ...hintFor(PRELOAD_REPORT), typescript: false }, true);
    expect(() => readFileSync(join(dir, "early-lambda.json"))).toThrow(/ENOENT/);
    expect(takeEarlyRuntime({ ...hintFor(PRELOAD_REPORT), typescript: false })).toBeUndefined();
  });

  test("endLambdaEarly kills a runtime nobody took (a run with the local origin)", async () => {
    const child = startLambdaEarly(cacheDir(hintFor(PRELOAD_REPORT)));
    const exited = new Promise((resolve) => child?.once("exit", (_code, signal) => resolve(signal)));
    endLambdaEarly();
    expect(await exited).toBe("SIGKILL");
    expect(takeEarlyRuntime({ ...hintFor(PRELOAD_REPORT), typescript: false })).toBeUndefined();
  });
});
