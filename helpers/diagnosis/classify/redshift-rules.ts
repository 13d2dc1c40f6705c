/**
 * Classifier rules for links 3–5: credential calls (direct or implied by the Data API), Data API
 * answers, SQL errors from DescribeStatement, and COPY's engine texts (docs/failures.md LINK 3–5, §6, §7).
 *
 * Known gaps: the Data API `Error` string of a COPY is unconfirmed with or without the DETAIL block
 * (docs/failures.md §8), so COPY rules match the first line and use the DETAIL code only as a hint.
 */
import { one, type Rule, ranked, rule } from "./classifier-rule.ts";

const POLICY_SETTLE =
  "iam:GetRolePolicy / iam:ListAttachedRolePolicies + iam:GetPolicyVersion on B's role in B shows which resource ARN is wrong";
const S3_SETTLE =
  "iam:GetRolePolicy on the COPY role in B and s3:GetBucketPolicy on the bucket in A show which side denies";

export const CREDENTIAL_RULES: Rule[] = [
  rule("get-cluster-credentials-denied", (_e, f) => {
    if (!/^redshift:GetClusterCredentials/.test(f.action ?? "")) return undefined;
    if (f.callerAccount && f.resourceAccount && f.callerAccount !== f.resourceAccount)
      return one(
        "cluster-credentials",
        "dbuser-arn-wrong-account",
        `the dbuser ARN is in ${f.resourceAccount}, the caller in ${f.callerAccount}`,
      );
    return ranked(
      "cluster-credentials",
      [
        {
          cause: "get-cluster-credentials-denied",
          why: "no policy of B's role allows the action on that dbuser/dbname",
        },
        {
          cause: "dbuser-arn-format",
          why: "a policy granting dbuser:<user>/<db> gives the same text",
        },
        "dbuser-arn-wrong-account",
      ],
      POLICY_SETTLE,
    );
  }),
  rule("autocreate-denied", (_e, f) =>
    /^redshift:(CreateClusterUser|JoinGroup)$/.test(f.action ?? "")
      ? one("cluster-credentials", "autocreate-not-allowed")
      : undefined,
  ),
  rule("serverless-get-credentials-denied", (_e, f) =>
    f.action === "redshift-serverless:GetCredentials"
      ? one("cluster-credentials", "serverless-credentials-denied")
      : undefined,
  ),
  rule("secret-read-denied", (e, f) =>
    f.action === "secretsmanager:GetSecretValue" || (f.action === "kms:Decrypt" && /secret/i.test(e.message))
      ? one("cluster-credentials", "secret-unreadable")
      : undefined,
  ),
  // Secrets Manager's own words when kms:Decrypt (made as the caller) is denied on the secret's key.
  rule("secret-kms-denied", (e) =>
    /Access to KMS is not allowed/i.test(e.message) && (!e.service || e.service === "secretsmanager")
      ? one(
          "cluster-credentials",
          "secret-unreadable",
          "Secrets Manager could not decrypt the secret with its KMS key as the caller",
        )
      : undefined,
  ),
  rule("secret-empty-fields", (e) =>
    /username and password in secret cannot be empty/i.test(e.message)
      ? one("cluster-credentials", "secret-malformed")
      : undefined,
  ),
  rule("db-user-missing", (e) =>
    /user "[^"]*" does not exist/i.test(e.message) && (e.severity === "FATAL" || /FATAL/.test(e.message))
      ? one("cluster-credentials", "db-user-missing")
      : undefined,
  ),
  rule("cluster-not-found", (e) =>
    /^ClusterNotFound/.test(e.code ?? "") ||
    /Cluster \S+ not found/.test(e.message) ||
    /Serverless workgroup \S+ not found/.test(e.message)
      ? ranked(
          "cluster-credentials",
          ["cluster-not-found", "wrong-account-credentials"],
          "redshift:DescribeClusters with B's credentials in the cluster's region",
        )
      : undefined,
  ),
];

