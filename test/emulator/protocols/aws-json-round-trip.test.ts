import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { describe, expect, test } from "vitest";
import { failureOf } from "../core/sdk-clients.ts";
import { fileTestEmulator } from "../core/start-test-emulator.ts";
import { redshiftDataTestService } from "./test-services.ts";

const emu = fileTestEmulator([redshiftDataTestService]);

const client = () => emu.client(RedshiftDataClient, "eu-west-1");

describe("awsJson1_1 through the real Redshift Data client", () => {
  test("DescribeStatement decodes epoch-second timestamps, numbers, booleans and lists", async () => {
    const out = await client().send(
      new DescribeStatementCommand({ Id: "d9b6c0c9-0747-4bf4-b142-e8883122f766" }),
    );
    expect(out.Id).toBe("d9b6c0c9-0747-4bf4-b142-e8883122f766");
    expect(out.Status).toBe("FINISHED");
    expect(out.CreatedAt).toEqual(new Date("2026-11-27T12:00:00.250Z"));
    expect(out.UpdatedAt).toEqual(new Date("2026-11-27T12:00:01Z"));
    expect(out.Duration).toBe(750_000_000);
    expect(out.HasResultSet).toBe(true);
    expect(out.QueryParameters).toEqual([{ name: "id", value: "42" }]);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a modeled error keeps its code, message, status and extra members", async () => {
    const err = await failureOf(client().send(new DescribeStatementCommand({ Id: "missing" })));
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.message).toBe("Query does not exist.");
    expect(err.ResourceId).toBe("missing");
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  test("an operation the service lacks answers the uniform 501 naming it", async () => {
    const err = await failureOf(
      client().send(
        new ExecuteStatementCommand({ Sql: "select 1", ClusterIdentifier: "c", Database: "dev" }),
      ),
    );
    expect(err.name).toBe("InternalFailure");
    expect(err.message).toBe("chaincheck emulator: redshift-data ExecuteStatement is not implemented");
    expect(err.$metadata.httpStatusCode).toBe(501);
  });

  test("a denied authorize() becomes the service's AccessDeniedException with AWS's wording", async () => {
    emu.world.denied.add("redshift-data:DescribeStatement");
    try {
      const err = await failureOf(client().send(new DescribeStatementCommand({ Id: "s1" })));
      expect(err.name).toBe("AccessDeniedException");
      expect(err.message).toBe(
        "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: redshift-data:DescribeStatement " +
          "on resource: arn:aws:redshift-data:eu-west-1:*:statement/s1 because no identity-based policy allows the " +
          "redshift-data:DescribeStatement action",
      );
      expect(err.$metadata.httpStatusCode).toBe(403);
      const decision = emu.world.decisions.find((d) => d.requestId === err.$metadata.requestId);
      expect(decision?.result.decision).toBe("ImplicitDeny");
    } finally {
      emu.world.denied.clear();
    }
  });
});
