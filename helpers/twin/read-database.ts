/**
 * The database side of a snapshot, through the Data API as the reader in B: whether the chain's
 * DB user exists (and is a superuser or may create databases), its USAGE on the COPY table's schema
 * and its privileges on that table, the table's columns and owner, and the ASSUMEROLE grants
 * (Redshift's SVV_IAM_PRIVILEGES). Only what the setup format can express is kept.
 *
 * It signs in as the cluster's master user (GetClusterCredentials, DbUser = MasterUsername), which
 * sees every catalog row; on a workgroup as the reader's own IAM identity.
 *
 * Known gaps: group membership and grants through groups or RBAC roles are not read (a privilege
 * held through a group becomes the user's own grant in the twin); a cluster that revoked ASSUMEROLE
 * from PUBLIC and granted it to nobody reads as the default (every user may use every role).
 */
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  type Field,
  GetStatementResultCommand,
  RedshiftDataClient,
  type SqlParameter,
} from "@aws-sdk/client-redshift-data";
import { pollDelay } from "../chain/statement.ts";
import { attempt } from "./twin-gaps.ts";
import type { TwinReaders } from "./twin-readers.ts";

type Obj = Record<string, unknown>;

export interface DatabaseTarget {
  clusterId?: string;
  workgroupName?: string;
  masterUsername?: string;
  database: string;
  /** The DB user the chain signs in as. */
  dbUser?: string;
  /** schema.table the COPY loads. */
  table?: string;
}

export interface DatabaseRead {
  /** undefined: the database does not exist. */
  database?: Obj;
  dbUsers: Obj[];
  grants: Obj[];
}

type Row = (string | number | boolean | null)[];

const STATEMENT_TIMEOUT_MS = 60_000;

function fieldValue(f: Field): string | number | boolean | null {
  if (f.isNull) return null;
  return f.stringValue ?? f.longValue ?? f.booleanValue ?? f.doubleValue ?? null;
}

class StatementFailed extends Error {
  override name = "StatementFailed";
}

async function query(
  client: RedshiftDataClient,
  t: DatabaseTarget,
  sql: string,
  params: Obj,
): Promise<Row[]> {
  const Parameters: SqlParameter[] = Object.entries(params).map(([name, value]) => ({
    name,
    value: String(value),
  }));
  const submitted = await client.send(
    new ExecuteStatementCommand({
      ...(t.clusterId
        ? { ClusterIdentifier: t.clusterId, DbUser: t.masterUsername }
        : { WorkgroupName: t.workgroupName }),
      Database: t.database,
      Sql: sql,
      ...(Parameters.length ? { Parameters } : {}),
      StatementName: "chaincheck-snapshot",
    }),
  );
  const Id = submitted.Id as string;
  const started = Date.now();
  for (let polls = 0; ; polls++) {
    await new Promise((r) => setTimeout(r, pollDelay(polls, Date.now() - started)));
    const d = await client.send(new DescribeStatementCommand({ Id }));
    if (d.Status === "FINISHED") break;
    if (d.Status === "FAILED" || d.Status === "ABORTED") throw new StatementFailed(d.Error ?? d.Status);
    if (Date.now() - started > STATEMENT_TIMEOUT_MS)
      throw new StatementFailed("the statement did not finish in 60 s");
  }
  const result = await client.send(new GetStatementResultCommand({ Id }));
  return (result.Records ?? []).map((r) => r.map(fieldValue));
}

const PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;

