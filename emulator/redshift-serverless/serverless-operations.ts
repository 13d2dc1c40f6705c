/**
 * The Redshift Serverless operations the chain needs: GetWorkgroup, ListWorkgroups, GetNamespace,
 * ListNamespaces, GetCredentials.
 * https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_GetCredentials.html
 *
 * GetCredentials: find the workgroup (unknown → ResourceNotFoundException, before IAM, because the
 * resource ARN holds the workgroup's id), authorize on its ARN, then answer `dbUser`, a fresh
 * `dbPassword`, `expiration` = now + durationSeconds (900 default, 900–3600) and `nextRefreshTime`.
 * The describe operations are authorized on the resource ARN (or `*` for the lists).
 *
 * Known gaps: customDomainName is never found (setups define none); list pagination returns
 * everything in one page; ValidationException texts are inferred [I].
 */
import { randomBytes } from "node:crypto";
import type { OperationContext, OperationDef } from "../core/types.ts";
import { dbUserFor } from "../redshift/index.ts";
import type { World } from "../world/world.ts";
import { serverlessCredentialsDenial } from "./serverless-credentials.ts";
import {
  namespaceNotFound,
  serverlessAccessDenied,
  serverlessValidation,
  workgroupNotFound,
} from "./serverless-errors.ts";
import { namespaceShape, workgroupShape } from "./serverless-shapes.ts";
import { findNamespace, findWorkgroup, namespacesIn, workgroupsIn } from "./serverless-store.ts";

const text = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

function requireName(ctx: OperationContext, member: string): string {
  const v = text(ctx.input[member]);
  if (!v)
    throw serverlessValidation(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  return v;
}

export function serverlessOperations(world: World): Record<string, OperationDef> {
  return {
    GetWorkgroup: {
      handler(ctx) {
        const name = requireName(ctx, "workgroupName");
        const wg = findWorkgroup(world, ctx.caller.account, ctx.region, name);
        if (!wg) throw workgroupNotFound(name);
        ctx.authorize({
          action: "redshift-serverless:GetWorkgroup",
          resource: wg.arn,
          resourceAccount: wg.account,
        });
        return { workgroup: workgroupShape(wg) };
      },
    },
    ListWorkgroups: {
      authorize: () => ({ action: "redshift-serverless:ListWorkgroups", resource: "*" }),
      handler: (ctx) => ({
        workgroups: workgroupsIn(world, ctx.caller.account, ctx.region).map(workgroupShape),
      }),
    },
    GetNamespace: {
      handler(ctx) {
        const name = requireName(ctx, "namespaceName");
        const ns = findNamespace(world, ctx.caller.account, ctx.region, name);
        if (!ns) throw namespaceNotFound(name);
        ctx.authorize({
          action: "redshift-serverless:GetNamespace",
          resource: ns.arn,
          resourceAccount: ns.account,
        });
        return { namespace: namespaceShape(ns) };
      },
    },
    ListNamespaces: {
      authorize: () => ({ action: "redshift-serverless:ListNamespaces", resource: "*" }),
      handler: (ctx) => ({
        namespaces: namespacesIn(world, ctx.caller.account, ctx.region).map(namespaceShape),
      }),
    },
    GetCredentials: { handler: (ctx) => getCredentials(world, ctx) },
  };
}

function getCredentials(world: World, ctx: OperationContext) {
  const name = text(ctx.input.workgroupName);
  const domain = text(ctx.input.customDomainName);
  if (!name && !domain)
    throw serverlessValidation("Either workgroupName or customDomainName must be specified.");
  const duration = ctx.input.durationSeconds ?? 900;
  if (typeof duration !== "number" || !Number.isInteger(duration) || duration < 900 || duration > 3600)
    throw serverlessValidation("The durationSeconds must be between 900 and 3600 seconds.");
  const wg = name ? findWorkgroup(world, ctx.caller.account, ctx.region, name) : undefined;
  if (!wg) throw workgroupNotFound(name ?? domain!);
  const denial = serverlessCredentialsDenial(ctx.check, ctx.caller, wg);
  if (denial) throw serverlessAccessDenied(denial);
  const expiration = new Date(ctx.now.getTime() + duration * 1000);
  return {
    dbUser: dbUserFor(ctx.caller),
    // A temporary password is opaque and long; it is only ever returned, never logged.
    dbPassword: randomBytes(96).toString("base64"),
    expiration: expiration.getTime() / 1000,
    nextRefreshTime: expiration.getTime() / 1000,
  };
}
