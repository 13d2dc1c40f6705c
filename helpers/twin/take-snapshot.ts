/**
 * `chaincheck snapshot`: reads, read-only, everything the chain depends on in A and B through the
 * harness's own identity in A and the optional reader in B, and writes it as a setup file (with
 * the `chain:` block) that the embedded target replays offline: the twin.
 *
 * What it cannot read becomes a gap naming the read permission that would fill it, and the twin
 * assumes something in its place; what no read can settle (the twin's own users and keys, secret
 * values, the function's code) is listed as an assumption. It never writes to AWS and never holds a
 * secret value: secrets get generated values with the same keys.
 *
 * The twin adds what the embedded target needs and AWS cannot show: a `tester` user in A and an
 * `admin` user in B (AdministratorAccess, fixed keys that work only against the emulator).
 *
 * Known gaps: an SCP is inferred from IAM's simulator (OrganizationsDecisionDetail) as one Deny of
 * sts:AssumeRole on B's role, in an organization whose management account the twin makes up;
 * Organizations itself is not read. Users and groups other than the chain's DB user, the COPY
 * table's owner and ASSUMEROLE grantees are not copied.
 */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { ChainConfig } from "../../config/chain-config.ts";
import type { ReaderSettings } from "../diagnosis/read/read-access.ts";
import { readDatabase } from "./read-database.ts";
import { readIam, scpRefuses } from "./read-iam.ts";
import {
  readBucket,
  readClusters,
  readFunction,
  readKmsKey,
  readSecret,
  readWorkgroup,
} from "./read-services.ts";
import { synthesizedBody } from "./synthesized-body.ts";
import { attempt, GapList, type TwinGap } from "./twin-gaps.ts";
import { accountOfArn, type TwinReaders } from "./twin-readers.ts";

type Obj = Record<string, unknown>;

export interface SnapshotOptions {
  config: ChainConfig;
  tester: ReaderSettings;
  readerB?: ReaderSettings;
  /** Copy the first N bytes of each COPY source object (0: synthesize a body). */
  withData?: number;
}

export interface Snapshot {
  setup: Obj;
  gaps: TwinGap[];
  assumptions: string[];
}

export const TWIN_SEED = "chaincheck-twin";
const ORG_MANAGEMENT_ACCOUNT = "999999999999";

async function accountOf(reader: ReaderSettings | undefined): Promise<string | undefined> {
  if (!reader) return undefined;
  const got = await attempt(() => new STSClient(reader).send(new GetCallerIdentityCommand({})));
  return got.ok ? got.value.Account : undefined;
}

