/**
 * What one more cluster costs the SQL engine, the way a fleet uses it: N clusters with the same seed
 * (the fleet's), each opened, given one INSERT and left, through `maxWorkers` live databases, so that
 * from the (maxWorkers+1)-th on every open hibernates an idle one (checkpoint, then its thread parked
 * or stopped). Prints CPU per cluster (user + system of the whole process, worker threads included),
 * wall per cluster, and RSS: per live database, and what the hibernated ones keep.
 *
 * `node bin/run-ts.js bench/fleet-databases.bench.ts [clusters] [maxWorkers]` (default 12, 4).
 */
import { createSqlEngine } from "../emulator/sql/index.ts";
import type { DatabaseSeed } from "../emulator/sql/types.ts";

const seed: DatabaseSeed = {
  masterUser: "awsuser",
  users: [{ name: "app_user" }],
  initSql: [
    'CREATE TABLE "public"."sales" ("id" integer, "region" varchar(32), "amount" numeric(10,2))',
    "INSERT INTO public.sales VALUES (1, 'tokyo', 120.5)",
  ],
  grants: [
    { to: "app_user", privileges: ["USAGE"], on: "schema public" },
    { to: "app_user", privileges: ["SELECT", "INSERT"], on: "table public.sales" },
  ],
};

export interface FleetDatabasesFigure {
  clusters: number;
  maxWorkers: number;
  cpuMsPerCluster: number;
  wallMsPerCluster: number;
  rssMiBPerLive: number;
  rssMiBEnd: number;
}

const rssMiB = () => process.memoryUsage().rss / 1048576;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

export async function runFleetDatabasesBench(
  clusters = 12,
  maxWorkers = 4,
  log = console.log,
): Promise<FleetDatabasesFigure> {
  const engine = createSqlEngine({ maxWorkers });
  await engine.template();
  const idle = rssMiB();
  const open = async (i: number) => {
    const db = await engine.database({ account: `2000${i}`, clusterId: "fleet", database: "dev" }, seed);
    await db.execute(`INSERT INTO sales VALUES (${i}, 'osaka', 1)`, { user: "app_user" });
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  let rssMiBPerLive = 0;
  for (let i = 0; i < clusters; i++) {
    await open(i);
    if (i === maxWorkers - 1) rssMiBPerLive = (rssMiB() - idle) / maxWorkers;
  }
  const figure: FleetDatabasesFigure = {
    clusters,
    maxWorkers,
    cpuMsPerCluster: cpuMs(cpu) / clusters,
    wallMsPerCluster: (performance.now() - started) / clusters,
    rssMiBPerLive,
    rssMiBEnd: rssMiB(),
  };
  await engine.close();
  log(
    `fleet databases: ${clusters} clusters, same seed, ${maxWorkers} live at most: ${figure.cpuMsPerCluster.toFixed(0)} ms CPU and ${figure.wallMsPerCluster.toFixed(0)} ms wall per cluster; ${figure.rssMiBPerLive.toFixed(0)} MiB RSS per live database; ${figure.rssMiBEnd.toFixed(0)} MiB RSS at the end`,
  );
  return figure;
}

if (
  process.argv[2]?.endsWith("fleet-databases.bench.ts") ||
  process.argv[1]?.endsWith("fleet-databases.bench.ts")
)
  await runFleetDatabasesBench(Number(process.argv[3] ?? 12), Number(process.argv[4] ?? 4));
