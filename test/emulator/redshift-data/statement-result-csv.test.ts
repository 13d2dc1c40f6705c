import {
  ExecuteStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  type RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { beforeAll, describe, expect, test } from "vitest";
import { dataClient, failure } from "../../support/clients.ts";
import { SEED } from "../../support/constants.ts";
import { fileEmulator } from "../../support/emulator-fixture.ts";
import { run } from "./data-api-fixtures.ts";

const emu = fileEmulator(SEED);
let client: RedshiftDataClient;
beforeAll(() => {
  client = dataClient(emu, emu.credentials("B:admin"));
});

const SQL = `select 1 as n, 'a,b' as s, null as z union all select 2, 'say "hi"', 'x' order by n`;

describe("ResultFormat CSV and GetStatementResultV2", () => {
  test("a CSV statement's result is one CSVRecords text with RFC 4180 quoting and its column metadata", async () => {
    const done = await run(client, { DbUser: "app_user", Sql: SQL, ResultFormat: "CSV" });
    expect([done.Status, done.ResultFormat]).toEqual(["FINISHED", "CSV"]);
    const out = await client.send(new GetStatementResultV2Command({ Id: done.Id }));
    expect(out.Records).toEqual([{ CSVRecords: '1,"a,b",\n2,"say ""hi""",x\n' }]);
    expect([out.ResultFormat, out.TotalNumRows, out.ColumnMetadata?.map((c) => c.name)]).toEqual([
      "CSV",
      2,
      ["n", "s", "z"],
    ]);
  });

  test("each result operation refuses the other format's statements with ValidationException", async () => {
    const csv = await run(client, { DbUser: "app_user", Sql: "select 1", ResultFormat: "CSV" });
    const json = await run(client, { DbUser: "app_user", Sql: "select 1" });
    expect(await failure(client.send(new GetStatementResultCommand({ Id: csv.Id })))).toEqual({
      name: "ValidationException",
      message: "The statement's ResultFormat is CSV: use GetStatementResultV2 to fetch its result.",
      status: 400,
    });
    expect(await failure(client.send(new GetStatementResultV2Command({ Id: json.Id })))).toEqual({
      name: "ValidationException",
      message: "The statement's ResultFormat is JSON: use GetStatementResult to fetch its result.",
      status: 400,
    });
  });

  test("a ResultFormat outside the enum is refused naming the member and the allowed values", async () => {
    const sent = client.send(
      new ExecuteStatementCommand({
        ClusterIdentifier: "chaincheck-cluster",
        Database: "dev",
        DbUser: "app_user",
        Sql: "select 1",
        ResultFormat: "XML" as "CSV",
      }),
    );
    expect(await failure(sent)).toEqual({
      name: "ValidationException",
      message:
        "1 validation error detected: Value 'XML' at 'resultFormat' failed to satisfy constraint: Member must satisfy enum value set: [CSV, JSON]",
      status: 400,
    });
  });
});
