import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadSetup, type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { PROBE_DESCRIPTION } from "../../../helpers/probe/deploy.ts";
import { defaultSetupPath } from "../../../helpers/targets/open-target.ts";
import { provisionSetup, setupDirOf } from "../../../helpers/targets/provision-setup.ts";

const ADMIN = ["arn:aws:iam::aws:policy/AdministratorAccess"];

let empty: RunningEmulator;
let notes: string[];

beforeAll(async () => {
  empty = await startEmulator({
    setup: {
      accounts: [{ id: "111111111111" }, { id: "222222222222" }],
      users: [
        { account: "111111111111", name: "provisioner", attachedPolicies: ADMIN },
        { account: "222222222222", name: "provisioner", attachedPolicies: ADMIN },
      ],
    },
  });
  notes = await provisionSetup({
    setup: loadSetup(defaultSetupPath()),
    setupDir: setupDirOf(defaultSetupPath()),
    endpoint: empty.endpoint,
    credentialsFor: (account) => empty.credentials(`${account}:provisioner`),
    region: "ap-northeast-1",
  });
});
afterAll(() => empty?.stop());

function client<T>(Client: new (c: object) => T, account: string): T {
  return new Client({
    region: "ap-northeast-1",
    endpoint: empty.endpoint,
    credentials: empty.credentials(`${account}:provisioner`),
    forcePathStyle: true,
  });
}

describe("provisioning a setup into an empty target through the SDK", () => {
  test("creates the roles with their trust and inline policies", async () => {
    const iam = client(IAMClient, "222222222222");
    const role = await iam.send(new GetRoleCommand({ RoleName: "chaincheck-redshift-role" }));
    expect(
      JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? "{}")).Statement[0].Principal,
    ).toEqual({
      AWS: "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
    });
    const inline = await iam.send(
      new GetRolePolicyCommand({
        RoleName: "chaincheck-redshift-role",
        PolicyName: "get-cluster-credentials",
      }),
    );
    expect(inline.PolicyName).toBe("get-cluster-credentials");
  });

  test("creates the bucket with its objects and deploys the probe function", async () => {
    const object = await client(S3Client, "111111111111").send(
      new GetObjectCommand({ Bucket: "chaincheck-copy-source", Key: "input/sales.csv" }),
    );
    expect((await object.Body?.transformToString())?.split("\n")[0]).toBe("id,region,amount");
    const fn = await client(LambdaClient, "111111111111").send(
      new GetFunctionConfigurationCommand({ FunctionName: "chaincheck-probe" }),
    );
    expect([fn.Role, fn.Description]).toEqual([
      "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
      PROBE_DESCRIPTION,
    ]);
  });

  test("notes what the target could not take instead of failing", () => {
    expect(notes).toEqual([
      "not provisioned on this target: arn:aws:iam::aws:policy/AdministratorAccess on user tester (InternalFailure: chaincheck emulator: iam AttachUserPolicy is not implemented)",
      "not provisioned on this target: arn:aws:iam::aws:policy/AdministratorAccess on user admin (InternalFailure: chaincheck emulator: iam AttachUserPolicy is not implemented)",
      "not provisioned on this target: Redshift cluster chaincheck-cluster (InternalFailure: chaincheck emulator: redshift CreateCluster is not implemented)",
    ]);
  });
});
