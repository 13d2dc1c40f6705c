import { describe, expect, test } from "vitest";
import {
  authorizeServerlessCredentials,
  findWorkgroup,
  ServerlessCredentialsError,
} from "../../../emulator/redshift-serverless/index.ts";
import { B, REDSHIFT_ROLE_ARN, REGION } from "../../support/constants.ts";
import { callerFor } from "../secrets-manager/secrets-setup.ts";
import { serverlessWorld, WORKGROUP_ARN } from "./serverless-setup.ts";

describe("findWorkgroup", () => {
  test("returns the workgroup with its namespace's databases, admin user, DB users and grants", () => {
    const wg = findWorkgroup(serverlessWorld(), B, REGION, "chaincheck-wg");
    expect(wg?.arn).toMatch(WORKGROUP_ARN);
    expect(wg?.namespace.name).toBe("chaincheck-ns");
    expect(wg?.namespace.spec.adminUsername).toBe("admin");
    expect(wg?.namespace.spec.dbName).toBe("dev");
    expect(wg?.namespace.spec.databases.map((d) => d.name)).toEqual(["dev"]);
    expect(wg?.namespace.spec.dbUsers.map((u) => u.name)).toEqual(["app_user"]);
    expect(wg?.namespace.spec.grants).toEqual([
      {
        database: "dev",
        to: "PUBLIC",
        privileges: ["SELECT"],
        on: "table public.sales",
      },
    ]);
  });

  test("returns undefined for another account, another region or an unknown name", () => {
    const world = serverlessWorld();
    expect(findWorkgroup(world, "111111111111", REGION, "chaincheck-wg")).toBeUndefined();
    expect(findWorkgroup(world, B, "us-east-1", "chaincheck-wg")).toBeUndefined();
    expect(findWorkgroup(world, B, REGION, "chaincheck")).toBeUndefined();
  });
});

describe("authorizeServerlessCredentials (the Data API's WorkgroupName mode)", () => {
  test("maps B's role session to its IAMR database user on a tagged workgroup", () => {
    const world = serverlessWorld();
    const wg = findWorkgroup(world, B, REGION, "chaincheck-wg")!;
    expect(authorizeServerlessCredentials(world, callerFor(world, REDSHIFT_ROLE_ARN), wg, "dev")).toEqual({
      dbUser: "IAMR:chaincheck-redshift-role",
    });
  });

  test("throws ValidationException carrying IAM's denial for an untagged workgroup", () => {
    const world = serverlessWorld();
    const wg = findWorkgroup(world, B, REGION, "untagged-wg")!;
    let thrown: unknown;
    try {
      authorizeServerlessCredentials(world, callerFor(world, REDSHIFT_ROLE_ARN), wg, "dev");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ServerlessCredentialsError);
    expect(thrown).toMatchObject({
      code: "ValidationException",
      status: 400,
      message: `User: arn:aws:sts::${B}:assumed-role/chaincheck-redshift-role/chaincheck is not authorized to perform: redshift-serverless:GetCredentials on resource: ${wg.arn} because no identity-based policy allows the redshift-serverless:GetCredentials action`,
      action: "redshift-serverless:GetCredentials",
      resource: wg.arn,
    });
  });

  test("records the implicit decision under the request id it is given", () => {
    const world = serverlessWorld();
    const wg = findWorkgroup(world, B, REGION, "chaincheck-wg")!;
    authorizeServerlessCredentials(world, callerFor(world, REDSHIFT_ROLE_ARN), wg, "dev", {
      requestId: "req-9",
    });
    const entries = world.listDecisions().filter((d) => d.requestId === "req-9");
    expect(entries.map((d) => [d.action, d.resource, d.result.decision])).toEqual([
      ["redshift-serverless:GetCredentials", wg.arn, "Allow"],
    ]);
  });
});
