/**
 * IAM users: CreateUser, CreateAccessKey (authorized on the user ARN). The secret is returned once,
 * in the CreateAccessKey response, as IAM does.
 * Quota: 2 access keys per user.
 *
 * Known gaps: no GetUser/DeleteUser/ListUsers, user policies or groups through the API (setups can
 * still give users policies).
 */
import type { OperationDef } from "../core/types.ts";
import { userArnOf } from "../world/iam-entities.ts";
import type { World } from "../world/world.ts";
import { limitExceeded, noSuchUser, userExists } from "./iam-errors.ts";
import { check, str, tagsParam } from "./iam-input.ts";
import { userShape } from "./iam-shapes.ts";
import { throwIfInvalid, type Violation } from "./validation-error.ts";

const KEYS_PER_USER = 2;

export function userOperations(world: World): Record<string, OperationDef> {
  return {
    CreateUser: {
      authorize: (ctx) => ({
        action: "iam:CreateUser",
        resource: userArnOf(ctx.caller.account, str(ctx.input.Path) ?? "/", str(ctx.input.UserName) ?? ""),
      }),
      handler: (ctx) => {
        const v: Violation[] = [];
        const name = str(ctx.input.UserName);
        check(v, "userName", name);
        check(v, "path", str(ctx.input.Path));
        throwIfInvalid(v);
        if (world.iam.getUser(ctx.caller.account, name!)) throw userExists(name!);
        const boundary = str(ctx.input.PermissionsBoundary);
        const user = world.createUser({
          account: ctx.caller.account,
          name: name!,
          path: str(ctx.input.Path),
          permissionsBoundaryArn: boundary,
          tags: tagsParam(ctx.input.Tags),
        });
        return { User: userShape(user) };
      },
    },
    CreateAccessKey: {
      authorize: (ctx) => {
        const name = str(ctx.input.UserName) ?? ctx.caller.username ?? "";
        const user = world.iam.getUser(ctx.caller.account, name);
        return {
          action: "iam:CreateAccessKey",
          resource: user?.arn ?? userArnOf(ctx.caller.account, "/", name),
        };
      },
      handler: (ctx) => {
        const name = str(ctx.input.UserName) ?? ctx.caller.username ?? "";
        const user = world.iam.getUser(ctx.caller.account, name);
        if (!user) throw noSuchUser(name);
        if (user.accessKeys.length >= KEYS_PER_USER) {
          throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`);
        }
        const key = world.createAccessKey(user);
        return {
          AccessKey: {
            UserName: user.name,
            AccessKeyId: key.accessKeyId,
            Status: key.status,
            SecretAccessKey: key.secretAccessKey,
            CreateDate: key.createDate,
          },
        };
      },
    },
  };
}
