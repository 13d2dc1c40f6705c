/**
 * Fix generators for links 4–5 (execute-statement, copy-from-s3) and the SQL causes that show
 * there: each reads the effective setup and returns the changes, or a reason why it cannot.
 *
 * Known gaps: grants are written for users (not groups or RBAC roles); copy-format-error is fixed
 * only for a CSV header row loaded as data (IGNOREHEADER 1); sql-syntax only for a misspelt COPY
 * option keyword.
 */
import { isOptionKeyword } from "../../emulator/redshift/copy/copy-options.ts";
import { dataApiStatementGrants } from "../diagnosis/catalog/execute-statement-causes.ts";
import { closeNames } from "../diagnosis/read/close-names.ts";
import {
  addClusterRoles,
  putBucketPolicy,
  putKeyPolicy,
  putRolePolicy,
  runSql,
  setChain,
  updateTrust,
} from "./change-builders.ts";
import type { Generated } from "./fix-identity-causes.ts";
import type { FixChange } from "./fix-types.ts";
import {
  accountOfArn,
  asList,
  bucketAndKey,
  chainCluster,
  copyDocument,
  copyRoleArns,
  type FixContext,
  findBucket,
  findRole,
  namesRole,
  policyOf,
  roleArnOf,
  roleNameOf,
  servicePrincipals,
  statementCovers,
} from "./setup-facts.ts";

export function clusterNotFound(ctx: FixContext): Generated {
  const ids = ctx.setup.redshiftClusters
    .filter((c) => c.account === ctx.accountB && c.region === ctx.region)
    .map((c) => c.id);
  const [id] = closeNames(ctx.chain.clusterId ?? "", ids, 1);
  if (!id)
    return `no cluster in B (${ctx.accountB}, ${ctx.region}) has an id close to ${ctx.chain.clusterId}`;
  return [setChain({ clusterId: id }, `Name the cluster that exists in B: ${id}.`)];
}

export function dataApiDenied(ctx: FixContext): Generated {
  const role = findRole(ctx, ctx.chain.targetRoleArn);
  if (!role) return "B's role is not in the setup";
  const warehouse = ctx.chain.workgroupName
    ? `arn:aws:redshift-serverless:${ctx.region}:${ctx.accountB}:workgroup/*`
    : `arn:aws:redshift:${ctx.region}:${ctx.accountB}:cluster:${ctx.chain.clusterId}`;
  // Into the role's inline policy `redshift-data` when it has one (its statements kept), else a new one.
  const existing = role.inlinePolicies.find((p) => p.name === "redshift-data");
  const kept = existing ? copyDocument(existing.document).Statement : [];
  return [
    putRolePolicy(
      ctx,
      role,
      "redshift-data",
      policyOf(...kept, ...dataApiStatementGrants(warehouse)),
      `Allow ${role.name} to run and poll Data API statements on ${ctx.chain.clusterId ?? ctx.chain.workgroupName}.`,
    ),
  ];
}

type Grant = { database?: string; to: string; privileges: string[]; on: string };

/** The DB user the chain logs in as: the configured one, else the secret's username. */
function chainDbUser(ctx: FixContext): string | undefined {
  if (ctx.chain.dbUser) return ctx.chain.dbUser;
  const secret = ctx.setup.secrets.find((s) => ctx.chain.secretArn?.includes(`:secret:${s.name}`));
  const user = (secret?.secretJson as Record<string, unknown> | undefined)?.username;
  return typeof user === "string" ? user : undefined;
}