export const DATA_API_RULES: Rule[] = [
  rule("data-api-endpoint-missing", (e) =>
    /Redshift endpoint doesn't exist in this region/i.test(e.message)
      ? ranked(
          "execute-statement",
          [
            { cause: "cluster-not-found", why: "the cluster id, region or workgroup is wrong" },
            {
              cause: "wrong-account-credentials",
              why: "the client used A's credentials, so the cluster was looked up in A",
            },
          ],
          "sts:GetCallerIdentity with the Data API client's credentials (must be B) and redshift:DescribeClusters in the region",
        )
      : undefined,
  ),
  rule("data-api-missing-target", (e) =>
    /Either ClusterIdentifier or WorkgroupName|Unknown parameter in input: "WorkgroupName"/i.test(e.message)
      ? one("execute-statement", "missing-target")
      : undefined,
  ),
  rule("data-api-action-denied", (_e, f) => {
    const action = /^redshift-data:(\w+)/.exec(f.action ?? "")?.[1];
    if (!action) return undefined;
    if (/^(DescribeStatement|GetStatementResult)$/.test(action))
      return ranked(
        "execute-statement",
        [
          "data-api-denied",
          {
            cause: "statement-owner-mismatch",
            why: "a statement-owner condition denies polls from another session",
          },
        ],
        "iam:GetRolePolicy on B's role shows whether a statement-owner-iam-userid condition is in play",
      );
    return one("execute-statement", "data-api-denied");
  }),
  rule("data-api-throttled", (e) =>
    /^(Throttling|ActiveStatementsExceeded|ActiveSessionsExceeded|ActiveWaitingRequestsExceeded)/.test(
      e.code ?? "",
    ) || /Rate exceeded|number of active statements exceeds/i.test(e.message)
      ? one("execute-statement", "throttled")
      : undefined,
  ),
  rule("data-api-request-invalid", (e) =>
    /unused parameters|id must satisfy regex pattern|^Query does not exist|Query does not have result|single SQL statement|Packet for query is too large|exceeded size limit/i.test(
      e.message,
    )
      ? one("execute-statement", "statement-request-invalid")
      : undefined,
  ),
  rule("data-api-server-fault", (e) =>
    /^(ExecuteStatementException|BatchExecuteStatementException|DatabaseConnectionException|InternalServerException)$/.test(
      e.code ?? "",
    ) || /environmental error while running|Connection to a database failed/i.test(e.message)
      ? one("execute-statement", "data-api-server-fault")
      : undefined,
  ),
  rule("data-api-validation-without-text", (e) =>
    e.code === "ValidationException" && !e.message
      ? ranked(
          "execute-statement",
          [
            { cause: "statement-request-invalid", why: "JS v3 drops the text for some parameter errors" },
            {
              cause: "get-cluster-credentials-denied",
              why: "the implied credential call's denial is a ValidationException too",
            },
          ],
          "the error's message (err.message / err.Message) or a direct GetClusterCredentials call",
        )
      : undefined,
  ),
];

