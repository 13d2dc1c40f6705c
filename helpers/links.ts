/**
 * The chain's links, declared once as data (docs/contracts.md). The runner, the suites, the
 * reporters and the README's link table all read this list.
 */

export const LINK_IDS = [
  "lambda-role",
  "assume-role",
  "cluster-credentials",
  "execute-statement",
  "copy-from-s3",
] as const;

export type LinkId = (typeof LINK_IDS)[number];

export type LinkStatus = "pass" | "fail" | "blocked" | "skipped" | "error";

export interface LinkDefinition {
  id: LinkId;
  title: string;
  /** What must hold for the link to pass. */
  proves: string;
}

export const LINKS: readonly LinkDefinition[] = [
  {
    id: "lambda-role",
    title: "Lambda execution role",
    proves:
      "the function exists, runs as the expected execution role, the role trusts lambda.amazonaws.com, and A's policies (identity, boundary, SCP) allow sts:AssumeRole on B's role",
  },
  {
    id: "assume-role",
    title: "AssumeRole into account B",
    proves:
      "sts:AssumeRole into B's role succeeds from the Lambda's identity (trust policy, ExternalId, session duration) and the credentials really are account B's",
  },
  {
    id: "cluster-credentials",
    title: "Database credentials",
    proves:
      "B's role may get database credentials (GetClusterCredentials on dbuser:<cluster>/<user> and dbname:<cluster>/<db>, GetClusterCredentialsWithIAM, a Secrets Manager secret, or redshift-serverless:GetCredentials) and the DB user exists",
  },
  {
    id: "execute-statement",
    title: "Data API statement",
    proves:
      "the Data API runs a statement to FINISHED and returns its result (cluster found in region, redshift-data:* allowed, SQL grants)",
  },
  {
    id: "copy-from-s3",
    title: "COPY from S3",
    proves:
      "COPY … FROM 's3://…' IAM_ROLE '…' loads rows: role associated with the cluster, its trust allows redshift.amazonaws.com, role chaining, S3 identity + bucket policy, KMS, region, data format",
  },
];

export function linkById(id: LinkId): LinkDefinition {
  const link = LINKS.find((l) => l.id === id);
  if (!link) throw new Error(`unknown link id ${id}`);
  return link;
}
