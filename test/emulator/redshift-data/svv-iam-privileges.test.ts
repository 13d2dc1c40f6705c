import { GetStatementResultCommand } from "@aws-sdk/client-redshift-data";
import { describe, expect } from "vitest";
import { dataClient } from "../../support/clients.ts";
import { B, CLUSTER, COPY_ROLE_ARN, REGION } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { run } from "./data-api-fixtures.ts";

const GRANTS_TO_ETL_AND_GROUP = {
  redshiftClusters: [
    {
      account: B,
      region: REGION,
      id: CLUSTER,
      dbUsers: [{ name: "app_user" }, { name: "etl_user" }],
      dbGroups: [{ name: "loaders" }],
      grants: [
        { to: "etl_user", privileges: ["ASSUMEROLE"], on: `iam_role ${COPY_ROLE_ARN} for copy` },
        { to: "group loaders", privileges: ["ASSUMEROLE"], on: `iam_role ${COPY_ROLE_ARN}` },
      ],
    },
  ],
};

const SQL = "select iam_arn, command_type, identity_name, identity_type from svv_iam_privileges order by 3";

describe("svv_iam_privileges", () => {
  test("lists every ASSUMEROLE grant of the setup to the master user", async ({ start }) => {
    const e = await start(GRANTS_TO_ETL_AND_GROUP);
    const client = dataClient(e, e.credentials("B:admin"));
    const done = await run(client, { DbUser: "awsuser", Sql: SQL });
    expect(done.Status).toBe("FINISHED");
    const out = await client.send(new GetStatementResultCommand({ Id: done.Id }));
    expect(out.Records?.map((r) => r.map((f) => f.stringValue))).toEqual([
      [COPY_ROLE_ARN, "COPY", "etl_user", "user"],
      [COPY_ROLE_ARN, "ALL", "loaders", "group"],
    ]);
  });

  test("shows a user who is not a superuser only the grants made to that user", async ({ start }) => {
    const e = await start(GRANTS_TO_ETL_AND_GROUP);
    const client = dataClient(e, e.credentials("B:admin"));
    const asEtl = await run(client, { DbUser: "etl_user", Sql: SQL });
    const etl = await client.send(new GetStatementResultCommand({ Id: asEtl.Id }));
    expect(etl.Records?.map((r) => r[2].stringValue)).toEqual(["etl_user"]);
    const asApp = await run(client, { DbUser: "app_user", Sql: SQL });
    const app = await client.send(new GetStatementResultCommand({ Id: asApp.Id }));
    expect(app.Records).toEqual([]);
  });

  test("is empty while Redshift's default holds (no iam_role grant in the setup)", async ({ start }) => {
    const e = await start({ redshiftClusters: [{ account: B, region: REGION, id: CLUSTER, grants: [] }] });
    const client = dataClient(e, e.credentials("B:admin"));
    const done = await run(client, { DbUser: "awsuser", Sql: SQL });
    const out = await client.send(new GetStatementResultCommand({ Id: done.Id }));
    expect(out.Records).toEqual([]);
  });
});