export const COPY_RULES: Rule[] = [
  rule("copy-role-chain-denied", (_e, f, text) =>
    f.roleChain && /not authorized to assume IAM Role|Not authorized to get credentials of role/i.test(text)
      ? ranked(
          "copy-from-s3",
          ["copy-role-chain-broken", "copy-role-not-associated", "copy-role-trust-missing-redshift"],
          "iam:GetRole on each role of the chain (trust) and redshift:DescribeClusters (IamRoles) in B",
        )
      : undefined,
  ),
  rule("copy-role-not-assumable", (e) =>
    /is not authorized to assume IAM Role/i.test(e.message) ||
    (e.redshiftCode === 8001 && /IAM Role=/.test(e.detail?.context ?? ""))
      ? ranked("copy-from-s3", ["copy-role-not-associated"], "redshift:DescribeClusters (IamRoles) in B")
      : undefined,
  ),
  rule("copy-role-credentials-refused", (e) =>
    /Not authorized to get credentials of role/i.test(e.message) || e.redshiftCode === 30000
      ? one("copy-from-s3", "copy-role-trust-missing-redshift")
      : undefined,
  ),
  rule("copy-assumerole-privilege-missing", (e) =>
    /does not have ASSUMEROLE permission/i.test(e.message)
      ? one("copy-from-s3", "copy-assumerole-privilege-missing")
      : undefined,
  ),
  rule("copy-s3-redirect", (e) =>
    /Status 301|PermanentRedirect|must be addressed using the specified endpoint/i.test(e.message)
      ? one("copy-from-s3", "copy-bucket-region-mismatch")
      : undefined,
  ),
  rule("copy-source-missing", (e) =>
    /NoSuchBucket|specified bucket does not exist|specified S3 prefix .* does not exist/i.test(e.message)
      ? one("copy-from-s3", "copy-source-missing")
      : undefined,
  ),
  rule("copy-s3-unreachable", (e) =>
    /S3Query Exception.*Connection failed|retries exceeded/i.test(e.message) || e.redshiftCode === 15005
      ? one("copy-from-s3", "copy-s3-unreachable")
      : undefined,
  ),
  rule("copy-s3-access-denied", (e, f) => {
    const s3Denied =
      /S3ServiceException:.*Access ?Denied|Status(?:Code)? 403/i.test(e.message) ||
      (/^s3:/.test(f.action ?? "") && /not authorized/.test(e.message));
    if (!s3Denied) return undefined;
    if (/because no identity-based policy allows/.test(e.message))
      return one("copy-from-s3", "copy-s3-identity-denied");
    if (/because no resource-based policy allows/.test(e.message))
      return one("copy-from-s3", "copy-s3-bucket-policy-denied");
    return ranked(
      "copy-from-s3",
      [
        {
          cause: "copy-s3-identity-denied",
          why: "the COPY role's own policy must allow ListBucket and GetObject",
        },
        {
          cause: "copy-s3-bucket-policy-denied",
          why: "cross-account, A's bucket policy must also grant the role",
        },
        { cause: "copy-kms-denied", why: "SSE-KMS objects fail the same way" },
      ],
      S3_SETTLE,
    );
  }),
  rule("copy-manifest-path", (e) =>
    /MANIFEST parameter requires full path/i.test(e.message)
      ? ranked(
          "copy-from-s3",
          [
            {
              cause: "copy-s3-identity-denied",
              why: "a role that can list but not read gets this instead of Access Denied",
            },
            "copy-kms-denied",
            { cause: "copy-source-missing", why: "a genuinely wrong manifest path gives the same text" },
          ],
          `${S3_SETTLE}; HeadObject on the manifest with the same role`,
        )
      : undefined,
  ),
  rule("copy-load-failed", (e) =>
    /Load into table .* failed|stl_load_errors|Spectrum Scan Error|incompatible Parquet schema|does not have 'meta' key|only accepts IAM_ROLE credentials|Delimiter not found|Invalid digit|String length exceeds DDL length/i.test(
      e.message,
    ) ||
    (e.redshiftCode !== undefined &&
      ((e.redshiftCode >= 1200 && e.redshiftCode < 1300) ||
        e.redshiftCode === 15007 ||
        e.redshiftCode === 15003))
      ? one("copy-from-s3", "copy-format-error")
      : undefined,
  ),
];

export const SQL_RULES: Rule[] = [
  rule("sql-permission-denied", (e) =>
    /permission denied for (relation|schema|table|database)/i.test(e.message)
      ? one("execute-statement", "sql-permission-denied")
      : undefined,
  ),
  rule("sql-object-missing", (e) =>
    /(relation|schema) "[^"]+" does not exist/i.test(e.message)
      ? one("execute-statement", "sql-object-missing")
      : undefined,
  ),
  rule("sql-syntax", (e) =>
    /syntax error at or near|No value specified for parameter/i.test(e.message)
      ? one("execute-statement", "sql-syntax")
      : undefined,
  ),
  rule("statement-did-not-finish", (e) =>
    /did not finish within|Status"?:\s*"?(UNKNOWN|ABORTED)|Query \(\d+\) cancelled|query cancelled/i.test(
      e.message,
    )
      ? one("execute-statement", "statement-timeout")
      : undefined,
  ),
];
