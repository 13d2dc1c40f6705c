import { request as httpRequest } from "node:http";
import { Readable } from "node:stream";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { DescribeStatementCommand, RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { HttpRequest } from "@smithy/protocol-http";
import type { BuildMiddleware, FinalizeRequestMiddleware, MiddlewareStack } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { A, BUCKET, REGION } from "../../support/constants.ts";
import { seedWith } from "../../support/emulator-fixture.ts";
import { deny, policyDocument } from "../../support/policy-layers.ts";
import { requestTo, signerFor } from "../../support/signed-requests.ts";
import { s3 } from "../s3/s3-test-clients.ts";
import { failureOf } from "./sdk-clients.ts";

const LAMBDA_ROLE = `arn:aws:iam::${A}:role/chaincheck-lambda-role`;
const BAD_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const STARS = `${"*a".repeat(40)}*c`;
const MB = 1024 * 1024;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    setup: seedWith({
      s3Buckets: [
        {
          account: A,
          region: REGION,
          name: BUCKET,
          policy: policyDocument(
            deny(
              "s3:GetObject",
              [`arn:aws:s3:::${BUCKET}/${STARS}`, `arn:aws:s3:::${BUCKET}/logs/*-*-*-*-*-*-*.gz`],
              { Principal: "*" },
            ),
          ),
        },
      ],
    }),
  });
});
afterAll(() => emu.stop());

const tester = () => emu.credentials("A:tester");
const sts = () =>
  new STSClient({ endpoint: emu.endpoint, region: REGION, credentials: tester(), maxAttempts: 1 });

const unsignedPayload: BuildMiddleware<object, object> = (next) => (args) => {
  (args.request as HttpRequest).headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
  return next(args);
};

function alterBodyAfterSigning(from: string, to: string): FinalizeRequestMiddleware<object, object> {
  return (next) => (args) => {
    const req = args.request as HttpRequest;
    const text = typeof req.body === "string" ? req.body : new TextDecoder().decode(req.body as Uint8Array);
    if (!text.includes(from)) throw new Error(`the signed body does not contain ${from}`);
    req.body = text.replace(from, to);
    return next(args);
  };
}

type AnyClient = STSClient | S3Client | RedshiftDataClient | LambdaClient;

const stackOf = (client: AnyClient) => client.middlewareStack as unknown as MiddlewareStack<object, object>;

function tamperAfterSigning<C extends AnyClient>(client: C, from: string, to: string): C {
  stackOf(client).addRelativeTo(alterBodyAfterSigning(from, to), {
    relation: "after",
    toMiddleware: "httpSigningMiddleware",
    name: "testTamperBody",
  });
  return client;
}

function withUnsignedPayload<C extends AnyClient>(client: C, tamper?: [string, string]): C {
  stackOf(client).add(unsignedPayload, { step: "build", name: "testUnsignedPayload" });
  return tamper ? tamperAfterSigning(client, ...tamper) : client;
}

const assume = (name: string) => new AssumeRoleCommand({ RoleArn: LAMBDA_ROLE, RoleSessionName: name });

