import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { loadSetup } from "../../../emulator/index.ts";
import { putRolePolicy, runSql } from "../../../helpers/fix/change-builders.ts";
import type { FixChange } from "../../../helpers/fix/fix-types.ts";
import { cliCommands, cloudFormationYaml } from "../../../helpers/fix/render-fix.ts";
import { fixContext } from "../../../helpers/fix/setup-facts.ts";
import { SEED } from "../../support/constants.ts";
import { parseAwsCommand, shellWords } from "./aws-cli-commands.ts";

const ctx = fixContext(loadSetup(SEED));
const role = ctx.setup.roles[0];
const document = {
  Version: "2012-10-17",
  Statement: [{ Sid: "ItsTheChain'sRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
};

describe("the fix's AWS CLI commands and CloudFormation", () => {
  test("a policy document with a quote in it survives the shell and the CLI's parsing unchanged", () => {
    const [line] = cliCommands(putRolePolicy(ctx, role, "p", document, "s"));
    const parsed = parseAwsCommand(line);
    expect(parsed).toMatchObject({
      operation: "iam put-role-policy",
      profile: "chaincheck-a",
      input: { RoleName: role.name, PolicyName: "p" },
    });
    expect(JSON.parse(parsed.input.PolicyDocument as string)).toEqual(document);
  });

  test("SQL with quoted ARNs goes to the Data API as written, with the cluster's region and B's profile", () => {
    const cluster = ctx.setup.redshiftClusters[0];
    const sql =
      "GRANT ASSUMEROLE ON 'arn:aws:iam::222222222222:role/chaincheck-copy-role' TO app_user FOR COPY;";
    const [line] = cliCommands(runSql(ctx, cluster, "dev", {}, sql, "s"));
    expect(parseAwsCommand(line)).toEqual({
      operation: "redshift-data execute-statement",
      profile: "chaincheck-b",
      region: "ap-northeast-1",
      input: { ClusterIdentifier: cluster.id, Database: "dev", DbUser: cluster.masterUsername, Sql: sql },
    });
  });

  test("a secret's password is a shell variable in the command, never a value", () => {
    const change: FixChange = {
      where: "B",
      accountId: ctx.accountB,
      profile: "chaincheck-b",
      region: ctx.region,
      summary: "s",
      layer: {},
      operations: [
        {
          kind: "secrets-put-secret-value",
          secretId: "arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:x-AbCdEf",
          secretTemplate: { username: "app_user", password: "$DB_PASSWORD" },
          variables: { DB_PASSWORD: "app_user's database password" },
        },
      ],
    };
    const [line] = cliCommands(change);
    expect(line).toContain('"{\\"username\\":\\"app_user\\",\\"password\\":\\"$DB_PASSWORD\\"}"');
    const parsed = parseAwsCommand(line, { DB_PASSWORD: "p'w$x" });
    expect(JSON.parse(parsed.input.SecretString as string)).toEqual({
      username: "app_user",
      password: "p'w$x",
    });
  });

  test("the CLI parser refuses an option the operation's input does not have and a missing required one", () => {
    expect(() =>
      parseAwsCommand("aws iam put-role-policy --role-name r --policy-name p --policy-doc x"),
    ).toThrow("iam put-role-policy: unknown option --policy-doc");
    expect(() => parseAwsCommand("aws iam put-role-policy --role-name r --policy-name p")).toThrow(
      "iam put-role-policy: missing --policy-document",
    );
    expect(shellWords(`a 'b c'"d"e\\ f`)).toEqual(["a", "b cde f"]);
  });

  test("the CloudFormation snippet keeps the policy version a string for YAML 1.1 readers", () => {
    const text = cloudFormationYaml([putRolePolicy(ctx, role, "p", document, "s")], "account A");
    expect(text).toContain('Version: "2012-10-17"');
    expect(parse(text).Resources.ChaincheckLambdaRoleP).toEqual({
      Type: "AWS::IAM::RolePolicy",
      Properties: { RoleName: role.name, PolicyName: "p", PolicyDocument: document },
    });
  });
});
