import {
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { beforeAll, describe, expect, test } from "vitest";
import { chainRoleCredentials, dataClient, failure } from "../../support/clients.ts";
import { SEED } from "../../support/constants.ts";
import { fileEmulator } from "../../support/emulator-fixture.ts";
import { run, settled } from "./data-api-fixtures.ts";

const emu = fileEmulator(SEED);
let client: RedshiftDataClient;
beforeAll(async () => {
  client = dataClient(emu, await chainRoleCredentials(emu));
});

const target = { ClusterIdentifier: "chaincheck-cluster", Database: "dev", DbUser: "app_user" };

async function salesRows(): Promise<number | undefined> {
  const out = await run(client, { DbUser: "app_user", Sql: "select count(*) from public.sales" });
  const result = await client.send(new GetStatementResultCommand({ Id: out.Id }));
  return result.Records?.[0]?.[0]?.longValue;
}

describe("ExecuteStatement with a ClientToken", () => {
  test("a repeated token returns the statement it first submitted and runs it once", async () => {
    const before = await salesRows();
    const input = {
      ...target,
      Sql: "insert into public.sales values (900, 'sendai', 1.00)",
      ClientToken: "chaincheck-token-insert-once",
    };
    const first = await client.send(new ExecuteStatementCommand(input));
    const again = await client.send(new ExecuteStatementCommand(input));
    expect(again.Id).toBe(first.Id);
    expect((await settled(client, first.Id as string)).Status).toBe("FINISHED");
    expect(await salesRows()).toBe((before ?? 0) + 1);
  });

  test("the same token with other SQL is refused with a ValidationException", async () => {
    await client.send(
      new ExecuteStatementCommand({ ...target, Sql: "select 1", ClientToken: "chaincheck-token-reused" }),
    );
    const error = await failure(
      client.send(
        new ExecuteStatementCommand({ ...target, Sql: "select 2", ClientToken: "chaincheck-token-reused" }),
      ),
    );
    expect([error.name, error.message, error.status]).toEqual([
      "ValidationException",
      "ClientToken chaincheck-token-reused was already used for a different request.",
      400,
    ]);
  });

  test("statements without a token are never merged", async () => {
    const a = await client.send(new ExecuteStatementCommand({ ...target, Sql: "select 1" }));
    const b = await client.send(new ExecuteStatementCommand({ ...target, Sql: "select 1" }));
    expect(a.Id).not.toBe(b.Id);
  });
});