export async function takeSnapshot(o: SnapshotOptions): Promise<Snapshot> {
  const c = o.config;
  const accountA = (await accountOf(o.tester)) ?? c.lambdaRoleArn?.split(":")[4] ?? "111111111111";
  const fromArn = /^\d{12}$/.test(accountOfArn(c.targetRoleArn)) ? accountOfArn(c.targetRoleArn) : undefined;
  const accountB = fromArn ?? (await accountOf(o.readerB)) ?? accountA;
  const r: TwinReaders = {
    region: c.region,
    accountA,
    accountB,
    tester: o.tester,
    readerB: o.readerB,
    gaps: new GapList(),
    assumptions: [],
  };
  // Reads that do not depend on each other run side by side: the database's first statement waits
  // for the cluster to open its database, which is most of a snapshot's time.
  const [fn, clusters, serverless, secret] = await Promise.all([
    readFunction(r, c.functionName),
    c.clusterId ? readClusters(r, c.clusterId) : Promise.resolve([]),
    c.workgroupName ? readWorkgroup(r, c.workgroupName) : Promise.resolve(undefined),
    c.secretArn ? readSecret(r, c.secretArn, TWIN_SEED) : Promise.resolve(undefined),
  ]);
  const chainCluster = clusters.find((k) => k.entry.id === c.clusterId);
  const targetRoleName = c.targetRoleArn.split("/").pop() ?? "";
  const dbUser =
    c.dbUser ??
    secret?.login?.username ??
    (c.workgroupName || !c.secretArn ? `IAMR:${targetRoleName}` : undefined);
  const namespace = serverless?.namespace;
  const masterUsername = chainCluster?.masterUsername ?? (namespace?.adminUsername as string | undefined);
  const dbRead =
    chainCluster || namespace
      ? readDatabase(r, {
          clusterId: chainCluster ? c.clusterId : undefined,
          workgroupName: chainCluster ? undefined : c.workgroupName,
          masterUsername,
          database: c.database,
          dbUser,
          table: c.table,
        })
      : Promise.resolve(undefined);
  const columnsOf = async () =>
    (((await dbRead)?.database?.tables as Obj[] | undefined)?.[0]?.columns as {
      name: string;
      type: string;
    }[]) ?? [];
  const warehouse = chainCluster?.entry ?? namespace;
  const roleArns = [
    ...(fn?.role ? [fn.role as string] : []),
    ...(c.lambdaRoleArn ? [c.lambdaRoleArn] : []),
    c.targetRoleArn,
    ...(c.copyRoleArn ? c.copyRoleArn.split(",") : []),
    ...clusters.flatMap((k) => (k.entry.iamRoles as string[]) ?? []),
    ...(namespace ? ((namespace.iamRoles as string[]) ?? []) : []),
    ...[...clusters.map((k) => k.entry.defaultIamRole), namespace?.defaultIamRole].filter(
      (a): a is string => typeof a === "string",
    ),
  ];
  const [db, bucket, iam] = await Promise.all([
    dbRead,
    c.copySource
      ? readBucket(r, c.copySource, o.withData ?? 0, async () =>
          synthesizedBody(await columnsOf(), c.copyOptions),
        )
      : Promise.resolve(undefined),
    readIam(r, roleArns),
  ]);

  // Principals the policies read so far name (trusts, the bucket's, the secret's) are read too: the
  // setup loader, like IAM, refuses a policy naming a role or user that does not exist.
  const named = principalArns([iam.roles, bucket?.entry.policy, secret?.entry.policy]);
  const declared = new Set(iam.roles.map(roleArnOfEntry));
  const extra = await readIam(
    r,
    named.filter((a) => a.includes(":role/") && !declared.has(a)),
  );
  iam.roles.push(...extra.roles);
  for (const p of extra.policies)
    if (!iam.policies.some((q) => q.account === p.account && q.name === p.name)) iam.policies.push(p);

  const keyRefs = [
    ...(bucket?.kmsKeys ?? []),
    ...(typeof secret?.entry.kmsKeyId === "string" ? [secret.entry.kmsKeyId] : []),
    ...(typeof warehouse?.kmsKeyId === "string" ? [warehouse.kmsKeyId] : []),
  ];
  const kmsKeys: Obj[] = [];
  for (const ref of [...new Set(keyRefs)]) {
    const key = await readKmsKey(r, ref);
    if (key && !kmsKeys.some((k) => k.id === key.id)) kmsKeys.push(key);
  }

  const organizations: Obj[] = [];
  const execRole = (fn?.role as string | undefined) ?? c.lambdaRoleArn;
  if (execRole && (await scpRefuses(r, execRole, "sts:AssumeRole", c.targetRoleArn))) {
    organizations.push({
      id: "o-twinsnapshot",
      managementAccount: ORG_MANAGEMENT_ACCOUNT,
      accounts: [accountA, ...(accountB !== accountA ? [accountB] : [])],
      scps: [
        {
          id: "p-twininferred",
          name: "twin-inferred-deny-assume-role",
          description: "Inferred: IAM's simulator says an SCP refuses A's sts:AssumeRole on B's role",
          targets: [accountA],
          document: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Deny", Action: "sts:AssumeRole", Resource: c.targetRoleArn }],
          },
        },
      ],
    });
    r.gaps.add({
      what: `the service control policies on account ${accountA}`,
      permission: {
        action:
          "organizations:ListPoliciesForTarget, organizations:DescribePolicy (from the management account)",
        resource: `arn:aws:organizations::*:policy/*/service_control_policy/*`,
      },
      why: "IAM's simulator says an SCP refuses sts:AssumeRole on B's role; the SCPs themselves were not read",
      assumed: `one SCP denying sts:AssumeRole on ${c.targetRoleArn}, in an organization managed by ${ORG_MANAGEMENT_ACCOUNT}`,
    });
  }

  const setup = assembleTwin({
    c,
    r,
    fn,
    clusters: clusters.map((k) => k.entry),
    serverless,
    db,
    dbUser,
    secret,
    bucket: bucket?.entry,
    iam,
    kmsKeys,
    organizations,
  });
  return { setup, gaps: r.gaps.gaps, assumptions: r.assumptions };
}

