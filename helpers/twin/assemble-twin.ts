/**
 * The snapshot's reads assembled into a setup the project's loader accepts: every reference the
 * loader checks points at something declared (the function's role, the warehouse's roles, KMS keys of
 * objects and secrets, the principals policies name, the users grants name), and the users the
 * embedded target needs are added. What had to be made up is listed as an assumption.
 */
import type { ChainConfig } from "../../config/chain-config.ts";
import type { readDatabase } from "./read-database.ts";
import type { readIam } from "./read-iam.ts";
import type { readSecret } from "./read-services.ts";
import type { TwinReaders } from "./twin-readers.ts";

type Obj = Record<string, unknown>;

export const ORG_MANAGEMENT_ACCOUNT = "999999999999";
export const TWIN_SEED = "chaincheck-twin";

export interface Parts {
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
export function assembleTwin(p: Parts): Obj {
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
      (account === r.accountA && name === "tester") ||
      (account === r.accountB && name === "admin" && r.readerB !== undefined);
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
    r.readerB
      ? `the twin adds the users the embedded target needs: tester in ${r.accountA}, and admin in ${r.accountB} as the reader in B (AdministratorAccess, keys valid only against the emulator)`
      : `the twin adds the tester in ${r.accountA} the embedded target needs (AdministratorAccess, keys valid only against the emulator), and no reader in B, as the snapshot had none`,
  );
  const accounts: Obj[] = [
    { id: r.accountA, name: "Lambda account (A)" },
    ...(r.accountB !== r.accountA ? [{ id: r.accountB, name: "Redshift account (B)" }] : []),
  ];
  for (const org of p.organizations) {
    const id = String(org.managementAccount);
    if (!accounts.some((a) => a.id === id))
      accounts.push({
        id,
        name:
          id === ORG_MANAGEMENT_ACCOUNT
            ? "organization management account (assumed)"
            : "organization management account",
      });
  }
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
      ...(r.accountB !== r.accountA && r.readerB
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
