import type { ServiceDefinition } from "../../../emulator/core/types.ts";
import { accessDeniedAs } from "./test-world.ts";

export const stsTestService: ServiceDefinition = {
  signingName: "sts",
  protocol: "awsQuery",
  xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
  apiVersion: "2011-06-15",
  accessDenied: accessDeniedAs("AccessDenied"),
  operations: {
    GetCallerIdentity: {
      authorize: () => ({ action: "sts:GetCallerIdentity", resource: "*" }),
      handler: (ctx) => ({ UserId: ctx.caller.userId, Account: ctx.caller.account, Arn: ctx.caller.arn }),
    },
    AssumeRole: {
      authorize: (ctx) => ({ action: "sts:AssumeRole", resource: String(ctx.input.RoleArn) }),
      handler: (ctx) => {
        const input = ctx.input as {
          RoleArn: string;
          RoleSessionName: string;
          Tags?: { Key: string; Value: string }[];
          PolicyArns?: { arn: string }[];
        };
        return {
          Credentials: {
            AccessKeyId: "ASIANEWEXAMPLE000001",
            SecretAccessKey: "new/secret",
            SessionToken: `token-for-${input.RoleSessionName}&<"'>`,
            Expiration: new Date("2026-11-27T12:00:00Z"),
          },
          AssumedRoleUser: {
            AssumedRoleId: `AROAEXAMPLE:${input.RoleSessionName}`,
            Arn: `${input.RoleArn.replace(":iam:", ":sts:").replace(":role/", ":assumed-role/")}/${input.RoleSessionName}`,
          },
          PackedPolicySize: (input.Tags?.length ?? 0) + (input.PolicyArns?.length ?? 0),
          SourceIdentity: input.Tags?.map((t) => `${t.Key}=${t.Value}`).join(",") ?? "",
        };
      },
    },
  },
};