/** The grants the chain's statements need: schema usage, SELECT and INSERT on the table, ASSUMEROLE on the COPY role. */
function neededGrants(ctx: FixContext, user: string): { grant: Grant; sql: string }[] {
  const db = ctx.chain.database;
  const table = ctx.chain.table;
  const out: { grant: Grant; sql: string }[] = [];
  if (table) {
    const schema = table.includes(".") ? table.split(".")[0] : "public";
    out.push({
      grant: { database: db, to: user, privileges: ["USAGE"], on: `schema ${schema}` },
      sql: `GRANT USAGE ON SCHEMA ${schema} TO ${user};`,
    });
    out.push({
      grant: { database: db, to: user, privileges: ["SELECT", "INSERT"], on: `table ${table}` },
      sql: `GRANT SELECT, INSERT ON TABLE ${table} TO ${user};`,
    });
  }
  if (ctx.chain.copyRoleArn)
    out.push({
      grant: { to: user, privileges: ["ASSUMEROLE"], on: `iam_role ${ctx.chain.copyRoleArn} for copy` },
      sql: `GRANT ASSUMEROLE ON '${ctx.chain.copyRoleArn}' TO ${user} FOR COPY;`,
    });
  return out;
}

function granted(existing: Grant[], wanted: Grant): boolean {
  const on = wanted.on.toLowerCase().replace(/\s+/g, " ");
  return wanted.privileges.every((p) =>
    existing.some(
      (g) =>
        g.to === wanted.to &&
        g.on.toLowerCase().replace(/\s+/g, " ") === on &&
        (g.privileges.includes(p) || g.privileges.includes("ALL")),
    ),
  );
}

function grantChange(
  ctx: FixContext,
  kinds: RegExp,
  summary: (user: string) => string,
  createUser = false,
): Generated {
  const cluster = chainCluster(ctx);
  const user = chainDbUser(ctx);
  if (!cluster || !user) return "the chain's cluster or DB user is not in the setup";
  const missing = neededGrants(ctx, user).filter(
    (n) => kinds.test(n.grant.privileges.join(",")) && !granted(cluster.grants as Grant[], n.grant),
  );
  if (!missing.length && !createUser) return `${user} already holds the grants the chain needs`;
  const layer: Record<string, unknown> = { grants: [...cluster.grants, ...missing.map((m) => m.grant)] };
  const sql = missing.map((m) => m.sql);
  if (createUser) {
    layer.dbUsers = [{ name: user }];
    sql.unshift(`CREATE USER ${user} PASSWORD DISABLE;`);
  }
  return [runSql(ctx, cluster, ctx.chain.database, layer, sql.join(" "), summary(user))];
}

export function dbUserMissing(ctx: FixContext): Generated {
  return grantChange(ctx, /./, (u) => `Create the DB user ${u} with the grants the chain needs.`, true);
}

export function sqlPermissionDenied(ctx: FixContext): Generated {
  return grantChange(
    ctx,
    /USAGE|SELECT|INSERT/,
    (u) => `Grant ${u} usage of the schema and SELECT, INSERT on ${ctx.chain.table}.`,
  );
}

export function copyAssumerolePrivilegeMissing(ctx: FixContext): Generated {
  return grantChange(ctx, /ASSUMEROLE/, (u) => `Grant ${u} ASSUMEROLE on ${ctx.chain.copyRoleArn} for COPY.`);
}

export function sqlObjectMissing(ctx: FixContext): Generated {
  const db = chainCluster(ctx)?.databases.find((d) => d.name === ctx.chain.database);
  const tables = (db?.tables ?? []).map((t) => `${t.schema}.${t.name}`);
  const [table] = closeNames(ctx.chain.table ?? "", tables, 1);
  if (!table) return `no table in ${ctx.chain.database} has a name close to ${ctx.chain.table}`;
  return [setChain({ table }, `COPY into the table that exists: ${table}.`)];
}