interface Parts {
  c: ChainConfig;
  r: TwinReaders;
  fn?: Obj;
  clusters: Obj[];
  serverless?: { workgroup: Obj; namespace?: Obj };
  db?: Awaited<ReturnType<typeof readDatabase>>;
  dbUser?: string;
  secret?: Awaited<ReturnType<typeof readSecret>>;
  bucket?: Obj;
  iam: Awaited<ReturnType<typeof readIam>>;
  kmsKeys: Obj[];
  organizations: Obj[];
}

export const roleArnOfEntry = (x: Obj) =>
  `arn:aws:iam::${String(x.account)}:role${String(x.path ?? "/")}${String(x.name)}`;

/** Role and user ARNs named as `Principal: { AWS: … }` anywhere in `values`. */
export function principalArns(values: unknown[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, underPrincipal: boolean) => {
    if (typeof v === "string") {
      if (underPrincipal && /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/./.test(v)) out.add(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, underPrincipal);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v))
        walk(x, underPrincipal || k === "Principal" || k === "NotPrincipal");
  };
  for (const v of values) walk(v, false);
  return [...out];
}

/** The setup, made loadable: every reference the setup loader checks points at something declared. */
function assembleTwin(p: Parts): Obj {
  const { c, r } = p;
  const roles = p.iam.roles;
  const roleArnsDeclared = new Set(roles.map(roleArnOfEntry));
  const fn = p.fn;
  if (fn && !roleArnsDeclared.has(fn.role as string)) {
    const name = String(fn.role).split("/").pop() ?? "role";
    roles.push({
      account: r.accountA,
      name,
      trustPolicy: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      },
    });
    r.assumptions.push(
      `the execution role ${String(fn.role)} was not read: the twin's trusts Lambda and has no policies`,
    );
  }
  // A principal still undeclared (its read failed) is declared with no policies: the loader, like
  // IAM, refuses a policy naming a principal that does not exist.
  const extraUsers: Obj[] = [];
  const kmsPolicies = p.kmsKeys.map((k) => k.policy);
  for (const arn of principalArns([roles, p.bucket?.policy, p.secret?.entry.policy, ...kmsPolicies])) {
    const m = /^arn:aws[a-z-]*:iam::(\d{12}):(role|user)(\/(?:.*\/)?)([^/]+)$/.exec(arn);
    if (!m) continue;
    const [, account, kind, path, name] = m;
    if (kind === "role" && !roles.some((x) => roleArnOfEntry(x) === arn)) {
      roles.push({
        account,
        name,
        path,
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" },
          ],
        },
      });
      r.assumptions.push(
        `${arn} is named by a policy but was not read: the twin declares it with no policies, trusting its own account`,
      );
    }
    const builtIn =
      (account === r.accountA && name === "tester") || (account === r.accountB && name === "admin");
    if (kind === "user" && !builtIn && !extraUsers.some((u) => u.account === account && u.name === name)) {
      extraUsers.push({ account, name, path });
      r.assumptions.push(`${arn} is named by a policy: the twin declares the user with no policies`);
    }
  }
  const keyIds = new Set(p.kmsKeys.map((k) => String(k.id)));
  const declaredKey = (ref: unknown) =>
    typeof ref === "string" && [...keyIds].some((id) => ref === id || ref.endsWith(`:key/${id}`));
  const dropRoles = (list: unknown) =>
    ((list as string[]) ?? []).filter((arn) => {
      if (roleArnsDeclared.has(arn)) return true;
      r.assumptions.push(`${arn} is associated with the warehouse but was not read: the twin leaves it out`);
      return false;
    });
  const db = p.db;
  const dbUsers = [...(db?.dbUsers ?? [])];
  const login = p.secret?.login;
  if (login) {
    const user = dbUsers.find((u) => u.name === login.username);
    if (user) user.password = login.password;
  }
  const groups = new Set<string>();
  for (const g of db?.grants ?? []) {
    const to = String(g.to);
    if (to.startsWith("group ")) groups.add(to.slice(6));
  }
  const warehouseDb = {
    databases: db?.database ? [db.database] : [],
    dbUsers,
    dbGroups: [...groups].map((name) => ({ name })),
    grants: db?.grants ?? [],
  };
  const redshiftClusters = p.clusters.map((k) => {
    const cluster: Obj = { ...k, iamRoles: dropRoles(k.iamRoles) };
    if (cluster.defaultIamRole && !roleArnsDeclared.has(String(cluster.defaultIamRole)))
      delete cluster.defaultIamRole;
    if (cluster.kmsKeyId && !declaredKey(cluster.kmsKeyId)) delete cluster.kmsKeyId;
    return k.id === c.clusterId ? { ...cluster, ...warehouseDb } : cluster;
  });
  const namespace = p.serverless?.namespace;
  const serverlessNamespaces = namespace
    ? [
        {
          ...namespace,
          iamRoles: dropRoles(namespace.iamRoles),
          ...(namespace.kmsKeyId && !declaredKey(namespace.kmsKeyId) ? { kmsKeyId: undefined } : {}),
          ...warehouseDb,
        },
      ]
    : [];
  const secrets = p.secret ? [{ ...p.secret.entry }] : [];
  for (const s of secrets)
    if (s.kmsKeyId && !declaredKey(s.kmsKeyId)) {
      delete s.kmsKeyId;
      r.assumptions.push(
        `secret ${String(s.name)}: its KMS key is AWS managed or unread; the twin uses the default`,
      );
    }
  const s3Buckets = p.bucket ? [{ ...p.bucket }] : [];
  for (const b of s3Buckets) {
    const enc = b.encryption as Obj | undefined;
    if (enc?.kmsKeyId && !declaredKey(enc.kmsKeyId)) delete b.encryption;
    for (const obj of (b.objects as Obj[]) ?? [])
      if (obj.sse === "aws:kms" && !declaredKey(obj.kmsKeyId)) {
        delete obj.sse;
        delete obj.kmsKeyId;
        r.assumptions.push(
          `s3://${String(b.name)}/${String(obj.key)}: its KMS key is AWS managed or unread; the twin stores it unencrypted`,
        );
      }
  }
  r.assumptions.push(
    `the twin adds the users the embedded target needs: tester in ${r.accountA} and admin in ${r.accountB} (AdministratorAccess, keys valid only against the emulator)`,
  );
  const accounts: Obj[] = [
    { id: r.accountA, name: "Lambda account (A)" },
    ...(r.accountB !== r.accountA ? [{ id: r.accountB, name: "Redshift account (B)" }] : []),
    ...(p.organizations.length
      ? [{ id: ORG_MANAGEMENT_ACCOUNT, name: "organization management account (assumed)" }]
      : []),
  ];
  for (const x of [...roles, ...extraUsers, ...p.iam.policies])
    if (!accounts.some((a) => a.id === x.account))
      accounts.push({ id: x.account, name: "named by a policy of the chain" });
  const chain: Obj = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) chain[k] = v;
  const clean = (o: Obj) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return clean({
    description: `Twin of the chain ${c.functionName} → ${c.targetRoleArn} → ${c.clusterId ?? c.workgroupName}, from chaincheck snapshot`,
    seed: TWIN_SEED,
    accounts,
    ...(p.organizations.length ? { organizations: p.organizations } : {}),
    users: [
      {
        account: r.accountA,
        name: "tester",
        attachedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        accessKeys: [
          { accessKeyId: "AKIATWINTESTERKEY001", secretAccessKey: "chaincheck-twin-tester-not-a-real-key" },
        ],
      },
      ...(r.accountB !== r.accountA
        ? [
            {
              account: r.accountB,
              name: "admin",
              attachedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
              accessKeys: [
                {
                  accessKeyId: "AKIATWINADMINBKEY001",
                  secretAccessKey: "chaincheck-twin-admin-b-not-a-real-key",
                },
              ],
            },
          ]
        : []),
      ...extraUsers,
    ],
    roles,
    policies: p.iam.policies,
    lambdaFunctions: fn ? [fn] : [],
    redshiftClusters,
    serverlessNamespaces: serverlessNamespaces.map(clean),
    serverlessWorkgroups: p.serverless ? [p.serverless.workgroup] : [],
    secrets,
    kmsKeys: p.kmsKeys,
    s3Buckets,
    chain,
  });
}
