import {
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListDatabasesCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { GetWorkgroupCommand } from "@aws-sdk/client-redshift-serverless";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator, StaticCredentials } from "../../../emulator/index.ts";
import { startEmulator } from "../../../emulator/index.ts";
import { chainRoleCredentials, dataClient, failure, serverlessClient } from "../../support/clients.ts";
import { B, REGION } from "../../support/constants.ts";
import { settled } from "../redshift-data/data-api-fixtures.ts";
import { serverlessSetup, startServerless } from "./serverless-setup.ts";

describe("the Data API on a serverless workgroup", () => {
  let emu: RunningEmulator;
  let role: StaticCredentials;
  let data: RedshiftDataClient;
  const selectOneOn = (workgroup: string) =>
    data.send(new ExecuteStatementCommand({ WorkgroupName: workgroup, Database: "dev", Sql: "SELECT 1" }));
  beforeAll(async () => {
    emu = await startServerless();
    role = await chainRoleCredentials(emu);
    data = new RedshiftDataClient({
      endpoint: emu.endpoint,
      region: REGION,
      credentials: role,
      maxAttempts: 1,
    });
  });
  afterAll(() => emu.stop());

  test("runs a statement as the role's IAMR user, created on first login, with the namespace's grants", async () => {
    const { Id } = await data.send(
      new ExecuteStatementCommand({
        WorkgroupName: "chaincheck-wg",
        Database: "dev",
        Sql: "SELECT id, current_user FROM public.sales",
      }),
    );
    const done = await settled(data, Id!);
    expect(done.Error).toBeUndefined();
    expect(done.Status).toBe("FINISHED");
    const result = await data.send(new GetStatementResultCommand({ Id }));
    expect(result.Records).toEqual([[{ longValue: 1 }, { stringValue: "IAMR:chaincheck-redshift-role" }]]);
  });

  test("keeps a session's temp table across its statements on the workgroup", async () => {
    const opened = await data.send(
      new ExecuteStatementCommand({
        WorkgroupName: "chaincheck-wg",
        Database: "dev",
        Sql: "CREATE TEMP TABLE wg_stage AS SELECT id FROM public.sales",
        SessionKeepAliveSeconds: 300,
      }),
    );
    expect((await settled(data, opened.Id!)).Status).toBe("FINISHED");
    const { Id } = await data.send(
      new ExecuteStatementCommand({ SessionId: opened.SessionId, Sql: "SELECT count(*) FROM wg_stage" }),
    );
    const done = await settled(data, Id!);
    expect([done.Status, done.WorkgroupName, done.SessionId]).toEqual([
      "FINISHED",
      "chaincheck-wg",
      opened.SessionId,
    ]);
    expect((await data.send(new GetStatementResultCommand({ Id }))).Records).toEqual([[{ longValue: 1 }]]);
  });

  test("lists the namespace's databases", async () => {
    const out = await data.send(
      new ListDatabasesCommand({ WorkgroupName: "chaincheck-wg", Database: "dev" }),
    );
    expect(out.Databases).toContain("dev");
  });

  test("fails ExecuteStatement with ValidationException carrying the GetCredentials denial on an untagged workgroup", async () => {
    const { workgroup } = await serverlessClient(emu, emu.credentials("B:admin")).send(
      new GetWorkgroupCommand({ workgroupName: "untagged-wg" }),
    );
    expect(await failure(selectOneOn("untagged-wg"))).toEqual({
      name: "ValidationException",
      message: `User: arn:aws:sts::222222222222:assumed-role/chaincheck-redshift-role/chaincheck is not authorized to perform: redshift-serverless:GetCredentials on resource: ${workgroup?.workgroupArn} because no identity-based policy allows the redshift-serverless:GetCredentials action`,
      status: 400,
    });
  });

  test("answers the Data API's not-found text for a workgroup that does not exist", async () => {
    expect(await failure(selectOneOn("no-such-wg"))).toEqual({
      name: "ValidationException",
      message: "Redshift endpoint doesn't exist in this region.",
      status: 400,
    });
  });
});

describe("COPY on a serverless workgroup", () => {
  let emu: RunningEmulator;
  let data: RedshiftDataClient;
  beforeAll(async () => {
    emu = await startEmulator({
      setup: serverlessSetup({
        serverlessNamespaces: [
          {
            account: B,
            region: REGION,
            name: "chaincheck-ns",
            grants: [
              { database: "dev", to: "PUBLIC", privileges: ["SELECT", "INSERT"], on: "table public.sales" },
            ],
          },
        ],
      }),
    });
    data = dataClient(emu, await chainRoleCredentials(emu));
  });
  afterAll(() => emu.stop());

  test("fails a COPY whose IAM_ROLE is not associated with the namespace, naming the role", async () => {
    const role = `arn:aws:iam::${B}:role/chaincheck-redshift-role`;
    const { Id } = await data.send(
      new ExecuteStatementCommand({
        WorkgroupName: "chaincheck-wg",
        Database: "dev",
        Sql: `COPY public.sales FROM 's3://chaincheck-copy-source/input/sales.csv' IAM_ROLE '${role}' CSV IGNOREHEADER 1`,
      }),
    );
    const done = await settled(data, Id!);
    const denial = `User arn:aws:redshift:${REGION}:${B}:dbuser:chaincheck-ns/IAMR:chaincheck-redshift-role is not authorized to assume IAM Role ${role}`;
    const lines = (done.Error ?? "").split("\n");
    expect([done.Status, lines[0]]).toEqual(["FAILED", `ERROR: ${denial}`]);
    expect(lines.filter((line) => /^ {2}(error|code|context|location):/.test(line))).toEqual([
      `  error:  ${denial}`,
      "  code:      8001",
      `  context:   IAM Role=${role}`,
      "  location:  xen_aws_credentials_mgr.cpp:321",
    ]);
  });
});
