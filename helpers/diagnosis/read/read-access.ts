/**
 * What the harness may read to narrow a diagnosis, and a uniform way to try a read: a denied or
 * unimplemented read becomes "could not read (code); needs <permission>", never an exception and
 * never a failure of the setup.
 *
 * Readers: the tester in A (iam:GetRole, iam:SimulatePrincipalPolicy, s3:GetBucketPolicy); a reader
 * in B when one is configured — explicit credentials (the embedded target's `B:admin`), else the
 * harness config's `bReader` (config/harness-config.ts: a profile, or a role the tester assumes); and, with
 * the local origin, B's role session from link 2 (for DescribeClusters and load-error queries).
 *
 * Known gaps: a B read role is assumed without ExternalId or MFA.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { BReader } from "../../../config/harness-config.ts";
import { type EndpointClientConfig, endpointClientConfig } from "../../aws/endpoint-client-config.ts";
import type { ClientSettings } from "../../chain/context.ts";

export interface ReaderSettings extends EndpointClientConfig {
  region: string;
  endpoint?: string;
  credentials?: ClientSettings["credentials"];
  profile?: string;
}

export interface ReadAccess {
  region: string;
  /** The harness's identity in A. */
  tester: ReaderSettings;
  /** A reader in B, if configured. */
  readerB?: ReaderSettings;
  /** B's role session from link 2 (local origin only). */
  bRoleSession?: ReaderSettings;
}

export type ReadResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** The AWS error's name, for decisions; `why` is for people. */
      code: string;
      why: string;
      /** The read was refused as a denial (AccessDenied…): a resource policy's Deny may refuse the reader too. */
      denied: boolean;
    };

/** AWS's names for "you may not" across the services the diagnosis reads. */
const DENIAL = /^(AccessDenied|AccessDeniedException|Forbidden|UnauthorizedOperation)$/;

/** Run a read; on any AWS error say which permission it needed, without the error's internals. */
export async function tryRead<T>(permission: string, read: () => Promise<T>): Promise<ReadResult<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    const code = e.name ?? "Error";
    const why =
      e.$metadata?.httpStatusCode === 501
        ? `the target does not implement the read (${permission})`
        : `could not read (${code}): needs ${permission}`;
    return { ok: false, code, why, denied: DENIAL.test(code) };
  }
}

export interface ReadAccessOptions {
  region: string;
  endpoint?: string;
  testerCredentials: ClientSettings["credentials"];
  readerBCredentials?: ClientSettings["credentials"];
  bRoleCredentials?: AwsCredentialIdentity;
  bReader?: BReader;
}

export async function readAccess(o: ReadAccessOptions): Promise<ReadAccess> {
  const base = { region: o.region, endpoint: o.endpoint, ...endpointClientConfig(o.endpoint) };
  const tester: ReaderSettings = { ...base, credentials: o.testerCredentials };
  let readerB: ReaderSettings | undefined;
  if (o.readerBCredentials) readerB = { ...base, credentials: o.readerBCredentials };
  else if (o.bReader && "profile" in o.bReader) readerB = { ...base, profile: o.bReader.profile };
  else if (o.bReader) {
    const roleArn = o.bReader.roleArn;
    const assumed = await tryRead(`sts:AssumeRole on ${roleArn}`, () =>
      new STSClient(tester).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "chaincheck-reader" }),
      ),
    );
    const c = assumed.ok ? assumed.value.Credentials : undefined;
    if (c?.AccessKeyId && c.SecretAccessKey)
      readerB = {
        ...base,
        credentials: {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
        },
      };
  }
  const bRoleSession = o.bRoleCredentials ? { ...base, credentials: o.bRoleCredentials } : undefined;
  return { region: o.region, tester, readerB, bRoleSession };
}

/** How to give the harness B read access, for "which read would settle it" messages. */
export const B_READ_HINT =
  "give the harness a reader in B (CHAINCHECK_B_READ_PROFILE or CHAINCHECK_B_READ_ROLE_ARN)";
