import { fileURLToPath } from "node:url";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { clientFor } from "../../support/clients.ts";
import { A, LAMBDA_ROLE_ARN, REGION } from "../../support/constants.ts";
import { type Layer, seedWith } from "../../support/emulator-fixture.ts";
import { policyDocument } from "../../support/policy-layers.ts";

export const NOT_FOR_LAMBDA_ROLE_ARN = `arn:aws:iam::${A}:role/not-for-lambda`;
export const OTHER_SOURCE_ROLE_ARN = `arn:aws:iam::${A}:role/lambda-for-another-account`;

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/lambda/${name}`, import.meta.url));
export const CALLER_IDENTITY_HANDLER = fixture("caller-identity.ts");

const fileFunction = (name: string, file: string, handler: string, extra: Record<string, unknown> = {}) => ({
  account: A,
  region: REGION,
  name,
  role: LAMBDA_ROLE_ARN,
  handler,
  code: { file: fixture(file) },
  ...extra,
});

export const lambdaSetup: Layer = {
  users: [
    {
      account: A,
      name: "deployer",
      inlinePolicies: [
        {
          name: "lambda-only",
          document: policyDocument({ Effect: "Allow", Action: "lambda:*", Resource: "*" }),
        },
      ],
    },
  ],
  roles: [
    {
      account: A,
      name: "not-for-lambda",
      trustPolicy: policyDocument({
        Effect: "Allow",
        Principal: { Service: "ec2.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    },
    {
      account: A,
      name: "lambda-for-another-account",
      trustPolicy: policyDocument({
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "999999999999" } },
      }),
    },
  ],
  lambdaFunctions: [
    {
      account: A,
      region: REGION,
      name: "probe-with-env",
      role: LAMBDA_ROLE_ARN,
      memorySize: 256,
      environment: { STAGE: "test" },
      code: { probe: true },
    },
    fileFunction("thrower", "throws.mjs", "throws.handler"),
    fileFunction("sleeper", "never-returns.mjs", "never-returns.handler", { timeout: 1 }),
    fileFunction("counter", "counter.cjs", "counter.handler"),
    fileFunction("not-exported", "counter.cjs", "counter.missing"),
  ],
};

/** `probeHandler: null` starts the emulator without one. */
export async function startLambdaEmulator(probeHandler: string | null = CALLER_IDENTITY_HANDLER) {
  return startEmulator({ setup: seedWith(lambdaSetup), probeHandler: probeHandler ?? undefined });
}

export function lambdaClient(emu: RunningEmulator, principal = "A:tester"): LambdaClient {
  return clientFor(LambdaClient, emu, principal, REGION);
}

/** A deployment package with one ESM handler file. */
export function zipWith(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

export const ECHO_HANDLER = [
  "export const handler = async (event, context) => {",
  '  console.log("echo from %s", context.functionName);',
  "  return { event, functionName: context.functionName, greeting: process.env.GREETING ?? null };",
  "};",
].join("\n");

export function decodePayload(payload: Uint8Array | undefined): unknown {
  const text = Buffer.from(payload ?? new Uint8Array()).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}
