/**
 * The CLI as users start it, whole process each time:
 * - `chaincheck help`, `diagnose TEXT` and `scenarios` next to `node -e 0`, and `help` through the
 *   tsx loader instead of the bundle (CHAINCHECK_NO_BUNDLE=1): one warm-up round, then five rounds
 *   taking the commands in turn, so a busy machine slows them alike; medians and their ratio to
 *   `node -e 0`;
 * - `npm start` cold (a fresh CHAINCHECK_CACHE_DIR each run: the SQL template and the probe bundle
 *   built, and the one-time line the user saw) and warm (one warm-up round, then five rounds with
 *   `node -e 0` in each): wall time, CPU and peak RSS of the whole process tree (npm, the CLI, its
 *   SQL worker thread, the Lambda child), and its peak PSS (the node binary's pages, which RSS
 *   counts once per process, divided between them), medians and ratios to `node -e 0` of the same
 *   rounds;
 * - where a warm run goes: npm itself (`npm start` vs `node bin/chaincheck.js run`), the TypeScript
 *   loader (the same run with CHAINCHECK_NO_BUNDLE=1), and the chain's own time per link (the JSON
 *   report's durationMs), the rest being Node, module loading and the emulator's start.
 *
 * `node bin/run-ts.js bench/cli.bench.ts --starts-only` measures the starts alone.
 *
 * Targets (the README's benchmark table): commands ≤ 0.3 s (≤ 2.5× `node -e 0`); warm `npm start` ≤ 1.0 s
 * and ≤ 300 MiB; cold ≤ 4 s with one line saying what one-time work runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ProcessRun, runProcess } from "./lib/process-run.ts";
import { fmt, median } from "./lib/stats.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const BIN = join(ROOT, "bin/chaincheck.js");
const DIAGNOSE_TEXT =
  "An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::111111111111:assumed-role/chaincheck-lambda-role/chaincheck-probe is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/chaincheck-redshift-role";

interface Command {
  name: string;
  args: string[];
  env?: Record<string, string>;
}

const COMMANDS: Command[] = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "chaincheck help", args: [BIN, "help"] },
  { name: "chaincheck diagnose TEXT", args: [BIN, "diagnose", DIAGNOSE_TEXT] },
  { name: "chaincheck scenarios", args: [BIN, "scenarios"] },
  {
    name: "chaincheck help, tsx loader (no bundle)",
    args: [BIN, "help"],
    env: { CHAINCHECK_NO_BUNDLE: "1" },
  },
];

export interface CommandFigure {
  name: string;
  medianMs: number;
  ratio: number;
  peakRssMiB: number | undefined;
}

export interface StartFigure {
  name: string;
  runs: number;
  medianMs: number;
  /** The median over `node -e 0`'s median in the same rounds. */
  ratio: number;
  /** Median CPU (user + system) of the whole process tree. */
  cpuMs: number | undefined;
  /** The highest peak RSS of the whole process tree over the runs. */
  peakRssMiB: number | undefined;
  /** The highest peak PSS of the whole process tree over the runs (a page shared by n processes
   *  counts 1/n in each: the node binary's pages, counted once per process by RSS). */
  peakPssMiB?: number;
  chainMs?: number;
  linksMs?: Record<string, number>;
  /** Cold starts: the one-time line on stderr (undefined when a run showed none). */
  oneTimeLine?: string;
}

export interface CliBenchResult {
  commands: CommandFigure[];
  starts: StartFigure[];
}

const env = (extra: Record<string, string | undefined> = {}) => ({ ...process.env, NO_COLOR: "1", ...extra });

async function commandFigures(rounds: number): Promise<CommandFigure[]> {
  const samples = COMMANDS.map(() => [] as ProcessRun[]);
  for (let round = -1; round < rounds; round++) {
    for (const [i, command] of COMMANDS.entries()) {
      const run = await runProcess(process.execPath, command.args, { cwd: ROOT, env: env(command.env) });
      if (run.code !== 0) throw new Error(`${command.name} exited ${run.code}:\n${run.stderr}`);
      if (round >= 0) samples[i].push(run);
    }
  }
  const base = median(samples[0].map((r) => r.wallMs));
  return COMMANDS.map((command, i) => {
    const medianMs = median(samples[i].map((r) => r.wallMs));
    const rss = samples[i].map((r) => r.peakRssMiB).filter((m) => m !== undefined);
    return {
      name: command.name,
      medianMs,
      ratio: medianMs / base,
      peakRssMiB: rss.length ? median(rss) : undefined,
    };
  });
}

