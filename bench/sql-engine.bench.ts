/**
 * SQL engine costs: `node bin/run-ts.js bench/sql-engine.bench.ts [runs]` prints medians (also part
 * of `npm run bench`).
 *
 * - template build (cold): initdb + template SQL + dump, into a fresh temporary cache dir
 * - database create: worker start + load the cached template + seed, until the first call answers
 * - SELECT round trip: one `execute` through the worker (guard, rewrite, identity switch, DISCARD ALL)
 * - COPY FROM blob: 100k CSV rows loaded as a non-superuser, rows/s
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqlEngine } from "../emulator/sql/index.ts";
import { ensureTemplate } from "../emulator/sql/template.ts";

import { median } from "./lib/stats.ts";

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const seed = {
  masterUser: "awsuser",
  users: [{ name: "IAM:loader" }],
  initSql: ["CREATE TABLE public.rows (id INT, name VARCHAR(64), amount DECIMAL(12, 2), created TIMESTAMP)"],
  grants: [{ to: "IAM:loader", privileges: ["SELECT", "INSERT"], on: "table public.rows" }],
};

export interface SqlEngineBenchResult {
  templateBuildMs: number;
  databaseCreateMs: number;
  selectRoundTripMs: number;
  copyRowsPerSecond: number;
}

export async function runSqlEngineBench(runs = 3, log = console.log): Promise<SqlEngineBenchResult> {
  const templateMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(join(tmpdir(), "chaincheck-bench-"));
    templateMs.push(await time(() => ensureTemplate(dir)));
    await rm(dir, { recursive: true, force: true });
  }

  const engine = createSqlEngine();
  await engine.template();
  const createMs: number[] = [];
  let db = await engine.database({ account: "1", clusterId: "warmup", database: "dev" }, seed);
  for (let i = 0; i < runs; i++) {
    createMs.push(
      await time(async () => {
        db = await engine.database({ account: "1", clusterId: `c${i}`, database: "dev" }, seed);
      }),
    );
  }

  const selectMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    selectMs.push(await time(() => db.execute("SELECT 1", { user: "IAM:loader" })));
  }

  const csv = Array.from(
    { length: 100_000 },
    (_, i) => `${i},name-${i},${(i % 1000) + 0.25},2024-01-01 00:00:00`,
  ).join("\n");
  const copyRowsPerSecond: number[] = [];
  for (let i = 0; i < runs; i++) {
    await db.execute("TRUNCATE public.rows", { user: "awsuser" });
    const ms = await time(() => db.copyFromBlob({ user: "IAM:loader", table: { name: "rows" }, data: csv }));
    copyRowsPerSecond.push(100_000 / (ms / 1000));
  }
  await engine.close();

  const result: SqlEngineBenchResult = {
    templateBuildMs: median(templateMs),
    databaseCreateMs: median(createMs),
    selectRoundTripMs: median(selectMs),
    copyRowsPerSecond: median(copyRowsPerSecond),
  };
  const rows = [
    ["template build (cold)", `${median(templateMs).toFixed(0)} ms`],
    ["database create from template", `${median(createMs).toFixed(0)} ms`],
    ["SELECT 1 round trip via worker", `${median(selectMs).toFixed(2)} ms`],
    ["COPY FROM blob, 100k CSV rows", `${Math.round(median(copyRowsPerSecond)).toLocaleString("en")} rows/s`],
  ];
  log(`sql-engine (medians, ${runs} runs; SELECT over 200 calls)`);
  for (const [name, value] of rows) log(`  ${name.padEnd(32)} ${value}`);
  return result;
}

if (process.argv[2]?.endsWith("sql-engine.bench.ts")) {
  await runSqlEngineBench(Number(process.argv[3] ?? 3));
}
