import {
  type AuthzRequest,
  buildRequestContext,
  type NamedPolicy,
  type PolicySet,
  type PrincipalInfo,
} from "../../policy/index.ts";
import {
  A,
  alice,
  B,
  BUCKET,
  CLUSTER,
  DBNAME,
  DBUSER,
  LAMBDA_ROLE,
  lambdaSession,
  REDSHIFT_ROLE,
  redshiftSession,
} from "./seed-world.ts";

export interface DiffCase {
  id: number;
  request: AuthzRequest;
  policies: PolicySet;
  features: Set<string>;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const variable = (key: string): string => `$${"{"}${key}}`;

const bob: PrincipalInfo = {
  arn: `arn:aws:iam::${B}:user/bob`,
  account: B,
  kind: "user",
  userId: "AIDABBBBBBBBBBBBBBBB4",
  uniqueId: "AIDABBBBBBBBBBBBBBBB4",
  username: "bob",
  tags: { team: "data" },
};
const principals = [lambdaSession, redshiftSession, alice, bob];
const BUCKET_B = "arn:aws:s3:::chaincheck-b-bucket";

interface Target {
  action: string;
  resource: string;
  account: string;
  trust?: boolean;
  actionPool: string[];
  resourcePool: string[];
}

const targets: Target[] = [
  {
    action: "sts:AssumeRole",
    resource: REDSHIFT_ROLE,
    account: B,
    trust: true,
    actionPool: ["sts:AssumeRole", "sts:*", "sts:Assume*", "*", "sts:TagSession"],
    resourcePool: [
      REDSHIFT_ROLE,
      `arn:aws:iam::${B}:role/*`,
      "*",
      `arn:aws:iam::*:role/chaincheck-*`,
      LAMBDA_ROLE,
    ],
  },
  {
    action: "sts:AssumeRole",
    resource: `arn:aws:iam::${A}:role/chaincheck-helper`,
    account: A,
    trust: true,
    actionPool: ["sts:AssumeRole", "sts:*", "*"],
    resourcePool: [`arn:aws:iam::${A}:role/chaincheck-helper`, `arn:aws:iam::${A}:role/*`, "*"],
  },
  {
    action: "redshift:GetClusterCredentials",
    resource: DBUSER,
    account: B,
    actionPool: [
      "redshift:GetClusterCredentials",
      "redshift:Get*",
      "redshift:*",
      "*",
      "redshift:GetCluster?redentials",
    ],
    resourcePool: [
      DBUSER,
      DBNAME,
      `arn:aws:redshift:ap-northeast-1:${B}:dbuser:app_user/dev`,
      `arn:aws:redshift:*:${B}:dbuser:chaincheck-cluster/*`,
      `arn:aws:redshift:ap-northeast-1:*:dbuser:*`,
      "*",
      `arn:aws:redshift:ap-northeast-1:${B}:dbuser:chaincheck-cluster/${variable("aws:username")}`,
    ],
  },
  {
    action: "redshift-data:ExecuteStatement",
    resource: CLUSTER,
    account: B,
    actionPool: ["redshift-data:ExecuteStatement", "redshift-data:*", "*", "redshift:*"],
    resourcePool: [
      CLUSTER,
      `arn:aws:redshift:*:*:cluster:*`,
      "*",
      `arn:aws:redshift:ap-northeast-1:${A}:cluster:*`,
    ],
  },
  {
    action: "s3:GetObject",
    resource: `${BUCKET}/data/part-0001.csv`,
    account: A,
    actionPool: ["s3:GetObject", "s3:Get*", "s3:*", "*", "s3:PutObject"],
    resourcePool: [
      `${BUCKET}/*`,
      `${BUCKET}/data/*`,
      `${BUCKET}/other/*`,
      BUCKET,
      "*",
      `${BUCKET}/data/part-????.csv`,
    ],
  },
  {
    action: "s3:ListBucket",
    resource: BUCKET_B,
    account: B,
    actionPool: ["s3:ListBucket", "s3:List*", "s3:*", "*"],
    resourcePool: [BUCKET_B, `${BUCKET_B}/*`, "arn:aws:s3:::chaincheck-*", "*"],
  },
];

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number) => r() < p;

interface CondGen {
  feature: string;
  make: (r: Rand) => Record<string, Record<string, string | string[]>>;
}