function passed(run: ProcessRun, what: string, json: boolean): ProcessRun {
  const ok = json ? run.stdout.includes('"verdict": "pass"') : run.stdout.includes("verdict: pass");
  if (run.code !== 0 || !ok) throw new Error(`${what} exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
  return run;
}

const ONE_TIME = /^chaincheck: first run: .*$/m;

function startFigure(name: string, runs: ProcessRun[], baseMs: number, json = false): StartFigure {
  const rss = runs.map((r) => r.peakRssMiB).filter((m) => m !== undefined);
  const cpu = runs.map((r) => r.cpuMs).filter((m) => m !== undefined);
  const medianMs = median(runs.map((r) => r.wallMs));
  const figure: StartFigure = {
    name,
    runs: runs.length,
    medianMs,
    ratio: medianMs / baseMs,
    cpuMs: cpu.length ? median(cpu) : undefined,
    peakRssMiB: rss.length ? Math.max(...rss) : undefined,
  };
  const pss = runs.map((r) => r.peakPssMiB).filter((m) => m !== undefined);
  if (pss.length) figure.peakPssMiB = Math.max(...pss);
  if (json) {
    const reports = runs.map(
      (r) => JSON.parse(r.stdout) as { durationMs: number; links: { id: string; durationMs: number }[] },
    );
    figure.chainMs = median(reports.map((r) => r.durationMs));
    figure.linksMs = Object.fromEntries(
      reports[0].links.map((l) => [
        l.id,
        median(reports.map((r) => r.links.find((x) => x.id === l.id)?.durationMs ?? 0)),
      ]),
    );
  }
  return figure;
}

/**
 * `npm start` cold (each run with a fresh CHAINCHECK_CACHE_DIR: the SQL template and the probe
 * bundle built in the run, as when `npm ci`'s prepare could not) and warm (one warm-up round, then
 * `rounds` rounds taking `node -e 0`, `npm start`, and `chaincheck run --format json` through the
 * bundle and through tsx in turn, so a busy machine slows them alike).
 */
async function startFigures(rounds: number, coldRuns: number): Promise<StartFigure[]> {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), "chaincheck-bench-cache-"));
    dirs.push(dir);
    return dir;
  };
  const nodeBase = () =>
    runProcess(process.execPath, ["-e", "0"], { cwd: ROOT, env: env() }).then((r) => {
      if (r.code !== 0) throw new Error(`node -e 0 exited ${r.code}: ${r.stderr}`);
      return r;
    });
  try {
    const npmStart = (cache: string) =>
      runProcess("npm", ["start", "--silent"], { cwd: ROOT, env: env({ CHAINCHECK_CACHE_DIR: cache }) }).then(
        (r) => passed(r, "npm start", false),
      );
    const nodeRun = (cache: string, noBundle: boolean) =>
      runProcess(process.execPath, [BIN, "run", "--format", "json"], {
        cwd: ROOT,
        env: env({ CHAINCHECK_CACHE_DIR: cache, CHAINCHECK_NO_BUNDLE: noBundle ? "1" : undefined }),
      }).then((r) => passed(r, "chaincheck run", true));

    const cold: ProcessRun[] = [];
    const coldBase: ProcessRun[] = [];
    for (let i = 0; i < coldRuns; i++) {
      coldBase.push(await nodeBase());
      cold.push(await npmStart(fresh()));
    }
    const warmDir = dirs[0] ?? fresh();
    const base: ProcessRun[] = [];
    const warm: ProcessRun[] = [];
    const bundled: ProcessRun[] = [];
    const tsx: ProcessRun[] = [];
    for (let round = -1; round < rounds; round++) {
      const b = await nodeBase();
      const w = await npmStart(warmDir);
      const j = await nodeRun(warmDir, false);
      const t = await nodeRun(warmDir, true);
      if (round < 0) continue;
      base.push(b);
      warm.push(w);
      bundled.push(j);
      tsx.push(t);
    }
    const baseMs = median(base.map((r) => r.wallMs));
    const coldFigure = startFigure(
      "npm start, cold (fresh CHAINCHECK_CACHE_DIR)",
      cold,
      median(coldBase.map((r) => r.wallMs)),
    );
    const lines = cold.map((r) => ONE_TIME.exec(r.stderr)?.[0]);
    coldFigure.oneTimeLine = lines.every((l) => l !== undefined) ? lines[0] : undefined;
    return [
      startFigure("node -e 0", base, baseMs),
      coldFigure,
      startFigure("npm start, warm", warm, baseMs),
      startFigure("node bin/chaincheck.js run --format json, warm (bundle)", bundled, baseMs, true),
      startFigure(
        "node bin/chaincheck.js run --format json, warm (tsx loader, no bundle)",
        tsx,
        baseMs,
        true,
      ),
    ];
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const mib = (m: number | undefined) => (m === undefined ? "n/a" : `${m.toFixed(0)} MiB`);

export async function runCliBench(
  log = console.log,
  { rounds = 5, coldRuns = 3, commands: withCommands = true } = {},
): Promise<CliBenchResult> {
  const commands = withCommands ? await commandFigures(rounds) : [];
  for (const c of commands)
    log(
      `cli: ${c.name}: ${fmt(c.medianMs)} median of ${rounds}, ${c.ratio.toFixed(1)}× node -e 0, peak RSS ${mib(c.peakRssMiB)}`,
    );
  const starts = await startFigures(rounds, coldRuns);
  for (const s of starts) {
    const chain = s.chainMs === undefined ? "" : `; chain ${fmt(s.chainMs)} (${formatLinks(s.linksMs)})`;
    const cpu = s.cpuMs === undefined ? "" : `, ${fmt(s.cpuMs)} CPU`;
    const line = s.oneTimeLine === undefined ? "" : `; the user saw: ${s.oneTimeLine}`;
    const pss = s.peakPssMiB === undefined ? "" : `, peak PSS ${mib(s.peakPssMiB)}`;
    log(
      `cli: ${s.name}: ${fmt(s.medianMs)} median of ${s.runs} (${s.ratio.toFixed(1)}× node -e 0)${cpu}, peak RSS ${mib(s.peakRssMiB)}${pss}${chain}${line}`,
    );
  }
  const cold = starts.find((s) => s.name.startsWith("npm start, cold"));
  if (cold && cold.oneTimeLine === undefined)
    log("cli: a cold npm start did not say what one-time work it did");
  return { commands, starts };
}

function formatLinks(links: Record<string, number> | undefined): string {
  return Object.entries(links ?? {})
    .map(([id, ms]) => `${id} ${fmt(ms)}`)
    .join(", ");
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[2]?.endsWith("cli.bench.ts"))
  await runCliBench(console.log, { commands: !process.argv.includes("--starts-only") });
