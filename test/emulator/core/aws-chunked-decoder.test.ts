import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, test } from "vitest";
import {
  decodeAwsChunked,
  verifyChunkSignatures,
} from "../../../emulator/core/pipeline/aws-chunked-decoder.ts";
import { NodeSha256, sha256Hex } from "../../../emulator/core/pipeline/sha256.ts";

const scope = { amzDate: "20260101T000000Z", scopeDate: "20260101", region: "us-east-1", service: "s3" };
const signer = new SignatureV4({
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  region: "us-east-1",
  service: "s3",
  sha256: NodeSha256,
});

async function signedBody(chunks: string[], seed: string, tamper = false): Promise<Buffer> {
  let previous = seed;
  let out = "";
  for (const chunk of [...chunks, ""]) {
    const stringToSign = [
      "AWS4-HMAC-SHA256-PAYLOAD",
      scope.amzDate,
      "20260101/us-east-1/s3/aws4_request",
      previous,
      sha256Hex(""),
      sha256Hex(chunk),
    ].join("\n");
    const sig = await signer.sign(stringToSign, { signingDate: new Date("2026-01-01T00:00:00Z") });
    out += `${Buffer.byteLength(chunk).toString(16)};chunk-signature=${sig}\r\n${tamper && chunk ? chunk.toUpperCase() : chunk}\r\n`;
    previous = sig;
  }
  return Buffer.from(out.slice(0, -2) + "\r\n");
}

describe("aws-chunked bodies", () => {
  test("unsigned chunks with a checksum trailer decode to the payload and the trailer", () => {
    const body = Buffer.from("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
    const decoded = decodeAwsChunked(body);
    expect(decoded.payload.toString()).toBe("hello world");
    expect(decoded.trailers).toEqual({ "x-amz-checksum-crc32": "DUoRhQ==" });
  });

  test("rejects a chunk that claims more bytes than were sent", () => {
    expect(() => decodeAwsChunked(Buffer.from("ff\r\nshort\r\n0\r\n\r\n"))).toThrow(
      /chunk longer than the body/,
    );
  });

  test("verifies chained chunk signatures and catches a modified chunk", async () => {
    const seed = "a".repeat(64);
    const good = decodeAwsChunked(await signedBody(["abc", "defg"], seed));
    expect(good.payload.toString()).toBe("abcdefg");
    expect(await verifyChunkSignatures(good, seed, signer, scope)).toBe(true);
    const bad = decodeAwsChunked(await signedBody(["abc", "defg"], seed, true));
    expect(await verifyChunkSignatures(bad, seed, signer, scope)).toBe(false);
    expect(await verifyChunkSignatures(good, "b".repeat(64), signer, scope)).toBe(false);
  });
});
