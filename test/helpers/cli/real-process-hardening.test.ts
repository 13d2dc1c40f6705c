import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { BIN, cleanEnv, collectOutput, type Ended, runCli } from "./run-cli.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;

const collect = collectOutput;

function oneTimeWorkStarted(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stderr?.on("data", (d) => {
      seen += d;
      if (seen.includes("chaincheck: ")) resolve();
    });
    child.on("close", () => reject(new Error(`ended before its one-time work began: ${seen}`)));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("as real processes", () => {
  test("bad input exits 2 before anything runs: a missing --env-file reaches chaincheck (not Node), a stray word, an output directory that is missing, a setup that is a directory", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "chaincheck-cwd-"));
    const direct = spawn(BIN, ["run", "--env-file", "missing.env"], {
      cwd,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [envFile, stray, output, setupDir] = await Promise.all([
      collect(direct),
      runCli(["run", "trust-policy-external-id"]),
      runCli(["run", "--output", join(cwd, "nowhere", "report.txt")]),
      runCli(["run", "--setup", cwd]),
    ]);
    expect([envFile.code, envFile.stdout, envFile.stderr]).toEqual([
      2,
      "",
      "chaincheck: invalid configuration:\n  - --env-file: no such file missing.env; expected a dotenv file such as .env (see .env.example)\n",
    ]);
    expect([stray.code, stray.stdout, stray.stderr.split("\n")[0]]).toEqual([
      2,
      "",
      'chaincheck: run takes flags only, got "trust-policy-external-id"; to run a scenario: chaincheck run --scenario trust-policy-external-id, a setup file: --setup trust-policy-external-id',
    ]);
    expect([output.code, output.stdout, output.stderr]).toEqual([
      2,
      "",
      `chaincheck: invalid configuration:\n  - --output: no such directory ${join(cwd, "nowhere")}; create it first or write to a file such as chaincheck-report.txt\n`,
    ]);
    expect(existsSync(join(cwd, "nowhere"))).toBe(false);
    expect([setupDir.code, setupDir.stdout, setupDir.stderr]).toEqual([
      2,
      "",
      `chaincheck: invalid configuration:\n  - --setup: ${cwd} is a directory; expected a YAML or JSON setup file such as fixtures/setups/seed.yaml\n`,
    ]);
  }, 120_000);

  test("SIGINT and SIGTERM to chaincheck, and SIGTERM to npm start, at random points: 130 / 143, no report, no process left", async () => {
    const start = (command: string, args: string[]) =>
      spawn(command, args, {
        cwd: ROOT,
        env: cleanEnv({
          npm_config_update_notifier: "false",
          CHAINCHECK_CACHE_DIR: mkdtempSync(join(tmpdir(), "chaincheck-cold-")),
        }),
        stdio: ["ignore", "pipe", "pipe"],
      });
    const int = start(process.execPath, ["--", BIN, "run"]);
    const term = start(process.execPath, ["--", BIN, "run"]);
    const npm = start("npm", ["start", "--silent"]);
    const ended = Promise.all([collect(int), collect(term), collect(npm)]);
    await Promise.all([int, term, npm].map(oneTimeWorkStarted));
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1500)));
    const npmChildren = execFileSync("ps", ["-o", "pid=", "--ppid", String(npm.pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    int.kill("SIGINT");
    term.kill("SIGTERM");
    npm.kill("SIGTERM");
    const [a, b, c] = await ended;
    const exit = (e: Ended) => e.code ?? (e.signal === "SIGINT" ? 130 : e.signal === "SIGTERM" ? 143 : -1);
    expect([exit(a), a.stdout]).toEqual([130, ""]);
    expect([exit(b), b.stdout]).toEqual([143, ""]);
    expect([exit(c), c.stdout]).toEqual([143, ""]);
    // Before the CLI's handler is installed (still loading) Node's default ends the process by the
    // signal itself, which the shell reports as the same 130 / 143, with nothing created yet.
    const handled = (e: Ended, signal: string) =>
      e.signal === null
        ? e.stderr.includes(`chaincheck: ${signal}; removing what this run created, then stopping\n`)
        : e.stderr === "";
    expect([handled(a, "SIGINT"), handled(b, "SIGTERM"), c.stderr.includes("ECONNREFUSED")]).toEqual([
      true,
      true,
      false,
    ]);
    expect(npmChildren.length).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    for (const pid of [int.pid, term.pid, npm.pid, ...npmChildren]) expect(alive(pid as number)).toBe(false);
  }, 120_000);
});
