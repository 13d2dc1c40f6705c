/**
 * Fix generators for links 1–3 (lambda-role, assume-role, cluster-credentials): each reads the
 * effective setup and returns the changes that make the diagnosed cause go away, or a reason why it
 * cannot. The causes are the catalog's (helpers/diagnosis/catalog/), one generator per cause id.
 *
 * Known gaps: explicit-deny is fixed on link 1 (sts:AssumeRole by the execution role) only; a Deny
 * in an attached customer managed policy is not edited (its statements would need a new version).
 */
import { randomBytes } from "node:crypto";
import { closeNames } from "../diagnosis/read/close-names.ts";
import {
  deleteRolePolicy,
  putKeyPolicy,
  putRolePolicy,
  putSecretPolicy,
  replaceBoundary,
  setChain,
  updateTrust,
} from "./change-builders.ts";
import type { FixChange, PolicyDocument } from "./fix-types.ts";
import {
  accountOfArn,
  asList,
  awsPrincipals,
  chainCluster,
  chainFunction,
  copyDocument,
  execRoleArn,
  type FixContext,
  findRole,
  managedPolicyDocument,
  namesRole,
  policyOf,
  profileFor,
  roleArnOf,
  roleNameOf,
  statementCovers,
} from "./setup-facts.ts";

export type Generated = FixChange[] | string;

const ASSUME = "sts:AssumeRole";

export function lambdaFunctionNotFound(ctx: FixContext): Generated {
  const names = ctx.setup.lambdaFunctions
    .filter((f) => f.account === ctx.accountA && f.region === ctx.region)
    .map((f) => f.name);
  const [name] = closeNames(ctx.chain.functionName, names, 1);
  if (!name)
    return `no function in A (${ctx.accountA}, ${ctx.region}) has a name close to ${ctx.chain.functionName}`;
  return [setChain({ functionName: name }, `Name the function that exists in A: ${name}.`)];
}

export function lambdaRoleMismatch(ctx: FixContext): Generated {
  const fn = chainFunction(ctx);
  if (!fn) return "the chain's function is not in the setup";
  return [setChain({ lambdaRoleArn: fn.role }, `Expect the role the function really runs as: ${fn.role}.`)];
}

export function lambdaTrustMissing(ctx: FixContext): Generated {
  const role = findRole(ctx, execRoleArn(ctx));
  if (!role) return "the execution role is not in the setup";
  const trust = copyDocument(role.trustPolicy);
  trust.Statement.unshift({
    Effect: "Allow",
    Principal: { Service: "lambda.amazonaws.com" },
    Action: ASSUME,
  });
  return [updateTrust(ctx, role, trust, `Let lambda.amazonaws.com assume the execution role ${role.name}.`)];
}

export function callerPolicyMissingAssumeRole(ctx: FixContext): Generated {
  const role = findRole(ctx, execRoleArn(ctx));
  if (!role) return "the execution role is not in the setup";
  const target = ctx.chain.targetRoleArn;
  const name = `assume-${roleNameOf(target)}`;
  return [
    putRolePolicy(
      ctx,
      role,
      name,
      policyOf({ Effect: "Allow", Action: ASSUME, Resource: target }),
      `Allow the execution role ${role.name} to call sts:AssumeRole on ${target}.`,
    ),
  ];
}

function withoutDenies(doc: PolicyDocument, action: string, resource: string): PolicyDocument | undefined {
  const kept = doc.Statement.filter((s) => !(s.Effect === "Deny" && statementCovers(s, action, resource)));
  return kept.length === doc.Statement.length ? undefined : { ...doc, Statement: kept };
}

/** Link 1's explicit Deny of sts:AssumeRole on B's role, in the execution role's inline policies or
 *  its boundary (a Deny in an SCP is `scp-denied`, fix-scp-causes.ts). */
