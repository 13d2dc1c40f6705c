/** Causes of link 4, `execute-statement` (docs/failures.md LINK 4). */
import type { CauseDefinition } from "./cause-definition.ts";
import { type FixValues, inlineJson, policyJson, rendered } from "./fix-values.ts";

/** The Data API grants B's role needs: run statements on its cluster or workgroup, and poll,
 *  fetch, cancel and list them (authorized on `*`). The diagnosis's fix text and the generated fix
 *  (helpers/fix/fix-data-causes.ts) both write these. */
export function dataApiStatementGrants(warehouseArn: string): Record<string, unknown>[] {
  return [
    {
      Effect: "Allow",
      Action: ["redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"],
      Resource: warehouseArn,
    },
    {
      Effect: "Allow",
      Action: [
        "redshift-data:DescribeStatement",
        "redshift-data:GetStatementResult",
        "redshift-data:CancelStatement",
        "redshift-data:ListStatements",
      ],
      Resource: "*",
    },
  ];
}
/** The SQL identity the statements run as, for GRANTs. */
export function sqlUser(v: FixValues): string {
  const r = rendered(v);
  if (v.dbUser) return r.dbUser;
  return `"IAMR:${r.bRoleName}"`;
}

export const EXECUTE_STATEMENT_CAUSES = [
  {
    id: "cluster-not-found",
    link: "execute-statement",
    side: "A",
    title: "Cluster or workgroup not found in the caller's account and region",
    summary:
      "The Data API looks the cluster up in the caller's account and the client's region and only says `Redshift endpoint doesn't exist in this region.`: a wrong region, a typo in the id, A's credentials instead of B's, or a serverless workgroup passed as ClusterIdentifier.",
    tellApart:
      "ValidationException with that exact text (Data API) or ClusterNotFoundFault (control plane). GetCallerIdentity showing account A means wrong-account-credentials instead.",
    catalog: ["L3-04", "L3-09", "L4-01"],
    fix: (v) => {
      const r = rendered(v);
      return [
        `Check the target with B's credentials in ${r.region}:`,
        v.workgroupName
          ? `  aws redshift-serverless get-workgroup --workgroup-name ${r.workgroup} --region ${r.region}`
          : `  aws redshift describe-clusters --cluster-identifier ${r.cluster} --region ${r.region}`,
        `and build the RedshiftDataClient with region "${r.region}" and B's session (account ${r.B}).`,
        v.existingClusters
          ? `  clusters B has in ${r.region}: ${v.existingClusters.length ? v.existingClusters.join(", ") : "no clusters"} (set CHAINCHECK_CLUSTER_ID to the one you meant)`
          : undefined,
      ]
        .filter(Boolean)
        .join("\n");
    },
  },
  {
    id: "missing-target",
    link: "execute-statement",
    side: "A",
    title: "Neither ClusterIdentifier nor WorkgroupName was sent",
    summary:
      "ExecuteStatement needs exactly one target. An old SDK drops WorkgroupName silently and the service then answers this.",
    tellApart: "ValidationException `Either ClusterIdentifier or WorkgroupName needs to be specified.`",
    catalog: ["L4-02"],
    fix: (v) =>
      `Send exactly one of ClusterIdentifier: "${rendered(v).cluster}" or WorkgroupName (CHAINCHECK_CLUSTER_ID / CHAINCHECK_WORKGROUP_NAME), and upgrade @aws-sdk/client-redshift-data.`,
  },
  {
    id: "data-api-denied",
    link: "execute-statement",
    side: "B",
    title: "B's role may not call the redshift-data:* action",
    summary:
      "IAM denies the Data API action itself for B's role: AccessDeniedException (403), unmodeled in the JS SDK (err.name is the code). ExecuteStatement is authorized on the cluster/workgroup ARN; DescribeStatement, GetStatementResult, CancelStatement and ListStatements on `*`.",
    tellApart:
      "AccessDeniedException naming redshift-data:<Action>; a denial of the implicit credential call comes as ValidationException naming redshift:GetClusterCredentials instead.",
    catalog: ["L4-03"],
    fix: (v) => {
      const r = rendered(v);
      const target = v.workgroupName
        ? `arn:aws:redshift-serverless:${r.region}:${r.B}:workgroup/<workgroup-id>`
        : r.clusterArn;
      const statements = dataApiStatementGrants(target);
      return [
        `On ${r.bRoleArn} (in B ${r.B}):`,
        policyJson(...statements),
        `  aws iam put-role-policy --role-name ${r.bRoleName} --policy-name redshift-data --policy-document ${inlineJson({ Version: "2012-10-17", Statement: statements })}`,
      ].join("\n");
    },
  },
  {
    id: "sql-permission-denied",
    link: "execute-statement",
    side: "B",
    title: "The DB user lacks a SQL privilege (SELECT/INSERT/USAGE)",
    summary:
      "The statement reached the database and the DB user (`IAM:x`, `IAMR:<role>` or the secret's user) lacks a grant: `permission denied for relation/schema …`. COPY needs INSERT on the target table.",
    tellApart: "Async (DescribeStatement FAILED) `ERROR: permission denied for …` (SQLSTATE 42501).",
    catalog: ["L4-06"],
    fix: (v) => {
      const user = sqlUser(v);
      const rel = v.relation ?? v.table ?? "<schema>.<table>";
      const schema = rel.includes(".") ? rel.split(".")[0] : "public";
      return [
        `As an admin of ${rendered(v).cluster}/${rendered(v).db}:`,
        `  GRANT USAGE ON SCHEMA ${schema} TO ${user};`,
        `  GRANT SELECT, INSERT ON ${rel} TO ${user};`,
      ].join("\n");
    },
  },
  {
    id: "sql-object-missing",
    link: "execute-statement",
    side: null,
    title: "The SQL names a table or schema that does not exist",
    summary:
      '`relation "…" does not exist`: the wrong schema, a case-sensitive identifier, the wrong Database, or the table was never created.',
    tellApart: 'Async FAILED `ERROR: relation "…" does not exist`.',
    catalog: ["L4-05"],
    fix: (v) =>
      [
        `Qualify the name and check it exists in ${rendered(v).db}: select * from svv_table_info where "table" = '${(v.relation ?? "<table>").split(".").pop()}';`,
        v.sqlStatement === "scratch table"
          ? `The harness shapes its COPY check on CHAINCHECK_COPY_TABLE (now ${v.table ?? "unset"}): set it to the table your COPY loads.`
          : undefined,
      ]
        .filter(Boolean)
        .join("\n"),
  },
  {
    id: "sql-syntax",
    link: "execute-statement",
    side: "A",
    title: "SQL syntax or parameter-marker error",
    summary:
      "The engine could not parse the SQL; a common cause is a parameter marker the Data API does not bind (only `:name` with Parameters is supported).",
    tellApart: "Async FAILED `ERROR: syntax error at or near …`, or `No value specified for parameter`.",
    catalog: ["L4-07"],
    fix: (v) =>
      v.sqlStatement === "copy"
        ? `The COPY the harness builds is \`copy <table> from '${rendered(v).copySource}' iam_role '${rendered(v).copyRoleArn}' <options>\`: fix the options (CHAINCHECK_COPY_OPTIONS, now "${v.copyOptions ?? ""}") at the token the error names; see https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html`
        : 'Use `:name` placeholders with Parameters: [{ name: "name", value: "…" }], never `?`/`%s`/`$1`, and check the statement in a SQL client.',
  },
  {
    id: "statement-owner-mismatch",
    link: "execute-statement",
    side: "A",
    title: "The statement was submitted by one session and polled by another",
    summary:
      "A policy condition `redshift-data:statement-owner-iam-userid = $\u007Baws:userid}` only lets the submitting session read a statement; `aws:userid` of a role session is `AROA…:<session name>`, so another session name is another owner.",
    tellApart: "ExecuteStatement succeeded; DescribeStatement/GetStatementResult on its Id is denied.",
    catalog: ["L4-04"],
    fix: (v) =>
      `Use one stable RoleSessionName (${v.sessionName ?? "chaincheck"}) for the submitter and the poller, or relax the statement-owner condition in B's role policy.`,
  },
  {
    id: "statement-timeout",
    link: "execute-statement",
    side: null,
    title: "The statement did not finish in time (or stayed UNKNOWN / ended ABORTED)",
    summary:
      "The statement kept running past the deadline, sat in `UNKNOWN`, or was aborted (CancelStatement, a WLM/QMR rule, a session ending). Data API statements keep running after the caller gives up.",
    tellApart: "No error text from AWS: a status that never reached FINISHED, or ABORTED.",
    catalog: ["L4-15"],
    fix: (v) =>
      `Check the cluster is available and WLM rules: aws redshift describe-clusters --cluster-identifier ${rendered(v).cluster} --query 'Clusters[0].ClusterStatus'; poll with a longer deadline, persisting the statement Id.`,
  },
  {
    id: "throttled",
    link: "execute-statement",
    side: "A",
    title: "Data API throttling or an active-statement quota",
    summary:
      "Account-wide TPS (ExecuteStatement 30/s, DescribeStatement 100/s, GetStatementResult 20/s) or active statement/session quotas were hit; throttling comes back as HTTP 400.",
    tellApart:
      "ThrottlingException / Active*ExceededException; a failed poll does not mean a failed statement.",
    catalog: ["L4-12"],
    fix: () =>
      'Use the SDK\'s adaptive retry mode (retryMode: "adaptive"), back off between DescribeStatement polls, and keep polling after a throttled poll.',
  },
  {
    id: "statement-request-invalid",
    link: "execute-statement",
    side: "A",
    title: "The Data API request itself is invalid (parameters, statement id, result not ready)",
    summary:
      "A client-side misuse: parameters inside quoted literals or unused, a malformed/expired/unknown statement id, GetStatementResult before FINISHED or on a statement without a result set, or more than one statement per call.",
    tellApart:
      "ValidationException / ResourceNotFoundException with `unused parameters`, `id must satisfy regex pattern`, `Query does not exist.` or `Query does not have result`.",
    catalog: ["L4-08", "L4-09", "L4-10", "L4-11", "L4-13"],
    fix: () =>
      "Wait for Status FINISHED and HasResultSet before GetStatementResult (never after a COPY); build S3 paths and role ARNs into the SQL text rather than parameters; poll with the same region and credentials within 24 h.",
  },
  {
    id: "data-api-server-fault",
    link: "execute-statement",
    side: null,
    title: "Transient Data API / cluster fault",
    summary:
      "A modeled server fault (ExecuteStatementException, DatabaseConnectionException, InternalServerException): a transient service problem or a cluster that is paused or resizing.",
    tellApart: "A 5xx-class fault, not a client error.",
    catalog: ["L4-14"],
    fix: (v) =>
      `Retry with backoff and check the cluster status: aws redshift describe-clusters --cluster-identifier ${rendered(v).cluster} --query 'Clusters[0].ClusterStatus'`,
  },
] as const satisfies readonly CauseDefinition[];
