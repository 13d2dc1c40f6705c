/**
 * The database-level ASSUMEROLE privilege for COPY.
 * https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html#r_GRANT-usage-notes-assumerole
 *
 * Redshift's default: PUBLIC holds ASSUMEROLE ON ALL FOR ALL, so every user may use every role
 * associated with the cluster. The privilege only starts to matter after an admin runs
 * `REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL` and then grants it per role (or role chain).
 *
 * What is modelled: setups cannot express REVOKE, and an ASSUMEROLE grant has no effect unless
 * that revoke was run, so a cluster whose setup lists any `on: iam_role … [for …]` grant is taken to
 * have run the revoke; the grants listed are then exactly what users hold. Without such grants the
 * default applies. A grant matches when:
 * - `to` is the user, `public`, or `group <g>` with the user in g;
 * - `on` is `iam_role ALL`, `iam_role default` (for `IAM_ROLE default`), or the same role chain as the
 *   COPY's (`'R1,R2'`: "you can't specify only Role1" of a granted chain);
 * - the command is `for copy` or `for all` (no `for` = all);
 * - privileges include ASSUMEROLE (or ALL).
 * Superusers are never checked.
 * Error text (r_GRANT usage notes): `User <u> does not have ASSUMEROLE permission on IAM role
 * "<role or chain>" for COPY`.
 *
 * Known gaps: RBAC roles (`to: role r`) are not resolved; GRANT/REVOKE ASSUMEROLE in SQL is not
 * supported (the SQL engine has no statement for it), so the state comes from the setup only.
 */
import type { ClusterState } from "../cluster-store.ts";

const IAM_ROLE_GRANT = /^iam_role\s+(.+?)(?:\s+for\s+(\w+(?:\s+\w+)?))?$/i;

interface AssumeRoleGrant {
  to: string;
  roles: string;
  command: string;
}

function assumeRoleGrants(cluster: ClusterState): AssumeRoleGrant[] {
  const out: AssumeRoleGrant[] = [];
  for (const grant of cluster.spec.grants) {
    const match = IAM_ROLE_GRANT.exec(grant.on.trim());
    if (!match) continue;
    const privileges = grant.privileges.map((p) => p.toUpperCase());
    if (!privileges.includes("ASSUMEROLE") && !privileges.includes("ALL")) continue;
    out.push({
      to: grant.to.trim().toLowerCase(),
      roles: match[1].trim().replace(/^'(.*)'$/, "$1"),
      command: (match[2] ?? "all").toLowerCase(),
    });
  }
  return out;
}

export interface AssumeRoleUse {
  sqlUser: string;
  /** The chain as the COPY named it, comma-separated (`R1,R2`). */
  chain: string;
  /** True when the COPY said `IAM_ROLE default`. */
  viaDefault: boolean;
}

/** The error message when the user may not use the chain for COPY, else undefined. */
export function assumeRoleDenial(cluster: ClusterState, use: AssumeRoleUse): string | undefined {
  const grants = assumeRoleGrants(cluster);
  if (grants.length === 0) return undefined;
  const user = cluster.spec.dbUsers.find((u) => u.name === use.sqlUser && !u.$delete);
  if (use.sqlUser === cluster.spec.masterUsername || user?.superuser) return undefined;
  const groups = new Set((user?.groups ?? []).map((g) => `group ${g.toLowerCase()}`));
  const held = grants.some((g) => {
    const toUser = g.to === "public" || g.to === use.sqlUser.toLowerCase() || groups.has(g.to);
    const roles =
      g.roles.toLowerCase() === "all" ||
      (use.viaDefault && g.roles.toLowerCase() === "default") ||
      g.roles === use.chain;
    return toUser && roles && (g.command === "copy" || g.command === "all");
  });
  if (held) return undefined;
  return `User ${use.sqlUser} does not have ASSUMEROLE permission on IAM role "${use.chain}" for COPY`;
}
