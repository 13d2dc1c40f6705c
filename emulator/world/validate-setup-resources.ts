/**
 * Checks a setup's service resources against each other and the disk, the way AWS refuses to
 * create them: a Lambda function's role must exist (CreateFunction), a cluster may only associate
 * roles that exist (ModifyClusterIamRoles), an SSE-KMS object or bucket names a key that exists,
 * fixture files exist, access key ids are unique, DB grants name a DB user or group the cluster
 * has, and table columns have Redshift types. Every problem names the field and a good value.
 *
 * Known gaps: column types are checked by name and arguments' shape only (not ranges such as
 * varchar's 65535); a grant to `role <name>` (Redshift RBAC) is not checked.
 */
import { isAbsolute, resolve } from "node:path";
import { existingStat } from "../../config/existing-stat.ts";
import type { Setup } from "./setup-schema.ts";
import type { SetupIssue } from "./validate-setup.ts";

type Unresolved = Omit<Setup, "baseDir">;

const SIMPLE_TYPES =
  /^(smallint|int2|integer|int|int4|bigint|int8|real|float4|float8|float|double precision|boolean|bool|date|time|timetz|timestamp|timestamptz|time with(out)? time zone|timestamp with(out)? time zone|text|bpchar|super|geometry|geography|hllsketch|interval year to month|interval day to second)$/i;
const NUMERIC = /^(decimal|numeric)(\s*\(\s*\d+\s*(,\s*\d+\s*)?\))?$/i;
const CHARACTER =
  /^(char|character|nchar|varchar|character varying|nvarchar|varbyte|varbinary|binary varying)(\s*\(\s*(\d+|max)\s*\))?$/i;

export function isRedshiftColumnType(type: string): boolean {
  const t = type.trim().replace(/\s+/g, " ");
  return SIMPLE_TYPES.test(t) || NUMERIC.test(t) || CHARACTER.test(t);
}

const TYPE_EXAMPLES = "integer, bigint, numeric(10,2), varchar(32), boolean, date or timestamp";

function roleArnOf(r: Unresolved["roles"][number]): string {
  return `arn:aws:iam::${r.account}:role${r.path}${r.name}`;
}

type DbHolder = {
  masterUsername?: string;
  adminUsername?: string;
  dbUsers: { name: string; groups: string[] }[];
  dbGroups: { name: string }[];
  grants: { to: string }[];
  databases: { tables: { columns: { type: string }[] }[] }[];
};

function checkDatabaseContents(
  holder: DbHolder,
  section: "redshiftClusters" | "serverlessNamespaces",
  index: number,
  issues: SetupIssue[],
): void {
  const master = holder.masterUsername ?? holder.adminUsername ?? "";
  const users = new Set([master, ...holder.dbUsers.map((u) => u.name)]);
  const groups = new Set([...holder.dbGroups.map((g) => g.name), ...holder.dbUsers.flatMap((u) => u.groups)]);
  holder.grants.forEach((g, j) => {
    const to = g.to.trim();
    const group = /^group\s+(\S+)$/i.exec(to)?.[1];
    const known =
      /^public$/i.test(to) || /^role\s+\S+$/i.test(to) || (group ? groups.has(group) : users.has(to));
    if (known) return;
    const declared = [...users].filter(Boolean).join(", ");
    issues.push({
      path: [section, index, "grants", j, "to"],
      message: group
        ? `no DB group ${group} on this ${section === "redshiftClusters" ? "cluster" : "namespace"}; declare it under dbGroups, or grant to one of: ${[...groups].join(", ") || "(none declared)"}`
        : `no DB user ${to} on this ${section === "redshiftClusters" ? "cluster" : "namespace"}; declare it under dbUsers (e.g. - name: ${to}), or grant to one of: ${declared}, "group <name>" or PUBLIC`,
    });
  });
  holder.databases.forEach((db, d) => {
    db.tables.forEach((t, k) => {
      t.columns.forEach((c, n) => {
        if (!isRedshiftColumnType(c.type))
          issues.push({
            path: [section, index, "databases", d, "tables", k, "columns", n, "type"],
            message: `unknown column type "${c.type}"; expected a Redshift type such as ${TYPE_EXAMPLES}`,
          });
      });
    });
  });
}