const conditions: CondGen[] = [
  {
    feature: "cond-string",
    make: (r) => ({ StringEquals: { "aws:PrincipalAccount": pick(r, [A, B, [A, B]]) } }),
  },
  {
    feature: "cond-string-not",
    make: (r) => ({ StringNotEquals: { "aws:PrincipalAccount": pick(r, [A, B]) } }),
  },
  {
    feature: "cond-like",
    make: (r) => ({
      StringLike: {
        "aws:PrincipalArn": pick(r, ["arn:aws:iam::*:role/chaincheck-*", "arn:aws:iam::*:user/*"]),
      },
    }),
  },
  {
    feature: "cond-arn",
    make: (r) => ({
      ArnLike: { "aws:PrincipalArn": pick(r, [LAMBDA_ROLE, "arn:aws:iam::*:role/*", `arn:aws:iam::${B}:*`]) },
    }),
  },
  {
    feature: "cond-arn-not",
    make: (r) => ({ ArnNotEquals: { "aws:PrincipalArn": pick(r, [LAMBDA_ROLE, REDSHIFT_ROLE]) } }),
  },
  { feature: "cond-bool", make: (r) => ({ Bool: { "aws:SecureTransport": pick(r, ["true", "false"]) } }) },
  {
    feature: "cond-bool-ifexists",
    make: (r) => ({ BoolIfExists: { "aws:MultiFactorAuthPresent": pick(r, ["true", "false"]) } }),
  },
  {
    feature: "cond-numeric",
    make: (r) => ({
      [pick(r, ["NumericLessThan", "NumericGreaterThanEquals"])]: {
        "aws:EpochTime": pick(r, ["1700000000", "1900000000"]),
      },
    }),
  },
  {
    feature: "cond-date",
    make: (r) => ({
      [pick(r, ["DateLessThan", "DateGreaterThan"])]: {
        "aws:CurrentTime": pick(r, ["2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z"]),
      },
    }),
  },
  {
    feature: "cond-ip",
    make: (r) => ({
      [pick(r, ["IpAddress", "NotIpAddress"])]: {
        "aws:SourceIp": pick(r, ["203.0.113.0/24", "198.51.100.0/24", ["10.0.0.0/8", "203.0.113.7/32"]]),
      },
    }),
  },
  {
    feature: "cond-tag",
    make: (r) => ({
      [pick(r, ["StringEquals", "StringEqualsIgnoreCase", "StringNotEquals"])]: {
        "aws:PrincipalTag/team": pick(r, ["data", "DATA", "ops"]),
      },
    }),
  },
  {
    feature: "cond-null",
    make: (r) => ({
      Null: {
        [pick(r, ["aws:PrincipalTag/team", "aws:SourceIp", "aws:username"])]: pick(r, ["true", "false"]),
      },
    }),
  },
  {
    feature: "cond-ifexists",
    make: (r) => ({ StringEqualsIfExists: { "aws:PrincipalTag/team": pick(r, ["data", "ops"]) } }),
  },
  {
    feature: "cond-variable",
    make: (r) => ({
      StringEquals: {
        "aws:PrincipalTag/team": pick(r, [
          variable("aws:PrincipalTag/team"),
          variable("aws:username"),
          `data${variable("?")}`,
        ]),
      },
    }),
  },
];

function statement(
  r: Rand,
  t: Target,
  f: Set<string>,
  opts: { principal?: () => unknown; trust?: boolean },
): Record<string, unknown> {
  const s: Record<string, unknown> = { Effect: chance(r, 0.8) ? "Allow" : "Deny" };
  if (s.Effect === "Deny") f.add("deny");
  const actions = [pick(r, t.actionPool), ...(chance(r, 0.3) ? [pick(r, t.actionPool)] : [])];
  if (chance(r, 0.1)) {
    s.NotAction = actions;
    f.add("not-action");
  } else s.Action = actions;
  if (!opts.trust) {
    const resources = [pick(r, t.resourcePool), ...(chance(r, 0.3) ? [pick(r, t.resourcePool)] : [])];
    if (resources.some((x) => x.includes("${"))) f.add("resource-variable");
    if (chance(r, 0.1)) {
      s.NotResource = resources;
      f.add("not-resource");
    } else s.Resource = resources;
  }
  if (opts.principal) {
    if (s.Effect === "Deny" && chance(r, 0.4)) {
      f.add("not-principal");
      s.NotPrincipal = pick(r, [
        { AWS: [lambdaSession.arn, `arn:aws:iam::${A}:root`] },
        { AWS: [LAMBDA_ROLE, `arn:aws:iam::${A}:root`] },
        { AWS: [alice.arn] },
        { AWS: [bob.arn, `arn:aws:iam::${B}:root`] },
        { AWS: [redshiftSession.arn, REDSHIFT_ROLE, `arn:aws:iam::${B}:root`] },
      ]);
    } else s.Principal = opts.principal();
  }
  if (chance(r, 0.35)) {
    const c = pick(r, conditions);
    f.add(c.feature);
    s.Condition = c.make(r);
  }
  return s;
}

