/** Causes of link 5, `copy-from-s3` (docs/failures.md LINK 5). */
import type { CauseDefinition } from "./cause-definition.ts";
import { sqlUser } from "./execute-statement-causes.ts";
import { accountOf, inlineJson, nameOf, policyJson, rendered } from "./fix-values.ts";

export const COPY_FROM_S3_CAUSES = [
  {
    id: "copy-role-not-associated",
    link: "copy-from-s3",
    side: "B",
    title: "The COPY IAM_ROLE is not associated with the cluster (or the ARN is wrong)",
    summary:
      "Redshift only assumes roles associated with the cluster or namespace; any other ARN (including a typo) gives `User arn:aws:redshift:…:dbuser:… is not authorized to assume IAM Role …` (code 8001).",
    tellApart:
      "That text (code 8001, context `IAM Role=`). DescribeClusters IamRoles (in B) shows whether the role is associated; if it is, compare the ARN character for character, or a trust ExternalId restricted to other dbusers.",
    catalog: ["L5-01"],
    fix: (v) => {
      const r = rendered(v);
      const associate = v.workgroupName
        ? `aws redshift-serverless update-namespace --namespace-name <namespace> --iam-roles ${r.copyRoleArn} <the namespace's other roles> --region ${r.region}   # replaces the whole list`
        : `aws redshift modify-cluster-iam-roles --cluster-identifier ${r.cluster} --add-iam-roles ${r.copyRoleArn} --region ${r.region}   # in B (${r.B})`;
      // A role B does not have cannot be associated: the ARN in the COPY is the thing to change.
      if (v.copyRoleMissing)
        return [
          `${r.copyRoleArn} does not exist in B (${r.B}): fix the ARN in CHAINCHECK_COPY_ROLE_ARN / the COPY's IAM_ROLE`,
          v.associatedRoles?.length
            ? `  roles associated with ${r.cluster}: ${v.associatedRoles.join(", ")}`
            : `  (no role is associated with ${r.cluster} yet; create the role, then: ${associate})`,
        ].join("\n");
      return associate;
    },
  },
  {
    id: "copy-role-trust-missing-redshift",
    link: "copy-from-s3",
    side: "B",
    title: "The COPY role's trust does not allow redshift.amazonaws.com",
    summary:
      "The role is associated but its trust policy does not let the Redshift service assume it (Serverless also needs redshift-serverless.amazonaws.com), or an aws:SourceArn/SourceAccount condition does not match what Redshift sends: `Not authorized to get credentials of role …` (code 30000).",
    tellApart:
      "Code 30000 / `Not authorized to get credentials of role`; the role's trust (iam:GetRole in B) lacks the service principal or carries a confused-deputy condition.",
    catalog: ["L5-02", "L5-03"],
    fix: (v) => {
      const r = rendered(v);
      if (v.trustExternalIds?.length)
        return [
          `In the trust policy of ${r.copyRoleArn} (in B ${r.B}), add this database user's ARN to the Redshift statement's sts:ExternalId list:`,
          JSON.stringify({ StringEquals: { "sts:ExternalId": [...v.trustExternalIds, r.dbUserArn] } }),
          `  aws iam update-assume-role-policy --role-name ${r.copyRoleName} --policy-document file://trust.json`,
        ].join("\n");
      return [
        `Trust policy of ${r.copyRoleArn} (in B ${r.B}; keep other statements):`,
        policyJson({
          Effect: "Allow",
          Principal: { Service: ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"] },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": r.B } },
        }),
        `  aws iam update-assume-role-policy --role-name ${r.copyRoleName} --policy-document file://trust.json`,
      ].join("\n");
    },
  },
  {
    id: "copy-role-chain-broken",
    link: "copy-from-s3",
    side: null,
    title: "A hop of a chained IAM_ROLE cannot assume the next",
    summary:
      "In `IAM_ROLE 'arn:…/X,arn:…/Y'` the first role must be associated with the cluster, X needs sts:AssumeRole on Y, and Y's trust must name X (not the Redshift service). No public transcript of a later-hop failure exists.",
    tellApart: "The COPY names a comma-separated role list; the error names a role after the first.",
    catalog: ["L5-04"],
    fix: (v) => {
      const r = rendered(v);
      if (v.hopFrom && v.hopTo && v.hopGap === "identity")
        return [
          `On ${v.hopFrom} (in ${accountOf(v.hopFrom) ?? "its account"}), allow the next hop:`,
          policyJson({ Effect: "Allow", Action: "sts:AssumeRole", Resource: v.hopTo }),
          `  aws iam put-role-policy --role-name ${nameOf(v.hopFrom)} --policy-name assume-${nameOf(v.hopTo)} --policy-document ${inlineJson({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: v.hopTo }] })}`,
        ].join("\n");
      if (v.hopFrom && v.hopTo && v.hopGap === "trust")
        return [
          `Add to the trust policy of ${v.hopTo} (in ${accountOf(v.hopTo) ?? "its account"}; keep its other statements):`,
          policyJson({ Effect: "Allow", Principal: { AWS: v.hopFrom }, Action: "sts:AssumeRole" }),
          `  aws iam update-assume-role-policy --role-name ${nameOf(v.hopTo)} --policy-document file://trust.json`,
        ].join("\n");
      return [
        `For each hop X → Y: on X, ${JSON.stringify({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "<Y arn>" })}`,
        `and Y's trust: ${JSON.stringify({ Effect: "Allow", Principal: { AWS: r.copyRoleArn }, Action: "sts:AssumeRole" })}`,
        "with no spaces in the IAM_ROLE list, in chain order.",
      ].join("\n");
    },
  },
  {
    id: "copy-s3-identity-denied",
    link: "copy-from-s3",
    side: "B",
    title: "The COPY role's own policy does not allow reading the S3 source",
    summary:
      "COPY needs s3:ListBucket on the bucket and s3:GetObject on its objects for the COPY role (session `RedshiftIamRoleSession`); cross-account, both the role's identity policy in B and the bucket policy in A must allow.",
    tellApart:
      "S3ServiceException Access Denied (403). Which side denies needs reads: the role's policies in B and GetBucketPolicy in A. A credential that can list but not read shows as the MANIFEST `requires full path` error.",
    catalog: ["L5-06", "L5-07"],
    fix: (v) => {
      const r = rendered(v);
      const statements = [
        { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${r.bucket}/*` },
        {
          Effect: "Allow",
          Action: ["s3:ListBucket", "s3:GetBucketLocation"],
          Resource: `arn:aws:s3:::${r.bucket}`,
        },
      ];
      return [
        `On ${r.copyRoleArn} (in B ${r.B}):`,
        policyJson(...statements),
        `  aws iam put-role-policy --role-name ${r.copyRoleName} --policy-name read-copy-source --policy-document ${inlineJson({ Version: "2012-10-17", Statement: statements })}`,
      ].join("\n");
    },
  },
  {
    id: "copy-s3-bucket-policy-denied",
    link: "copy-from-s3",
    side: "A",
    title: "A's bucket policy does not grant B's COPY role",
    summary:
      "The bucket in A must grant B's COPY role (or account) GetObject and ListBucket; an explicit Deny (aws:SourceVpce, s3:signatureAge) or objects owned by another writer also deny.",
    tellApart:
      "S3 Access Denied from COPY while the role's own policy in B allows the read; GetBucketPolicy in A shows no statement for the role.",
    catalog: ["L5-06"],
    fix: (v) => {
      const r = rendered(v);
      return [
        `Add to the bucket policy of ${r.bucket} (in A ${r.A}; keep its other statements):`,
        policyJson(
          {
            Sid: "ChaincheckCopyRoleReads",
            Effect: "Allow",
            Principal: { AWS: r.copyRoleArn },
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::${r.bucket}/*`,
          },
          {
            Sid: "ChaincheckCopyRoleLists",
            Effect: "Allow",
            Principal: { AWS: r.copyRoleArn },
            Action: ["s3:ListBucket", "s3:GetBucketLocation"],
            Resource: `arn:aws:s3:::${r.bucket}`,
          },
        ),
        `  aws s3api put-bucket-policy --bucket ${r.bucket} --policy file://bucket-policy.json`,
        `and set Object Ownership to BucketOwnerEnforced.`,
      ].join("\n");
    },
  },
  {
    id: "copy-s3-bucket-policy-explicit-deny",
    link: "copy-from-s3",
    side: "A",
    title: "A Deny in A's bucket policy refuses B's COPY role",
    summary:
      "A Deny statement in the bucket policy of A's bucket matches the COPY role's read (a Deny for every principal outside a list, or a condition such as aws:SourceVpce or aws:PrincipalOrgID the role's request does not meet). An explicit Deny wins over every Allow, so granting the role more changes nothing; such a Deny often refuses the harness's own s3:GetBucketPolicy too.",
    tellApart:
      "S3 Access Denied from COPY; the newer S3 text says `with an explicit deny in a resource-based policy`. s3:GetBucketPolicy in A shows the Deny; when that read is refused as well, reading the policy as A's root user (S3 always lets the bucket owner's root read it) confirms it.",
    catalog: ["L5-14"],
    fix: (v) => {
      const r = rendered(v);
      return [
        `In the bucket policy of ${r.bucket} (in A ${r.A}), exempt B's COPY role from the Deny${v.denyStatement ? ` (statement ${v.denyStatement})` : ""}: add to that statement's Condition`,
        `  "ArnNotEquals": { "aws:PrincipalArn": "${r.copyRoleArn}" }`,
        `(a Deny applies only when all its conditions match, so it stays in force for everyone else; with NotPrincipal, add the role's ARN there instead). A's root user can always read and change the bucket policy:`,
        `  aws s3api get-bucket-policy --bucket ${r.bucket} --query Policy --output text > bucket-policy.json`,
        `  aws s3api put-bucket-policy --bucket ${r.bucket} --policy file://bucket-policy.json`,
      ].join("\n");
    },
  },
  {
    id: "copy-kms-denied",
    link: "copy-from-s3",
    side: null,
    title: "SSE-KMS objects: no kms:Decrypt for the COPY role",
    summary:
      "Objects encrypted with a key in A need kms:Decrypt in the COPY role's policy (B) and the key policy (A). COPY shows it only as S3 Access Denied or the manifest error.",
    tellApart: "Like copy-s3-identity-denied, but the objects are SSE-KMS (HeadObject shows aws:kms).",
    catalog: ["L5-08"],
    fix: (v) => {
      const r = rendered(v);
      const key = v.kmsKeyArn ?? `arn:aws:kms:${r.region}:${r.A}:key/<key-id>`;
      const gaps = v.kmsGaps ?? ["role policy", "key policy"];
      const lines: string[] = [];
      if (gaps.includes("role policy"))
        lines.push(
          `On ${r.copyRoleArn} (in B ${r.B}): ${JSON.stringify({ Effect: "Allow", Action: "kms:Decrypt", Resource: key })}`,
        );
      if (gaps.includes("key policy"))
        lines.push(
          `In the key policy of ${key} (in ${accountOf(key) ?? r.A}; keep its other statements): ${JSON.stringify({ Effect: "Allow", Principal: { AWS: r.copyRoleArn }, Action: "kms:Decrypt", Resource: "*" })}`,
        );
      return lines.join("\n");
    },
  },
  {
    id: "copy-bucket-region-mismatch",
    link: "copy-from-s3",
    side: "A",
    title: "The S3 bucket is in another region than the cluster",
    summary:
      "COPY addresses the bucket in the cluster's region unless told otherwise: `…must be addressed using the specified endpoint…,Status 301,Error PermanentRedirect`. Parquet/ORC need the bucket in the same region.",
    tellApart: "Status 301 / PermanentRedirect in the S3ServiceException text.",
    catalog: ["L5-09"],
    fix: (v) =>
      `Add REGION '${v.bucketRegion ?? "<bucket region>"}' to the COPY (text formats: CHAINCHECK_COPY_OPTIONS="${v.copyOptions ?? "CSV"} REGION '${v.bucketRegion ?? "<bucket region>"}'"), or keep the data in ${rendered(v).region}.`,
  },
  {
    id: "copy-source-missing",
    link: "copy-from-s3",
    side: "A",
    title: "The COPY source bucket or prefix does not exist",
    summary:
      "NoSuchBucket (404) or `The specified S3 prefix '…' does not exist`: a typo, another environment's bucket, or nothing staged.",
    tellApart: "Status 404 / NoSuchBucket, or the prefix text.",
    catalog: ["L5-10"],
    fix: (v) =>
      [
        `aws s3 ls ${rendered(v).copySource}   # in A (${rendered(v).A}); fix CHAINCHECK_COPY_SOURCE or stage the files`,
        v.existingSources?.length ? `  what exists nearby: ${v.existingSources.join(", ")}` : undefined,
      ]
        .filter(Boolean)
        .join("\n"),
  },
  {
    id: "copy-format-error",
    link: "copy-from-s3",
    side: "A",
    title: "The data does not match the table or the COPY format options",
    summary:
      "Rows were read but could not be loaded (delimiter, header, quoting, dates, lengths, column count): `Load into table '…' failed. Check 'stl_load_errors' …`, or a Spectrum/Parquet column mismatch.",
    tellApart:
      "The load-failed text or a Spectrum Scan Error; sys_load_error_detail gives the error code and line.",
    catalog: ["L5-11", "L5-12"],
    fix: (v) =>
      [
        v.loadError ? `Redshift's load error: ${v.loadError}` : undefined,
        // Line 1 failing to convert while the options skip no header: the header row was loaded as data.
        v.loadErrorLine === 1 && !/IGNOREHEADER/i.test(v.copyOptions ?? "")
          ? `Line 1 is the file's header: add IGNOREHEADER 1 (CHAINCHECK_COPY_OPTIONS="${v.copyOptions ?? "CSV"} IGNOREHEADER 1").`
          : undefined,
        `select line_number, column_name, error_code, error_message from sys_load_error_detail${v.queryId ? ` where query_id = ${v.queryId}` : ""} order by start_time desc limit 10;`,
        `then adjust the COPY options (${v.copyOptions ?? "CSV"}): IGNOREHEADER 1, CSV, DATEFORMAT 'auto', TRUNCATECOLUMNS or MAXERROR as the error says.`,
      ]
        .filter(Boolean)
        .join("\n"),
  },
  {
    id: "copy-assumerole-privilege-missing",
    link: "copy-from-s3",
    side: "B",
    title: "The DB user lacks the ASSUMEROLE privilege on the COPY role",
    summary:
      "After `REVOKE ASSUMEROLE ON ALL FROM PUBLIC`, each user needs `GRANT ASSUMEROLE ON '<role>' TO <user> FOR COPY`.",
    tellApart: '`User … does not have ASSUMEROLE permission on IAM role "…" for COPY`.',
    catalog: ["L5-05"],
    fix: (v) =>
      `GRANT ASSUMEROLE ON '${rendered(v).copyRoleArn}' TO ${sqlUser(v)} FOR COPY;   -- as an admin of ${rendered(v).cluster}`,
  },
  {
    id: "copy-s3-unreachable",
    link: "copy-from-s3",
    side: "B",
    title: "The cluster has no network path to S3 (Enhanced VPC Routing)",
    summary:
      "With Enhanced VPC Routing and no S3 gateway endpoint or NAT (or an endpoint policy blocking the bucket) COPY cannot reach S3.",
    tellApart: "`S3Query Exception Connection failed, retries exceeded` (code 15005), or a hang.",
    catalog: ["L5-13"],
    fix: (v) =>
      `Add an S3 gateway endpoint to the cluster's VPC (in B, ${rendered(v).region}) whose policy allows arn:aws:s3:::${rendered(v).bucket}/*.`,
  },
] as const satisfies readonly CauseDefinition[];