export function explicitDeny(ctx: FixContext): Generated {
  const role = findRole(ctx, execRoleArn(ctx));
  if (!role) return "the execution role is not in the setup";
  const target = ctx.chain.targetRoleArn;
  const changes: FixChange[] = [];
  for (const inline of role.inlinePolicies) {
    const doc = copyDocument(inline.document);
    const kept = withoutDenies(doc, ASSUME, target);
    if (!kept) continue;
    const summary = `Remove the Deny of sts:AssumeRole on ${target} from ${role.name}'s inline policy ${inline.name}.`;
    changes.push(
      kept.Statement.length === 0
        ? deleteRolePolicy(ctx, role, inline.name, summary)
        : putRolePolicy(ctx, role, inline.name, kept, summary),
    );
  }
  if (role.permissionsBoundary) {
    const doc = managedPolicyDocument(ctx, role.permissionsBoundary);
    const kept = doc && withoutDenies(doc, ASSUME, target);
    if (kept)
      changes.push(
        replaceBoundary(
          ctx,
          role,
          `${roleNameOf(role.permissionsBoundary)}-allows-${roleNameOf(target)}`.slice(0, 128),
          kept,
          `Make ${role.name}'s permissions boundary a copy of ${role.permissionsBoundary} without its Deny of sts:AssumeRole on ${target}.`,
        ),
      );
  }
  return changes.length
    ? changes
    : `no Deny of sts:AssumeRole on ${target} found in ${role.name}'s inline policies or boundary`;
}

export function boundaryMissingAllow(ctx: FixContext): Generated {
  const role = findRole(ctx, execRoleArn(ctx));
  if (!role?.permissionsBoundary) return "the execution role has no permissions boundary in the setup";
  const doc = managedPolicyDocument(ctx, role.permissionsBoundary);
  if (!doc) return `the boundary ${role.permissionsBoundary} is not in the setup`;
  const target = ctx.chain.targetRoleArn;
  doc.Statement.push({ Effect: "Allow", Action: ASSUME, Resource: target });
  return [
    replaceBoundary(
      ctx,
      role,
      `${role.name}-boundary`.slice(0, 128),
      doc,
      `Give ${role.name} a boundary with the statements of ${role.permissionsBoundary} plus an Allow of sts:AssumeRole on ${target}.`,
    ),
  ];
}

function rolesInB(ctx: FixContext): string[] {
  return ctx.setup.roles.filter((r) => r.account === ctx.accountB).map(roleArnOf);
}

export function targetRoleArnMalformed(ctx: FixContext): Generated {
  const typed = roleNameOf(ctx.chain.targetRoleArn);
  const byName = new Map(rolesInB(ctx).map((arn) => [roleNameOf(arn), arn]));
  const [name] = closeNames(typed, [...byName.keys()], 1);
  if (!name) return `no role in B (${ctx.accountB}) has a name close to ${typed}`;
  const arn = byName.get(name) as string;
  return [setChain({ targetRoleArn: arn }, `Pass the ARN of B's role: ${arn}.`)];
}

function targetRole(ctx: FixContext) {
  return findRole(ctx, ctx.chain.targetRoleArn);
}

function trustStatementFor(ctx: FixContext): Record<string, unknown> {
  const statement: Record<string, unknown> = {
    Effect: "Allow",
    Principal: { AWS: execRoleArn(ctx) },
    Action: ASSUME,
  };
  if (ctx.chain.externalId)
    statement.Condition = { StringEquals: { "sts:ExternalId": ctx.chain.externalId } };
  return statement;
}

export function trustPolicyMissingPrincipal(ctx: FixContext): Generated {
  const role = targetRole(ctx);
  if (!role) return "B's role is not in the setup";
  const trust = copyDocument(role.trustPolicy);
  trust.Statement.push(trustStatementFor(ctx));
  return [updateTrust(ctx, role, trust, `Let ${execRoleArn(ctx)} assume ${role.name} in B's trust policy.`)];
}

export function trustPolicyStalePrincipal(ctx: FixContext): Generated {
  const role = targetRole(ctx);
  if (!role) return "B's role is not in the setup";
  const trust = copyDocument(role.trustPolicy);
  let replaced = false;
  for (const s of trust.Statement) {
    const principals = awsPrincipals(s);
    if (!principals.some((p) => /^AROA[A-Z0-9]+$/.test(p))) continue;
    const fixed = [...new Set(principals.map((p) => (/^AROA[A-Z0-9]+$/.test(p) ? execRoleArn(ctx) : p)))];
    s.Principal = { ...(s.Principal as object), AWS: fixed.length === 1 ? fixed[0] : fixed };
    replaced = true;
  }
  if (!replaced) trust.Statement.push(trustStatementFor(ctx));
  return [
    updateTrust(
      ctx,
      role,
      trust,
      `Replace the stale AROA… principal in ${role.name}'s trust with ${execRoleArn(ctx)}.`,
    ),
  ];
}

