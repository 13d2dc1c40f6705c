/**
 * What a link implementation receives: the resolved chain config, how to build SDK clients for the
 * target, the identities it may use, and what earlier links produced.
 */
import type { AwsCredentialIdentity, RetryStrategyV2 } from "@smithy/types";
import type { ChainConfig } from "../../config/chain-config.ts";
import type { CallRecorder } from "../aws/call-recorder.ts";
import type { EndpointClientConfig } from "../aws/endpoint-client-config.ts";
import type { ReaderSettings } from "../diagnosis/read/read-access.ts";
import type { CheckResult, ControlResult, LinkError } from "../report/types.ts";

export interface ClientSettings extends EndpointClientConfig {
  region: string;
  endpoint?: string;
  /** Undefined: the SDK's standard provider chain (env, profile, SSO, web identity). */
  credentials?: AwsCredentialIdentity | (() => Promise<AwsCredentialIdentity>);
  /** Transient faults only, bounded (helpers/aws/retry-policy.ts). */
  maxAttempts?: number;
  retryStrategy?: RetryStrategyV2;
}

export interface ChainState {
  /** Credentials of the origin identity in A (the Lambda's execution-role session). */
  originCredentials?: AwsCredentialIdentity;
  /** Credentials of B's role session after link 2. */
  bRoleCredentials?: AwsCredentialIdentity;
  /** The execution role the function really runs as (from GetFunctionConfiguration). */
  lambdaRoleArn?: string;
  redshiftQueryId?: number;
}

export interface LinkContext {
  config: ChainConfig;
  /** Where the calls go (`aws`, `endpoint`, …): decides whether negative controls run and whether a
   *  statement stuck past the timeout is the target's fault. */
  target: string;
  /** How long a statement may run before it is cancelled (default 120 s). */
  statementTimeoutMs?: number;
  /** A reader in B on targets other than AWS and the embedded emulator: a denial the setup's own
   *  policy does not make is the target's fault (helpers/chain/broad-policy.ts). */
  policyReader?: ReaderSettings;
  /** The check of such a denial against B's policies (broad-policy.ts `deniedDespitePolicy`), passed
   *  in by the harness with the reader: the probe, which has no reader, carries neither. */
  deniedDespitePolicy?: (config: ChainConfig, readerB: ReaderSettings) => Promise<string | undefined>;
  /** SDK settings for a client acting as `who`: the harness's own tester in A, or the chain's identities. */
  clientSettings(credentials: ClientSettings["credentials"]): ClientSettings;
  /** The harness's own identity in account A (reads IAM, simulates, starts the local origin). */
  testerCredentials: ClientSettings["credentials"];
  state: ChainState;
  recorder: CallRecorder;
  checks: CheckResult[];
  /** Run the negative control whatever the target (`chaincheck record` on `aws`). */
  controls?: boolean;
  /** The link's negative control, when it ran one (helpers/chain/negative-control.ts). */
  control?: ControlResult;
}

/** How a link ended: pass/fail/error with the AWS error that decided it, if any. */
export interface LinkOutcome {
  status: "pass" | "fail" | "error" | "skipped";
  error?: LinkError;
  note?: string;
}

export type LinkRunner = (ctx: LinkContext) => Promise<LinkOutcome>;
