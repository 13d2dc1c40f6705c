/**
 * Finds the dbuser resources that a role's policies grant redshift:GetClusterCredentials on, and
 * sorts out the two classic mistakes: the article's `dbuser:<user>/<db>` (docs/architecture.md, the seed) and a dbuser
 * ARN in the wrong account or region. Used by in-run diagnosis and the static warnings.
 */
import { matchesPattern, type NamedPolicy } from "../../../policy/index.ts";

export interface DbUserGrant {
  policy: string;
  arn: string;
  region: string;
  account: string;
  first: string;
  second: string;
}

function asList(v: unknown): string[] {
  return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
}

export function dbUserGrants(policies: NamedPolicy[]): DbUserGrant[] {
  const out: DbUserGrant[] = [];
  for (const p of policies) {
    const doc = (typeof p.document === "string" ? JSON.parse(p.document) : p.document) as {
      Statement?: unknown;
    };
    const statements = asList(doc.Statement).length
      ? Array.isArray(doc.Statement)
        ? doc.Statement
        : [doc.Statement]
      : [];
    for (const s of statements as { Effect?: string; Action?: unknown; Resource?: unknown }[]) {
      if (s.Effect !== "Allow") continue;
      if (!asList(s.Action).some((a) => matchesPattern(a, "redshift:GetClusterCredentials", "action")))
        continue;
      for (const arn of asList(s.Resource)) {
        const m = /^arn:aws[\w-]*:redshift:([^:]*):([^:]*):dbuser:([^/]+)\/(.+)$/.exec(arn);
        if (m) out.push({ policy: p.name, arn, region: m[1], account: m[2], first: m[3], second: m[4] });
      }
    }
  }
  return out;
}

export interface DbUserMistakes {
  /** `dbuser:<user>/<db>`: the first segment is the user (or the second the database), not the cluster. */
  userDbForm: DbUserGrant[];
  /** Account or region not the cluster's. */
  wrongPlace: DbUserGrant[];
}

export function dbUserMistakes(
  grants: DbUserGrant[],
  expected: { clusterId?: string; dbUser?: string; database?: string; account?: string; region?: string },
): DbUserMistakes {
  const wild = (s: string) => s.includes("*");
  const userDbForm = grants.filter(
    (g) =>
      !wild(g.first) &&
      g.first !== expected.clusterId &&
      (g.first === expected.dbUser || g.second === expected.database),
  );
  const wrongPlace = grants.filter(
    (g) =>
      !userDbForm.includes(g) &&
      ((expected.account && !wild(g.account) && g.account !== expected.account) ||
        (expected.region && !wild(g.region) && g.region !== expected.region)),
  );
  return { userDbForm, wrongPlace };
}