export function copyRoleNotAssociated(ctx: FixContext): Generated {
  const cluster = chainCluster(ctx);
  const [first] = copyRoleArns(ctx);
  if (!cluster || !first) return "the chain's cluster or COPY role is not in the setup";
  if (findRole(ctx, first))
    return [addClusterRoles(ctx, cluster, [first], `Associate ${first} with the cluster ${cluster.id}.`)];
  const byName = new Map(cluster.iamRoles.map((arn) => [roleNameOf(arn), arn]));
  const [name] = closeNames(roleNameOf(first), [...byName.keys()], 1);
  if (!name) return `no role associated with ${cluster.id} has a name close to ${roleNameOf(first)}`;
  const arns = copyRoleArns(ctx);
  arns[0] = byName.get(name) as string;
  return [
    setChain({ copyRoleArn: arns.join(",") }, `COPY with the role associated with the cluster: ${arns[0]}.`),
  ];
}

export function copyRoleTrustMissingRedshift(ctx: FixContext): Generated {
  const role = findRole(ctx, copyRoleArns(ctx)[0]);
  const cluster = chainCluster(ctx);
  if (!role || !cluster) return "the COPY role or the cluster is not in the setup";
  const trust = copyDocument(role.trustPolicy);
  const user = chainDbUser(ctx);
  const additions: Record<string, string> = {
    "aws:sourceaccount": cluster.account,
    "aws:sourcearn": `arn:aws:redshift:${cluster.region}:${cluster.account}:cluster:${cluster.id}`,
    "sts:externalid": `arn:aws:redshift:${cluster.region}:${cluster.account}:dbuser:${cluster.id}/${user}`,
  };
  const redshift = trust.Statement.filter(
    (s) => s.Effect === "Allow" && servicePrincipals(s).includes("redshift.amazonaws.com"),
  );
  for (const s of redshift) {
    for (const block of Object.values((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const key of Object.keys(block)) {
        const value = additions[key.toLowerCase()];
        if (value && !asList(block[key]).includes(value)) block[key] = [...asList(block[key]), value];
      }
    }
  }
  if (!redshift.length)
    trust.Statement.push({
      Effect: "Allow",
      Principal: { Service: "redshift.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": cluster.account } },
    });
  return [
    updateTrust(
      ctx,
      role,
      trust,
      `Let redshift.amazonaws.com assume ${role.name} for the cluster ${cluster.id}.`,
    ),
  ];
}

export function copyRoleChainBroken(ctx: FixContext): Generated {
  const arns = copyRoleArns(ctx);
  const changes: FixChange[] = [];
  for (let i = 0; i + 1 < arns.length; i++) {
    const from = findRole(ctx, arns[i]);
    const to = findRole(ctx, arns[i + 1]);
    if (!from || !to) return `the COPY chain's role ${from ? arns[i + 1] : arns[i]} is not in the setup`;
    const fromArn = roleArnOf(from);
    const toArn = roleArnOf(to);
    const identityAllows = from.inlinePolicies.some((p) =>
      copyDocument(p.document).Statement.some(
        (s) => s.Effect === "Allow" && statementCovers(s, "sts:AssumeRole", toArn),
      ),
    );
    if (!identityAllows)
      changes.push(
        putRolePolicy(
          ctx,
          from,
          `assume-${to.name}`,
          policyOf({ Effect: "Allow", Action: "sts:AssumeRole", Resource: toArn }),
          `Allow ${from.name} to call sts:AssumeRole on ${toArn}.`,
        ),
      );
    const trust = copyDocument(to.trustPolicy);
    if (
      !trust.Statement.some(
        (s) => s.Effect === "Allow" && namesRole(s, fromArn) && awsPrincipalsExact(s, fromArn),
      )
    ) {
      trust.Statement.push({ Effect: "Allow", Principal: { AWS: fromArn }, Action: "sts:AssumeRole" });
      changes.push(updateTrust(ctx, to, trust, `Let ${fromArn} assume ${to.name} in its trust policy.`));
    }
  }
  return changes.length ? changes : "every hop of the COPY role chain already allows the next one";
}

/** A trust statement naming the role itself or its account (not `*` alone, which conditions usually narrow). */
function awsPrincipalsExact(statement: Record<string, unknown>, roleArn: string): boolean {
  const account = accountOfArn(roleArn);
  const principals = asList((statement.Principal as Record<string, unknown> | undefined)?.AWS);
  return principals.some((p) => p === roleArn || p === account || p === `arn:aws:iam::${account}:root`);
}