describe("payload hashes", () => {
  test("an AssumeRole body altered after signing with UNSIGNED-PAYLOAD is SignatureDoesNotMatch", async () => {
    const client = withUnsignedPayload(sts(), ["RoleSessionName=honest", "RoleSessionName=forged"]);
    const err = await failureOf(client.send(assume("honest")));
    expect(err.name).toBe("SignatureDoesNotMatch");
    expect(err.message).toBe(BAD_SIGNATURE);
    expect(err.$metadata.httpStatusCode).toBe(403);
  });

  test("STS does not take UNSIGNED-PAYLOAD even for an untouched body", async () => {
    const err = await failureOf(withUnsignedPayload(sts()).send(assume("honest")));
    expect(err.name).toBe("SignatureDoesNotMatch");
    expect(err.$metadata.httpStatusCode).toBe(403);
    const out = await sts().send(assume("honest"));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/honest`);
  });

  test("a Data API body altered after signing with UNSIGNED-PAYLOAD is InvalidSignatureException", async () => {
    const client = new RedshiftDataClient({
      endpoint: emu.endpoint,
      region: REGION,
      credentials: tester(),
      maxAttempts: 1,
    });
    const err = await failureOf(
      withUnsignedPayload(client, ['"honest"', '"forged"']).send(
        new DescribeStatementCommand({ Id: "honest" }),
      ),
    );
    expect(err.name).toBe("InvalidSignatureException");
    expect(err.message).toBe(BAD_SIGNATURE);
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  test("Lambda does not take UNSIGNED-PAYLOAD either, answering its own InvalidSignatureException", async () => {
    const client = new LambdaClient({
      endpoint: emu.endpoint,
      region: REGION,
      credentials: tester(),
      maxAttempts: 1,
    });
    const err = await failureOf(withUnsignedPayload(client).send(new ListFunctionsCommand({})));
    expect(err.name).toBe("InvalidSignatureException");
    expect(err.message).toBe(BAD_SIGNATURE);
    expect(err.$metadata.httpStatusCode).toBe(403);
  });

  test("S3 takes UNSIGNED-PAYLOAD, and refuses a body that differs from its signed hash", async () => {
    const client = () => s3(emu, tester(), { requestChecksumCalculation: "WHEN_REQUIRED" });
    const put = (body: string) => new PutObjectCommand({ Bucket: BUCKET, Key: "in/a.csv", Body: body });
    await withUnsignedPayload(client()).send(put("1,unsigned"));
    const tampered = tamperAfterSigning(client(), "1,honest", "9,forged");
    const err = await failureOf(tampered.send(put("1,honest")));
    expect(err.name).toBe("XAmzContentSHA256Mismatch");
    expect(err.message).toBe("The provided 'x-amz-content-sha256' header does not match what was computed.");
    expect(err.$metadata.httpStatusCode).toBe(400);
    const kept = await client().send(new GetObjectCommand({ Bucket: BUCKET, Key: "in/a.csv" }));
    expect(await kept.Body?.transformToString()).toBe("1,unsigned");
  });
});

function post(
  path: string,
  headers: Record<string, string>,
  body: Readable,
  method = "POST",
): Promise<{ status: number; text: string }> {
  const url = new URL(emu.endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let text = "";
      res.on("data", (d) => {
        text += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    body.pipe(req);
  });
}

function megabytes(count: number): Readable {
  const chunk = Buffer.alloc(MB, "a");
  return Readable.from(
    (function* () {
      for (let i = 0; i < count; i++) yield chunk;
    })(),
  );
}

describe("request bodies", () => {
  test.each([
    ["an unauthenticated form POST", "/", {}, "MissingAuthenticationToken"],
    [
      "an S3 PUT signed with a key nobody issued",
      `/${BUCKET}/big.bin`,
      {
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKIANOBODYISSUEDTHIS/20260101/ap-northeast-1/s3/aws4_request, " +
          "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=00",
        "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
        "x-amz-date": new Date()
          .toISOString()
          .replace(/[-:]/g, "")
          .replace(/\.\d{3}/, ""),
      },
      "InvalidAccessKeyId",
    ],
  ])("a 200 MB body in %s is refused without being kept in memory", async (_, path, headers, code) => {
    const before = process.memoryUsage().rss;
    const res = await post(
      path,
      { "content-type": "application/x-www-form-urlencoded", "content-length": String(200 * MB), ...headers },
      megabytes(200),
      path === "/" ? "POST" : "PUT",
    );
    const grown = process.memoryUsage().rss - before;
    expect(res.status).toBe(403);
    expect(res.text).toContain(`<Code>${code}</Code>`);
    expect(grown).toBeLessThan(16 * MB);
  });

  test("a body over STS's limit is refused from its Content-Length with 413", async () => {
    const huge = JSON.stringify({ Version: "2012-10-17", Statement: [], Pad: "x".repeat(9 * MB) });
    const err = await failureOf(
      sts().send(new AssumeRoleCommand({ RoleArn: LAMBDA_ROLE, RoleSessionName: "big", Policy: huge })),
    );
    expect(err.name).toBe("RequestEntityTooLarge");
    expect(err.message).toBe("Request body must be at most 8388608 bytes for sts");
    expect(err.$metadata.httpStatusCode).toBe(413);
  });

  test("a CreateFunction body over Lambda's limit is refused from its Content-Length with Lambda's 413", async () => {
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    const res = await post(
      "/2015-03-31/functions",
      {
        "content-type": "application/json",
        "content-length": String(70 * MB),
        authorization:
          `AWS4-HMAC-SHA256 Credential=${tester().accessKeyId}/${amzDate.slice(0, 8)}/${REGION}/lambda/aws4_request, ` +
          "SignedHeaders=host;x-amz-date, Signature=00",
        "x-amz-date": amzDate,
      },
      megabytes(70),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({
      Type: "User",
      Message: "Request must be smaller than 70167211 bytes for the CreateFunction operation",
    });
  });

  test("a malformed percent escape in an awsQuery body is 400 InvalidQueryParameter", async () => {
    const body = "Action=%%%&Version=2011-06-15";
    const signed = await signerFor(tester(), REGION, "sts").sign(
      requestTo(emu.endpoint, {
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    );
    const res = await fetch(emu.endpoint, { method: "POST", headers: signed.headers, body });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain(
      "<Code>InvalidQueryParameter</Code><Message>The AWS query string is malformed or does not adhere to AWS standards.</Message>",
    );
  });
});

describe("bucket policy wildcards that backtracking regexes could not answer", () => {
  test.each([
    ["a 1000-character key of a's", "a".repeat(1000), "NoSuchKey"],
    ["the same key ending in c", `${"a".repeat(1000)}c`, "AccessDenied"],
    ["a logs/ key of 900 dashes ending .gzz", `logs/${"-".repeat(900)}x.gzz`, "NoSuchKey"],
    ["a logs/ key of 900 dashes ending .gz", `logs/${"-".repeat(900)}x.gz`, "AccessDenied"],
  ])("GetObject of %s answers %s", async (_, key, expected) => {
    const err = await failureOf(s3(emu, tester()).send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));
    expect(err.name).toBe(expected);
  });
});
