/**
 * The identity a COPY reads S3 with, resolved as Redshift does for `IAM_ROLE` / `CREDENTIALS
 * 'aws_iam_role=…'` (and plain access keys):
 * https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html
 * https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service-chaining-roles.html
 *
 * 1. `IAM_ROLE default` → the cluster's default role.
 * 2. The first role must be associated with the cluster (L5-01: "User <dbuser ARN> is not
 *    authorized to assume IAM Role <role>", code 8001, context "IAM Role=<role>").
 * 3. Redshift (the service principal `redshift.amazonaws.com`) assumes it with session name
 *    `RedshiftIamRoleSession`, sending `aws:SourceAccount` = the cluster's account, `aws:SourceArn` =
 *    the cluster ARN and `sts:ExternalId` = the database user's ARN
 *    (authorizing-redshift-service-database-users: trusts restrict users with sts:ExternalId set to
 *    dbuser ARNs; cross-service-confused-deputy-prevention for the source keys). Only the trust
 *    decides. A trust whose Redshift statement fails only on sts:ExternalId is the catalog's L5-01
 *    (this dbuser is not listed); any other trust denial is L5-02/L5-03: "Not authorized to get
 *    credentials of role <role>" (code 30000).
 * 4. Each later role is assumed by the session of the one before it, like any sts:AssumeRole: the
 *    previous role's identity side and the next role's trust (naming the previous role) must allow.
 *
 * The role text in messages is the IAM_ROLE string as given (Redshift echoes it: public transcripts
 * show "… assume IAM Role aws_iam_role=arn:…" for CREDENTIALS and a bogus bare name for IAM_ROLE).
 *
 * Known gaps (unverified texts): a later hop's denial ("Not authorized to get credentials of role
 * <chain>", code 30000: no public transcript exists, catalog L5-04 [I]); `IAM_ROLE default` with no
 * default role; on a serverless workgroup, the namespace's.
 * On a serverless workgroup the dbuser ARN (in L5-01's text and as sts:ExternalId) names the
 * namespace where a cluster's names the cluster [I].
 */
import { buildRequestContext, explain } from "../../../policy/index.ts";
import type { NamedPolicy, PrincipalInfo } from "../../../policy/types.ts";
import { AwsError } from "../../core/errors.ts";
import type { Caller } from "../../core/types.ts";
import type { World } from "../../world/world.ts";
import type { ClusterState } from "../cluster-store.ts";
import type { CopyAuthorization } from "../copy/index.ts";
import { clusterArn, dbUserArn } from "../redshift-arns.ts";
import type { RedshiftDetail } from "./copy-failure.ts";

export const REDSHIFT_SERVICE = "redshift.amazonaws.com";
export const REDSHIFT_SESSION_NAME = "RedshiftIamRoleSession";
const SESSION_SECONDS = 3600;

/** A credential failure: the message and its DETAIL fields. */
export class CredentialFailure extends Error {
  constructor(
    message: string,
    readonly detail: RedshiftDetail,
  ) {
    super(message);
    this.name = "CredentialFailure";
  }
}

/** S3's answer to keys it does not accept, rendered by the caller as an S3ServiceException. */
export class KeyRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "KeyRejected";
  }
}

export interface CopyRoles {
  roles: string[];
  /** The IAM_ROLE text as given (chain joined by commas; `aws_iam_role=` kept for CREDENTIALS). */
  display: string;
  viaDefault: boolean;
}

/** The role chain the COPY names. */
export function copyRoles(
  cluster: ClusterState,
  auth: Exclude<CopyAuthorization, { kind: "access-keys" }>,
): CopyRoles {
  if (auth.kind === "iam-role-default") {
    const role = cluster.defaultIamRole;
    if (!role) {
      // Unverified wording: Redshift's text for IAM_ROLE default without a default role was not found.
      throw new CredentialFailure(
        `Default IAM role is not set for cluster ${cluster.clusterId}. Use IAM_ROLE '<arn>' or set a default IAM role.`,
        { code: 8001, context: "IAM Role=default", location: "xen_aws_credentials_mgr.cpp:321" },
      );
    }
    return { roles: [role], display: role, viaDefault: true };
  }
  const chain = auth.roles.join(",");
  return {
    roles: auth.roles,
    display: auth.via === "CREDENTIALS" ? `aws_iam_role=${chain}` : chain,
    viaDefault: false,
  };
}

/** The cluster a dbuser ARN names: a namespace's SQL state is keyed `serverless.<namespace>`
 *  (emulator/redshift-serverless/workgroup-access.ts), a key no cluster id can take. */
function dbUserScope(cluster: ClusterState): ClusterState {
  const namespace = /^serverless\.(.+)$/.exec(cluster.clusterId)?.[1];
  return namespace ? { ...cluster, clusterId: namespace } : cluster;
}

export interface ResolveRequest {
  world: World;
  cluster: ClusterState;
  sqlUser: string;
  requestId: string;
  /** A workgroup's ARN, sent as aws:SourceArn instead of the cluster's. */
  sourceArn?: string;
}

