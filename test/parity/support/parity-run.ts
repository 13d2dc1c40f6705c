/**
 * One replay of a recorded case against the embedded emulator: the SDK v3 clients of the
 * recording's account (111111111111, an administrator, us-east-1), unique names, and `match`,
 * which turns an SDK v3 answer into the shape the recording holds (boto3's: `ResponseMetadata`,
 * errors as `{ Error: { Code, Message, … }, … }`, IAM policy documents decoded) and keeps it for
 * the comparison.
 *
 * Known gaps: a recorded empty `Body` is taken as not captured; boto3 and SDK v3 differ in a few places the comparison cannot see through: a HEAD
 * error has no body, so only its status is compared; error members the SDK does not surface are
 * missing on our side.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { STSClient } from "@aws-sdk/client-sts";
import type { RunningEmulator, StaticCredentials } from "../../../emulator/index.ts";

export const ACCOUNT = "111111111111";
export const REGION = "us-east-1";

/** A step called an operation the emulator does not implement: the case is not applicable. */
export class NotImplementedStep extends Error {}

const POLICY_MEMBERS = new Set(["AssumeRolePolicyDocument", "PolicyDocument", "Document"]);

function decodePolicies(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodePolicies);
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (POLICY_MEMBERS.has(k) && typeof v === "string") {
      try {
        out[k] = JSON.parse(decodeURIComponent(v));
      } catch {
        out[k] = v;
      }
    } else out[k] = decodePolicies(v);
  }
  return out;
}

interface SdkError {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
  [member: string]: unknown;
}

function successShape(output: unknown): Record<string, unknown> {
  const { $metadata, ...members } = output as { $metadata?: { httpStatusCode?: number } };
  return { ...members, ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: $metadata?.httpStatusCode } };
}

function errorShape(error: SdkError, recorded: unknown): Record<string, unknown> {
  const status = error.$metadata?.httpStatusCode;
  const rec = (recorded ?? {}) as { Error?: Record<string, unknown> } & Record<string, unknown>;
  const recError = rec.Error ?? {};
  const bodiless = recError.Code === String(status);
  const body: Record<string, unknown> = bodiless
    ? { ...recError }
    : { Code: error.Code ?? error.name, Message: error.message };
  if (!bodiless) {
    for (const key of Object.keys(recError)) if (!(key in body)) body[key] = error[key];
  }
  const shape: Record<string, unknown> = {
    Error: body,
    ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: status },
  };
  // boto3 repeats the body's message member (`message` or `Message`) next to `Error`; SDK v3 keeps it as `message`.
  // boto3 also fills the operation's output members it found nowhere with None (GetBucketLocation's).
  for (const key of Object.keys(rec)) {
    if (!(key in shape))
      shape[key] =
        error[key] ?? (/^message$/i.test(key) ? error.message : rec[key] === null ? null : undefined);
  }
  return shape;
}

export interface ParityClients {
  sts: STSClient;
  iam: IAMClient;
  kms: KMSClient;
  s3: S3Client;
  lambda: LambdaClient;
  secrets: SecretsManagerClient;
}

export function parityClients(
  emu: RunningEmulator,
  credentials: StaticCredentials,
  region = REGION,
): ParityClients {
  const base = { endpoint: emu.endpoint, region, credentials, maxAttempts: 1 };
  return {
    sts: new STSClient(base),
    iam: new IAMClient(base),
    kms: new KMSClient(base),
    // boto3 follows S3's region redirects; SDK v3 does when asked.
    s3: new S3Client({ ...base, forcePathStyle: true, followRegionRedirects: true }),
    lambda: new LambdaClient(base),
    secrets: new SecretsManagerClient(base),
  };
}

let counter = 0;

export class ParityRun {
  readonly account = ACCOUNT;
  readonly region = REGION;
  readonly answers = new Map<string, unknown>();

  constructor(
    readonly clients: ParityClients,
    private readonly recorded: Record<string, unknown>,
    /** The same caller's clients for another region. */
    readonly clientsIn: (region: string) => ParityClients = () => clients,
  ) {}

  /** A name no other replay uses, with an 8-character suffix as the recorded tests used (`role-1a2b3c4d`). */
  name(prefix: string): string {
    counter += 1;
    return `${prefix}-${(process.pid % 1296).toString(36).padStart(2, "0")}${counter.toString(36).padStart(6, "0")}`;
  }

  /** Keeps a value the test itself computed under the recording's name. */
  keep(snapshot: string, value: unknown): void {
    this.answers.set(snapshot, value);
  }

  /**
   * Runs one call and keeps its answer under the recording's name; `shape` rewraps a success the
   * way the recorded test did. Returns the SDK output, or undefined when the call failed.
   */
  async match<T>(
    snapshot: string,
    call: Promise<T>,
    shape: (answer: Record<string, unknown>) => unknown = (a) => a,
  ): Promise<T | undefined> {
    try {
      const output = await call;
      const answer = decodePolicies(successShape(output)) as Record<string, unknown>;
      const body = answer.Body as { transformToString?: () => Promise<string> } | undefined;
      if (body?.transformToString) {
        const text = await body.transformToString();
        // Some recordings keep an empty Body for a stream the test read afterwards: not captured.
        const recorded = (this.recorded[snapshot] as { Body?: unknown } | undefined)?.Body;
        answer.Body = recorded === "" ? "" : text;
      }
      this.answers.set(snapshot, shape(answer));
      return output;
    } catch (error) {
      const e = error as SdkError;
      if (e.$metadata?.httpStatusCode === 501 && !this.recordedNotImplemented(snapshot)) {
        throw new NotImplementedStep(e.message);
      }
      if (!e.$metadata) throw error;
      this.answers.set(snapshot, errorShape(e, this.recorded[snapshot]));
      return undefined;
    }
  }

  /** AWS itself answered 501 NotImplemented here (an unsupported header value): the emulator's 501 is compared, not counted as a gap. */
  private recordedNotImplemented(snapshot: string): boolean {
    const recorded = this.recorded[snapshot] as { Error?: { Code?: unknown } } | undefined;
    return recorded?.Error?.Code === "NotImplemented";
  }

  /** Keeps a failure the way boto3 prints it, as tests that recorded `str(error)` did. */
  async matchErrorText(snapshot: string, operation: string, call: Promise<unknown>): Promise<void> {
    try {
      await this.call(call);
      this.answers.set(snapshot, "(no error)");
    } catch (error) {
      if (error instanceof NotImplementedStep) throw error;
      const e = error as SdkError;
      this.answers.set(
        snapshot,
        `An error occurred (${e.name}) when calling the ${operation} operation: ${e.message}`,
      );
    }
  }

  /** A call the recorded test made without keeping its answer; an unimplemented one still counts. */
  async call<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      const e = error as SdkError;
      if (e.$metadata?.httpStatusCode === 501) {
        throw new NotImplementedStep(e.message);
      }
      throw error;
    }
  }
}
