import { createHmac } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect } from "vitest";
import { failureWithFields } from "../../support/clients.ts";
import { BUCKET, REGION } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { requestTo } from "../../support/signed-requests.ts";
import { SALES_KEY, s3 } from "./s3-test-clients.ts";

const PATH = `/${BUCKET}/${SALES_KEY}`;
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A SigV2 query-string URL as `aws s3 presign` with signature version s3 builds it (RESTAuthentication). */
function sigV2Url(endpoint: string, keyId: string, secret: string, expires: number, signature?: string) {
  const stringToSign = `GET\n\n\n${expires}\n${PATH}`;
  const signed = signature ?? createHmac("sha1", secret).update(stringToSign).digest("base64");
  const query = new URLSearchParams({ AWSAccessKeyId: keyId, Expires: String(expires), Signature: signed });
  return { url: `${endpoint}${PATH}?${query}`, stringToSign };
}

const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe("S3 SigV2 presigned URLs", () => {
  test("a valid one reads the object", async ({ emu }) => {
    const { accessKeyId, secretAccessKey } = emu.credentials("A:tester");
    const res = await fetch(sigV2Url(emu.endpoint, accessKeyId, secretAccessKey, inSeconds(300)).url);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^id,region,amount\n/);
  });

  test("a wrong signature is SignatureDoesNotMatch with the string to sign and its bytes", async ({
    emu,
  }) => {
    const { accessKeyId } = emu.credentials("A:tester");
    const expires = inSeconds(300);
    const { url, stringToSign } = sigV2Url(emu.endpoint, accessKeyId, "not-the-secret", expires);
    const res = await fetch(url);
    const body = await res.text();
    expect(res.status).toBe(403);
    expect(tag(body, "Code")).toBe("SignatureDoesNotMatch");
    expect(tag(body, "Message")).toBe(
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
    expect(tag(body, "AWSAccessKeyId")).toBe(accessKeyId);
    expect(tag(body, "StringToSign")).toBe(stringToSign);
    expect(tag(body, "StringToSignBytes")).toBe(
      [...Buffer.from(stringToSign)].map((b) => b.toString(16).padStart(2, "0")).join(" "),
    );
  });

  test("past its Expires it is AccessDenied Request has expired with Expires and ServerTime", async ({
    emu,
  }) => {
    const { accessKeyId, secretAccessKey } = emu.credentials("A:tester");
    const expires = inSeconds(-60);
    const res = await fetch(sigV2Url(emu.endpoint, accessKeyId, secretAccessKey, expires).url);
    const body = await res.text();
    expect(res.status).toBe(403);
    expect([tag(body, "Code"), tag(body, "Message")]).toEqual(["AccessDenied", "Request has expired"]);
    expect(tag(body, "Expires")).toBe(new Date(expires * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect(tag(body, "ServerTime")).toMatch(ISO_SECONDS);
    expect(body).not.toContain("<X-Amz-Expires>");
  });

  test("without its Signature it names the three parameters query-string authentication needs", async ({
    emu,
  }) => {
    const { accessKeyId } = emu.credentials("A:tester");
    const res = await fetch(`${emu.endpoint}${PATH}?AWSAccessKeyId=${accessKeyId}&Expires=${inSeconds(60)}`);
    const body = await res.text();
    expect(res.status).toBe(403);
    expect([tag(body, "Code"), tag(body, "Message")]).toEqual([
      "AccessDenied",
      "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters",
    ]);
  });
});

describe("S3 error bodies carry AWS's extra fields", () => {
  test("an expired SigV4 presigned URL names X-Amz-Expires, Expires and ServerTime", async ({ emu }) => {
    const credentials = emu.credentials("A:tester");
    const signer = new SignatureV4({
      credentials,
      region: REGION,
      service: "s3",
      sha256: Sha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
    const signingDate = new Date(Date.now() - 120_000);
    const presigned = await signer.presign(requestTo(emu.endpoint, { method: "GET", path: PATH, body: {} }), {
      expiresIn: 60,
      signingDate,
    });
    const res = await fetch(
      `${emu.endpoint}${PATH}?${new URLSearchParams(presigned.query as Record<string, string>)}`,
    );
    const body = await res.text();
    expect(res.status).toBe(403);
    expect([tag(body, "Code"), tag(body, "Message"), tag(body, "X-Amz-Expires")]).toEqual([
      "AccessDenied",
      "Request has expired",
      "60",
    ]);
    expect(tag(body, "Expires")).toBe(
      new Date(Math.floor(signingDate.getTime() / 1000) * 1000 + 60_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
    );
    expect(tag(body, "ServerTime")).toMatch(ISO_SECONDS);
  });

  test("a session token that is not the key's is InvalidToken naming it as Token-0", async ({ emu }) => {
    const { accessKeyId, secretAccessKey } = emu.credentials("A:tester");
    const client = s3(emu, { accessKeyId, secretAccessKey, sessionToken: "not-a-token-of-this-key" });
    const e = await failureWithFields(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY })));
    expect([e.name, e.message, e.status]).toEqual([
      "InvalidToken",
      "The provided token is malformed or otherwise invalid.",
      400,
    ]);
    expect(e.fields["Token-0"]).toBe("not-a-token-of-this-key");
  });
});
