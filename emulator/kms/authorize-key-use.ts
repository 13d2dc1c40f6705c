/**
 * Whether a caller may use a KMS key for a cryptographic operation, as KMS decides it.
 * https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html
 *
 * The key policy is the resource policy, with KMS's one twist: IAM policies count only when the key
 * policy lets the account use the key (the default key policy's `arn:aws:iam::<acct>:root`
 * statement). So in the key's own account the caller needs the key policy to name it directly, or
 * the key policy to delegate to the account AND an identity policy allowing the action. From
 * another account both the key policy and the caller's identity policy must allow.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 *
 * Context keys: `kms:CallerAccount`, `kms:ViaService` (e.g. `s3.ap-northeast-1.amazonaws.com` when
 * S3 calls on the caller's behalf), `kms:EncryptionContext:<k>` and `kms:EncryptionContextKeys`
 * (S3 sends `aws:s3:arn` = the object ARN, or the bucket ARN with S3 Bucket Keys).
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 *
 * Known gaps: grants; `kms:GrantIsForAWSResource`; a disabled key is the caller's concern (check
 * `key.enabled`: KMS answers DisabledException, not AccessDenied).
 */
import { denyMessage } from "../../policy/index.ts";
import type { EvaluationResult, RequestContextKeys } from "../../policy/types.ts";
import type { Caller } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { findKey, type KmsKey } from "./kms-key-store.ts";

export type KeyUseAction =
  | "kms:Decrypt"
  | "kms:Encrypt"
  | "kms:GenerateDataKey"
  | "kms:DescribeKey"
  | "kms:GetKeyPolicy"
  | "kms:PutKeyPolicy"
  | "kms:ReEncryptFrom"
  | "kms:ReEncryptTo";

export interface KeyUseContext {
  /** Region to resolve a key id or alias name in (default: the region in an ARN, else us-east-1). */
  region?: string;
  /** The AWS service calling KMS for the caller, e.g. `s3.ap-northeast-1.amazonaws.com`. */
  viaService?: string;
  encryptionContext?: Record<string, string>;
  /** Any further request context keys. */
  extra?: RequestContextKeys;
  /** When given, the decision is recorded for GET /_chaincheck/decisions under this request id. */
  requestId?: string;
}

/** An implicit deny for a key that does not resolve (KMS cannot tell "missing" from "not yours"). */
const UNKNOWN_KEY: EvaluationResult = { decision: "ImplicitDeny", trace: [], missing: ["resource"] };

export function authorizeKeyUse(
  world: World,
  caller: Caller,
  keyRef: KmsKey | string,
  action: KeyUseAction,
  context: KeyUseContext = {},
): EvaluationResult {
  const key =
    typeof keyRef === "string"
      ? findKey(world, caller.account, context.region ?? "us-east-1", keyRef)
      : keyRef;
  if (!key) return UNKNOWN_KEY;
  const requestContext: RequestContextKeys = {
    "kms:CallerAccount": caller.account,
    "aws:ResourceAccount": key.account,
    ...(context.viaService ? { "kms:ViaService": context.viaService, "aws:ViaAWSService": "true" } : {}),
    ...Object.fromEntries(
      Object.entries(context.encryptionContext ?? {}).map(([k, v]) => [`kms:EncryptionContext:${k}`, v]),
    ),
    ...(context.encryptionContext
      ? { "kms:EncryptionContextKeys": Object.keys(context.encryptionContext) }
      : {}),
    ...context.extra,
  };
  return world.check(
    caller,
    {
      action,
      resource: key.arn,
      resourceAccount: key.account,
      resourcePolicy: { type: "resource", name: key.arn, document: key.policy },
      context: requestContext,
      // Same account: the key policy must grant; an identity allow alone is not enough.
      resourcePolicyMustGrant: true,
    },
    context.requestId ? { requestId: context.requestId } : undefined,
  );
}

/**
 * KMS's own AccessDeniedException text for a denied key use (the key ARN is not quoted):
 * `User: <arn> is not authorized to perform: kms:Decrypt on resource: <key arn> because no
 * resource-based policy allows the kms:Decrypt action`. Seen verbatim through S3 in
 * ministryofjustice/modernisation-platform#11726 (identity-based variant).
 */
export function keyUseDeniedMessage(
  result: EvaluationResult,
  caller: Caller,
  key: KmsKey,
  action: KeyUseAction,
): string {
  return denyMessage(
    { ...result, plainMessage: false },
    { callerArn: caller.arn, action, resource: key.arn },
  );
}
