import {
  GetNamespaceCommand,
  GetWorkgroupCommand,
  ListNamespacesCommand,
  ListWorkgroupsCommand,
} from "@aws-sdk/client-redshift-serverless";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { chainRoleCredentials, failure, lambdaCredentials, serverlessClient } from "../../support/clients.ts";
import { startServerless, WORKGROUP_ARN } from "./serverless-setup.ts";

describe("workgroups and namespaces", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startServerless();
  });
  afterAll(() => emu.stop());
  const admin = () => serverlessClient(emu, emu.credentials("B:admin"));

  test("GetWorkgroup returns the workgroup with its ARN, namespace, capacity and endpoint", async () => {
    const { workgroup } = await admin().send(new GetWorkgroupCommand({ workgroupName: "chaincheck-wg" }));
    expect(workgroup?.workgroupArn).toMatch(WORKGROUP_ARN);
    expect(workgroup?.workgroupArn).toBe(
      `arn:aws:redshift-serverless:ap-northeast-1:222222222222:workgroup/${workgroup?.workgroupId}`,
    );
    expect(workgroup).toMatchObject({
      workgroupName: "chaincheck-wg",
      namespaceName: "chaincheck-ns",
      baseCapacity: 8,
      enhancedVpcRouting: false,
      status: "AVAILABLE",
      port: 5439,
      publiclyAccessible: false,
      endpoint: {
        address: "chaincheck-wg.222222222222.ap-northeast-1.redshift-serverless.amazonaws.com",
        port: 5439,
        vpcEndpoints: [],
      },
    });
    expect(workgroup?.creationDate).toBeInstanceOf(Date);
    expect(workgroup?.configParameters).toContainEqual({
      parameterKey: "search_path",
      parameterValue: "$user, public",
    });
  });

  test("GetWorkgroup returns the same id every time the setup loads", async () => {
    const other = await startServerless();
    try {
      const a = await admin().send(new GetWorkgroupCommand({ workgroupName: "chaincheck-wg" }));
      const b = await serverlessClient(other, other.credentials("B:admin")).send(
        new GetWorkgroupCommand({ workgroupName: "chaincheck-wg" }),
      );
      expect(b.workgroup?.workgroupId).toBe(a.workgroup?.workgroupId);
    } finally {
      await other.stop();
    }
  });

  test("GetWorkgroup answers ResourceNotFoundException with AWS's text for an unknown name", async () => {
    expect(await failure(admin().send(new GetWorkgroupCommand({ workgroupName: "chaincheck-wgx" })))).toEqual(
      {
        name: "ResourceNotFoundException",
        message: "Serverless workgroup chaincheck-wgx not found.",
        status: 400,
      },
    );
  });

  test("GetWorkgroup finds nothing in another region or from another account", async () => {
    const otherRegion = await failure(
      serverlessClient(emu, emu.credentials("B:admin"), "us-east-1").send(
        new GetWorkgroupCommand({ workgroupName: "chaincheck-wg" }),
      ),
    );
    expect(otherRegion.message).toBe("Serverless workgroup chaincheck-wg not found.");
    const fromA = await failure(
      serverlessClient(emu, emu.credentials("A:tester")).send(
        new GetWorkgroupCommand({ workgroupName: "chaincheck-wg" }),
      ),
    );
    expect(fromA.name).toBe("ResourceNotFoundException");
  });

  test("GetWorkgroup denies B's role, whose policies allow only GetCredentials", async () => {
    const creds = await chainRoleCredentials(emu);
    const { workgroup } = await admin().send(new GetWorkgroupCommand({ workgroupName: "chaincheck-wg" }));
    expect(
      await failure(
        serverlessClient(emu, creds).send(new GetWorkgroupCommand({ workgroupName: "chaincheck-wg" })),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: arn:aws:sts::222222222222:assumed-role/chaincheck-redshift-role/chaincheck is not authorized to perform: redshift-serverless:GetWorkgroup on resource: ${workgroup?.workgroupArn} because no identity-based policy allows the redshift-serverless:GetWorkgroup action`,
      status: 400,
    });
  });

  test("ListWorkgroups lists the account's workgroups in the region", async () => {
    const out = await admin().send(new ListWorkgroupsCommand({}));
    expect(out.workgroups?.map((w) => w.workgroupName)).toEqual(["chaincheck-wg", "untagged-wg"]);
  });

  test("ListWorkgroups denies a caller without the action, naming no resource other than *", async () => {
    expect(
      await failure(serverlessClient(emu, lambdaCredentials(emu)).send(new ListWorkgroupsCommand({}))),
    ).toEqual({
      name: "AccessDeniedException",
      message:
        "User: arn:aws:sts::111111111111:assumed-role/chaincheck-lambda-role/chaincheck-probe is not authorized to perform: redshift-serverless:ListWorkgroups on resource: * because no identity-based policy allows the redshift-serverless:ListWorkgroups action",
      status: 400,
    });
  });

  test("GetNamespace returns the admin user, database, roles and the AWS-owned key", async () => {
    const { namespace } = await admin().send(new GetNamespaceCommand({ namespaceName: "chaincheck-ns" }));
    expect(namespace?.namespaceArn).toBe(
      `arn:aws:redshift-serverless:ap-northeast-1:222222222222:namespace/${namespace?.namespaceId}`,
    );
    expect(namespace).toMatchObject({
      namespaceName: "chaincheck-ns",
      adminUsername: "admin",
      dbName: "dev",
      kmsKeyId: "AWS_OWNED_KMS_KEY",
      defaultIamRoleArn: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
      iamRoles: [
        "IamRole(applyStatus=in-sync, iamRoleArn=arn:aws:iam::222222222222:role/chaincheck-copy-role)",
      ],
      status: "AVAILABLE",
    });
  });

  test("GetNamespace answers ResourceNotFoundException for an unknown name", async () => {
    expect(await failure(admin().send(new GetNamespaceCommand({ namespaceName: "missing-ns" })))).toEqual({
      name: "ResourceNotFoundException",
      message: "Serverless namespace missing-ns not found.",
      status: 400,
    });
  });

  test("ListNamespaces lists both namespaces", async () => {
    const out = await admin().send(new ListNamespacesCommand({}));
    expect(out.namespaces?.map((n) => n.namespaceName)).toEqual(["chaincheck-ns", "other-ns"]);
  });
});
