/**
 * Fleet benchmark: one standalone `chaincheck emulator` serving N generated account pairs
 * (bench/lib/fleet-setup.ts), and `chaincheck run --matrix` over all N through the endpoint target
 * (origin local) at several concurrencies, each on a fresh emulator so every run meets cold
 * databases, started with `--sql-workers` = the concurrency (at most 16). Per run: wall time of the `run` process, peak RSS of the harness (the `run` process
 * tree) and of the emulator (its process tree: server and SQL worker threads), and the p50/p95 of
 * the environments' own chain time (the JSON report's durationMs), the emulator's CPU per pair
 * (user + system of all its threads over the run: comparable between runs on a loaded machine where
 * walls are not), and how many passed (all should).
 *
 * Sizes and concurrencies: by default one run, 50 pairs at concurrency 16 (a few minutes, so that
 * `npm run bench` stays short); CHAINCHECK_FLEET_GRID=1 runs the issue's grid, 50, 200 and 500 pairs
 * at concurrency 4, 16 and 64 (an hour or more on two shared cores); CHAINCHECK_FLEET_SIZES and
 * CHAINCHECK_FLEET_CONCURRENCY (comma-separated) pick any other.
 * Targets (README): 200 pairs ≤ 60 s wall at concurrency 16, harness ≤ 1 GiB, time linear in N.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fleetMatrix, fleetPairs, fleetSetup } from "./lib/fleet-setup.ts";
import { processCpuSeconds, runProcess, treeRss } from "./lib/process-run.ts";
import { fmt, percentile } from "./lib/stats.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const BIN = join(ROOT, "bin/chaincheck.js");

export interface FleetFigure {
  pairs: number;
  concurrency: number;
  emulatorStartMs: number;
  wallMs: number;
  harnessPeakMiB: number | undefined;
  emulatorPeakMiB: number;
  /** CPU the emulator used during the run (every thread: server and SQL workers), per pair: what
   *  one more pair costs whatever else the machine is doing. */
  emulatorCpuSecondsPerPair: number | undefined;
  p50EnvMs: number;
  p95EnvMs: number;
  /** Median time of each link over the environments: where an environment's time goes. */
  linksP50Ms: Record<string, number>;
  /** Environments that passed; an environment that did not (e.g. a statement past the harness's
   *  timeout when the emulator's databases queue) is reported, not thrown. */
  passed: number;
  firstFailure?: { environment: string; exitCode: number; why: string };
}

interface Emulator {
  child: ChildProcess;
  endpoint: string;
  startMs: number;
  stop(): Promise<void>;
}

function startEmulator(setup: string, sqlWorkers: number, env: NodeJS.ProcessEnv): Promise<Emulator> {
  const started = performance.now();
  const args = [BIN, "emulator", "--port", "0", "--setup", setup, "--sql-workers", String(sqlWorkers)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (d) => {
      err += d;
    });
    child.stdout?.on("data", (d) => {
      out += d;
      const endpoint = /AWS_ENDPOINT_URL=(\S+)/.exec(out)?.[1];
      if (endpoint)
        resolve({
          child,
          endpoint,
          startMs: performance.now() - started,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
              child.once("exit", () => {
                clearTimeout(kill);
                done();
              });
              child.kill("SIGTERM");
            }),
        });
    });
    child.once("exit", (code) => reject(new Error(`chaincheck emulator exited ${code}:\n${err}`)));
  });
}

interface RunsJson {
  exitCode: number;
  runs: {
    environment: string;
    exitCode: number;
    report?: {
      durationMs: number;
      links: {
        id: string;
        status: string;
        durationMs?: number;
        note?: string;
        error?: { name?: string; message?: string };
      }[];
    };
    error?: string;
  }[];
}

/** As many live SQL databases as environments run at once (each holds a cluster's database through
 *  its two statements; fewer makes them evict each other between the statements), at most 16. */
export const sqlWorkersFor = (concurrency: number) => Math.min(concurrency, 16);

