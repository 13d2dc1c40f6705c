/**
 * What a new SQL engine's first database costs in a process that has opened databases before: the
 * way the test suite and `chaincheck matrix` use the engine (one emulator after another in one
 * process, each with an engine of its own). Prints CPU (user + system of the whole process, worker
 * threads included) and wall per engine, first engine apart.
 *
 * `node bin/run-ts.js bench/sql-engines.bench.ts [engines]` (default 8).
 */
import { createSqlEngine } from "../emulator/sql/index.ts";
import type { DatabaseSeed } from "../emulator/sql/types.ts";

const seed: DatabaseSeed = {
  masterUser: "awsuser",
  users: [{ name: "app_user" }],
  initSql: ['CREATE TABLE "public"."sales" ("id" integer, "region" varchar(32), "amount" numeric(10,2))'],
  grants: [{ to: "app_user", privileges: ["SELECT", "INSERT"], on: "table public.sales" }],
};

export interface SqlEnginesFigure {
  engines: number;
  firstCpuMs: number;
  firstWallMs: number;
  /** Medians over the engines after the first. */
  cpuMsPerEngine: number;
  wallMsPerEngine: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

export async function measureSqlEngines(engines = 8): Promise<SqlEnginesFigure> {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < engines; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const engine = createSqlEngine();
    const db = await engine.database(
      { account: "222222222222", clusterId: `bench-${i}`, database: "dev" },
      seed,
    );
    await db.adminExecute("SELECT count(*) FROM public.sales");
    await engine.close();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    wall.push(performance.now() - t0);
  }
  return {
    engines,
    firstCpuMs: Math.round(cpu[0] as number),
    firstWallMs: Math.round(wall[0] as number),
    cpuMsPerEngine: Math.round(median(cpu.slice(1))),
    wallMsPerEngine: Math.round(median(wall.slice(1))),
  };
}

export async function runSqlEnginesBench(engines = 8, log = console.log): Promise<SqlEnginesFigure> {
  const figure = await measureSqlEngines(engines);
  log(
    `SQL engines one after another in one process: ${engines} engines, one database each — first ${figure.firstCpuMs} ms CPU / ${figure.firstWallMs} ms wall, then ${figure.cpuMsPerEngine} ms CPU / ${figure.wallMsPerEngine} ms wall per engine (median)`,
  );
  return figure;
}

if (process.argv[2]?.endsWith("sql-engines.bench.ts") || process.argv[1]?.endsWith("sql-engines.bench.ts"))
  await runSqlEnginesBench(Number(process.argv[3] ?? 8));
