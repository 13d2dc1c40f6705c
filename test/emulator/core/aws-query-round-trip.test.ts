import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEmulatorServer, type EmulatorServer } from "../../../emulator/core/server.ts";
import { stsTestService } from "./sts-test-service.ts";
import { aliceCredentials, createTestWorld, sessionCredentials, type TestWorld } from "./test-world.ts";

let server: EmulatorServer;
let world: TestWorld;

beforeAll(async () => {
  world = createTestWorld();
  server = await createEmulatorServer({ world, services: [stsTestService] });
});
afterAll(() => server.close());

const sts = (credentials = aliceCredentials) =>
  new STSClient({ endpoint: server.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });

describe("awsQuery through the real STS client", () => {
  test("GetCallerIdentity decodes the caller from the Result wrapper", async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe("arn:aws:iam::111111111111:user/alice");
    expect(out.Account).toBe("111111111111");
    expect(out.UserId).toBe("AIDAALICEEXAMPLE00001");
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  test("session credentials with their token are accepted", async () => {
    const out = await sts(sessionCredentials).send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe("arn:aws:sts::222222222222:assumed-role/R/probe");
  });

  test("AssumeRole round-trips nested lists, dates, numbers and escaped text", async () => {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::222222222222:role/R",
        RoleSessionName: "fn",
        Tags: [
          { Key: "team", Value: "data" },
          { Key: "env", Value: "a&b" },
        ],
        PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
      }),
    );
    expect(out.Credentials?.AccessKeyId).toBe("ASIANEWEXAMPLE000001");
    expect(out.Credentials?.SessionToken).toBe(`token-for-fn&<"'>`);
    expect(out.Credentials?.Expiration).toEqual(new Date("2026-11-27T12:00:00Z"));
    expect(out.AssumedRoleUser?.Arn).toBe("arn:aws:sts::222222222222:assumed-role/R/fn");
    expect(out.PackedPolicySize).toBe(3);
    expect(out.SourceIdentity).toBe("team=data,env=a&b");
  });

  test("each decision is recorded under the request id the SDK reports", async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    const entry = world.decisions.find((d) => d.requestId === out.$metadata.requestId);
    expect(entry?.action).toBe("sts:GetCallerIdentity");
    expect(entry?.callerArn).toBe("arn:aws:iam::111111111111:user/alice");
    expect(entry?.result.decision).toBe("Allow");
  });
});
