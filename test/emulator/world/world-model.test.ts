import { describe, expect, test } from "vitest";
import { IdGenerator } from "../../../emulator/world/ids.ts";
import { loadWorld } from "../../../emulator/world/load-world.ts";
import { SEED } from "../../support/constants.ts";

describe("world model", () => {
  test("generates 21-character unique ids that repeat for the same seed", () => {
    const a = new IdGenerator("s");
    const b = new IdGenerator("s");
    const ids = [a.uniqueId("AROA"), a.uniqueId("AIDA"), a.uniqueId("ANPA")];
    expect(ids.map((id) => id.length)).toEqual([21, 21, 21]);
    expect(ids[0]).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect([b.uniqueId("AROA"), b.uniqueId("AIDA"), b.uniqueId("ANPA")]).toEqual(ids);
    expect(a.accessKeyId(true)).toMatch(/^ASIA[A-Z2-7]{16}$/);
  });

  test("loads the same role ids on every load of the seed", () => {
    const first = loadWorld(SEED).iam.getRole("222222222222", "chaincheck-redshift-role")!.roleId;
    const second = loadWorld(SEED).iam.getRole("222222222222", "chaincheck-redshift-role")!.roleId;
    expect(first).toBe(second);
  });

  test("stores trust principals as unique ids and shows them as ARNs while the principal exists", () => {
    const world = loadWorld(SEED);
    const lambdaRole = world.iam.getRole("111111111111", "chaincheck-lambda-role")!;
    const role = world.iam.getRole("222222222222", "chaincheck-redshift-role")!;
    const stored = role.trustPolicy.Statement as { Principal: { AWS: string } }[];
    expect(stored[0]?.Principal.AWS).toBe(lambdaRole.roleId);
    const shown = world.iam.renderedTrustPolicy(role).Statement as { Principal: { AWS: string } }[];
    expect(shown[0]?.Principal.AWS).toBe(lambdaRole.arn);
  });

  test("mints the Lambda execution session named after the function", () => {
    const world = loadWorld(SEED);
    const record = world.lambdaExecutionSession("chaincheck-probe");
    expect(record.caller).toMatchObject({
      arn: "arn:aws:sts::111111111111:assumed-role/chaincheck-lambda-role/chaincheck-probe",
      kind: "assumed-role",
      temporary: true,
    });
    expect(world.findCredential(record.accessKeyId)).toBe(record);
  });

  test("refuses a service whose principal the role's trust does not name", () => {
    const world = loadWorld(SEED);
    expect(() =>
      world.assumeRoleAsService({
        roleArn: "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
        service: "redshift.amazonaws.com",
        sessionName: "RedshiftIamRoleSession",
      }),
    ).toThrow(
      "redshift.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/chaincheck-lambda-role",
    );
  });

  test("lets Redshift assume the seed's COPY role", () => {
    const world = loadWorld(SEED);
    const record = world.assumeRoleAsService({
      roleArn: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
      service: "redshift.amazonaws.com",
      sessionName: "RedshiftIamRoleSession",
    });
    expect(record.caller.arn).toBe(
      "arn:aws:sts::222222222222:assumed-role/chaincheck-copy-role/RedshiftIamRoleSession",
    );
  });

  test("allows the seed's redshift role GetClusterCredentials only on the correct dbuser ARN", () => {
    const world = loadWorld(SEED);
    const caller = world.issueRoleSession({
      role: world.iam.getRole("222222222222", "chaincheck-redshift-role")!,
      sessionName: "chaincheck",
      durationSeconds: 900,
    }).caller;
    const check = (resource: string) =>
      world.authorize(caller, { action: "redshift:GetClusterCredentials", resource }).decision;
    expect(check("arn:aws:redshift:ap-northeast-1:222222222222:dbuser:chaincheck-cluster/app_user")).toBe(
      "Allow",
    );
    expect(check("arn:aws:redshift:ap-northeast-1:222222222222:dbuser:app_user/dev")).toBe("ImplicitDeny");
  });

  test("refuses a long-term key once its user's key is made inactive", () => {
    const world = loadWorld(SEED);
    const user = world.iam.getUser("111111111111", "tester")!;
    const key = user.accessKeys[0]!;
    expect(world.findCredential(key.accessKeyId)?.caller.arn).toBe("arn:aws:iam::111111111111:user/tester");
    key.status = "Inactive";
    expect(world.findCredential(key.accessKeyId)).toBeUndefined();
  });
});
