/**
 * Who a snapshot reads as: the harness's identity in A (the tester) and the optional reader in B
 * (the same ones the diagnosis uses, helpers/diagnosis/read/read-access.ts), chosen by the account
 * a resource lives in. A resource in a third account, or in B without a reader, is a gap.
 */
import type { ReaderSettings } from "../diagnosis/read/read-access.ts";
import type { GapList } from "./twin-gaps.ts";

export interface TwinReaders {
  region: string;
  accountA: string;
  accountB: string;
  tester: ReaderSettings;
  readerB?: ReaderSettings;
  gaps: GapList;
  /** Choices the twin made that no read could settle (generated users and secret values, …). */
  assumptions: string[];
}

export function accountOfArn(arn: string): string {
  return arn.split(":")[4] ?? "";
}

/** The reader for `account`, or undefined (the caller records the gap). */
export function readerFor(r: TwinReaders, account: string): ReaderSettings | undefined {
  if (account === r.accountA) return r.tester;
  if (account === r.accountB) return r.readerB;
  return undefined;
}

/** Why there is no reader for `account`, for a gap's `why`. */
export function noReaderWhy(r: TwinReaders, account: string): string {
  return account === r.accountB
    ? "no reader in B (CHAINCHECK_B_READ_PROFILE or CHAINCHECK_B_READ_ROLE_ARN)"
    : `no reader in account ${account || "(none)"}`;
}