function sourceResources(ctx: FixContext) {
  const source = bucketAndKey(ctx.chain.copySource);
  if (!source) return undefined;
  return {
    bucket: source.bucket,
    objects: `arn:aws:s3:::${source.bucket}/${source.key}*`,
    bucketArn: `arn:aws:s3:::${source.bucket}`,
  };
}

/** The role that reads S3: the last of the COPY chain. */
function readerRole(ctx: FixContext) {
  const arns = copyRoleArns(ctx);
  return findRole(ctx, arns[arns.length - 1]);
}

export function copyS3IdentityDenied(ctx: FixContext): Generated {
  const role = readerRole(ctx);
  const r = sourceResources(ctx);
  if (!role || !r) return "the COPY role or source is not in the setup";
  return [
    putRolePolicy(
      ctx,
      role,
      "read-copy-source",
      policyOf(
        { Effect: "Allow", Action: "s3:GetObject", Resource: r.objects },
        { Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: r.bucketArn },
      ),
      `Allow ${role.name} to list ${r.bucket} and read the COPY source.`,
    ),
  ];
}

export function copyS3BucketPolicyDenied(ctx: FixContext): Generated {
  const role = readerRole(ctx);
  const r = sourceResources(ctx);
  const bucket = r && findBucket(ctx, r.bucket);
  if (!role || !r || !bucket) return "the COPY role or bucket is not in the setup";
  const roleArn = roleArnOf(role);
  const doc = copyDocument(bucket.policy);
  doc.Statement.push(
    {
      Sid: "ChainCopyRoleReads",
      Effect: "Allow",
      Principal: { AWS: roleArn },
      Action: "s3:GetObject",
      Resource: r.objects,
    },
    {
      Sid: "ChainCopyRoleLists",
      Effect: "Allow",
      Principal: { AWS: roleArn },
      Action: ["s3:ListBucket", "s3:GetBucketLocation"],
      Resource: r.bucketArn,
    },
  );
  return [
    putBucketPolicy(
      ctx,
      bucket,
      doc,
      `Let ${roleArn} list ${bucket.name} and read the COPY source in its bucket policy.`,
    ),
  ];
}

/** Exempts the COPY role from each bucket-policy Deny that covers its reads (ArnNotEquals on
 *  aws:PrincipalArn); the Deny stays in force for everyone else, and its other conditions are kept. */
export function copyS3BucketPolicyExplicitDeny(ctx: FixContext): Generated {
  const role = readerRole(ctx);
  const r = sourceResources(ctx);
  const bucket = r && findBucket(ctx, r.bucket);
  if (!role || !r || !bucket?.policy) return "the COPY role or the bucket's policy is not in the setup";
  const roleArn = roleArnOf(role);
  const doc = copyDocument(bucket.policy);
  const ownerRoot = `arn:aws:iam::${bucket.account}:root`;
  const locksOwnerOut = doc.Statement.some(
    (s) =>
      s.Effect === "Deny" && namesRole(s, ownerRoot) && statementCovers(s, "s3:PutBucketPolicy", r.bucketArn),
  );
  const reads: [string, string][] = [
    ["s3:GetObject", `${r.objects.slice(0, -1)}`],
    ["s3:ListBucket", r.bucketArn],
  ];
  let exempted = 0;
  for (const statement of doc.Statement) {
    if (statement.Effect !== "Deny" || !namesRole(statement, roleArn)) continue;
    if (!reads.some(([action, resource]) => statementCovers(statement, action, resource))) continue;
    const condition = { ...((statement.Condition as Record<string, Record<string, unknown>>) ?? {}) };
    const arnNotEquals = { ...(condition.ArnNotEquals ?? {}) };
    arnNotEquals["aws:PrincipalArn"] = [...new Set([...asList(arnNotEquals["aws:PrincipalArn"]), roleArn])];
    if ((arnNotEquals["aws:PrincipalArn"] as string[]).length === 1)
      arnNotEquals["aws:PrincipalArn"] = roleArn;
    condition.ArnNotEquals = arnNotEquals;
    statement.Condition = condition;
    exempted++;
  }
  if (exempted === 0) return `no Deny in ${bucket.name}'s policy covers ${roleArn}'s reads`;
  return [
    putBucketPolicy(
      ctx,
      bucket,
      doc,
      `Exempt ${roleArn} from the Deny in ${bucket.name}'s bucket policy (ArnNotEquals on aws:PrincipalArn); the Deny still applies to everyone else.${locksOwnerOut ? ` The Deny refuses ${bucket.account}'s administrators s3:PutBucketPolicy too: run it as the account's root user, whom S3 always lets replace its bucket's policy.` : ""}`,
      locksOwnerOut,
    ),
  ];
}