export function trustPolicyExternalId(ctx: FixContext): Generated {
  const role = targetRole(ctx);
  if (!role) return "B's role is not in the setup";
  const exec = execRoleArn(ctx);
  for (const s of copyDocument(role.trustPolicy).Statement) {
    if (s.Effect !== "Allow" || !namesRole(s, exec)) continue;
    const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const [expected] = asList(condition.StringEquals?.["sts:ExternalId"]);
    if (expected)
      return [setChain({ externalId: expected }, `Send the ExternalId B's trust expects: ${expected}.`)];
  }
  return `B's trust of ${role.name} has no sts:ExternalId condition for ${exec}`;
}

export function sessionDurationExceeded(ctx: FixContext): Generated {
  const max = Math.min(3600, targetRole(ctx)?.maxSessionDuration ?? 3600);
  return [
    setChain({ durationSeconds: max }, `Ask for at most ${max} s (the cap on role chaining from Lambda).`),
  ];
}

/** B's role may GetClusterCredentials on the right dbuser and dbname ARNs (the statement holding the action, rewritten). */
export function clusterCredentialsPolicy(ctx: FixContext): Generated {
  const role = targetRole(ctx);
  if (!role) return "B's role is not in the setup";
  const { clusterId, dbUser, database } = ctx.chain;
  if (!clusterId || !dbUser) return "the chain has no clusterId and dbUser";
  const resources = [
    `arn:aws:redshift:${ctx.region}:${ctx.accountB}:dbuser:${clusterId}/${dbUser}`,
    `arn:aws:redshift:${ctx.region}:${ctx.accountB}:dbname:${clusterId}/${database}`,
  ];
  const summary = `Allow ${role.name} redshift:GetClusterCredentials on ${resources.join(" and ")}.`;
  for (const inline of role.inlinePolicies) {
    const doc = copyDocument(inline.document);
    const holding = doc.Statement.filter(
      (s) =>
        s.Effect === "Allow" &&
        asList(s.Action).some((a) => a.toLowerCase() === "redshift:getclustercredentials"),
    );
    if (!holding.length) continue;
    for (const s of holding) s.Resource = resources;
    return [putRolePolicy(ctx, role, inline.name, doc, summary)];
  }
  return [
    putRolePolicy(
      ctx,
      role,
      "get-cluster-credentials",
      policyOf({ Effect: "Allow", Action: "redshift:GetClusterCredentials", Resource: resources }),
      summary,
    ),
  ];
}

function chainSecret(ctx: FixContext) {
  const arn = ctx.chain.secretArn ?? "";
  const name = /:secret:(.+?)(?:-[A-Za-z0-9]{6})?$/.exec(arn)?.[1];
  return ctx.setup.secrets.find(
    (s) => s.account === accountOfArn(arn) && s.region === ctx.region && s.name === name,
  );
}

const NEGATED_PRINCIPAL = /^(StringNotEquals|StringNotLike|ArnNotEquals|ArnNotLike)$/;

/** Deny statements of a secret policy that refuse B's role: the role added to their exception list, else removed. */
function secretPolicyFix(
  doc: PolicyDocument,
  roleArn: string,
  secretArn: string,
): PolicyDocument | undefined {
  let changed = false;
  const kept: Record<string, unknown>[] = [];
  for (const s of doc.Statement) {
    if (s.Effect !== "Deny" || !statementCovers(s, "secretsmanager:GetSecretValue", secretArn)) {
      kept.push(s);
      continue;
    }
    changed = true;
    const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const op = Object.keys(condition).find(
      (o) => NEGATED_PRINCIPAL.test(o) && condition[o]["aws:PrincipalArn"] !== undefined,
    );
    if (!op) continue;
    condition[op]["aws:PrincipalArn"] = [...asList(condition[op]["aws:PrincipalArn"]), roleArn];
    kept.push(s);
  }
  return changed ? { ...doc, Statement: kept } : undefined;
}

