import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";

function trustAccount(t: ParityRun, actions: string | string[] = "sts:AssumeRole"): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Action: actions, Principal: { AWS: t.account }, Effect: "Allow" }],
  });
}

async function createRole(t: ParityRun, snapshot: string, name: string, trust: string) {
  const out = await t.match(
    snapshot,
    t.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust })),
  );
  return out!.Role!;
}

const assumeRole = (t: ParityRun, input: ConstructorParameters<typeof AssumeRoleCommand>[0]) =>
  t.clients.sts.send(new AssumeRoleCommand(input));

export const stsCases: ParityCase[] = [
  {
    key: "TestSTSIntegrations::test_assume_role",
    async run(t) {
      const session = t.name("test-assume-role");
      t.keep("role-session-name", { RoleSessionName: session });
      const role = await createRole(t, "create-role", t.name("role"), trustAccount(t));
      await t.match("assume-role", assumeRole(t, { RoleArn: role.Arn, RoleSessionName: session }));
    },
  },
  {
    key: "TestSTSIntegrations::test_sts_invalid_parameters",
    async run(t) {
      const attempts: [string, string, string][] = [
        ["malformed-arn", "nothing-valid-in-here", "Session1"],
        ["no-partition", "arn::b:::something/test-role", "Session1"],
        ["no-service", "arn:a::::something/test-role", "Session1"],
        ["not-enough-colons", "arn:a:::something/test-role", "Session1"],
        ["no-resource", "arn:a:a::aaaaaaaaaa:", "Session1"],
        ["invalid-session-name", "arn:a:b:::something/test-role", "Session1:2"],
      ];
      for (const [snapshot, RoleArn, RoleSessionName] of attempts) {
        await t.match(snapshot, assumeRole(t, { RoleArn, RoleSessionName }));
      }
    },
  },
  {
    key: "TestSTSAssumeRoleTagging::test_iam_role_chaining_override_transitive_tags",
    async run(t) {
      const trust = trustAccount(t, ["sts:AssumeRole", "sts:TagSession"]);
      const role1 = await createRole(t, "role-1", t.name("role-1"), trust);
      const role2 = await createRole(t, "role-2", t.name("role-2"), trust);
      await t.call(
        t.clients.iam.send(
          new PutRolePolicyCommand({
            RoleName: role1.RoleName,
            PolicyName: t.name("policy"),
            PolicyDocument: JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                { Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Resource: [role2.Arn] },
              ],
            }),
          }),
        ),
      );
      const first = await t.call(
        assumeRole(t, {
          RoleArn: role1.Arn,
          RoleSessionName: "Session1",
          Tags: [{ Key: "SessionTag1", Value: "SessionValue1" }],
          TransitiveTagKeys: ["SessionTag1"],
        }),
      );
      const c = first.Credentials!;
      const asRole1 = new STSClient({
        endpoint: await t.clients.sts.config
          .endpoint?.()
          .then((e) => `${e.protocol}//${e.hostname}:${e.port}`),
        region: t.region,
        maxAttempts: 1,
        credentials: {
          accessKeyId: c.AccessKeyId!,
          secretAccessKey: c.SecretAccessKey!,
          sessionToken: c.SessionToken,
        },
      });
      for (const [snapshot, key] of [
        ["override-transitive-tag-error", "SessionTag1"],
        ["override-transitive-tag-case-ignore-error", "sessiontag1"],
      ] as const) {
        await t.match(
          snapshot,
          asRole1.send(
            new AssumeRoleCommand({
              RoleArn: role2.Arn,
              RoleSessionName: "Session2SessionTagOverride",
              Tags: [{ Key: key, Value: "SessionValue2" }],
            }),
          ),
        );
      }
    },
  },
  {
    key: "TestSTSAssumeRoleTagging::test_assume_role_tag_validation",
    async run(t) {
      const role = await createRole(
        t,
        "role-1",
        t.name("role-1"),
        trustAccount(t, ["sts:AssumeRole", "sts:TagSession"]),
      );
      await t.call(assumeRole(t, { RoleArn: role.Arn, RoleSessionName: "Session1" }));
      await t.match(
        "invalid-transitive-tag-keys",
        assumeRole(t, {
          RoleArn: role.Arn,
          RoleSessionName: "SessionInvalidTransitiveKeys",
          Tags: [{ Key: "SessionTag1", Value: "SessionValue1" }],
          TransitiveTagKeys: ["InvalidKey"],
        }),
      );
      await t.call(
        assumeRole(t, {
          RoleArn: role.Arn,
          RoleSessionName: "SessionInvalidCasingTransitiveKeys",
          Tags: [{ Key: "SessionTag1", Value: "SessionValue1" }],
          TransitiveTagKeys: ["sessiontag1"],
        }),
      );
      await t.match(
        "duplicate-tag-keys-different-casing",
        assumeRole(t, {
          RoleArn: role.Arn,
          RoleSessionName: "SessionInvalidCasingTransitiveKeys",
          Tags: [
            { Key: "SessionTag1", Value: "SessionValue1" },
            { Key: "sessiontag1", Value: "SessionValue2" },
          ],
          TransitiveTagKeys: ["sessiontag1"],
        }),
      );
    },
  },
];
