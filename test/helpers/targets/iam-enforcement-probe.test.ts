import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { IAM_NOT_ENFORCED, probeIamEnforcement } from "../../../helpers/targets/iam-enforcement-probe.ts";
import { defaultSetupPath } from "../../../helpers/targets/open-target.ts";

const CREDENTIALS = { accessKeyId: "111111111111", secretAccessKey: "test" };

/** An STS that, like LocalStack's free image, lets anyone assume any role, existing or not. */
function permissiveSts(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      const action = new URLSearchParams(body).get("Action");
      res.setHeader("content-type", "text/xml");
      if (action === "GetCallerIdentity") {
        res.end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:root</Arn><UserId>111111111111</UserId><Account>111111111111</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
        return;
      }
      res.end(
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAKE</AccessKeyId><SecretAccessKey>fake</SecretAccessKey><SessionToken>fake</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::111111111111:assumed-role/x/chaincheck-iam-probe</Arn><AssumedRoleId>AROAFAKE:chaincheck-iam-probe</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let emu: RunningEmulator;
let permissive: Server;

beforeAll(async () => {
  emu = await startEmulator({ setup: defaultSetupPath() });
  permissive = await permissiveSts();
});
afterAll(async () => {
  await emu?.stop();
  await new Promise((resolve) => permissive?.close(resolve));
});

describe("IAM enforcement probe", () => {
  test("says policies are unverified where a role that does not exist can be assumed", async () => {
    const endpoint = `http://127.0.0.1:${(permissive.address() as AddressInfo).port}`;
    expect(
      await probeIamEnforcement({ region: "ap-northeast-1", endpoint, credentials: CREDENTIALS }),
    ).toEqual([IAM_NOT_ENFORCED]);
  });

  test("says IAM is enforced by the chaincheck emulator", async () => {
    expect(
      await probeIamEnforcement({
        region: emu.region,
        endpoint: emu.endpoint,
        credentials: emu.credentials("A:tester"),
      }),
    ).toEqual(["IAM enforced by this target: AssumeRole into a role that does not exist was denied"]);
  });
});
