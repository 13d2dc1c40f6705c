/** What every target hands the runner: where the APIs are, as whom, the chain, and what it proves. */
import type { ChainConfig } from "../../config/chain-config.ts";
import type { BReader, TargetName } from "../../config/harness-config.ts";
import type { ClientSettings } from "../chain/context.ts";
import type { Origin } from "../chain/runner.ts";

export interface OpenTarget {
  target: TargetName;
  origin: Origin;
  config: ChainConfig;
  endpoint?: string;
  testerCredentials: ClientSettings["credentials"];
  /** A reader in B for diagnosis (embedded: the setup's B:admin user, when it has one). */
  readerBCredentials?: ClientSettings["credentials"];
  /** Else a configured reader in B (config/harness-config.ts: a profile or a role to assume). */
  bReader?: BReader;
  /** What the run can and cannot prove here (carried into the report's `notes`). */
  notes: string[];
  close(): Promise<void>;
}

/** What the CLI hears while a target opens. */
export interface TargetHooks {
  /** One-time work is starting (the embedded target's first run builds the SQL template): what it
   *  is and about how long it takes, as one sentence for the console and the progress line. */
  oneTimeWork?(sentence: string): void;
}

/** A target the harness cannot use here (LocalStack without Docker, …): exit 3, one sentence. */
export class TargetUnavailableError extends Error {
  override name = "TargetUnavailableError";
}
