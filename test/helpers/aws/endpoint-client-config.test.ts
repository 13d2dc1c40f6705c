// helpers/aws/endpoint-client-config.ts: the SDK settings written out for clients of an endpoint
// target must be what the SDK resolves by itself when nothing configures them, so writing them out
// changes nothing but the lookups.
import { STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { endpointClientConfig } from "../../../helpers/aws/endpoint-client-config.ts";

const VARIABLES = [
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_DEFAULTS_MODE",
  "AWS_RETRY_MODE",
  "AWS_SDK_UA_APP_ID",
];
const saved = new Map(VARIABLES.map((v) => [v, process.env[v]]));

beforeAll(() => {
  // Nothing configures them: no variables, no shared config files.
  for (const v of VARIABLES) delete process.env[v];
  process.env.AWS_CONFIG_FILE = "/nonexistent/chaincheck/config";
  process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/chaincheck/credentials";
});
afterAll(() => {
  for (const [v, value] of saved) {
    if (value === undefined) delete process.env[v];
    else process.env[v] = value;
  }
});

async function resolved(extra: object) {
  const client = new STSClient({ region: "us-east-1", endpoint: "http://127.0.0.1:1", ...extra });
  const config = client.config as unknown as Record<string, unknown>;
  const value = async (key: string) => {
    const v = config[key];
    return typeof v === "function" ? await v() : v;
  };
  return {
    retryMode: await value("retryMode"),
    userAgentAppId: (await value("userAgentAppId")) || undefined,
    maxAttempts: await value("maxAttempts"),
    defaultsMode: await value("defaultsMode"),
  };
}

describe("endpointClientConfig", () => {
  test("for an endpoint: path-style S3 and the SDK's own defaults, resolved as the SDK resolves them unset", async () => {
    const config = endpointClientConfig("http://127.0.0.1:4566");
    expect(config).toEqual({
      forcePathStyle: true,
      defaultsMode: "legacy",
      retryMode: "standard",
      userAgentAppId: "",
    });
    expect(await resolved(config)).toEqual(await resolved({}));
  });

  test("for real AWS (no endpoint): nothing, so the user's environment and profile apply", () => {
    expect(endpointClientConfig(undefined)).toEqual({});
  });
});
