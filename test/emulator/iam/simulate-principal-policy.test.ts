import { SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { describe, expect } from "vitest";
import { failure, iamClient } from "../../support/clients.ts";
import { A, LAMBDA_ROLE_ARN, REDSHIFT_ROLE_ARN } from "../../support/constants.ts";
import { B_ROLE_TRUSTS_A_TESTER_ONLY, test } from "../../support/emulator-fixture.ts";
import { LAMBDA_ROLE_CANNOT_ASSUME, policyDocument } from "../../support/policy-layers.ts";

const simulate = (source = LAMBDA_ROLE_ARN) =>
  new SimulatePrincipalPolicyCommand({
    PolicySourceArn: source,
    ActionNames: ["sts:AssumeRole"],
    ResourceArns: [REDSHIFT_ROLE_ARN],
  });

describe("SimulatePrincipalPolicy", () => {
  test("allows A's side of AssumeRole even when B's trust names another role", async ({ start }) => {
    const e = await start(B_ROLE_TRUSTS_A_TESTER_ONLY);
    const result = await iamClient(e, e.credentials("A:tester")).send(simulate());
    expect(result.EvaluationResults?.[0]).toMatchObject({
      EvalActionName: "sts:AssumeRole",
      EvalResourceName: REDSHIFT_ROLE_ARN,
      EvalDecision: "allowed",
    });
  });

  test("reports implicitDeny when the Lambda role lacks sts:AssumeRole", async ({ start }) => {
    const e = await start(LAMBDA_ROLE_CANNOT_ASSUME);
    const result = await iamClient(e, e.credentials("A:tester")).send(simulate());
    expect(result.EvaluationResults?.[0]?.EvalDecision).toBe("implicitDeny");
  });

  test("reports explicitDeny and the organizations detail when an SCP denies", async ({ start }) => {
    const e = await start({
      organizations: [
        {
          id: "o-chaincheck01",
          managementAccount: "999999999999",
          accounts: [A],
          scps: [
            {
              id: "p-denyassume1",
              name: "DenyAssumeRole",
              targets: [A],
              document: policyDocument({ Effect: "Deny", Action: "sts:*", Resource: "*" }),
            },
          ],
        },
      ],
    });
    const result = await iamClient(e, e.credentials("A:tester")).send(simulate());
    expect(result.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: "explicitDeny",
      OrganizationsDecisionDetail: { AllowedByOrganizations: false },
    });
  });

  test("rejects an assumed-role session ARN as the policy source", async ({ start }) => {
    const e = await start();
    const session = `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-probe`;
    expect(await failure(iamClient(e, e.credentials("A:tester")).send(simulate(session)))).toEqual({
      name: "InvalidInputException",
      message: `Invalid Entity Arn: ${session} does not clearly define entity type and name.`,
      status: 400,
    });
  });
});
