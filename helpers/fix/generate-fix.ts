/**
 * The diagnosis's fix as a machine-applicable patch: for the cause diagnosed on a failed link, the
 * changes (fix-types.ts) generated from the effective setup being run. Every cause the bundled
 * scenarios reproduce has a generator; the others answer with the reason no patch is generated
 * (their fix text in the report stays the guide).
 *
 * Known gaps: causes that live in the user's Lambda code or outside the setup (VPC routes, session
 * tags, token expiry, throttling, timeouts) have no generator.
 */
import type { Setup } from "../../emulator/index.ts";
import { mergeValues } from "../../emulator/world/merge-setups.ts";
import type { CauseId } from "../diagnosis/catalog/causes.ts";
import type { Report } from "../report/types.ts";
import * as data from "./fix-data-causes.ts";
import * as identity from "./fix-identity-causes.ts";
import { scpDenied } from "./fix-scp-causes.ts";
import type { FixChange, FixStep, NoFix } from "./fix-types.ts";
import { type FixContext, fixContext } from "./setup-facts.ts";

type Generator = (ctx: FixContext) => FixChange[] | string;

const GENERATORS: Partial<Record<CauseId, Generator>> = {
  "lambda-function-not-found": identity.lambdaFunctionNotFound,
  "lambda-role-mismatch": identity.lambdaRoleMismatch,
  "lambda-trust-missing": identity.lambdaTrustMissing,
  "caller-policy-missing-assume-role": identity.callerPolicyMissingAssumeRole,
  "explicit-deny": identity.explicitDeny,
  "scp-denied": scpDenied,
  "boundary-missing-allow": identity.boundaryMissingAllow,
  "target-role-arn-malformed": identity.targetRoleArnMalformed,
  "trust-policy-missing-principal": identity.trustPolicyMissingPrincipal,
  "trust-policy-external-id": identity.trustPolicyExternalId,
  "trust-policy-stale-principal": identity.trustPolicyStalePrincipal,
  "session-duration-exceeded": identity.sessionDurationExceeded,
  "get-cluster-credentials-denied": identity.clusterCredentialsPolicy,
  "dbuser-arn-format": identity.clusterCredentialsPolicy,
  "dbuser-arn-wrong-account": identity.clusterCredentialsPolicy,
  "secret-unreadable": identity.secretUnreadable,
  "secret-malformed": identity.secretMalformed,
  "serverless-credentials-denied": identity.serverlessCredentialsDenied,
  "db-user-missing": data.dbUserMissing,
  "cluster-not-found": data.clusterNotFound,
  "data-api-denied": data.dataApiDenied,
  "sql-permission-denied": data.sqlPermissionDenied,
  "sql-object-missing": data.sqlObjectMissing,
  "sql-syntax": data.sqlSyntax,
  "copy-role-not-associated": data.copyRoleNotAssociated,
  "copy-role-trust-missing-redshift": data.copyRoleTrustMissingRedshift,
  "copy-role-chain-broken": data.copyRoleChainBroken,
  "copy-s3-identity-denied": data.copyS3IdentityDenied,
  "copy-s3-bucket-policy-denied": data.copyS3BucketPolicyDenied,
  "copy-s3-bucket-policy-explicit-deny": data.copyS3BucketPolicyExplicitDeny,
  "copy-kms-denied": data.copyKmsDenied,
  "copy-bucket-region-mismatch": data.copyBucketRegionMismatch,
  "copy-source-missing": data.copySourceMissing,
  "copy-format-error": data.copyFormatError,
  "copy-assumerole-privilege-missing": data.copyAssumerolePrivilegeMissing,
};

/** The causes a patch is generated for. */
export const FIXABLE_CAUSES = Object.keys(GENERATORS) as CauseId[];

/** The patch for the report's failed link, generated from `setup` (the effective setup the run used). */
export function generateFix(setup: Setup, report: Report): FixStep | NoFix {
  const link = report.links.find((l) => l.id === report.failedLink);
  if (!link) return { cause: undefined, link: "lambda-role", reason: "no link failed" };
  const cause = link.diagnosis?.cause;
  if (!cause) return { cause, link: link.id, reason: `${link.id} failed without a diagnosed cause` };
  const generator = GENERATORS[cause];
  if (!generator)
    return { cause, link: link.id, reason: `no machine-applicable fix for ${cause}; follow the fix text` };
  const out = generator(fixContext(setup));
  if (typeof out === "string") return { cause, link: link.id, reason: out };
  return { cause, link: link.id, changes: out };
}

export function isFixStep(value: FixStep | NoFix): value is FixStep {
  return "changes" in value;
}

/** The setup layers of several changes as one layer (later changes win, named things merge). */
export function combinedLayer(changes: FixChange[]): Record<string, unknown> {
  let layer: unknown = {};
  for (const change of changes) layer = mergeValues(layer, change.layer);
  return layer as Record<string, unknown>;
}
