import { GetCredentialsCommand, GetWorkgroupCommand } from "@aws-sdk/client-redshift-serverless";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator, StaticCredentials } from "../../../emulator/index.ts";
import { chainRoleCredentials, failure, serverlessClient } from "../../support/clients.ts";
import { startServerless } from "./serverless-setup.ts";

const ROLE_SESSION = "arn:aws:sts::222222222222:assumed-role/chaincheck-redshift-role/chaincheck";

const workgroupNotFound = (name: string) => ({
  name: "ResourceNotFoundException",
  message: `Serverless workgroup ${name} not found.`,
  status: 400,
});

describe("GetCredentials", () => {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  let emu: RunningEmulator;
  let role: StaticCredentials;
  let untaggedArn: string;
  beforeAll(async () => {
    emu = await startServerless(() => now);
    role = await chainRoleCredentials(emu);
    const { workgroup } = await serverlessClient(emu, emu.credentials("B:admin")).send(
      new GetWorkgroupCommand({ workgroupName: "untagged-wg" }),
    );
    untaggedArn = workgroup!.workgroupArn!;
  });
  afterAll(() => emu.stop());
  const roleCredentialsFor = (workgroup: string) =>
    serverlessClient(emu, role).send(new GetCredentialsCommand({ workgroupName: workgroup }));

  test("gives B's role the IAMR database user, a password and a 900-second expiry by default", async () => {
    const out = await serverlessClient(emu, role).send(
      new GetCredentialsCommand({ workgroupName: "chaincheck-wg", dbName: "dev" }),
    );
    expect(out.dbUser).toBe("IAMR:chaincheck-redshift-role");
    expect(out.dbPassword?.length).toBeGreaterThan(64);
    expect(out.expiration?.getTime()).toBe(now.getTime() + 900_000);
  });

  test("honours durationSeconds up to 3600", async () => {
    const out = await serverlessClient(emu, role).send(
      new GetCredentialsCommand({ workgroupName: "chaincheck-wg", durationSeconds: 3600 }),
    );
    expect(out.expiration?.getTime()).toBe(now.getTime() + 3_600_000);
  });

  test("refuses durationSeconds below 900", async () => {
    expect(
      await failure(
        serverlessClient(emu, role).send(
          new GetCredentialsCommand({ workgroupName: "chaincheck-wg", durationSeconds: 899 }),
        ),
      ),
    ).toEqual({
      name: "ValidationException",
      message: "The durationSeconds must be between 900 and 3600 seconds.",
      status: 400,
    });
  });

  test("gives an IAM user the IAM: database user", async () => {
    const out = await serverlessClient(emu, emu.credentials("B:admin")).send(
      new GetCredentialsCommand({ workgroupName: "untagged-wg" }),
    );
    expect(out.dbUser).toBe("IAM:admin");
  });

  test("denies a workgroup without the RedshiftDataFullAccess tag the managed policy requires", async () => {
    expect(await failure(roleCredentialsFor("untagged-wg"))).toEqual({
      name: "AccessDeniedException",
      message: `User: ${ROLE_SESSION} is not authorized to perform: redshift-serverless:GetCredentials on resource: ${untaggedArn} because no identity-based policy allows the redshift-serverless:GetCredentials action`,
      status: 400,
    });
  });

  test("answers ResourceNotFoundException with AWS's text for an unknown workgroup, before IAM", async () => {
    const missing = "no-such-wg";
    expect(await failure(roleCredentialsFor(missing))).toEqual(workgroupNotFound(missing));
  });

  test("finds no workgroup in another region", async () => {
    const err = await failure(
      serverlessClient(emu, role, "us-east-1").send(
        new GetCredentialsCommand({ workgroupName: "chaincheck-wg" }),
      ),
    );
    expect(err.message).toBe("Serverless workgroup chaincheck-wg not found.");
  });

  test("refuses a request naming neither a workgroup nor a custom domain", async () => {
    expect(await failure(serverlessClient(emu, role).send(new GetCredentialsCommand({})))).toEqual({
      name: "ValidationException",
      message: "Either workgroupName or customDomainName must be specified.",
      status: 400,
    });
  });
});