export function copyKmsDenied(ctx: FixContext): Generated {
  const role = readerRole(ctx);
  const r = sourceResources(ctx);
  const bucket = r && findBucket(ctx, r.bucket);
  const key = bucketAndKey(ctx.chain.copySource)?.key ?? "";
  const object = bucket?.objects.find((o) => o.key.startsWith(key) && o.kmsKeyId);
  const keyRef = object?.kmsKeyId ?? bucket?.encryption?.kmsKeyId;
  const kms = keyRef
    ? ctx.setup.kmsKeys.find((k) => keyRef.endsWith(k.id) || k.aliases?.some((a) => keyRef.endsWith(a)))
    : undefined;
  if (!role || !kms) return "the COPY role or the source's KMS key is not in the setup";
  const roleArn = roleArnOf(role);
  const keyArn = `arn:aws:kms:${kms.region}:${kms.account}:key/${kms.id}`;
  const changes: FixChange[] = [];
  const doc = copyDocument(
    kms.policy ??
      policyOf({
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${kms.account}:root` },
        Action: "kms:*",
        Resource: "*",
      }),
  );
  if (
    !doc.Statement.some(
      (s) =>
        s.Effect === "Allow" &&
        asList((s.Principal as Record<string, unknown> | undefined)?.AWS).includes(roleArn) &&
        statementCovers(s, "kms:Decrypt", "*"),
    )
  ) {
    doc.Statement.push({
      Sid: "ChainCopyRoleDecrypts",
      Effect: "Allow",
      Principal: { AWS: roleArn },
      Action: "kms:Decrypt",
      Resource: "*",
    });
    changes.push(putKeyPolicy(ctx, kms, doc, `Let ${roleArn} decrypt with ${keyArn} in its key policy.`));
  }
  const identityAllows = role.inlinePolicies.some((p) =>
    copyDocument(p.document).Statement.some(
      (s) => s.Effect === "Allow" && statementCovers(s, "kms:Decrypt", keyArn),
    ),
  );
  if ((kms.account !== role.account || !kms.policy) && !identityAllows)
    changes.push(
      putRolePolicy(
        ctx,
        role,
        "decrypt-copy-source",
        policyOf({ Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn }),
        `Allow ${role.name} kms:Decrypt on ${keyArn}.`,
      ),
    );
  return changes;
}

function withOption(options: string | undefined, option: string): string {
  return `${(options ?? "").trim()} ${option}`.trim();
}

export function copyBucketRegionMismatch(ctx: FixContext): Generated {
  const r = sourceResources(ctx);
  const bucket = r && findBucket(ctx, r.bucket);
  if (!bucket) return "the COPY source bucket is not in the setup";
  return [
    setChain(
      {
        copyOptions: withOption(
          ctx.chain.copyOptions?.replace(/\bREGION\s+(AS\s+)?'[^']*'/i, ""),
          `REGION '${bucket.region}'`,
        ),
      },
      `Tell COPY the bucket's region: REGION '${bucket.region}'.`,
    ),
  ];
}

export function copySourceMissing(ctx: FixContext): Generated {
  const source = bucketAndKey(ctx.chain.copySource);
  if (!source) return "the chain has no COPY source";
  const bucket = findBucket(ctx, source.bucket);
  if (!bucket) {
    const names = ctx.setup.s3Buckets
      .filter((b) => b.objects.some((o) => o.key.startsWith(source.key)))
      .map((b) => b.name);
    const [name] = closeNames(source.bucket, names, 1);
    if (!name) return `no bucket holding ${source.key} has a name close to ${source.bucket}`;
    return [
      setChain(
        { copySource: `s3://${name}/${source.key}` },
        `COPY from the bucket that exists: s3://${name}/${source.key}.`,
      ),
    ];
  }
  const [key] = closeNames(
    source.key,
    bucket.objects.map((o) => o.key),
    1,
  );
  if (!key) return `no object in ${bucket.name} has a key close to ${source.key}`;
  return [
    setChain(
      { copySource: `s3://${bucket.name}/${key}` },
      `COPY from the object that exists: s3://${bucket.name}/${key}.`,
    ),
  ];
}

export function copyFormatError(ctx: FixContext): Generated {
  const options = ctx.chain.copyOptions ?? "";
  const source = bucketAndKey(ctx.chain.copySource);
  const object = source && findBucket(ctx, source.bucket)?.objects.find((o) => o.key.startsWith(source.key));
  const table = chainCluster(ctx)
    ?.databases.find((d) => d.name === ctx.chain.database)
    ?.tables.find((t) => `${t.schema}.${t.name}` === ctx.chain.table || t.name === ctx.chain.table);
  const firstLine = object?.body?.split("\n")[0]?.toLowerCase() ?? "";
  const columns = table?.columns.map((c) => c.name.toLowerCase()) ?? [];
  const header = columns.length > 0 && columns.every((c) => firstLine.includes(c));
  if (/\bCSV\b/i.test(options) && !/\bIGNOREHEADER\b/i.test(options) && header)
    return [
      setChain(
        { copyOptions: withOption(options, "IGNOREHEADER 1") },
        "Skip the CSV header row: IGNOREHEADER 1.",
      ),
    ];
  return "the load error is not a CSV header row loaded as data; the data or the table must change";
}

const COMMON_OPTIONS = [
  "ignoreheader",
  "csv",
  "json",
  "delimiter",
  "region",
  "format",
  "gzip",
  "bzip2",
  "zstd",
  "dateformat",
  "timeformat",
  "quote",
  "escape",
  "removequotes",
  "emptyasnull",
  "blanksasnull",
  "maxerror",
  "truncatecolumns",
  "acceptinvchars",
  "fillrecord",
  "trimblanks",
  "null",
  "encoding",
  "manifest",
  "compupdate",
  "statupdate",
  "ignoreblanklines",
  "acceptanydate",
];

export function sqlSyntax(ctx: FixContext): Generated {
  const options = ctx.chain.copyOptions ?? "";
  const known = COMMON_OPTIONS.filter(isOptionKeyword);
  let changed = false;
  // Quoted values ('|', 'us-west-2', 'auto') are left as they are: only keywords are respelt.
  const fixed = options
    .split(/('[^']*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/\b[A-Za-z_]{3,}\b/g, (word) => {
            if (isOptionKeyword(word.toLowerCase()) || /^(as|on|off|true|false|auto)$/i.test(word))
              return word;
            const [close] = closeNames(word.toLowerCase(), known, 1);
            if (!close) return word;
            changed = true;
            return close.toUpperCase();
          }),
    )
    .join("");
  if (!changed) return "no misspelt COPY option in the chain's copyOptions";
  return [setChain({ copyOptions: fixed }, `Spell the COPY options as Redshift does: ${fixed}.`)];
}
