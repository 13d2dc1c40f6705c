import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { expect, test } from "vitest";
import { startEmulator } from "../../../emulator/index.ts";
import { SEED } from "../../support/constants.ts";

test("a prewarmed emulator answers the chain's first statement from the database it loaded", async () => {
  await using emu = await startEmulator({ setup: SEED, prewarm: true });
  const client = new RedshiftDataClient({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: emu.credentials("arn:aws:iam::222222222222:role/chaincheck-redshift-role"),
  });
  const { Id } = await client.send(
    new ExecuteStatementCommand({
      ClusterIdentifier: "chaincheck-cluster",
      Database: "dev",
      DbUser: "app_user",
      Sql: "select count(*) from public.sales",
    }),
  );
  let status: string | undefined;
  for (let i = 0; i < 600 && !["FINISHED", "FAILED"].includes(status ?? ""); i++) {
    status = (await client.send(new DescribeStatementCommand({ Id }))).Status;
    if (status !== "FINISHED") await new Promise((r) => setTimeout(r, 20));
  }
  expect(status).toBe("FINISHED");
  client.destroy();
});

test("prewarming a chain database the setup lacks neither throws nor leaves a rejection behind", async () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    const emu = await startEmulator({
      setup: { extends: SEED, chain: { database: "no_such_db" } },
      prewarm: true,
    });
    await new Promise((r) => setTimeout(r, 200));
    await emu.stop();
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  expect(rejections).toEqual([]);
});
