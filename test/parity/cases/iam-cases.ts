import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  type CreateRoleCommandInput,
  DeleteRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";

const trustService = (service: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...extra }],
  });

const createRole = (t: ParityRun, input: CreateRoleCommandInput) =>
  t.clients.iam.send(new CreateRoleCommand(input));
const getRole = (t: ParityRun, RoleName: string) => t.clients.iam.send(new GetRoleCommand({ RoleName }));
const listRoles = (t: ParityRun, PathPrefix: string) =>
  t.clients.iam.send(new ListRolesCommand({ PathPrefix }));

export const iamCases: ParityCase[] = [
  {
    key: "TestIAMIntegrations::test_update_assume_role_policy",
    async run(t) {
      const policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: ["sts:AssumeRole"] },
        ],
      });
      const RoleName = t.name("role");
      await t.match("created_role", createRole(t, { RoleName, AssumeRolePolicyDocument: policy }));
      await t.match(
        "updated_policy",
        t.clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: policy })),
      );
      await t.call(t.clients.iam.send(new DeleteRoleCommand({ RoleName })));
    },
  },
  {
    key: "TestIAMExtensions::test_create_role_with_malformed_assume_role_policy_document",
    async run(t) {
      const trailingComma = `{
          "Version": "2012-10-17",
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Principal": "*",
              "Effect": "Allow",
            }
          ]
        }`;
      await t.match(
        "invalid-json",
        createRole(t, { RoleName: t.name("role"), AssumeRolePolicyDocument: trailingComma }),
      );
    },
  },
  {
    key: "TestIAMIntegrations::test_create_describe_role",
    async run(t) {
      const Path = `/${t.name("p")}/`;
      const RoleName = t.name("role");
      await t.match(
        "create_role_result",
        createRole(t, { RoleName, Path, AssumeRolePolicyDocument: trustService("ec2.amazonaws.com") }),
      );
      await t.match("get_role_result", getRole(t, RoleName));
      await t.match("list_roles_result", listRoles(t, Path));
    },
  },
  {
    key: "TestIAMIntegrations::test_role_attach_policy",
    async run(t) {
      const RoleName = t.name("test-role");
      const PolicyName = t.name("test-policy");
      await t.call(createRole(t, { RoleName, AssumeRolePolicyDocument: trustService("ec2.amazonaws.com") }));
      const created = await t.match(
        "create_policy_response",
        t.clients.iam.send(
          new CreatePolicyCommand({
            PolicyName,
            PolicyDocument: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: ["lambda:ListFunctions"], Resource: ["*"] }],
            }),
          }),
        ),
      );
      const arn = created!.Policy!.Arn!;
      const attach = (PolicyArn: string) =>
        t.clients.iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn }));
      await t.match("non_existent_malformed_policy_arn", attach("longpolicynamebutnoarn"));
      await t.match("existing_policy_name_provided", attach(PolicyName));
      await t.match("valid_arn_not_existent", attach(`${arn}123`));
      await t.match("valid_policy_arn", attach(arn));
    },
  },
  {
    key: "TestIAMExtensions::test_role_with_path_lifecycle",
    async run(t) {
      const RoleName = t.name("role");
      const Path = `/${t.name("path")}/`;
      await t.match(
        "create-role-response",
        createRole(t, { RoleName, Path, AssumeRolePolicyDocument: trustService("lambda.amazonaws.com") }),
      );
      await t.match("get-role-response", getRole(t, RoleName));
      await t.match("delete-role-response", t.clients.iam.send(new DeleteRoleCommand({ RoleName })));
    },
  },
  {
    key: "TestIAMPolicyEncoding::test_put_role_policy_encoding",
    async run(t) {
      const target = encodeURIComponent(`arn:aws:apigateway:${t.region}::/restapis/aaeeieije`);
      const RoleName = t.name("test-role");
      const PolicyName = t.name("test-policy");
      const Path = `/${t.name("p")}/`;
      await t.match(
        "create-role-response",
        createRole(t, {
          RoleName,
          Path,
          AssumeRolePolicyDocument: trustService("lambda.amazonaws.com", {
            Condition: { StringEquals: { "aws:SourceArn": target } },
          }),
        }),
      );
      await t.call(
        t.clients.iam.send(
          new PutRolePolicyCommand({
            RoleName,
            PolicyName,
            PolicyDocument: JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Action: ["apigatway:PUT"],
                  Resource: [`arn:aws:apigateway:${t.region}::/tags/${target}`],
                },
              ],
            }),
          }),
        ),
      );
      await t.match(
        "get-policy-response",
        t.clients.iam.send(new GetRolePolicyCommand({ RoleName, PolicyName })),
      );
      await t.match("get-role-response", getRole(t, RoleName));
      await t.match("list-roles-response", listRoles(t, Path));
    },
  },
  {
    key: "TestRoles::test_role_with_tags",
    async run(t) {
      const RoleName = t.name("role");
      const Path = "/role-with-tags/";
      await t.match(
        "create-role-response",
        createRole(t, {
          RoleName,
          Path,
          AssumeRolePolicyDocument: trustService("ec2.amazonaws.com"),
          Tags: [{ Key: "test", Value: "value" }],
        }),
      );
      await t.match("get-role-response", getRole(t, RoleName));
      await t.match("list-role-response", listRoles(t, Path));
    },
  },
];
