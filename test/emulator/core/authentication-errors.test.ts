import { describe, expect, test } from "vitest";
import { lambdaTestService, redshiftDataTestService, s3TestService } from "../protocols/test-services.ts";
import { failureOf, protocolCalls } from "./sdk-clients.ts";
import { fileTestEmulator } from "./start-test-emulator.ts";
import { stsTestService } from "./sts-test-service.ts";
import { aliceCredentials, expiredCredentials, SESSION_KEY, SESSION_SECRET } from "./test-world.ts";

const services = [stsTestService, redshiftDataTestService, s3TestService, lambdaTestService];
const FIXED_NOW = new Date("2030-01-01T00:30:00Z");
const emu = fileTestEmulator(services);
const skewed = fileTestEmulator(services, () => FIXED_NOW);

const INVALID_TOKEN = "The security token included in the request is invalid.";
const EXPIRED = "The security token included in the request is expired";
const BAD_SIG =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

type Protocol = keyof typeof protocolCalls;
type Expected = Record<Protocol, [name: string, message: string, status: number]>;

const unknownKey: Expected = {
  awsQuery: ["InvalidClientTokenId", INVALID_TOKEN, 403],
  awsJson1_1: ["UnrecognizedClientException", INVALID_TOKEN, 400],
  restXml: ["InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403],
  restJson1: ["UnrecognizedClientException", INVALID_TOKEN, 403],
};
const badSignature: Expected = {
  awsQuery: ["SignatureDoesNotMatch", BAD_SIG, 403],
  awsJson1_1: ["InvalidSignatureException", BAD_SIG, 400],
  restXml: [
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    403,
  ],
  restJson1: ["InvalidSignatureException", BAD_SIG, 403],
};
const wrongToken: Expected = {
  awsQuery: ["InvalidClientTokenId", INVALID_TOKEN, 403],
  awsJson1_1: ["UnrecognizedClientException", INVALID_TOKEN, 400],
  restXml: ["InvalidToken", "The provided token is malformed or otherwise invalid.", 400],
  restJson1: ["UnrecognizedClientException", INVALID_TOKEN, 403],
};
const expired: Expected = {
  awsQuery: ["ExpiredToken", EXPIRED, 403],
  awsJson1_1: ["ExpiredTokenException", EXPIRED, 400],
  restXml: ["ExpiredToken", "The provided token has expired.", 400],
  restJson1: ["ExpiredTokenException", EXPIRED, 403],
};

const protocols = Object.keys(protocolCalls) as Protocol[];

describe.each(protocols)("authentication failures over %s", (protocol) => {
  const call = protocolCalls[protocol];

  test("an access key the emulator never issued is rejected", async () => {
    const err = await failureOf(
      call({
        endpoint: emu.server.endpoint,
        credentials: { accessKeyId: "AKIANOBODY0000000000", secretAccessKey: "x" },
      }),
    );
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual(unknownKey[protocol]);
  });

  test("a request signed with the wrong secret does not match", async () => {
    const err = await failureOf(
      call({
        endpoint: emu.server.endpoint,
        credentials: { ...aliceCredentials, secretAccessKey: "not-the-secret" },
      }),
    );
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual(badSignature[protocol]);
  });

  test("session credentials with another session's token are rejected", async () => {
    const err = await failureOf(
      call({
        endpoint: emu.server.endpoint,
        credentials: {
          accessKeyId: SESSION_KEY,
          secretAccessKey: SESSION_SECRET,
          sessionToken: "forged-token",
        },
      }),
    );
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual(wrongToken[protocol]);
  });

  test("expired session credentials are reported as expired", async () => {
    const err = await failureOf(call({ endpoint: emu.server.endpoint, credentials: expiredCredentials }));
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual(expired[protocol]);
  });

  test("a request signed 30 minutes before the server clock is refused as skewed", async () => {
    const err = await failureOf(
      call({
        endpoint: skewed.server.endpoint,
        credentials: aliceCredentials,
        systemClockOffset: FIXED_NOW.getTime() - 30 * 60_000 - Date.now(),
      }),
    );
    if (protocol === "restXml") {
      expect(err.name).toBe("RequestTimeTooSkewed");
      expect(err.message).toBe("The difference between the request time and the current time is too large.");
      expect(err.MaxAllowedSkewMilliseconds).toBe("900000");
      expect(err.$metadata.httpStatusCode).toBe(403);
      return;
    }
    expect(err.name).toBe(protocol === "awsQuery" ? "SignatureDoesNotMatch" : "InvalidSignatureException");
    expect(err.message).toMatch(
      /^Signature expired: 2030010[01]T\d{6}Z is now earlier than 20300101T001500Z \(20300101T003000Z - 15 min\.\)$/,
    );
    expect(err.$metadata.httpStatusCode).toBe(protocol === "awsJson1_1" ? 400 : 403);
  });
});