/** Whether a KMS key reference (id, key ARN, alias, alias ARN) names a key the setup declares. */
function kmsKeyDeclared(setup: Unresolved, account: string, region: string, ref: string): boolean {
  if (ref === "alias/aws/s3") return true;
  const arn = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/.exec(ref);
  const [a, r, kind, rest] = arn
    ? [arn[2], arn[1], arn[3], arn[4]]
    : ref.startsWith("alias/")
      ? [account, region, "alias", ref.slice("alias/".length)]
      : [account, region, "key", ref];
  if (kind === "alias" && rest === "aws/s3") return true;
  return setup.kmsKeys.some(
    (k) =>
      k.account === a &&
      k.region === r &&
      (kind === "key" ? k.id === rest : k.aliases.includes(`alias/${rest}`)),
  );
}

export function validateResources(setup: Unresolved, baseDir: string, issues: SetupIssue[]): void {
  const roleArns = new Set(setup.roles.map(roleArnOf));
  const roleHint = (arn: string) =>
    `no role ${arn} in this setup; declare it under roles, or name one of: ${[...roleArns].join(", ") || "(none declared)"}`;

  const keyIds = new Map<string, string>();
  setup.users.forEach((u, i) => {
    u.accessKeys.forEach((k, j) => {
      if (!k.accessKeyId) return;
      const first = keyIds.get(k.accessKeyId);
      if (first !== undefined)
        issues.push({
          path: ["users", i, "accessKeys", j, "accessKeyId"],
          message: `duplicate access key id ${k.accessKeyId} (also user ${first}); every key needs its own id, e.g. AKIAEXAMPLEEXAMPLE02, or leave it out to have one generated`,
        });
      else keyIds.set(k.accessKeyId, `${u.name} in account ${u.account}`);
    });
  });

  setup.lambdaFunctions.forEach((f, i) => {
    if (!roleArns.has(f.role))
      issues.push({ path: ["lambdaFunctions", i, "role"], message: roleHint(f.role) });
    if ("file" in f.code) {
      const problem = fileProblem(f.code.file, baseDir);
      if (problem) issues.push({ path: ["lambdaFunctions", i, "code", "file"], message: problem });
    }
  });

  setup.redshiftClusters.forEach((c, i) => {
    c.iamRoles.forEach((arn, j) => {
      if (!roleArns.has(arn))
        issues.push({ path: ["redshiftClusters", i, "iamRoles", j], message: roleHint(arn) });
    });
    checkDatabaseContents(c, "redshiftClusters", i, issues);
  });
  setup.serverlessNamespaces.forEach((n, i) => {
    n.iamRoles.forEach((arn, j) => {
      if (!roleArns.has(arn))
        issues.push({ path: ["serverlessNamespaces", i, "iamRoles", j], message: roleHint(arn) });
    });
    checkDatabaseContents(n, "serverlessNamespaces", i, issues);
  });

  const keyHint = (ref: string) =>
    `no KMS key ${ref} in this setup; declare it under kmsKeys (same account and region), or use alias/aws/s3`;
  setup.s3Buckets.forEach((b, i) => {
    const bucketKey = b.encryption?.sse === "aws:kms" ? b.encryption.kmsKeyId : undefined;
    if (bucketKey && !kmsKeyDeclared(setup, b.account, b.region, bucketKey))
      issues.push({ path: ["s3Buckets", i, "encryption", "kmsKeyId"], message: keyHint(bucketKey) });
    b.objects.forEach((o, j) => {
      const sse = o.sse ?? b.encryption?.sse;
      if (sse === "aws:kms" && o.kmsKeyId && !kmsKeyDeclared(setup, b.account, b.region, o.kmsKeyId))
        issues.push({ path: ["s3Buckets", i, "objects", j, "kmsKeyId"], message: keyHint(o.kmsKeyId) });
      if (o.file !== undefined) {
        const problem = fileProblem(o.file, baseDir);
        if (problem) issues.push({ path: ["s3Buckets", i, "objects", j, "file"], message: problem });
      }
    });
  });
}

function fileProblem(file: string, baseDir: string): string | undefined {
  const full = isAbsolute(file) ? file : resolve(baseDir, file);
  const stat = existingStat(full);
  if (!stat)
    return `no such file ${file} (relative to ${baseDir}); expected a fixture file path such as data/sales.csv`;
  if (!stat.isFile()) return `${file} is a directory; expected a fixture file path such as data/sales.csv`;
  return undefined;
}
