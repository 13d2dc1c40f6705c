import { GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, test } from "vitest";
import { requestTo, signerFor } from "../../support/signed-requests.ts";
import { lambdaTestService, redshiftDataTestService, s3TestService } from "../protocols/test-services.ts";
import { failureOf } from "./sdk-clients.ts";
import { fileTestEmulator, startTestEmulator } from "./start-test-emulator.ts";
import { stsTestService } from "./sts-test-service.ts";
import { ALICE_SECRET, aliceCredentials, SESSION_SECRET, SESSION_TOKEN } from "./test-world.ts";

const emu = fileTestEmulator([stsTestService, redshiftDataTestService, s3TestService, lambdaTestService]);

const sts = () => emu.client(STSClient, "us-east-1");

describe("pipeline edges", () => {
  test("an unsigned awsQuery request is MissingAuthenticationToken in STS's XML", async () => {
    const res = await fetch(emu.server.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(text).toContain(
      "<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>",
    );
    expect(text).toContain(`<RequestId>${res.headers.get("x-amzn-requestid")}</RequestId>`);
  });

  test("an unsigned S3 request is AccessDenied in S3's error shape", async () => {
    const res = await fetch(`${emu.server.endpoint}/bucket/key`);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toMatch(
      /<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><RequestId>[0-9a-f-]{36}<\/RequestId><HostId>/,
    );
    expect(text).toContain(`<RequestId>${res.headers.get("x-amz-request-id")}</RequestId>`);
    expect(res.headers.get("x-amzn-requestid")).toBeNull();
    expect(res.headers.get("server")).toBe("AmazonS3");
  });

  test("an unsigned X-Amz-Target request is MissingAuthenticationTokenException in JSON", async () => {
    const res = await fetch(emu.server.endpoint, {
      method: "POST",
      headers: {
        "x-amz-target": "RedshiftData.DescribeStatement",
        "content-type": "application/x-amz-json-1.1",
      },
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(await res.json()).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Request is missing Authentication Token",
    });
  });

  test("a service the emulator does not run is named in a 501", async () => {
    const iam = new IAMClient({
      endpoint: emu.server.endpoint,
      region: "us-east-1",
      credentials: aliceCredentials,
      maxAttempts: 1,
    });
    const err = await failureOf(iam.send(new GetUserCommand({})));
    expect(err.name).toBe("UnknownService");
    expect(err.message).toBe(
      'chaincheck emulator: no service with signing name "iam" is registered (registered: sts, redshift-data, s3, lambda)',
    );
    expect(err.$metadata.httpStatusCode).toBe(501);
  });

  test("a denied awsQuery call is the service's AccessDenied with the policy engine's text", async () => {
    emu.world.denied.add("sts:GetCallerIdentity");
    try {
      const err = await failureOf(sts().send(new GetCallerIdentityCommand({})));
      expect(err.name).toBe("AccessDenied");
      expect(err.message).toBe(
        "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:GetCallerIdentity on resource: * " +
          "because no identity-based policy allows the sts:GetCallerIdentity action",
      );
      expect(err.$metadata.httpStatusCode).toBe(403);
    } finally {
      emu.world.denied.clear();
    }
  });

  test("awsQuery over GET with a presigned URL is verified and answered", async () => {
    const signer = signerFor(
      { accessKeyId: "ASIASESSIONEXAMPLE01", secretAccessKey: SESSION_SECRET, sessionToken: SESSION_TOKEN },
      "us-east-1",
      "sts",
    );
    const presigned = await signer.presign(
      requestTo(emu.server.endpoint, {
        method: "GET",
        path: "/",
        query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
      }),
      { expiresIn: 60 },
    );
    const query = new URLSearchParams(presigned.query as Record<string, string>)
      .toString()
      .replace(/\+/g, "%20");
    const res = await fetch(`${emu.server.endpoint}/?${query}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain("<GetCallerIdentityResult><UserId>AROAROLEEXAMPLE000001:probe</UserId>");

    const tampered = query.replace("GetCallerIdentity", "GetCallerIdentity&Extra=1");
    const bad = await fetch(`${emu.server.endpoint}/?${tampered}`);
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
  });

  test("a body that differs from the signed x-amz-content-sha256 fails the signature", async () => {
    const signer = signerFor(aliceCredentials, "us-east-1", "sts");
    const signed = await signer.sign(
      requestTo(emu.server.endpoint, {
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "Action=GetCallerIdentity&Version=2011-06-15",
      }),
    );
    const headers = { ...signed.headers } as Record<string, string>;
    const ok = await fetch(emu.server.endpoint, {
      method: "POST",
      headers,
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(ok.status).toBe(200);
    const swapped = await fetch(emu.server.endpoint, {
      method: "POST",
      headers,
      body: "Action=GetCallerIdentity&Version=2011-06-16",
    });
    expect(swapped.status).toBe(403);
    expect(ALICE_SECRET).not.toBe("");
    expect(emu.logs.join("\n")).not.toContain(ALICE_SECRET);
  });

  test("debug endpoints report health and the recorded decisions", async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    const health = await fetch(`${emu.server.endpoint}/_chaincheck/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    const decisions = (await (await fetch(`${emu.server.endpoint}/_chaincheck/decisions`)).json()) as {
      decisions: { requestId: string; action: string; result: { decision: string } }[];
    };
    const mine = decisions.decisions.find((d) => d.requestId === out.$metadata.requestId);
    expect(mine?.action).toBe("sts:GetCallerIdentity");
    expect(mine?.result.decision).toBe("Allow");
  });

  test("close() ends even with a keep-alive connection open", async () => {
    const other = await startTestEmulator([stsTestService]);
    const client = new STSClient({
      endpoint: other.server.endpoint,
      region: "us-east-1",
      credentials: aliceCredentials,
    });
    await client.send(new GetCallerIdentityCommand({}));
    await other.server.close();
    const err = await fetch(`${other.server.endpoint}/_chaincheck/health`).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    client.destroy();
  });
});
