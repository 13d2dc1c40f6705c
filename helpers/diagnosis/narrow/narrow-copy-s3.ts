/**
 * Link 5: the S3 side of a failed COPY, narrowed with reads.
 *
 * - Access denied: the failing request (s3:ListBucket on the bucket or s3:GetObject on the object,
 *   from the DETAIL context) is evaluated with the COPY role's policies (B) AND A's bucket policy
 *   together, as S3 decides a cross-account request, so `missing` names the side that does not
 *   allow; a Deny in the bucket policy is its own cause. When the bucket policy refuses the
 *   harness's own s3:GetBucketPolicy, that Deny is ranked first (not settled) with the read that
 *   confirms it, rather than falling back to B's identity side. If both allow an object read, the object's SSE-KMS key (HeadObject as the tester in A)
 *   is checked: the role's kms:Decrypt (its policies) and the key policy (kms:GetKeyPolicy in A).
 * - 301: the bucket's region (GetBucketLocation in A) fills the REGION the fix needs.
 * - Missing source: what exists nearby (ListObjectsV2 on the key's folder, or ListBuckets in A).
 *
 * - Both sides allow and no KMS key is involved: the finding is `unexplained`, and the SCP step
 *   (narrow-scps.ts) weighs the SCPs on B.
 *
 * Known gaps: the COPY role's last hop only (a chained role reads S3 as the last role); S3 Object
 * Ownership/ACLs, VPC endpoint policies and RCPs are not read; a key policy the target cannot
 * serve (the embedded emulator has no KMS API) leaves the key-policy side named as not read.
 */
import { GetKeyPolicyCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { evaluate, explain, type NamedPolicy } from "../../../policy/index.ts";
import { accountOf } from "../catalog/fix-values.ts";
import type { Classification } from "../classify/classify-error.ts";
import { conditionNotes } from "../read/condition-notes.ts";
import { B_READ_HINT, tryRead } from "../read/read-access.ts";
import { readRolePolicies } from "../read/read-role.ts";
import { sessionPrincipal } from "../read/trust-verdict.ts";
import type { S3Request } from "./copy-report-facts.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { Finding } from "./finding.ts";

const ALLOW_ALL: NamedPolicy = {
  type: "identity",
  name: "assumed allow",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

/** The S3 side of a denied COPY, with the denied call attached for the SCP step (narrow-scps.ts). */
export async function narrowS3Denied(
  c: Classification,
  ctx: DiagnoseContext,
  copyRole: string,
  s3: S3Request,
  said: string,
): Promise<Finding> {
  const finding = await narrowS3Sides(c, ctx, copyRole, s3, said);
  return {
    ...finding,
    call: finding.call ?? {
      roleArn: copyRole,
      sessionName: "RedshiftIamRoleSession",
      action: s3.action,
      resource: s3.resource,
      resourceAccount: ctx.values.accountA,
      context: s3.prefix !== undefined ? { "s3:prefix": s3.prefix } : {},
    },
  };
}

async function narrowS3Sides(
  c: Classification,
  ctx: DiagnoseContext,
  copyRole: string,
  s3: S3Request,
  said: string,
): Promise<Finding> {
  const principal = sessionPrincipal(copyRole, "RedshiftIamRoleSession");
  const request = {
    principal,
    action: s3.action,
    resource: s3.resource,
    resourceAccount: ctx.values.accountA,
    context: {
      "aws:PrincipalArn": copyRole,
      "aws:PrincipalAccount": principal.account,
      ...(s3.prefix !== undefined ? { "s3:prefix": s3.prefix } : {}),
    },
  };
  const evidence = [said];
  const reader = ctx.access.readerB ?? ctx.access.bRoleSession;
  const [policies, bp] = await Promise.all([
    reader ? readRolePolicies(reader, copyRole) : undefined,
    tryRead(`s3:GetBucketPolicy on ${s3.bucket} in A`, () =>
      new S3Client(ctx.access.tester).send(new GetBucketPolicyCommand({ Bucket: s3.bucket })),
    ),
  ]);
  const bucketPolicy: NamedPolicy | undefined = bp.ok
    ? { type: "resource", name: `bucket policy of ${s3.bucket}`, document: bp.value.Policy ?? "{}" }
    : undefined;
  if (!policies?.ok || !bucketPolicy) {
    if (!policies?.ok)
      evidence.push(
        policies ? `The COPY role's policies: ${policies.why}.` : "The COPY role's policies were not read.",
      );
    if (!bp.ok && bp.code !== "NoSuchBucketPolicy") evidence.push(`${bp.why}.`);
  }
  const identity = policies?.ok ? policies.value : [ALLOW_ALL];
  const decision = explain(request, { identity, resource: bucketPolicy });
  const conditions = conditionNotes(
    decision,
    [...identity, ...(bucketPolicy ? [bucketPolicy] : [])],
    request.context,
  );
  const missing = decision.missing ?? [];
  const explicit = decision.deniedBy;
  if (policies?.ok && (missing.includes("identity") || explicit?.policyType === "identity"))
    return {
      cause: "copy-s3-identity-denied",
      evidence: [
        ...evidence,
        `${copyRole}'s own policies do not allow ${s3.action} on ${s3.resource}.`,
        ...conditions,
      ],
    };
  if (explicit?.policyType === "resource") {
    const deny = decision.trace.find((t) => t.effect === "Deny" && t.policyType === "resource");
    const denyStatement =
      deny?.statementSid ?? (deny?.statementIndex !== undefined ? `#${deny.statementIndex + 1}` : undefined);
    return {
      cause: "copy-s3-bucket-policy-explicit-deny",
      evidence: [
        ...evidence,
        `A's bucket policy of ${s3.bucket} denies ${s3.action} on ${s3.resource} to ${copyRole} explicitly${denyStatement ? ` (statement ${denyStatement})` : ""}.`,
        ...conditions,
      ],
      values: denyStatement ? { denyStatement } : undefined,
    };
  }
  // The bucket policy refused the harness's read too: its Deny is the likely cause, never B's side
  // by default. Only a read the Deny cannot refuse (A's root user) confirms it.
  if (!bp.ok && bp.denied && !(policies?.ok && missing.includes("identity")))
    return {
      cause: "copy-s3-bucket-policy-explicit-deny",
      evidence: [
        ...evidence,
        `s3:GetBucketPolicy on arn:aws:s3:::${s3.bucket} was refused to the harness's identity in A as well, as a Deny in the bucket policy that refuses the COPY role would refuse it.`,
        ...(policies?.ok ? [`${copyRole}'s own policies allow ${s3.action} on ${s3.resource}.`] : []),
      ],
      others: [
        "copy-s3-bucket-policy-denied",
        ...(policies?.ok ? [] : (["copy-s3-identity-denied"] as const)),
      ],
      settledBy: `s3:GetBucketPolicy on arn:aws:s3:::${s3.bucket} as A's root user (S3 lets the bucket owner's root read a policy that denies everyone else)${policies?.ok ? "" : `, and iam:GetRolePolicy on ${copyRole} (${B_READ_HINT})`}`,
    };
  const noBucketPolicy = !bp.ok && bp.code === "NoSuchBucketPolicy";
  if ((bucketPolicy || noBucketPolicy) && missing.includes("resource"))
    return {
      cause: "copy-s3-bucket-policy-denied",
      evidence: [
        ...evidence,
        `A's bucket policy of ${s3.bucket}${noBucketPolicy ? " does not exist, so it" : ""} does not grant ${copyRole} ${s3.action} on ${s3.resource}.`,
        ...conditions,
        ...(policies?.ok ? [`${copyRole}'s own policies allow it.`] : []),
      ],
      ...(policies?.ok
        ? {}
        : {
            others: ["copy-s3-identity-denied"],
            settledBy: `iam:GetRolePolicy on ${copyRole} (${B_READ_HINT})`,
          }),
    };
  if (decision.decision === "Allow" && s3.action === "s3:GetObject" && s3.key !== undefined)
    return narrowKms(
      c,
      ctx,
      copyRole,
      s3,
      [...evidence, `Both S3 sides allow ${copyRole} ${s3.action} on ${s3.resource}.`],
      policies?.ok ? policies.value : undefined,
    );
  const bothAllow = decision.decision === "Allow" && policies?.ok === true && (bp.ok || noBucketPolicy);
  return {
    cause: c.candidates[0]?.cause ?? "copy-s3-identity-denied",
    evidence: bothAllow
      ? [...evidence, `Both S3 sides allow ${copyRole} ${s3.action} on ${s3.resource}.`]
      : evidence,
    others: c.candidates.slice(1).map((x) => x.cause),
    settledBy: c.settledBy,
    ...(bothAllow ? { unexplained: true } : {}),
  };
}

async function narrowKms(
  c: Classification,
  ctx: DiagnoseContext,
  copyRole: string,
  s3: S3Request,
  evidence: string[],
  rolePolicies: NamedPolicy[] | undefined,
): Promise<Finding> {
  const head = await tryRead(`s3:GetObject (HeadObject) on ${s3.resource} in A`, () =>
    new S3Client(ctx.access.tester).send(new HeadObjectCommand({ Bucket: s3.bucket, Key: s3.key })),
  );
  const keyArn =
    head.ok && head.value.ServerSideEncryption === "aws:kms" ? head.value.SSEKMSKeyId : undefined;
  if (!keyArn)
    return {
      cause: c.candidates[0]?.cause ?? "copy-s3-identity-denied",
      evidence: [...evidence, head.ok ? "The object is not SSE-KMS encrypted." : `${head.why}.`],
      others: c.candidates.slice(1).map((x) => x.cause),
      settledBy: "S3 Object Ownership and ACLs, VPC endpoint policies, RCPs and SCPs",
      unexplained: head.ok,
    };
  const gaps: string[] = [];
  const principal = sessionPrincipal(copyRole, "RedshiftIamRoleSession");
  const request = {
    principal,
    action: "kms:Decrypt",
    resource: keyArn,
    resourceAccount: accountOf(keyArn),
    context: { "aws:PrincipalArn": copyRole, "aws:PrincipalAccount": principal.account },
  };
  const notes = [`HeadObject: ${s3.key} is SSE-KMS with ${keyArn}.`];
  if (rolePolicies) {
    const d = evaluate(request, {
      identity: rolePolicies,
      resource: {
        type: "resource",
        name: "assumed key policy",
        document: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }],
        },
      },
    });
    if (d.decision !== "Allow") gaps.push("role policy");
    notes.push(
      d.decision === "Allow"
        ? `${copyRole}'s policies allow kms:Decrypt on it.`
        : `${copyRole}'s policies do not allow kms:Decrypt on it.`,
    );
  }
  const kp = await tryRead(`kms:GetKeyPolicy on ${keyArn} in A`, () =>
    new KMSClient(ctx.access.tester).send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: "default" })),
  );
  if (kp.ok) {
    const d = evaluate(request, {
      identity: [ALLOW_ALL],
      resource: { type: "resource", name: `key policy of ${keyArn}`, document: kp.value.Policy ?? "{}" },
    });
    if (d.decision !== "Allow") gaps.push("key policy");
    notes.push(
      d.decision === "Allow"
        ? "The key policy grants the COPY role."
        : "The key policy does not grant the COPY role.",
    );
  } else {
    notes.push(`The key policy: ${kp.why}.`);
    // A key policy that refuses the COPY role usually refuses the harness's read as well.
    if (kp.denied)
      notes.push(
        `The key policy refused the harness's kms:GetKeyPolicy too, as a key policy without a grant (or with a Deny) for everyone but its administrators does: it is the likely gap, and kms:GetKeyPolicy on ${keyArn} as the key's administrator would confirm it.`,
      );
  }
  // An unread side stays in the fix: it may be missing too.
  const fixGaps = [...gaps];
  if (!rolePolicies) fixGaps.push("role policy");
  if (!kp.ok) fixGaps.push("key policy");
  const keySide = accountOf(keyArn) === ctx.values.accountA ? "A" : "B";
  // Both key sides read and allow: what refuses kms:Decrypt lies outside them (an SCP on B, most likely).
  const bothAllow = fixGaps.length === 0;
  return {
    cause: "copy-kms-denied",
    ...(fixGaps.length === 1 ? { side: fixGaps[0] === "role policy" ? "B" : keySide } : {}),
    evidence: [...evidence, ...notes],
    values: { kmsKeyArn: keyArn, kmsGaps: fixGaps },
    ...(bothAllow
      ? {
          unexplained: true,
          call: {
            roleArn: copyRole,
            sessionName: "RedshiftIamRoleSession",
            action: "kms:Decrypt",
            resource: keyArn,
            resourceAccount: accountOf(keyArn),
          },
        }
      : {}),
  };
}