async function measure(pairs: number, concurrency: number, dir: string): Promise<FleetFigure> {
  const fleet = fleetPairs(pairs);
  const setup = join(dir, `fleet-${pairs}.json`);
  writeFileSync(setup, JSON.stringify(fleetSetup(fleet)));
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    NO_COLOR: "1",
    CHAINCHECK_CACHE_DIR: process.env.CHAINCHECK_CACHE_DIR,
  };
  const emulator = await startEmulator(setup, sqlWorkersFor(concurrency), env);
  let emulatorPeak = 0;
  const sampler = setInterval(() => {
    if (emulator.child.pid !== undefined) emulatorPeak = Math.max(emulatorPeak, treeRss(emulator.child.pid));
  }, 50);
  try {
    const matrix = join(dir, `matrix-${pairs}.json`);
    writeFileSync(matrix, JSON.stringify(fleetMatrix(fleet, emulator.endpoint)));
    const output = join(dir, `report-${pairs}-${concurrency}.json`);
    const cpuBefore = emulator.child.pid === undefined ? undefined : processCpuSeconds(emulator.child.pid);
    const run = await runProcess(
      process.execPath,
      [
        BIN,
        "run",
        "--matrix",
        matrix,
        "--concurrency",
        String(concurrency),
        "--format",
        "json",
        "--output",
        output,
      ],
      { cwd: dir, env },
    );
    const cpuAfter = emulator.child.pid === undefined ? undefined : processCpuSeconds(emulator.child.pid);
    const report = JSON.parse(readFileSync(output, "utf8")) as RunsJson;
    const failed = report.runs.filter((r) => r.exitCode !== 0);
    const broken = failed[0]?.report?.links.find((l) => l.status === "error" || l.status === "fail");
    const firstFailure = failed[0] && {
      environment: failed[0].environment,
      exitCode: failed[0].exitCode,
      why:
        failed[0].error ??
        (broken
          ? `${broken.id}: ${broken.error ? `${broken.error.name}: ${broken.error.message}` : (broken.note ?? broken.status)}`
          : ""),
    };
    const durations = report.runs.map((r) => r.report?.durationMs ?? 0);
    const ids = report.runs[0]?.report?.links.map((l) => l.id) ?? [];
    const linksP50Ms = Object.fromEntries(
      ids.map((id) => [
        id,
        percentile(
          report.runs.map((r) => r.report?.links.find((l) => l.id === id)?.durationMs ?? 0),
          50,
        ),
      ]),
    );
    return {
      pairs,
      concurrency,
      emulatorStartMs: emulator.startMs,
      wallMs: run.wallMs,
      harnessPeakMiB: run.peakRssMiB,
      emulatorPeakMiB: emulatorPeak / 1024 / 1024,
      emulatorCpuSecondsPerPair:
        cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / pairs,
      p50EnvMs: percentile(durations, 50),
      p95EnvMs: percentile(durations, 95),
      linksP50Ms,
      passed: report.runs.length - failed.length,
      firstFailure,
    };
  } finally {
    clearInterval(sampler);
    await emulator.stop();
  }
}

const list = (raw: string | undefined, fallback: number[]) =>
  raw ? raw.split(",").map((s) => Number(s.trim())) : fallback;

const mib = (m: number | undefined) => (m === undefined ? "n/a" : `${m.toFixed(0)} MiB`);

export async function runFleetBench(log = console.log): Promise<FleetFigure[]> {
  const grid = Boolean(process.env.CHAINCHECK_FLEET_GRID);
  const sizes = list(process.env.CHAINCHECK_FLEET_SIZES, grid ? [50, 200, 500] : [50]);
  const concurrencies = list(process.env.CHAINCHECK_FLEET_CONCURRENCY, grid ? [4, 16, 64] : [16]);
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-fleet-"));
  const figures: FleetFigure[] = [];
  try {
    for (const pairs of sizes)
      for (const concurrency of concurrencies) {
        const f = await measure(pairs, concurrency, dir);
        figures.push(f);
        log(
          `fleet: ${pairs} pairs, concurrency ${concurrency}: wall ${fmt(f.wallMs)} (${fmt(f.wallMs / pairs)}/pair), harness peak ${mib(f.harnessPeakMiB)}, emulator peak ${mib(f.emulatorPeakMiB)}, emulator CPU ${f.emulatorCpuSecondsPerPair === undefined ? "n/a" : `${f.emulatorCpuSecondsPerPair.toFixed(2)} s`}/pair, per environment p50 ${fmt(f.p50EnvMs)} p95 ${fmt(f.p95EnvMs)}; emulator start ${fmt(f.emulatorStartMs)}; ${f.passed}/${pairs} passed; link p50s ${Object.entries(
            f.linksP50Ms,
          )
            .map(([id, ms]) => `${id} ${fmt(ms)}`)
            .join(
              ", ",
            )}${f.firstFailure ? `; first not passing: ${f.firstFailure.environment} exit ${f.firstFailure.exitCode} (${f.firstFailure.why})` : ""}`,
        );
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[2]?.endsWith("fleet.bench.ts"))
  await runFleetBench();