/** The assumed-role session of the last role in the chain. */
export function assumeCopyRoles(req: ResolveRequest, roles: CopyRoles): Caller {
  const { world, cluster } = req;
  const [first, ...rest] = roles.roles;
  const userArn = dbUserArn(dbUserScope(cluster), req.sqlUser);
  if (!cluster.iamRoles.includes(first)) {
    throw new CredentialFailure(`User ${userArn} is not authorized to assume IAM Role ${roles.display}`, {
      code: 8001,
      context: `IAM Role=${roles.display}`,
      location: "xen_aws_credentials_mgr.cpp:321",
    });
  }
  const context = {
    "aws:SourceAccount": cluster.account,
    "aws:SourceArn": req.sourceArn ?? clusterArn(cluster),
    "sts:ExternalId": userArn,
    "sts:RoleSessionName": REDSHIFT_SESSION_NAME,
  };
  let caller: Caller;
  try {
    caller = world.assumeRoleAsService({
      roleArn: first,
      service: REDSHIFT_SERVICE,
      sessionName: REDSHIFT_SESSION_NAME,
      durationSeconds: SESSION_SECONDS,
      context,
    }).caller;
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    if (failsOnlyOnExternalId(world, first, context)) {
      throw new CredentialFailure(`User ${userArn} is not authorized to assume IAM Role ${roles.display}`, {
        code: 8001,
        context: `IAM Role=${roles.display}`,
        location: "xen_aws_credentials_mgr.cpp:321",
      });
    }
    throw notAuthorizedToGetCredentials(roles.display);
  }
  for (const next of rest) caller = assumeNext(req, caller, next, roles.display);
  return caller;
}

function notAuthorizedToGetCredentials(display: string): CredentialFailure {
  return new CredentialFailure(`Not authorized to get credentials of role ${display}`, {
    code: 30000,
    context: `IAM Role=${display}`,
    location: "xen_aws_credentials_mgr.cpp:392",
  });
}

function trustOf(world: World, roleArn: string): NamedPolicy | undefined {
  const role = world.iam.getRoleByArn(roleArn);
  return role ? { type: "trust", name: role.arn, document: world.iam.renderedTrustPolicy(role) } : undefined;
}

/** True when a Redshift-principal Allow in the trust matches everything but sts:ExternalId. */
function failsOnlyOnExternalId(world: World, roleArn: string, extra: Record<string, string>): boolean {
  const trust = trustOf(world, roleArn);
  if (!trust) return false;
  const principal: PrincipalInfo = {
    arn: REDSHIFT_SERVICE,
    account: /^arn:aws:iam::(\d{12}):/.exec(roleArn)?.[1] ?? "",
    kind: "service",
    userId: REDSHIFT_SERVICE,
    service: REDSHIFT_SERVICE,
  };
  const explanation = explain(
    {
      principal,
      action: "sts:AssumeRole",
      resource: roleArn,
      resourceAccount: principal.account,
      context: buildRequestContext(principal, extra, world.clock()),
      isRoleTrust: true,
    },
    { identity: [], resource: trust },
  );
  if (explanation.decision === "ExplicitDeny") return false;
  return explanation.statements.some(
    (s) =>
      s.effect === "Allow" &&
      s.action &&
      s.principal === true &&
      / sts:ExternalId$/i.test(s.failedCondition ?? ""),
  );
}

/** One chained hop: sts:AssumeRole by the previous role's session, both sides evaluated. */
function assumeNext(req: ResolveRequest, caller: Caller, next: string, display: string): Caller {
  const { world } = req;
  const role = world.iam.getRoleByArn(next);
  const input = {
    action: "sts:AssumeRole",
    resource: next,
    resourceAccount: role?.account ?? /^arn:aws:iam::(\d{12}):/.exec(next)?.[1],
    resourcePolicy: trustOf(world, next),
    context: { "sts:RoleSessionName": REDSHIFT_SESSION_NAME },
    isRoleTrust: true,
  };
  const result = world.check(caller, input, { requestId: req.requestId });
  if (result.decision !== "Allow" || !role) throw notAuthorizedToGetCredentials(display);
  return world.issueRoleSession({
    role,
    sessionName: REDSHIFT_SESSION_NAME,
    durationSeconds: SESSION_SECONDS,
    source: caller,
  }).caller;
}

/**
 * ACCESS_KEY_ID/SECRET_ACCESS_KEY[/SESSION_TOKEN]: the caller behind the keys, or S3's rejection
 * (S3 answers these when it checks the request signature: InvalidAccessKeyId 403,
 * SignatureDoesNotMatch 403, InvalidToken 400, ExpiredToken 400).
 */
export function callerForKeys(
  world: World,
  auth: Extract<CopyAuthorization, { kind: "access-keys" }>,
): Caller {
  const record = world.findCredential(auth.accessKeyId);
  if (!record) {
    throw new KeyRejected(
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
      403,
    );
  }
  if (record.secretAccessKey !== auth.secretAccessKey) {
    throw new KeyRejected(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      403,
    );
  }
  if (record.sessionToken !== undefined && auth.sessionToken === undefined) {
    throw new KeyRejected(
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
      403,
    );
  }
  if (record.sessionToken !== undefined && record.sessionToken !== auth.sessionToken) {
    throw new KeyRejected("InvalidToken", "The provided token is malformed or otherwise invalid.", 400);
  }
  if (record.expiration && record.expiration.getTime() <= world.clock().getTime()) {
    throw new KeyRejected("ExpiredToken", "The provided token has expired.", 400);
  }
  return record.caller;
}
