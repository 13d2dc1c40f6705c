/** Causes of link 1, `lambda-role` (docs/failures.md LINK 1). */
import type { CauseDefinition } from "./cause-definition.ts";
import { accountOf, inlineJson, nameOf, policyJson, rendered } from "./fix-values.ts";

export const LAMBDA_ROLE_CAUSES = [
  {
    id: "lambda-function-not-found",
    link: "lambda-role",
    side: "A",
    title: "The Lambda function does not exist in A in this region",
    summary:
      "Lambda answered ResourceNotFoundException for the configured function: the name, the region or the account (the credentials used) is wrong, so nothing downstream can run.",
    tellApart:
      "ResourceNotFoundException (404) from GetFunctionConfiguration/Invoke. An AccessDeniedException on the same call is the caller's own permission, not a missing function.",
    catalog: [],
    fix: (v) => {
      const r = rendered(v);
      return [
        `Find the function in A (${r.A}) and region ${r.region}:`,
        `  aws lambda get-function-configuration --function-name ${r.fn} --region ${r.region}`,
        `then set CHAINCHECK_FUNCTION_NAME / AWS_REGION (or the setup's chain.functionName / chain.region) to its real name and region.`,
      ].join("\n");
    },
  },
  {
    id: "lambda-role-mismatch",
    link: "lambda-role",
    side: "A",
    title: "The function runs as another execution role than the configured one",
    summary:
      "GetFunctionConfiguration shows an execution role different from the one configured, so the policies you granted (or B's trust naming that role) do not apply to what the function really runs as.",
    tellApart:
      "The function's Role field differs from CHAINCHECK_LAMBDA_ROLE_ARN; AssumeRole denials that follow name the real role in `assumed-role/<role>/<function>`.",
    catalog: [],
    fix: (v) => {
      const r = rendered(v);
      const intended = v.configuredLambdaRoleArn ?? `arn:aws:iam::${r.A}:role/<IntendedExecRole>`;
      return [
        `Either point the function at the intended role (in A):`,
        `  aws lambda update-function-configuration --function-name ${r.fn} --role ${intended} --region ${r.region}`,
        `or set CHAINCHECK_LAMBDA_ROLE_ARN (the setup's chain.lambdaRoleArn) to the role the function really uses, ${r.execRoleArn} — and make B's trust name that role.`,
      ].join("\n");
    },
  },
  {
    id: "lambda-trust-missing",
    link: "lambda-role",
    side: "A",
    title: "The execution role does not trust lambda.amazonaws.com",
    summary:
      "The execution role's trust policy does not let the Lambda service assume it, so Lambda cannot run the function as that role (deploy time: `The role defined for the function cannot be assumed by Lambda.`). A role created seconds ago gives the same text until IAM propagates.",
    tellApart:
      "InvalidParameterValueException from CreateFunction/UpdateFunctionConfiguration; reading the role's trust (iam:GetRole in A) shows no lambda.amazonaws.com principal. If the principal is there, the role is new: retry after a few seconds.",
    catalog: ["L1-01"],
    fix: (v) => {
      const r = rendered(v);
      const statement = {
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
      };
      return [
        `Add this statement to the trust policy of ${r.execRoleArn} (keep its other statements):`,
        policyJson(statement),
        `  aws iam update-assume-role-policy --role-name ${r.execRoleName} --policy-document file://trust.json   # in A (${r.A}); the file holds the whole trust policy`,
      ].join("\n");
    },
  },
  {
    id: "caller-policy-missing-assume-role",
    link: "lambda-role",
    side: "A",
    title: "A's execution role may not call sts:AssumeRole on B's role",
    summary:
      "Cross-account AssumeRole needs an Allow on both sides: the caller's identity policy in A and the role's trust policy in B. Here A's side is missing: no identity policy of the execution role allows sts:AssumeRole on B's role ARN.",
    tellApart:
      "The AccessDenied text is the same as for B's trust unless it ends `because no identity-based policy allows the sts:AssumeRole action`. iam:SimulatePrincipalPolicy on the execution role in A settles it (B's trust is invisible to the simulator).",
    catalog: ["L1-02"],
    fix: (v) => {
      const r = rendered(v);
      const statement = { Effect: "Allow", Action: "sts:AssumeRole", Resource: r.bRoleArn };
      return [
        `Allow the execution role ${r.execRoleArn} to assume B's role (in A, ${r.A}):`,
        policyJson(statement),
        `  aws iam put-role-policy --role-name ${r.execRoleName} --policy-name assume-${r.bRoleName} --policy-document ${inlineJson({ Version: "2012-10-17", Statement: [statement] })}`,
      ].join("\n");
    },
  },
  {
    id: "explicit-deny",
    link: "lambda-role",
    side: null,
    title: "An explicit Deny (permissions boundary, identity or session policy) blocks a call",
    summary:
      "A Deny statement matches the call; no Allow anywhere can override it. AWS names the policy type in the message (`with an explicit deny in a permissions boundary` / `in an identity-based policy`), sometimes with the policy ARN. An SCP's Deny is `scp-denied`.",
    tellApart:
      "Only this cause carries `with an explicit deny in …`; an implicit deny says `because no … policy allows` or nothing. The side is the account whose policy denies: the caller's account for SCPs, boundaries and identity policies.",
    catalog: ["L1-04"],
    fix: (v) => {
      const where = v.deniedBy ?? "the policy the error names";
      const what = `${v.action ?? "<action>"} on ${v.resourceArn ?? "<resource>"}`;
      const lines = [`Remove or narrow the Deny statement in ${where} so it no longer matches ${what}.`];
      if (/service_control_policy|scp/i.test(where))
        lines.push(
          `SCPs live in the organization's management account: aws organizations describe-policy --policy-id ${/p-[0-9a-z]+/.exec(where)?.[0] ?? "<policy id>"}`,
        );
      else if (/boundary/i.test(where))
        lines.push(
          `Boundary of ${v.callerArn ?? "the caller's role"}: aws iam get-role --role-name ${nameOf(v.callerArn) ?? "<role>"} --query Role.PermissionsBoundary`,
        );
      return lines.join("\n");
    },
  },
  {
    id: "boundary-missing-allow",
    link: "lambda-role",
    side: null,
    title: "A permissions boundary does not allow the call (no Deny): add the action to the boundary",
    summary:
      "The role's permissions boundary has no Allow for this action. A boundary is a ceiling: a call must be allowed by the role's own policies and by its boundary, so a boundary that merely lacks the Allow refuses it implicitly. No Deny statement is involved: add the action to the boundary rather than look for a Deny to remove.",
    tellApart:
      "iam:SimulatePrincipalPolicy gives implicitDeny with PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary false (explicitDeny would be a Deny statement: explicit-deny); AWS's text ends `because no permissions boundary allows the <action> action`, where a Deny says `with an explicit deny in a permissions boundary`.",
    catalog: [],
    fix: (v) => {
      const r = rendered(v);
      const action = v.action ?? "sts:AssumeRole";
      const resource = v.resourceArn ?? r.bRoleArn;
      const roleArn = v.boundaryRoleArn ?? (action === "sts:AssumeRole" ? r.execRoleArn : r.bRoleArn);
      const roleName = nameOf(roleArn) ?? "<role>";
      const account = accountOf(roleArn) ?? (action === "sts:AssumeRole" ? r.A : r.B);
      const statement = { Effect: "Allow", Action: action, Resource: resource };
      const boundary = v.boundaryArn;
      if (boundary && /^arn:aws[\w-]*:iam::aws:policy\//.test(boundary)) {
        const own = `arn:aws:iam::${account}:policy/${roleName}-boundary`;
        return [
          `Add ${action} on ${resource} to the permissions boundary of ${roleArn}. Its boundary is the AWS managed policy ${boundary}, which cannot be edited: make a customer managed policy (in ${account}) with that policy's statements plus this one, and make it the boundary:`,
          policyJson(statement),
          `  aws iam create-policy --policy-name ${roleName}-boundary --policy-document file://boundary.json   # the file holds every statement of the new boundary`,
          `  aws iam put-role-permissions-boundary --role-name ${roleName} --permissions-boundary ${own}`,
        ].join("\n");
      }
      return [
        `Add ${action} on ${resource} to the permissions boundary of ${roleArn}${boundary ? `, ${boundary}` : ""} (keep its other statements):`,
        policyJson(statement),
        boundary
          ? `  aws iam create-policy-version --policy-arn ${boundary} --policy-document file://boundary.json --set-as-default   # in ${account}; the file holds the whole boundary policy`
          : `  aws iam get-role --role-name ${roleName} --query Role.PermissionsBoundary.PermissionsBoundaryArn   # in ${account}: the boundary policy to add it to`,
      ].join("\n");
    },
  },
  {
    id: "lambda-no-network-route",
    link: "lambda-role",
    side: "A",
    title: "The VPC-attached Lambda has no route to STS / Redshift Data / Secrets Manager",
    summary:
      "No AWS error at all: the SDK call hangs until `Task timed out after N seconds`. A Lambda in a VPC needs a NAT gateway or interface endpoints for every service it calls; an endpoint policy can also answer AccessDenied.",
    tellApart:
      "A timeout with no AWS error code. A slow COPY also times out the function, but then ListStatements shows the statement.",
    catalog: ["L1-05"],
    fix: (v) => {
      const r = rendered(v);
      return [
        `Give the function's subnets a NAT gateway, or interface endpoints (in A, region ${r.region}) for:`,
        ...["sts", "redshift-data", "redshift", "redshift-serverless", "secretsmanager"].map(
          (s) => `  com.amazonaws.${r.region}.${s}`,
        ),
        "and set SDK connection/socket timeouts below the function timeout so a missing route shows as an error.",
      ].join("\n");
    },
  },
] as const satisfies readonly CauseDefinition[];