export function secretUnreadable(ctx: FixContext): Generated {
  const role = targetRole(ctx);
  const secret = chainSecret(ctx);
  const secretArn = ctx.chain.secretArn;
  if (!role || !secret || !secretArn) return "B's role or the chain's secret is not in the setup";
  const roleArn = roleArnOf(role);
  if (secret.policy) {
    const fixed = secretPolicyFix(copyDocument(secret.policy), roleArn, secretArn);
    if (fixed)
      return [
        putSecretPolicy(
          ctx,
          secret,
          secretArn,
          fixed,
          `Exempt ${role.name} from the Deny in the secret's resource policy.`,
        ),
      ];
  }
  const key = secret.kmsKeyId
    ? ctx.setup.kmsKeys.find(
        (k) => secret.kmsKeyId?.endsWith(k.id) || k.aliases?.some((a) => secret.kmsKeyId?.endsWith(a)),
      )
    : undefined;
  if (key?.policy) {
    const doc = copyDocument(key.policy);
    const allows = doc.Statement.some(
      (s) =>
        s.Effect === "Allow" &&
        statementCovers(s, "kms:Decrypt", "*") &&
        namesRole(s, roleArn) &&
        !awsPrincipals(s).includes(`arn:aws:iam::${ctx.accountB}:root`),
    );
    if (!allows) {
      doc.Statement.push({
        Sid: "ChainRoleDecryptsSecret",
        Effect: "Allow",
        Principal: { AWS: roleArn },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${secret.region}.amazonaws.com` } },
      });
      return [
        putKeyPolicy(
          ctx,
          key,
          doc,
          `Let ${role.name} decrypt with the secret's KMS key through Secrets Manager.`,
        ),
      ];
    }
  }
  const resource = /-[A-Za-z0-9]{6}$/.test(secretArn) ? secretArn : `${secretArn}-??????`;
  return [
    putRolePolicy(
      ctx,
      role,
      "read-chain-secret",
      policyOf({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: resource }),
      `Allow ${role.name} secretsmanager:GetSecretValue on the chain's secret.`,
    ),
  ];
}

/** The secret gets the keys a Redshift login needs; the password is generated for the twin and a shell variable for real accounts. */
export function secretMalformed(ctx: FixContext): Generated {
  const secret = chainSecret(ctx);
  const cluster =
    ctx.setup.redshiftClusters.find((c) => c.id === secret?.secretJson?.dbClusterIdentifier) ??
    chainCluster(ctx);
  if (!secret || !ctx.chain.secretArn) return "the chain's secret is not in the setup";
  const json = (secret.secretJson ?? {}) as Record<string, unknown>;
  const username =
    typeof json.username === "string" ? json.username : (cluster?.dbUsers[0]?.name ?? "app_user");
  const password = `twin-${randomBytes(12).toString("hex")}`;
  const variable = "DB_PASSWORD";
  const layer: Record<string, unknown> = {
    secrets: [
      {
        account: secret.account,
        region: secret.region,
        name: secret.name,
        secretJson: { ...json, username, password },
      },
    ],
  };
  if (cluster)
    layer.redshiftClusters = [
      {
        account: cluster.account,
        region: cluster.region,
        id: cluster.id,
        dbUsers: [{ name: username, password }],
      },
    ];
  const template: Record<string, string> = { username, password: `$${variable}` };
  if (cluster) template.dbClusterIdentifier = cluster.id;
  return [
    {
      where: "B",
      accountId: secret.account,
      region: secret.region,
      profile: profileFor(ctx, secret.account),
      summary: `Store username and password (${username}'s database password) in the secret ${secret.name}.`,
      layer,
      operations: [
        {
          kind: "secrets-put-secret-value",
          secretId: ctx.chain.secretArn,
          secretTemplate: template,
          variables: {
            [variable]: `${username}'s database password (JSON-escaped: \\" for a quote, \\\\ for a backslash)`,
          },
        },
      ],
    },
  ];
}

/** The workgroup's GetCredentials, allowed on B's role by an inline policy (ARN by workgroup id: any id in B's region). */
export function serverlessCredentialsDenied(ctx: FixContext): Generated {
  const role = targetRole(ctx);
  if (!role || !ctx.chain.workgroupName) return "B's role or the chain's workgroup is not in the setup";
  return [
    putRolePolicy(
      ctx,
      role,
      "serverless-credentials",
      policyOf({
        Effect: "Allow",
        Action: "redshift-serverless:GetCredentials",
        Resource: `arn:aws:redshift-serverless:${ctx.region}:${ctx.accountB}:workgroup/*`,
      }),
      `Allow ${role.name} redshift-serverless:GetCredentials on the workgroup ${ctx.chain.workgroupName}.`,
    ),
  ];
}
