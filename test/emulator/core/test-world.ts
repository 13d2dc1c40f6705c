import { AwsError } from "../../../emulator/core/errors.ts";
import type {
  AuthorizeInput,
  Caller,
  CredentialRecord,
  DecisionLogEntry,
  DecisionRecord,
  ServiceDefinition,
  WorldPort,
} from "../../../emulator/core/types.ts";
import type { EvaluationResult } from "../../../policy/types.ts";

export const ALICE_KEY = "AKIAALICEEXAMPLE0001";
export const ALICE_SECRET = "alice/secret/0000000000000000000000000000";
export const SESSION_KEY = "ASIASESSIONEXAMPLE01";
export const SESSION_SECRET = "session/secret/000000000000000000000000000";
export const SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//session";
export const EXPIRED_KEY = "ASIAEXPIREDEXAMPLE01";
export const EXPIRED_SECRET = "expired/secret/000000000000000000000000000";
export const EXPIRED_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//expired";

export const aliceCredentials = { accessKeyId: ALICE_KEY, secretAccessKey: ALICE_SECRET };
export const sessionCredentials = {
  accessKeyId: SESSION_KEY,
  secretAccessKey: SESSION_SECRET,
  sessionToken: SESSION_TOKEN,
};
export const expiredCredentials = {
  accessKeyId: EXPIRED_KEY,
  secretAccessKey: EXPIRED_SECRET,
  sessionToken: EXPIRED_TOKEN,
};

const alice: Caller = {
  accessKeyId: ALICE_KEY,
  account: "111111111111",
  arn: "arn:aws:iam::111111111111:user/alice",
  kind: "user",
  userId: "AIDAALICEEXAMPLE00001",
  username: "alice",
  tags: {},
  temporary: false,
};

const session: Caller = {
  accessKeyId: SESSION_KEY,
  account: "222222222222",
  arn: "arn:aws:sts::222222222222:assumed-role/R/probe",
  kind: "assumed-role",
  userId: "AROAROLEEXAMPLE000001:probe",
  roleArn: "arn:aws:iam::222222222222:role/R",
  roleName: "R",
  sessionName: "probe",
  tags: {},
  temporary: true,
};

export interface TestWorld extends WorldPort {
  decisions: DecisionLogEntry[];
  /** Actions denied to every caller (implicit deny). */
  denied: Set<string>;
}

export function createTestWorld(): TestWorld {
  const records: CredentialRecord[] = [
    { accessKeyId: ALICE_KEY, secretAccessKey: ALICE_SECRET, caller: alice },
    {
      accessKeyId: SESSION_KEY,
      secretAccessKey: SESSION_SECRET,
      sessionToken: SESSION_TOKEN,
      expiration: new Date(Date.now() + 3600_000),
      caller: session,
    },
    {
      accessKeyId: EXPIRED_KEY,
      secretAccessKey: EXPIRED_SECRET,
      sessionToken: EXPIRED_TOKEN,
      expiration: new Date(Date.now() - 60_000),
      caller: { ...session, accessKeyId: EXPIRED_KEY },
    },
  ];
  const decisions: DecisionLogEntry[] = [];
  const denied = new Set<string>();
  return {
    decisions,
    denied,
    findCredential: (akid) => records.find((r) => r.accessKeyId === akid),
    check(caller: Caller, request: AuthorizeInput, record?: DecisionRecord): EvaluationResult {
      const result: EvaluationResult = denied.has(request.action)
        ? { decision: "ImplicitDeny", trace: [], missing: ["identity"] }
        : {
            decision: "Allow",
            trace: [{ policyType: "identity", policyName: "test/allow-all", effect: "Allow" }],
          };
      if (record) {
        decisions.push({
          requestId: record.requestId,
          time: (record.time ?? new Date()).toISOString(),
          callerArn: caller.arn,
          action: request.action,
          resource: request.resource,
          result,
        });
      }
      return result;
    },
    listDecisions: () => decisions,
  };
}

export function accessDeniedAs(code: string, status = 403): ServiceDefinition["accessDenied"] {
  return (message) => new AwsError(code, message, { status });
}
