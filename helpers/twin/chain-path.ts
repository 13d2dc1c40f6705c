/**
 * What of a setup lies on the chain's path, as named items each with the links it can break: the
 * chain's own fields, the function, the execution role, B's role, the COPY roles (trust, inline,
 * attached and boundary policies, with the customer managed policies' documents), SCPs, the
 * cluster or workgroup (existence, associated and default roles), the chain's DB user, its grants
 * and the ASSUMEROLE grants, the COPY table's columns, the secret (key names, tags, policy, key),
 * the bucket (region, policy, encryption), the objects under the COPY source and their KMS keys.
 * Two setups compare item by item (helpers/twin/diff-setups.ts).
 *
 * Never an item: secret values, DB passwords, access keys (they are not what breaks a chain, and
 * they must not reach a diff). An object's content is its size and a SHA-256 of its text.
 *
 * Known gaps: roles, policies and buckets off the chain's path (another role a trust names, a
 * group's grants) are not compared.
 */
import { createHash } from "node:crypto";
import type { LinkId } from "../links.ts";
import { synthesizedBody } from "./synthesized-body.ts";

type Obj = Record<string, unknown>;

export interface PathItem {
  item: string;
  links: LinkId[];
  value: unknown;
}

/** An object's content in a snapshot taken without --with-data (the twin's synthesized body). */
export const NOT_COPIED = "(not copied: snapshot taken without --with-data)";

const ALL: LinkId[] = [
  "lambda-role",
  "assume-role",
  "cluster-credentials",
  "execute-statement",
  "copy-from-s3",
];

const CHAIN_FIELD_LINKS: Record<string, LinkId[]> = {
  functionName: ["lambda-role"],
  lambdaRoleArn: ["lambda-role"],
  targetRoleArn: ["lambda-role", "assume-role"],
  externalId: ["assume-role"],
  sessionName: ["assume-role"],
  durationSeconds: ["assume-role"],
  region: ALL,
  clusterId: ["cluster-credentials", "execute-statement", "copy-from-s3"],
  workgroupName: ["cluster-credentials", "execute-statement", "copy-from-s3"],
  database: ["cluster-credentials", "execute-statement", "copy-from-s3"],
  dbUser: ["cluster-credentials", "execute-statement", "copy-from-s3"],
  secretArn: ["cluster-credentials", "execute-statement"],
  copySource: ["copy-from-s3"],
  copyRoleArn: ["copy-from-s3"],
  table: ["copy-from-s3"],
  copyOptions: ["copy-from-s3"],
  scratchSchema: ["copy-from-s3"],
};

const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]).filter((x) => x && !x.$delete) : []);
const doc = (d: unknown): unknown => (typeof d === "string" ? safeJson(d) : d);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const roleArnOf = (r: Obj) =>
  `arn:aws:iam::${String(r.account)}:role${String(r.path ?? "/")}${String(r.name)}`;

