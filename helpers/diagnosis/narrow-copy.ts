/**
 * Link 5 failed (a FAILED COPY statement). Narrowed with reads: DescribeClusters IamRoles (is the
 * role associated?), the COPY role's trust (does it allow redshift.amazonaws.com?), the COPY role's
 * policies in B and A's bucket policy evaluated with the policy engine (which side denies the S3
 * read?).
 *
 * Known gaps: KMS key policies are not read; a chained IAM_ROLE is not narrowed hop by hop;
 * sys_load_error_detail is not queried yet (format errors get the query in their fix instead); the
 * COPY role's trust is not read for `copy-role-trust-missing-redshift` (the text settles it). Not
 * exercised against the embedded target yet: its COPY path is still being wired.
 */
import { DescribeClustersCommand, RedshiftClient } from "@aws-sdk/client-redshift";
import { GetBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { evaluate, type NamedPolicy } from "../../policy/index.ts";
import type { Classification } from "./classify-error.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { Finding } from "./finding.ts";
import { bucketOf } from "./fix-values.ts";
import { B_READ_HINT, tryRead } from "./read-access.ts";
import { readRolePolicies } from "./read-role.ts";
import { sessionPrincipal } from "./trust-verdict.ts";

export async function narrowCopy(c: Classification, ctx: DiagnoseContext): Promise<Finding | undefined> {
  const top = c.candidates[0]?.cause;
  const copyRole = ctx.config.copyRoleArn ?? c.facts.copyRoleArn;
  const said = `Redshift said: ${c.parsed.message.slice(0, 300)}.`;
  if (top === "copy-role-not-associated" && ctx.config.clusterId && copyRole) {
    const reader = ctx.access.readerB ?? ctx.access.targetSession;
    const read = reader
      ? await tryRead(`redshift:DescribeClusters on ${ctx.config.clusterId} in B`, () =>
          new RedshiftClient(reader).send(
            new DescribeClustersCommand({ ClusterIdentifier: ctx.config.clusterId }),
          ),
        )
      : undefined;
    if (read?.ok) {
      const roles = read.value.Clusters?.[0]?.IamRoles?.map((r) => r.IamRoleArn) ?? [];
      if (!roles.includes(copyRole))
        return {
          cause: "copy-role-not-associated",
          evidence: [
            said,
            `DescribeClusters: ${ctx.config.clusterId} has ${roles.length ? roles.join(", ") : "no roles"} associated, not ${copyRole}.`,
          ],
        };
      return {
        cause: "copy-role-trust-missing-redshift",
        evidence: [
          said,
          `${copyRole} is associated with ${ctx.config.clusterId}, so its trust (an ExternalId restricted to other dbusers) is next.`,
        ],
        others: ["copy-role-not-associated"],
        settledBy: `iam:GetRole on ${copyRole} in B`,
      };
    }
    return {
      cause: "copy-role-not-associated",
      evidence: [said, read ? `${read.why}.` : "DescribeClusters was not read."],
      settledBy: `redshift:DescribeClusters in B (${B_READ_HINT})`,
    };
  }
  if (/^copy-s3-|^copy-kms-/.test(top ?? "") && copyRole && ctx.config.copySource)
    return narrowS3(c, ctx, copyRole, said);
  return undefined;
}

async function narrowS3(
  c: Classification,
  ctx: DiagnoseContext,
  copyRole: string,
  said: string,
): Promise<Finding> {
  const bucket = bucketOf(ctx.config.copySource) ?? "";
  const key = ctx.config.copySource?.replace(/^s3:\/\/[^/]+\/?/, "") ?? "";
  const principal = sessionPrincipal(copyRole, "RedshiftIamRoleSession");
  const request = {
    principal,
    action: "s3:GetObject",
    resource: `arn:aws:s3:::${bucket}/${key}`,
    resourceAccount: ctx.values.accountA,
    context: { "aws:PrincipalArn": copyRole, "aws:PrincipalAccount": principal.account },
  };
  const evidence = [said];
  const policies = ctx.access.readerB ? await readRolePolicies(ctx.access.readerB, copyRole) : undefined;
  if (policies?.ok) {
    const identity = evaluate(request, { identity: policies.value });
    if (identity.decision !== "Allow")
      return {
        cause: "copy-s3-identity-denied",
        evidence: [
          ...evidence,
          `${copyRole}'s own policies do not allow s3:GetObject on ${request.resource}.`,
        ],
      };
    evidence.push(`${copyRole}'s own policies allow s3:GetObject on ${request.resource}.`);
  } else
    evidence.push(
      policies ? `The COPY role's policies: ${policies.why}.` : "The COPY role's policies were not read.",
    );
  const bp = await tryRead(`s3:GetBucketPolicy on ${bucket} in A`, () =>
    new S3Client(ctx.access.tester).send(new GetBucketPolicyCommand({ Bucket: bucket })),
  );
  if (bp.ok) {
    const resource: NamedPolicy = {
      type: "resource",
      name: `bucket policy of ${bucket}`,
      document: bp.value.Policy ?? "{}",
    };
    const decision = evaluate(request, {
      identity: [
        {
          type: "identity",
          name: "assumed allow",
          document: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
          },
        },
      ],
      resource,
    });
    if (decision.decision !== "Allow")
      return {
        cause: "copy-s3-bucket-policy-denied",
        evidence: [...evidence, `A's bucket policy of ${bucket} does not grant ${copyRole} s3:GetObject.`],
      };
    return {
      cause: "copy-kms-denied",
      evidence: [
        ...evidence,
        `A's bucket policy of ${bucket} grants ${copyRole}; with both S3 sides allowing, SSE-KMS is next.`,
      ],
      others: ["copy-s3-identity-denied"],
    };
  }
  return {
    cause: c.candidates[0].cause,
    evidence: [...evidence, `${bp.why}.`],
    others: c.candidates.slice(1).map((x) => x.cause),
    settledBy: c.settledBy,
  };
}
