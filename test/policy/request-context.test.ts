import { describe, expect, it } from "vitest";
import { buildRequestContext } from "../../policy/index.ts";
import { alice, LAMBDA_ROLE, lambdaSession, redshiftService } from "./seed-world.ts";

const NOW = new Date("2025-01-02T03:04:05.678Z");

describe("buildRequestContext", () => {
  it("sets aws:PrincipalArn to the role ARN, not the session ARN, for an assumed-role session", () => {
    const ctx = buildRequestContext(lambdaSession, {}, NOW);
    expect(ctx["aws:PrincipalArn"]).toBe(LAMBDA_ROLE);
    expect(ctx["aws:PrincipalType"]).toBe("AssumedRole");
    expect(ctx["aws:userid"]).toBe("AROAAAAAAAAAAAAAAAAA1:chaincheck-fn");
    expect(ctx["aws:PrincipalAccount"]).toBe("111111111111");
    expect(ctx["aws:PrincipalTag/team"]).toBe("data");
  });

  it("omits aws:username and aws:MultiFactorAuthPresent for a role session", () => {
    const ctx = buildRequestContext(lambdaSession, {}, NOW);
    expect("aws:username" in ctx).toBe(false);
    expect("aws:MultiFactorAuthPresent" in ctx).toBe(false);
  });

  it("sets aws:username and PrincipalType User for an IAM user", () => {
    const ctx = buildRequestContext(alice, {}, NOW);
    expect(ctx["aws:username"]).toBe("alice");
    expect(ctx["aws:PrincipalType"]).toBe("User");
    expect(ctx["aws:PrincipalArn"]).toBe(alice.arn);
  });

  it("sets PrincipalType Account for the root user", () => {
    const root = {
      arn: "arn:aws:iam::111111111111:root",
      account: "111111111111",
      kind: "root" as const,
      userId: "111111111111",
    };
    expect(buildRequestContext(root, {}, NOW)["aws:PrincipalType"]).toBe("Account");
  });

  it("sets the service keys and no account keys for a service principal", () => {
    const ctx = buildRequestContext(redshiftService, {}, NOW);
    expect(ctx["aws:PrincipalIsAWSService"]).toBe("true");
    expect(ctx["aws:PrincipalServiceName"]).toBe("redshift.amazonaws.com");
    expect("aws:PrincipalArn" in ctx).toBe(false);
  });

  it("sets the time keys from the given clock without milliseconds", () => {
    const ctx = buildRequestContext(alice, {}, NOW);
    expect(ctx["aws:CurrentTime"]).toBe("2025-01-02T03:04:05Z");
    expect(ctx["aws:EpochTime"]).toBe("1735787045");
    expect(ctx["aws:SecureTransport"]).toBe("true");
  });

  it("lets extra keys add service keys, override defaults and remove keys", () => {
    const ctx = buildRequestContext(
      alice,
      { "sts:ExternalId": "x", "aws:SecureTransport": "false", "aws:ViaAWSService": undefined },
      NOW,
    );
    expect(ctx["sts:ExternalId"]).toBe("x");
    expect(ctx["aws:SecureTransport"]).toBe("false");
    expect("aws:ViaAWSService" in ctx).toBe(false);
  });
});
