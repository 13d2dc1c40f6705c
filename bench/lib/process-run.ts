/**
 * Whole-process measurements for benchmarks: run a command to completion, its wall time, the
 * peak resident memory of its process tree (the command and every descendant: npm → node → the
 * Lambda child), sampled from /proc every 20 ms (and its PSS every 100 ms), and the CPU time (user
 * + system) the whole tree used: the growth of this process's reaped-children counters (/proc/self/stat cutime + cstime)
 * across the run, which count every descendant that was waited for.
 *
 * Known gaps: Linux only (elsewhere `peakRssMiB` and `cpuMs` are undefined); a spike shorter than
 * the sampling interval is missed; pages shared between processes count once per process; `cpuMs`
 * assumes one run at a time (concurrent runs' children would mix) and has the kernel's clock-tick
 * resolution (10 ms).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessRun {
  wallMs: number;
  peakRssMiB: number | undefined;
  /** The tree's peak proportional set size (PSS: a page shared by n processes counts 1/n in each),
   *  sampled every PSS_EVERY × 20 ms, Linux only: RSS counts the node binary's pages once per
   *  process (npm, the CLI, the Lambda child). */
  peakPssMiB: number | undefined;
  /** User + system CPU of the whole process tree (Linux), in ms. */
  cpuMs: number | undefined;
  code: number | null;
  stdout: string;
  stderr: string;
}

const PAGE = 4096;
const TICK_MS = 10;
const SAMPLE_MS = 20;
const PSS_EVERY = 5;

function childrenOf(pid: number): number[] {
  try {
    const out: number[] = [];
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
    return out;
  } catch {
    return [];
  }
}

function residentBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system, every thread) `pid` has used so far; undefined off Linux. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing paren).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function proportionalBytes(pid: number): number {
  try {
    const kb = /^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** `bytesOf` summed over `pid` and all its descendants now. */
function treeSum(pid: number, bytesOf: (pid: number) => number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    total += bytesOf(next);
    stack.push(...childrenOf(next));
  }
  return total;
}

/** Proportional bytes (PSS) of `pid` and all its descendants now (0 when /proc has no smaps_rollup). */
export function treePss(pid: number): number {
  return treeSum(pid, proportionalBytes);
}

/** Resident bytes of `pid` and all its descendants now (0 when /proc is not there). */
export function treeRss(pid: number): number {
  return treeSum(pid, residentBytes);
}

/** CPU ms of this process's waited-for descendants so far (cutime + cstime), or undefined. */
function reapedChildrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name (which may hold spaces): cutime and cstime are the 16th and 17th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return undefined;
  }
}

export function runProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessRun> {
  const started = performance.now();
  const cpuBefore = reapedChildrenCpuMs();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peak = 0;
    let peakPss = 0;
    let ticks = 0;
    const onProc = process.platform === "linux";
    const timer = onProc
      ? setInterval(() => {
          if (child.pid === undefined) return;
          peak = Math.max(peak, treeRss(child.pid));
          // PSS every PSS_EVERY samples: smaps_rollup walks the page tables, which costs more than statm.
          if (ticks++ % PSS_EVERY === 0) peakPss = Math.max(peakPss, treePss(child.pid));
        }, SAMPLE_MS)
      : undefined;
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      const cpuAfter = reapedChildrenCpuMs();
      resolve({
        wallMs: performance.now() - started,
        peakRssMiB: onProc ? peak / 1024 / 1024 : undefined,
        peakPssMiB: onProc && peakPss > 0 ? peakPss / 1024 / 1024 : undefined,
        cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
        code,
        stdout,
        stderr,
      });
    });
  });
}