export async function narrowRegion(ctx: DiagnoseContext, bucket: string, said: string): Promise<Finding> {
  const loc = await tryRead(`s3:GetBucketLocation on ${bucket} in A`, () =>
    new S3Client(ctx.access.tester).send(new GetBucketLocationCommand({ Bucket: bucket })),
  );
  const region = loc.ok ? loc.value.LocationConstraint || "us-east-1" : undefined;
  return {
    cause: "copy-bucket-region-mismatch",
    evidence: [
      said,
      region
        ? `GetBucketLocation: ${bucket} is in ${region}, the cluster in ${ctx.config.region}.`
        : `${loc.ok ? "" : loc.why}.`,
    ],
    values: region ? { bucketRegion: region } : undefined,
  };
}

export async function narrowSourceMissing(
  ctx: DiagnoseContext,
  bucket: string,
  key: string,
  said: string,
): Promise<Finding> {
  const s3 = new S3Client(ctx.access.tester);
  const folder = key.includes("/") ? key.slice(0, key.lastIndexOf("/") + 1) : "";
  const listed = await tryRead(`s3:ListBucket on ${bucket} in A`, () =>
    s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: folder, MaxKeys: 20 })),
  );
  if (listed.ok) {
    const keys = (listed.value.Contents ?? []).map((o) => `s3://${bucket}/${o.Key}`).slice(0, 5);
    return {
      cause: "copy-source-missing",
      evidence: [
        said,
        keys.length
          ? `ListObjectsV2: under s3://${bucket}/${folder} there is ${keys.join(", ")}.`
          : `ListObjectsV2: s3://${bucket}/${folder} is empty.`,
      ],
      values: { existingSources: keys },
    };
  }
  const buckets =
    listed.code === "NoSuchBucket"
      ? await tryRead("s3:ListAllMyBuckets in A", () => s3.send(new ListBucketsCommand({})))
      : undefined;
  const names = buckets?.ok ? (buckets.value.Buckets ?? []).map((b) => `s3://${b.Name}/`) : [];
  return {
    cause: "copy-source-missing",
    evidence: [
      said,
      names.length ? `Bucket ${bucket} does not exist in A; A has ${names.join(", ")}.` : `${listed.why}.`,
    ],
    values: names.length ? { existingSources: names } : undefined,
  };
}
