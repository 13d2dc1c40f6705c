/**
 * IAM resolves role and user ARNs in a trust policy to their unique ids when the policy is saved,
 * and shows the ARN again on read only while that exact principal exists. Delete and recreate the
 * principal and the stored policy shows the old `AROA…` id, which no longer matches anyone
 * (docs/failures.md L2-03). A bare account id is saved as `arn:aws:iam::<id>:root`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
 *
 * Known gaps: resource policies of other services (bucket, key, secret) keep ARNs as written.
 */

type Doc = Record<string, unknown>;

const ROLE_OR_USER = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\//;

function mapAwsPrincipals(doc: Doc, map: (value: string) => string): Doc {
  const copy = structuredClone(doc);
  const statements = Array.isArray(copy.Statement) ? copy.Statement : [copy.Statement];
  for (const statement of statements) {
    if (!statement || typeof statement !== "object") continue;
    const s = statement as Record<string, unknown>;
    for (const field of ["Principal", "NotPrincipal"]) {
      const principal = s[field];
      if (!principal || typeof principal !== "object") continue;
      const p = principal as Record<string, unknown>;
      if (typeof p.AWS === "string") p.AWS = map(p.AWS);
      else if (Array.isArray(p.AWS)) p.AWS = p.AWS.map((v) => (typeof v === "string" ? map(v) : v));
    }
  }
  return copy;
}

/** The form IAM stores: role/user ARNs → unique ids, account ids → root ARNs. */
export function canonicalizeTrustPolicy(doc: Doc, uniqueIdOf: (arn: string) => string | undefined): Doc {
  return mapAwsPrincipals(doc, (value) => {
    if (/^\d{12}$/.test(value)) return `arn:aws:iam::${value}:root`;
    if (ROLE_OR_USER.test(value)) return uniqueIdOf(value) ?? value;
    return value;
  });
}

/** The form IAM shows and evaluates: unique ids of living principals → their current ARNs. */
export function renderTrustPolicy(doc: Doc, arnOf: (uniqueId: string) => string | undefined): Doc {
  return mapAwsPrincipals(doc, (value) =>
    /^A(RO|ID)A[A-Z0-9]+$/.test(value) ? (arnOf(value) ?? value) : value,
  );
}