function doc(r: Rand, t: Target, f: Set<string>, opts: { principal?: () => unknown; trust?: boolean }) {
  const n = 1 + Math.floor(r() * 3);
  return { Version: "2012-10-17", Statement: Array.from({ length: n }, () => statement(r, t, f, opts)) };
}

function resourcePrincipal(r: Rand, f: Set<string>): unknown {
  const choices: Array<[string, unknown]> = [
    ["principal-account-root", { AWS: `arn:aws:iam::${A}:root` }],
    ["principal-account-id", { AWS: B }],
    ["principal-role", { AWS: LAMBDA_ROLE }],
    ["principal-role", { AWS: REDSHIFT_ROLE }],
    ["principal-session", { AWS: lambdaSession.arn }],
    ["principal-user", { AWS: alice.arn }],
    ["principal-user", { AWS: bob.arn }],
    ["principal-star", "*"],
    ["principal-star", { AWS: "*" }],
    ["principal-service", { Service: "redshift.amazonaws.com" }],
    ["principal-list", { AWS: [`arn:aws:iam::${B}:root`, LAMBDA_ROLE] }],
  ];
  const [feature, value] = pick(r, choices);
  f.add(feature);
  return value;
}

export function generateCases(count: number, seed: number): DiffCase[] {
  const r = mulberry32(seed);
  const out: DiffCase[] = [];
  for (let id = 0; id < count; id++) {
    const f = new Set<string>();
    const principal = pick(r, principals);
    const t = pick(r, targets);
    const cross = principal.account !== t.account;
    f.add(cross ? "cross-account" : "same-account");
    f.add(`principal-kind-${principal.kind}`);
    if (t.trust) f.add("trust");
    const identity: NamedPolicy[] = [];
    const nIdentity = Math.floor(r() * 3);
    for (let i = 0; i < nIdentity; i++)
      identity.push({ type: "identity", name: `identity-${i}`, document: doc(r, t, f, {}) });
    const policies: PolicySet = { identity };
    if (t.trust) {
      policies.resource = {
        type: "trust",
        name: "trust",
        document: doc(r, t, f, { principal: () => resourcePrincipal(r, f), trust: true }),
      };
    } else if (chance(r, 0.6)) {
      f.add("resource-policy");
      policies.resource = {
        type: "resource",
        name: "resource-policy",
        document: doc(r, t, f, { principal: () => resourcePrincipal(r, f) }),
      };
    }
    if (chance(r, 0.2)) {
      f.add("boundary");
      policies.boundary = {
        type: "boundary",
        name: `arn:aws:iam::${principal.account}:policy/boundary`,
        document: doc(r, t, f, {}),
      };
    }
    if (chance(r, 0.2)) {
      f.add("scp");
      const levels = 1 + Math.floor(r() * 2);
      policies.scps = Array.from({ length: levels }, (_, i) => [
        {
          type: "scp" as const,
          name: `scp-${i}`,
          document: chance(r, 0.5)
            ? { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } }
            : doc(r, t, f, {}),
        },
      ]);
    }
    if (principal.kind === "assumed-role" && chance(r, 0.15)) {
      f.add("session-policy");
      policies.session = [{ type: "session", name: "session", document: doc(r, t, f, {}) }];
    }
    const extra: Record<string, string> = {};
    if (chance(r, 0.6)) extra["aws:SourceIp"] = pick(r, ["203.0.113.7", "198.51.100.20", "10.1.2.3"]);
    if (chance(r, 0.3)) extra["aws:SecureTransport"] = "false";
    const now = new Date(pick(r, [Date.UTC(2025, 0, 1), Date.UTC(2022, 5, 1)]));
    const request: AuthzRequest = {
      principal,
      action: t.action,
      resource: t.resource,
      resourceAccount: t.account,
      isRoleTrust: t.trust,
      context: buildRequestContext(principal, extra, now),
    };
    out.push({ id, request, policies, features: f });
  }
  return out;
}
