/**
 * Session policies passed to AssumeRole (`Policy`, `PolicyArns`) and the packed-size budget they
 * share with session tags.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
 *
 * STS validates `Policy` as a session policy (MalformedPolicyDocument) and compresses policies and
 * tags into a packed binary form with a fixed budget; `PackedPolicySize` is the percentage used and
 * over 100 % fails with PackedPolicyTooLarge (docs/failures.md L2-09).
 *
 * Known gaps: AWS's packing format is undocumented. The percentage here is deflate-compressed bytes
 * over an assumed budget (1024 bytes for policies, 512 for tags), so it rises and overflows in the
 * same situations as AWS (long/unique policies, many or long tags) but the numbers differ. Unknown
 * `PolicyArns` are not rejected; they allow nothing, so the session can do nothing.
 */
import { deflateRawSync } from "node:zlib";
import { PolicyValidationError, parsePolicy } from "../../policy/index.ts";
import type { NamedPolicy } from "../../policy/types.ts";
import { AwsError } from "../core/errors.ts";
import { defaultVersion } from "../world/iam-entities.ts";
import type { World } from "../world/world.ts";

const POLICY_BUDGET = 1024;
const TAG_BUDGET = 512;

export function sessionPolicies(
  world: World,
  policy: string | undefined,
  policyArns: string[],
): NamedPolicy[] {
  const out: NamedPolicy[] = [];
  if (policy !== undefined) {
    try {
      parsePolicy(policy, "session");
    } catch (err) {
      if (err instanceof PolicyValidationError) {
        throw new AwsError("MalformedPolicyDocument", err.message, { status: 400 });
      }
      throw err;
    }
    out.push({ type: "session", name: "session-policy", document: policy });
  }
  for (const arn of policyArns) {
    const managed = world.iam.getPolicy(arn);
    const document = managed
      ? defaultVersion(managed).document
      : {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "chaincheck:UnknownPolicyArn", Resource: "*" }],
        };
    out.push({ type: "session", name: arn, document });
  }
  return out;
}

const packed = (text: string) => (text.length === 0 ? 0 : deflateRawSync(Buffer.from(text)).length);

/** Percent of the packed budget used; throws PackedPolicyTooLarge above 100 %. */
export function packedPolicySize(
  policy: string | undefined,
  policyArns: string[],
  tags: Record<string, string>,
): number {
  const policyText = policy ? JSON.stringify(JSON.parse(policy)) : "";
  const policyPercent = Math.ceil(((packed(policyText) + policyArns.join("").length) * 100) / POLICY_BUDGET);
  const tagText = Object.entries(tags)
    .map(([k, v]) => `${k}\u0000${v}`)
    .join("\u0001");
  const tagPercent = Math.ceil((packed(tagText) * 100) / TAG_BUDGET);
  if (tagPercent > 100) {
    throw new AwsError(
      "PackedPolicyTooLarge",
      `Packed size of session tags consumes ${tagPercent}% of allotted space.`,
      {
        status: 400,
      },
    );
  }
  if (policyPercent > 100) {
    throw new AwsError("PackedPolicyTooLarge", `Packed policy consumes ${policyPercent}% of allotted space`, {
      status: 400,
    });
  }
  return Math.max(policyPercent, tagPercent);
}