export async function readDatabase(r: TwinReaders, t: DatabaseTarget): Promise<DatabaseRead | undefined> {
  const where = t.clusterId ? `cluster ${t.clusterId}` : `workgroup ${t.workgroupName}`;
  const resource = t.clusterId
    ? `arn:aws:redshift:${r.region}:${r.accountB}:dbuser:${t.clusterId}/${t.masterUsername}`
    : `arn:aws:redshift-serverless:${r.region}:${r.accountB}:workgroup/*`;
  const action = t.clusterId
    ? "redshift:GetClusterCredentials, redshift-data:ExecuteStatement, redshift-data:DescribeStatement, redshift-data:GetStatementResult"
    : "redshift-serverless:GetCredentials, redshift-data:ExecuteStatement, redshift-data:DescribeStatement, redshift-data:GetStatementResult";
  if (!r.readerB) return undefined;
  const client = new RedshiftDataClient(r.readerB);
  const [schema, table] = t.table?.includes(".") ? t.table.split(".") : ["public", t.table];
  const tables: Obj[] = [];
  const out: DatabaseRead = { database: { name: t.database, tables }, dbUsers: [], grants: [] };
  const gap = (what: string, why: string, assumed: string) =>
    r.gaps.add({
      what: `${what} (${where}, database ${t.database})`,
      permission: { action, resource },
      why,
      assumed,
    });

  const users = await attempt(() =>
    t.dbUser
      ? query(client, t, "select usename, usesuper, usecreatedb from pg_user where usename = :u", {
          u: t.dbUser,
        })
      : Promise.resolve([]),
  );
  if (!users.ok) {
    const why = users.missing ? "not found" : users.why;
    const text = (users as { why?: string }).why ?? "";
    if (/database .* does not exist/i.test(text)) return { dbUsers: [], grants: [] };
    gap(
      "DB users and grants",
      why,
      `the DB user ${t.dbUser ?? ""} exists with the privileges the chain needs`,
    );
    return undefined;
  }
  for (const [name, superuser, createdb] of users.value)
    out.dbUsers.push({
      name: String(name),
      ...(superuser === true || superuser === "true" ? { superuser: true } : {}),
      ...(createdb === true || createdb === "true" ? { createdb: true } : {}),
    });
  const userExists = out.dbUsers.length > 0;

  if (table) {
    const columns = await attempt(() =>
      query(
        client,
        t,
        `select a.attname::varchar, format_type(a.atttypid, a.atttypmod)::varchar, pg_get_userbyid(c.relowner)::varchar
           from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = :s and c.relname = :t and a.attnum > 0 and not a.attisdropped order by a.attnum`,
        { s: schema, t: table },
      ),
    );
    if (columns.ok && columns.value.length) {
      const owner = String(columns.value[0][2] ?? "");
      tables.push({
        schema,
        name: table,
        ...(owner ? { owner } : {}),
        columns: columns.value.map(([name, type]) => ({ name: String(name), type: String(type) })),
      });
      if (owner && owner !== t.masterUsername && owner !== t.dbUser) out.dbUsers.push({ name: owner });
      r.assumptions.push(`table ${schema}.${table}: the twin's copy has its columns, not its rows`);
    } else if (!columns.ok)
      gap(
        `columns of ${schema}.${table}`,
        columns.missing ? "not found" : columns.why,
        "the table does not exist",
      );
    if (userExists) {
      const privileges = await attempt(() =>
        query(
          client,
          t,
          `select has_schema_privilege(:u, :s, 'USAGE'), ${PRIVILEGES.map((p) => `has_table_privilege(:u, :q, '${p}')`).join(", ")}
             from (select 1) as one where exists (select 1 from pg_namespace where nspname = :s)`,
          { u: t.dbUser as string, s: schema, q: `${schema}.${table}` },
        ),
      );
      if (privileges.ok && privileges.value.length) {
        const [usage, ...held] = privileges.value[0];
        const yes = (v: unknown) => v === true || v === "true";
        if (yes(usage))
          out.grants.push({
            database: t.database,
            to: t.dbUser,
            privileges: ["USAGE"],
            on: `schema ${schema}`,
          });
        const tablePrivileges = PRIVILEGES.filter((_, i) => yes(held[i]));
        if (columns.ok && columns.value.length && tablePrivileges.length)
          out.grants.push({
            database: t.database,
            to: t.dbUser,
            privileges: tablePrivileges,
            on: `table ${schema}.${table}`,
          });
      } else if (!privileges.ok)
        gap(
          `privileges of ${t.dbUser} on ${schema}.${table}`,
          privileges.missing ? "not found" : privileges.why,
          "no privileges",
        );
    }
  }

  const iam = await attempt(() =>
    query(
      client,
      t,
      "select identity_name::varchar, identity_type::varchar, iam_arn::varchar, command_type::varchar from svv_iam_privileges",
      {},
    ),
  );
  if (iam.ok) {
    for (const [name, type, arn, command] of iam.value) {
      const who = String(name);
      const to = type === "group" ? `group ${who}` : type === "role" ? `role ${who}` : who;
      out.grants.push({
        to,
        privileges: ["ASSUMEROLE"],
        on: `iam_role ${arn} for ${String(command).toLowerCase()}`,
      });
      if (
        type === "user" &&
        who.toLowerCase() !== "public" &&
        !out.dbUsers.some((u) => u.name === who) &&
        who !== t.masterUsername
      )
        out.dbUsers.push({ name: who });
    }
  } else
    gap(
      "ASSUMEROLE grants (SVV_IAM_PRIVILEGES)",
      iam.missing ? "not found" : iam.why,
      "Redshift's default: every DB user may use every role associated with the cluster",
    );
  return out;
}
