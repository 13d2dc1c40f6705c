/**
 * What the recordings' account had: an administrator calling in 111111111111, and a role Lambda
 * can assume (the recorded tests' execution role).
 */
import type { SetupInput } from "../../../emulator/index.ts";
import { ACCOUNT } from "./parity-run.ts";

export const PARITY_ADMIN = `${ACCOUNT}:parity-admin`;
export const LAMBDA_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/parity-lambda-role`;

export const paritySetup: SetupInput = {
  seed: "chaincheck-parity",
  accounts: [{ id: ACCOUNT, alias: "parity", name: "Recorded account" }],
  users: [
    {
      account: ACCOUNT,
      name: "parity-admin",
      attachedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      accessKeys: [
        { accessKeyId: "AKIAPARITYADMIN00001", secretAccessKey: "parity-admin-secret-not-a-real-key" },
      ],
    },
  ],
  roles: [
    {
      account: ACCOUNT,
      name: "parity-lambda-role",
      trustPolicy: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      },
      attachedPolicies: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
    },
  ],
};