export function chainPath(setup: Obj): PathItem[] {
  const out: PathItem[] = [];
  const add = (item: string, links: LinkId[], value: unknown) => out.push({ item, links, value });
  const chain = (setup.chain ?? {}) as Obj;
  for (const [field, links] of Object.entries(CHAIN_FIELD_LINKS))
    if (chain[field] !== undefined && chain[field] !== null) add(`chain.${field}`, links, chain[field]);
  const region = String(chain.region ?? "");

  const functionName = String(chain.functionName ?? "")
    .split(":function:")
    .pop()
    ?.split(":")[0];
  const fn = list(setup.lambdaFunctions).find((f) => f.name === functionName && f.region === region);
  add(
    `Lambda function ${functionName}`,
    ["lambda-role"],
    fn ? { role: fn.role, runtime: fn.runtime, vpc: fn.vpc } : null,
  );

  const roles = list(setup.roles);
  const policies = list(setup.policies);
  const seenRoles = new Set<string>();
  const addRole = (arn: string | undefined, trustLinks: LinkId[], policyLinks: LinkId[]) => {
    if (!arn || seenRoles.has(arn)) return;
    seenRoles.add(arn);
    const role = roles.find((r) => roleArnOf(r) === arn);
    add(`role ${arn}`, trustLinks, role ? "exists" : null);
    if (!role) return;
    add(`role ${arn} trust policy`, trustLinks, doc(role.trustPolicy));
    add(`role ${arn} max session duration`, trustLinks, role.maxSessionDuration ?? 3600);
    for (const p of list(role.inlinePolicies))
      add(`role ${arn} inline policy ${String(p.name)}`, policyLinks, doc(p.document));
    add(
      `role ${arn} attached policies`,
      policyLinks,
      [...((role.attachedPolicies as string[]) ?? [])].sort(),
    );
    add(`role ${arn} permissions boundary`, policyLinks, role.permissionsBoundary ?? null);
    for (const policyArn of [
      ...((role.attachedPolicies as string[]) ?? []),
      role.permissionsBoundary as string | undefined,
    ]) {
      const p =
        policyArn &&
        policies.find(
          (x) =>
            `arn:aws:iam::${String(x.account)}:policy${String(x.path ?? "/")}${String(x.name)}` === policyArn,
        );
      if (p) add(`managed policy ${policyArn}`, policyLinks, doc(p.document));
    }
  };
  const execRole = (fn?.role as string | undefined) ?? (chain.lambdaRoleArn as string | undefined);
  addRole(execRole, ["lambda-role"], ["lambda-role"]);
  if (chain.lambdaRoleArn !== execRole)
    addRole(chain.lambdaRoleArn as string | undefined, ["lambda-role"], ["lambda-role"]);
  addRole(
    chain.targetRoleArn as string | undefined,
    ["assume-role"],
    ["cluster-credentials", "execute-statement"],
  );
  for (const arn of String(chain.copyRoleArn ?? "")
    .split(",")
    .filter(Boolean))
    addRole(arn, ["copy-from-s3"], ["copy-from-s3"]);

  for (const org of list(setup.organizations))
    for (const scp of list(org.scps))
      add(
        `SCP ${String(scp.name)} (${String(org.id)})`,
        ["lambda-role", "cluster-credentials", "execute-statement"],
        {
          targets: scp.targets,
          document: doc(scp.document),
        },
      );

  const dbUserName = chain.dbUser as string | undefined;
  const addWarehouse = (kind: string, name: string, w: Obj | undefined, extra: Obj) => {
    add(
      `${kind} ${name}`,
      ["cluster-credentials", "execute-statement"],
      w ? { region: w.region, ...extra } : null,
    );
    if (!w) return;
    add(`${kind} ${name} associated roles`, ["copy-from-s3"], {
      iamRoles: [...((w.iamRoles as string[]) ?? [])].sort(),
      defaultIamRole: w.defaultIamRole ?? null,
    });
    const users = list(w.dbUsers);
    const grants = list(w.grants);
    const user = dbUserName ?? secretUser(setup, chain);
    if (user) {
      const u = users.find((x) => x.name === user);
      add(
        `DB user ${user}`,
        ["execute-statement"],
        u ? { superuser: u.superuser ?? false, groups: u.groups ?? [] } : null,
      );
      add(
        `SQL grants to ${user}`,
        ["execute-statement", "copy-from-s3"],
        grants
          .filter((g) => g.to === user && !/^iam_role/i.test(String(g.on)))
          .map((g) => `${(g.privileges as string[]).join(",")} on ${String(g.on)}`)
          .sort(),
      );
    }
    add(
      "ASSUMEROLE grants",
      ["copy-from-s3"],
      grants
        .filter((g) => /^iam_role/i.test(String(g.on)))
        .map((g) => `${String(g.to)}: ${String(g.on)}`)
        .sort(),
    );
    const [schema, table] = String(chain.table ?? "").includes(".")
      ? String(chain.table).split(".")
      : ["public", chain.table as string | undefined];
    if (table) {
      const db = list(w.databases).find((d) => d.name === chain.database);
      const t = db && list(db.tables).find((x) => x.name === table && (x.schema ?? "public") === schema);
      add(
        `table ${schema}.${table}`,
        ["copy-from-s3"],
        t ? { owner: t.owner ?? null, columns: t.columns } : null,
      );
    }
  };
  if (chain.clusterId) {
    const c = list(setup.redshiftClusters).find((x) => x.id === chain.clusterId && x.region === region);
    addWarehouse(
      "cluster",
      String(chain.clusterId),
      c,
      c ? { status: c.status ?? "available", enhancedVpcRouting: c.enhancedVpcRouting ?? false } : {},
    );
  }
  if (chain.workgroupName) {
    const wg = list(setup.serverlessWorkgroups).find(
      (x) => x.name === chain.workgroupName && x.region === region,
    );
    const ns = wg && list(setup.serverlessNamespaces).find((x) => x.name === wg.namespace);
    add(
      `workgroup ${String(chain.workgroupName)} tags`,
      ["cluster-credentials"],
      wg ? (wg.tags ?? {}) : null,
    );
    addWarehouse("workgroup", String(chain.workgroupName), ns, {});
  }

  if (chain.secretArn) {
    const s = findSecret(setup, String(chain.secretArn));
    add(
      `secret ${String(chain.secretArn)}`,
      ["cluster-credentials"],
      s
        ? {
            keys: Object.keys((s.secretJson as Obj) ?? {}).sort(),
            tags: s.tags ?? {},
            policy: doc(s.policy) ?? null,
            kmsKeyId: s.kmsKeyId ?? null,
          }
        : null,
    );
    if (s?.kmsKeyId) addKey(setup, String(s.kmsKeyId), ["cluster-credentials"], add);
  }

  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(String(chain.copySource ?? ""));
  if (m) {
    const [, name, prefix] = m;
    const b = list(setup.s3Buckets).find((x) => x.name === name);
    const synthesized = synthesizedBody(tableColumns(setup, chain), String(chain.copyOptions ?? ""));
    add(`bucket ${name}`, ["copy-from-s3"], b ? { account: b.account, region: b.region } : null);
    if (b) {
      add(`bucket ${name} policy`, ["copy-from-s3"], doc(b.policy) ?? null);
      add(`bucket ${name} default encryption`, ["copy-from-s3"], b.encryption ?? null);
      const enc = b.encryption as Obj | undefined;
      if (enc?.kmsKeyId) addKey(setup, String(enc.kmsKeyId), ["copy-from-s3"], add);
      const objects = list(b.objects).filter((o) => String(o.key).startsWith(prefix));
      add(
        `objects under ${String(chain.copySource)}`,
        ["copy-from-s3"],
        objects.map((o) => String(o.key)).sort(),
      );
      for (const o of objects) {
        const body = typeof o.body === "string" ? o.body : undefined;
        add(`object s3://${name}/${String(o.key)}`, ["copy-from-s3"], {
          sse: o.sse ?? null,
          kmsKeyId: o.kmsKeyId ?? null,
        });
        add(
          `object s3://${name}/${String(o.key)} content`,
          ["copy-from-s3"],
          body === undefined
            ? { file: o.file }
            : body === synthesized
              ? NOT_COPIED
              : {
                  bytes: Buffer.byteLength(body),
                  sha256: createHash("sha256").update(body).digest("hex").slice(0, 16),
                },
        );
        if (o.kmsKeyId) addKey(setup, String(o.kmsKeyId), ["copy-from-s3"], add);
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((i) => {
    if (seen.has(i.item)) return false;
    seen.add(i.item);
    return true;
  });
}

function tableColumns(setup: Obj, chain: Obj): { name: string; type: string }[] {
  const [schema, table] = String(chain.table ?? "").includes(".")
    ? String(chain.table).split(".")
    : ["public", String(chain.table ?? "")];
  const warehouses = [...list(setup.redshiftClusters), ...list(setup.serverlessNamespaces)];
  for (const w of warehouses)
    for (const d of list(w.databases))
      for (const t of list(d.tables))
        if (d.name === chain.database && t.name === table && (t.schema ?? "public") === schema)
          return t.columns as { name: string; type: string }[];
  return [];
}

function addKey(
  setup: Obj,
  ref: string,
  links: LinkId[],
  add: (item: string, links: LinkId[], value: unknown) => void,
) {
  const key = list(setup.kmsKeys).find(
    (k) =>
      ref === k.id ||
      ref.endsWith(`:key/${String(k.id)}`) ||
      ((k.aliases as string[]) ?? []).some((a) => ref.endsWith(a)),
  );
  add(
    `KMS key ${ref}`,
    links,
    key ? { enabled: key.enabled ?? true, policy: doc(key.policy) ?? "default" } : null,
  );
}

function findSecret(setup: Obj, arn: string): Obj | undefined {
  const m = /:secret:(.+?)(?:-([A-Za-z0-9]{6}))?$/.exec(arn);
  return list(setup.secrets).find(
    (s) => s.name === m?.[1] || `${String(s.name)}-${String(s.arnSuffix)}` === arn.split(":secret:")[1],
  );
}

function secretUser(setup: Obj, chain: Obj): string | undefined {
  const s = chain.secretArn ? findSecret(setup, String(chain.secretArn)) : undefined;
  const username = (s?.secretJson as Obj | undefined)?.username;
  if (typeof username === "string") return username;
  if (chain.workgroupName || !chain.secretArn) {
    const role = String(chain.targetRoleArn ?? "")
      .split("/")
      .pop();
    return role ? `IAMR:${role}` : undefined;
  }
  return undefined;
}
