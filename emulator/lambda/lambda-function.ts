/**
 * A Lambda function as the emulator keeps it, and its `FunctionConfiguration` as Lambda renders it
 * (GetFunctionConfiguration, GetFunction's `Configuration`, ListFunctions' items, the responses of
 * CreateFunction and Update*).
 * https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html
 *
 * Only `$LATEST` exists (no versions or aliases). Creation and updates complete at once, but the
 * responses of CreateFunction / Update* show the transitional state Lambda reports (`Pending`,
 * `InProgress`) so callers that wait for `Active`/`Successful` work unchanged; reads show the end state.
 */
import { createHash, randomUUID } from "node:crypto";
import { type LoggingSettings, renderLogging } from "./logging-snapstart.ts";

/** Where the handler code lives. `probe` resolves to the path given to startEmulator at Invoke. */
export type FunctionCode =
  | { kind: "zip"; root: string; sha256: string; size: number }
  | { kind: "file"; path: string; sha256: string; size: number }
  | { kind: "inline"; root: string; sha256: string; size: number }
  | { kind: "probe"; sha256: string; size: number };

export interface LambdaFunction {
  account: string;
  region: string;
  name: string;
  arn: string;
  role: string;
  runtime: string;
  handler: string;
  description: string;
  timeout: number;
  memorySize: number;
  environment: Record<string, string>;
  /** An `Environment` was sent, even an empty one: Lambda then shows `Environment: { Variables: {} }`. */
  environmentSet?: boolean;
  code: FunctionCode;
  logging?: LoggingSettings;
  snapStartApplyOn?: string;
  tags: Record<string, string>;
  vpc?: { subnetIds: string[]; securityGroupIds: string[] };
  lastModified: Date;
  /** Changes on every update; warm execution environments of an older revision are retired. */
  revisionId: string;
  /** Code, handler, runtime or environment came over the wire (CreateFunction, Update*), not from
   *  the setup: such a function runs only when the runtime allows wire code (lambda-runtime.ts). */
  fromWire?: boolean;
}

export type Transition = "create" | "update" | undefined;

export function functionArnOf(region: string, account: string, name: string): string {
  return `arn:aws:lambda:${region}:${account}:function:${name}`;
}

export function newRevisionId(): string {
  return randomUUID();
}

/** Lambda's LastModified format: ISO 8601 with milliseconds and a +0000 offset. */
export function lambdaTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+0000");
}

export function functionConfiguration(fn: LambdaFunction, transition?: Transition): Record<string, unknown> {
  const state =
    transition === "create"
      ? { State: "Pending", StateReason: "The function is being created.", StateReasonCode: "Creating" }
      : { State: "Active" };
  const update =
    transition === "update"
      ? {
          LastUpdateStatus: "InProgress",
          // As every recorded UpdateFunctionConfiguration answer says (test/parity/recorded/).
          LastUpdateStatusReason: "The function is being created.",
          LastUpdateStatusReasonCode: "Creating",
        }
      : transition === "create"
        ? {}
        : { LastUpdateStatus: "Successful" };
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: fn.code.size,
    Description: fn.description,
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTimestamp(fn.lastModified),
    CodeSha256: fn.code.sha256,
    Version: "$LATEST",
    ...(fn.vpc
      ? { VpcConfig: { SubnetIds: fn.vpc.subnetIds, SecurityGroupIds: fn.vpc.securityGroupIds, VpcId: "" } }
      : {}),
    ...(Object.keys(fn.environment).length > 0 || fn.environmentSet
      ? { Environment: { Variables: fn.environment } }
      : {}),
    TracingConfig: { Mode: "PassThrough" },
    // The transitional answer carries the revision of the Pending/InProgress state; Lambda gives the
    // function another when it turns Active/Successful, as every recorded create-then-read shows.
    RevisionId: transition ? newRevisionId() : fn.revisionId,
    ...state,
    ...update,
    PackageType: "Zip",
    Architectures: ["x86_64"],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: fn.snapStartApplyOn ?? "None", OptimizationStatus: "Off" },
    LoggingConfig: renderLogging(fn.name, fn.logging),
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(fn) },
  };
}

/** The managed runtime's version ARN; its id is a digest of the runtime name [I] (AWS's ids are opaque). */
function runtimeVersionArn(fn: LambdaFunction): string {
  const id = createHash("sha256").update(fn.runtime).digest("hex");
  return `arn:aws:lambda:${fn.region}::runtime:${id}`;
}
