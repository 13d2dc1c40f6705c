/**
 * Policy-engine throughput: decisions per second on the seed's policies, for the four
 * decisions the chain makes — A's identity side of AssumeRole, B's trust side, B's
 * GetClusterCredentials on the dbuser ARN, and the article's wrong `dbuser:<user>/<db>` resource.
 * Policies are read from the seed setup file, not restated here.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { buildRequestContext, evaluate, matchesPattern } from "../policy/index.ts";
import type { AuthzRequest, PolicySet, PrincipalInfo } from "../policy/types.ts";
import { fmt, median, sample } from "./lib/stats.ts";

const SEED = new URL("../fixtures/setups/seed.yaml", import.meta.url).pathname;

interface SeedRole {
  account: string;
  name: string;
  trustPolicy: object;
  inlinePolicies?: { name: string; document: object }[];
}

export async function runPolicyBench(
  log = console.log,
): Promise<{ decisionsPerSecond: number; wildcardWorstCaseMs: number }> {
  const seed = parse(readFileSync(SEED, "utf8")) as { roles: SeedRole[] };
  const role = (name: string) => seed.roles.find((r) => r.name === name) as SeedRole;
  const lambdaRole = role("chaincheck-lambda-role");
  const redshiftRole = role("chaincheck-redshift-role");
  const inline = (r: SeedRole): PolicySet["identity"] =>
    (r.inlinePolicies ?? []).map((p) => ({
      type: "identity",
      name: `role/${r.name}/inline/${p.name}`,
      document: p.document,
    }));
  const now = new Date();
  const lambdaSession: PrincipalInfo = {
    arn: "arn:aws:sts::111111111111:assumed-role/chaincheck-lambda-role/chaincheck-probe",
    account: "111111111111",
    kind: "assumed-role",
    roleArn: "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
    userId: "AROAEXAMPLELAMBDA0001:chaincheck-probe",
    uniqueId: "AROAEXAMPLELAMBDA0001",
  };
  const bSession: PrincipalInfo = {
    arn: "arn:aws:sts::222222222222:assumed-role/chaincheck-redshift-role/chaincheck",
    account: "222222222222",
    kind: "assumed-role",
    roleArn: "arn:aws:iam::222222222222:role/chaincheck-redshift-role",
    userId: "AROAEXAMPLEREDSHIFT01:chaincheck",
    uniqueId: "AROAEXAMPLEREDSHIFT01",
  };
  const targetRole = "arn:aws:iam::222222222222:role/chaincheck-redshift-role";
  const cases: [AuthzRequest, PolicySet][] = [
    [
      {
        principal: lambdaSession,
        action: "sts:AssumeRole",
        resource: targetRole,
        resourceAccount: "222222222222",
        context: buildRequestContext(lambdaSession, { "sts:ExternalId": "chaincheck-external-id" }, now),
      },
      { identity: inline(lambdaRole) },
    ],
    [
      {
        principal: lambdaSession,
        action: "sts:AssumeRole",
        resource: targetRole,
        resourceAccount: "222222222222",
        isRoleTrust: true,
        context: buildRequestContext(lambdaSession, { "sts:ExternalId": "chaincheck-external-id" }, now),
      },
      {
        identity: inline(lambdaRole),
        resource: { type: "trust", name: "trust", document: redshiftRole.trustPolicy },
      },
    ],
    [
      {
        principal: bSession,
        action: "redshift:GetClusterCredentials",
        resource: "arn:aws:redshift:ap-northeast-1:222222222222:dbuser:chaincheck-cluster/app_user",
        resourceAccount: "222222222222",
        context: buildRequestContext(
          bSession,
          { "redshift:DbUser": "app_user", "redshift:DbName": "dev" },
          now,
        ),
      },
      { identity: inline(redshiftRole) },
    ],
    [
      {
        principal: bSession,
        action: "redshift:GetClusterCredentials",
        resource: "arn:aws:redshift:ap-northeast-1:222222222222:dbuser:app_user/dev",
        resourceAccount: "222222222222",
        context: buildRequestContext(bSession, {}, now),
      },
      { identity: inline(redshiftRole) },
    ],
  ];
  const iterations = 50_000;
  const rates: number[] = [];
  let sink = 0;
  for (let run = 0; run < 7; run++) {
    const t = performance.now();
    for (let i = 0; i < iterations; i++) {
      const [request, policies] = cases[i % cases.length];
      if (evaluate(request, policies).decision === "Allow") sink++;
    }
    rates.push(iterations / ((performance.now() - t) / 1000));
  }
  const decisionsPerSecond = median(rates.slice(2));
  log(
    `policy engine, seed policies (4 chain decisions, parsed-policy cache warm): median ${decisionsPerSecond.toFixed(0)} decisions/s (${sink > 0 ? "ok" : "?"})`,
  );
  const wildcardWorstCaseMs = await runWildcardBench(log);
  return { decisionsPerSecond, wildcardWorstCaseMs };
}

/** Patterns that froze the emulator when wildcards were backtracking regexes (issue 10). */
export function redosCases(): { name: string; pattern: string; value: string }[] {
  const starry = `arn:aws:s3:::bucket/${"*a".repeat(40)}*c`;
  const logs = "arn:aws:s3:::logs/*-*-*-*-*-*-*.gz";
  return [
    {
      name: "bucket/*a*a…*c (40 stars), 20 000-char key",
      pattern: starry,
      value: `arn:aws:s3:::bucket/${"a".repeat(20_000)}`,
    },
    {
      name: "logs/*-*-*-*-*-*-*.gz, 5 000-char key",
      pattern: logs,
      value: `arn:aws:s3:::logs/${"-".repeat(5_000)}x.gzz`,
    },
    {
      name: "action s3:*a*a…*c (40 stars)",
      pattern: `s3:${"*a".repeat(40)}*c`,
      value: `s3:${"A".repeat(5_000)}`,
    },
  ];
}

async function runWildcardBench(log: (line: string) => void): Promise<number> {
  let worst = 0;
  for (const c of redosCases()) {
    const mode = c.pattern.startsWith("arn:") ? "arn" : "action";
    const times = await sample(9, () => matchesPattern(c.pattern, c.value, mode), 2);
    const ms = median(times);
    worst = Math.max(worst, ms);
    log(`policy wildcards, ${c.name}: median ${fmt(ms)} per match (no match, full scan)`);
  }
  return worst;
}

if (process.argv[2]?.endsWith("policy-engine.bench.ts")) {
  await runPolicyBench();
}
