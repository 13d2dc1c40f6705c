/** Causes of link 3, `cluster-credentials` (docs/failures.md LINK 3). */
import type { CauseDefinition } from "./cause-definition.ts";
import { type FixValues, inlineJson, policyJson, rendered } from "./fix-values.ts";

/** The GetClusterCredentials statement the Data API's DbUser mode needs (docs/architecture.md, the seed). */
export function credentialsStatement(v: FixValues): object {
  const r = rendered(v);
  if (!v.dbUser && v.clusterId)
    return { Effect: "Allow", Action: "redshift:GetClusterCredentialsWithIAM", Resource: r.dbNameArn };
  return { Effect: "Allow", Action: "redshift:GetClusterCredentials", Resource: [r.dbUserArn, r.dbNameArn] };
}

function credentialsFix(v: FixValues, lead: string): string {
  const r = rendered(v);
  const statement = credentialsStatement(v);
  return [
    `${lead} (role ${r.bRoleArn}, in B ${r.B}):`,
    policyJson(statement),
    `  aws iam put-role-policy --role-name ${r.bRoleName} --policy-name get-cluster-credentials --policy-document ${inlineJson({ Version: "2012-10-17", Statement: [statement] })}`,
  ].join("\n");
}

export const CLUSTER_CREDENTIALS_CAUSES = [
  {
    id: "get-cluster-credentials-denied",
    link: "cluster-credentials",
    side: "B",
    title: "B's role may not call redshift:GetClusterCredentials on the dbuser/dbname ARNs",
    summary:
      "No policy of B's role allows redshift:GetClusterCredentials (or …WithIAM) on `dbuser:<cluster>/<user>` and `dbname:<cluster>/<db>`. Called directly it is AccessDenied (403); through the Data API the same denial comes back as a ValidationException (400) on ExecuteStatement.",
    tellApart:
      "The denied action is redshift:GetClusterCredentials[WithIAM]. Whether the policy is absent or has a malformed dbuser ARN (`dbuser:<user>/<db>`) or one in another account only shows in B's role policies (iam:GetRolePolicy / GetPolicyVersion in B).",
    catalog: ["L3-01", "L3-05"],
    fix: (v) =>
      credentialsFix(v, "Allow B's role to get credentials for exactly this cluster, user and database"),
  },
  {
    id: "dbuser-arn-format",
    link: "cluster-credentials",
    side: "B",
    title: "dbuser ARN names user/db, expected cluster/user",
    summary:
      "B's role policy grants GetClusterCredentials on `dbuser:<user>/<db>` (the article's form), but the resource is `dbuser:<cluster>/<user>` plus `dbname:<cluster>/<db>`. AmazonRedshiftFullAccess masks the mistake; without it this is the article's `not authorized to perform` error.",
    tellApart:
      "B's role policy (iam:GetRolePolicy in B) has a dbuser resource whose first segment is the DB user, not the cluster id. The AWS error text alone is the same as a missing grant.",
    catalog: ["L3-01"],
    fix: (v) =>
      credentialsFix(
        v,
        `Replace ${v.badDbUserArns?.length ? v.badDbUserArns.join(", ") : "the dbuser:<user>/<db> resource"} with the cluster/user and dbname ARNs`,
      ),
  },
  {
    id: "dbuser-arn-wrong-account",
    link: "cluster-credentials",
    side: "B",
    title: "dbuser ARN built in the wrong account (or region)",
    summary:
      "The dbuser/dbname ARN in the policy or request carries A's account (or another region) instead of the cluster's account B, so it never matches the cluster's resource.",
    tellApart:
      "The ARN's account field is not B's: in the error's resource (the request was built wrong) or in B's role policy (the grant was).",
    catalog: ["L2-12"],
    fix: (v) =>
      credentialsFix(v, `Use account ${rendered(v).B} and region ${rendered(v).region} in the ARNs`),
  },
  {
    id: "autocreate-not-allowed",
    link: "cluster-credentials",
    side: "B",
    title: "AutoCreate / DbGroups without redshift:CreateClusterUser / redshift:JoinGroup",
    summary:
      "GetClusterCredentials with AutoCreate needs redshift:CreateClusterUser on the dbuser ARN; DbGroups needs redshift:JoinGroup on each dbgroup ARN. The Data API sends neither, so only direct calls hit this.",
    tellApart: "The denied action is redshift:CreateClusterUser or redshift:JoinGroup.",
    catalog: ["L3-02"],
    fix: (v) => {
      const r = rendered(v);
      return policyJson(
        { Effect: "Allow", Action: "redshift:CreateClusterUser", Resource: r.dbUserArn },
        {
          Effect: "Allow",
          Action: "redshift:JoinGroup",
          Resource: `arn:aws:redshift:${r.region}:${r.B}:dbgroup:${r.cluster}/<group>`,
        },
      );
    },
  },
  {
    id: "db-user-missing",
    link: "cluster-credentials",
    side: "B",
    title: "The DB user does not exist in the database",
    summary:
      'The Data API asks for credentials without AutoCreate, so the DB user must already exist; the statement then fails asynchronously with `FATAL: user "IAM:<user>" does not exist`.',
    tellApart: "Async (DescribeStatement FAILED), FATAL, naming `IAM:<user>`; credentials were issued fine.",
    catalog: ["L3-03"],
    fix: (v) => {
      const r = rendered(v);
      return [
        `As an admin of ${r.cluster}/${r.db} (in B ${r.B}):`,
        `  CREATE USER ${r.dbUser} PASSWORD DISABLE;`,
        `  GRANT USAGE ON SCHEMA public TO ${r.dbUser};`,
        `or omit DbUser (GetClusterCredentialsWithIAM maps B's role to "IAMR:${r.bRoleName}").`,
      ].join("\n");
    },
  },
  {
    id: "secret-unreadable",
    link: "cluster-credentials",
    side: "B",
    title: "B's role cannot read the Secrets Manager secret (permission, tag or KMS)",
    summary:
      "The Data API reads the secret as the caller. AmazonRedshiftDataFullAccess only covers secrets tagged `RedshiftDataFullAccess`; a customer-managed KMS key must also allow kms:Decrypt for B's role.",
    tellApart:
      "The denied action is secretsmanager:GetSecretValue (`with an explicit deny in a resource-based policy`: the secret's own policy), or kms:Decrypt on the secret's key (Secrets Manager says `Access to KMS is not allowed`).",
    catalog: ["L3-07"],
    fix: (v) => {
      const r = rendered(v);
      const secret = v.secretArn ?? `arn:aws:secretsmanager:${r.region}:${r.B}:secret:<name>`;
      return [
        `Allow the read on ${r.bRoleArn}:`,
        policyJson({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret }),
        `or tag it for the managed policy: aws secretsmanager tag-resource --secret-id ${secret} --tags Key=RedshiftDataFullAccess,Value=true`,
        `and, for a customer-managed key, allow kms:Decrypt for ${r.bRoleArn} in its key policy (kms:ViaService secretsmanager.${r.region}.amazonaws.com).`,
        `A Deny in the secret's resource policy overrides both; read it with: aws secretsmanager get-resource-policy --secret-id ${secret}`,
      ].join("\n");
    },
  },
  {
    id: "secret-malformed",
    link: "cluster-credentials",
    side: "B",
    title: "The secret lacks username/password keys",
    summary:
      "The Data API needs the secret's JSON to carry `username` and `password` (and a matching `dbClusterIdentifier` if present): `username and password in secret cannot be empty`.",
    tellApart: "ValidationException with that text, sync on ExecuteStatement; the secret was readable.",
    catalog: ["L3-06"],
    fix: (v) => {
      const r = rendered(v);
      return `aws secretsmanager put-secret-value --secret-id ${v.secretArn ?? "<secret arn>"} --secret-string '{"username":"${r.dbUser}","password":"<password>","dbClusterIdentifier":"${r.cluster}"}'`;
    },
  },
  {
    id: "serverless-credentials-denied",
    link: "cluster-credentials",
    side: "B",
    title: "B's role may not call redshift-serverless:GetCredentials on the workgroup",
    summary:
      "For a workgroup the Data API calls redshift-serverless:GetCredentials as the caller; AmazonRedshiftDataFullAccess only covers workgroups tagged `RedshiftDataFullAccess`.",
    tellApart: "The denied action is redshift-serverless:GetCredentials on a workgroup ARN.",
    catalog: ["L3-08"],
    fix: (v) => {
      const r = rendered(v);
      // The denial names the workgroup ARN (its id is not the name); otherwise look it up.
      const known = /^arn:aws[a-z-]*:redshift-serverless:[^:]*:\d{12}:workgroup\/[^/]+$/.test(
        v.resourceArn ?? "",
      );
      return [
        ...(known
          ? []
          : [
              `Find the workgroup ARN: aws redshift-serverless get-workgroup --workgroup-name ${r.workgroup} --query workgroup.workgroupArn --region ${r.region}`,
            ]),
        `Allow it on ${r.bRoleArn} (in B, ${r.B}):`,
        policyJson({
          Effect: "Allow",
          Action: "redshift-serverless:GetCredentials",
          Resource: known
            ? v.resourceArn
            : `arn:aws:redshift-serverless:${r.region}:${r.B}:workgroup/<workgroup-id>`,
        }),
        `or tag the workgroup for AmazonRedshiftDataFullAccess: aws redshift-serverless tag-resource --resource-arn ${known ? v.resourceArn : "<workgroup arn>"} --tags key=RedshiftDataFullAccess,value=true --region ${r.region}`,
      ].join("\n");
    },
  },
] as const satisfies readonly CauseDefinition[];
