import { describe, expect, test } from "vitest";
import { parseChainConfig } from "../../../config/chain-config.ts";
import type { ChainState } from "../../../helpers/chain/context.ts";
import { exitCodeFor } from "../../../helpers/chain/runner.ts";
import { walkLinks } from "../../../helpers/chain/walk-links.ts";
import { LINKS, type LinkId } from "../../../helpers/links.ts";
import type { LinkReport } from "../../../helpers/report/types.ts";
import { LAMBDA_ROLE_ARN, REDSHIFT_ROLE_ARN, SEED } from "../../support/constants.ts";
import { runAgainstEndpoint } from "./endpoint-run.ts";
import { FAULTS, type FaultProxy, faultFirst, faultNth, faultRandomly } from "./fault-proxy.ts";
import { seedBehindFaultProxy } from "./seed-behind-fault-proxy.ts";

const running = seedBehindFaultProxy();

function retriesIn(links: LinkReport[]): number {
  return links.flatMap((l) => l.calls ?? []).reduce((n, c) => n + (c.retries ?? 0), 0);
}

async function walkThroughProxy(ids: LinkId[], plan: FaultProxy["plan"]) {
  running.proxy.plan = plan;
  running.proxy.injected = [];
  const state: ChainState = {
    originCredentials: running.emu.credentials(LAMBDA_ROLE_ARN),
    bRoleCredentials: ids.includes("assume-role") ? undefined : running.emu.credentials(REDSHIFT_ROLE_ARN),
  };
  const links = await walkLinks(
    LINKS.filter((l) => ids.includes(l.id)),
    {
      config: parseChainConfig(running.emu.world.setup.chain, "setup"),
      target: "endpoint",
      endpoint: running.proxy.endpoint,
      testerCredentials: running.emu.credentials("A:tester"),
      state,
      retry: { baseDelayMs: 20, capMs: 80 },
    },
  );
  running.proxy.plan = () => undefined;
  return { links, injected: running.proxy.injected.length };
}

const LINKS_2_TO_4: LinkId[] = ["assume-role", "cluster-credentials", "execute-statement"];
const OPERATIONS_2_TO_4 = [
  "AssumeRole",
  "GetCallerIdentity",
  "GetClusterCredentials",
  "ExecuteStatement",
  "DescribeStatement",
  "GetStatementResult",
];

const runs: { title: string; ids: LinkId[]; plan: () => FaultProxy["plan"] }[] = [];
for (const operation of OPERATIONS_2_TO_4)
  for (const fault of FAULTS)
    for (const times of [1, 2])
      runs.push({
        title: `${operation} ${fault} ×${times}`,
        ids: LINKS_2_TO_4,
        plan: () => faultFirst(operation, fault, times),
      });
for (const nth of [1, 2, 3])
  for (const fault of FAULTS)
    for (const times of [1, 2])
      runs.push({
        title: `COPY check: ExecuteStatement #${nth} ${fault} ×${times}`,
        ids: ["copy-from-s3"],
        plan: () => faultNth("ExecuteStatement", nth, fault, times),
      });
for (const fault of FAULTS)
  runs.push({
    title: `COPY check: its control ${fault}`,
    ids: ["copy-from-s3"],
    plan: () => faultFirst("s3 GET", fault, 1),
  });
for (let seed = 1; seed <= 24; seed++)
  runs.push({
    title: `links 2–4, random faults (seed ${seed})`,
    ids: LINKS_2_TO_4,
    plan: () => faultRandomly(seed, 0.2),
  });

describe("a proxy that resets connections before and after forwarding, answers 503 and throttles", () => {
  test(`${runs.length} runs: no false red, and every injected fault is a retry in the report`, {
    timeout: 600_000,
  }, async () => {
    expect(runs.length).toBeGreaterThanOrEqual(100);
    const outcomes: string[] = [];
    let injectedTotal = 0;
    for (const run of runs) {
      const { links, injected } = await walkThroughProxy(run.ids, run.plan());
      injectedTotal += injected;
      const statuses = links
        .map(
          (l) =>
            `${l.id} ${l.status}${l.error ? ` (${l.error.operation} ${l.error.code}: ${l.error.message})` : ""}`,
        )
        .join(", ");
      outcomes.push(`${run.title}: ${statuses}; injected ${injected}, retries ${retriesIn(links)}`);
      expect(
        links.every((l) => l.status === "pass"),
        outcomes.at(-1),
      ).toBe(true);
      expect(retriesIn(links), outcomes.at(-1)).toBe(injected);
    }
    expect(injectedTotal).toBeGreaterThanOrEqual(runs.length);
  });

  test.each(FAULTS)(
    "%s that outlasts the retries ends the link error with the target named, exit 3",
    { timeout: 120_000 },
    async (fault) => {
      running.proxy.plan = faultFirst("GetClusterCredentials", fault, 3);
      const report = await runAgainstEndpoint(running.emu, SEED, running.proxy.endpoint);
      running.proxy.plan = () => undefined;
      const link = report.links.find((l) => l.id === "cluster-credentials") as LinkReport;
      expect([exitCodeFor(report), report.verdict, report.failedLink, link.status, link.diagnosis]).toEqual([
        3,
        "error",
        null,
        "error",
        undefined,
      ]);
      expect(link.calls?.find((c) => c.operation === "GetClusterCredentials")?.retries).toBe(2);
      expect(link.checks?.at(-1)?.detail).toMatch(/^the target .*redshift GetClusterCredentials/);
      expect(link.error?.targetFault).toBe(
        fault === "throttle" ? "throttling" : fault === "503" ? "server" : "connection",
      );
    },
  );
});
