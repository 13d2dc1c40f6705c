/**
 * The harness's retry policy for every SDK client it builds for the chain: retry transient faults
 * only — throttling (HTTP 429 or a throttling error code), server faults (5xx except 501) and
 * dropped connections (ECONNRESET, EPIPE, ETIMEDOUT, socket timeouts) — with bounded, jittered
 * exponential backoff; never a denial or any other client error. The SDK's own standard strategy
 * is close, but it also retries refused connections and (through clock-skew correction)
 * `AccessDeniedException`, and leaves 5xx codes other than 500/502/503/504 alone; a chain check must
 * say "denied" on the first answer and must not wait on a target that is not there.
 *
 * What happened is recorded by the SDK on every output and error (`$metadata.attempts`), which the
 * call recorder turns into `retries` on the report's call record (helpers/aws/call-recorder.ts).
 *
 * Known gaps: the diagnosis reads (helpers/diagnosis/) and the probe invocation build their own
 * clients and keep the SDK's default strategy; a `Retry-After` hint is honoured up to `capMs` only.
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";

export interface RetryPolicyOptions {
  /** Attempts in all, the first included (3 = up to two retries). */
  maxAttempts?: number;
  /** First backoff; doubles per retry (throttling starts at 4× this). */
  baseDelayMs?: number;
  /** No single wait is longer than this. */
  capMs?: number;
  /** [0, 1) — injectable so tests can pin the jitter. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY = { maxAttempts: 3, baseDelayMs: 100, capMs: 2000 } as const;

// A denial is an answer, not a fault: never retried whatever status a target wraps it in.
const DENIAL =
  /AccessDenied|NotAuthorized|Unauthorized|Forbidden|InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch|UnrecognizedClient/i;
// Node's codes for a connection that was established (or being used) and then dropped.
const CONNECTION_DROPPED = ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED"];
const TIMEOUTS = ["TimeoutError", "RequestTimeout", "RequestTimeoutException"];

interface ErrorLike {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/** Why an error may be retried ("throttling", "server", "connection"), or undefined: do not retry. */
export function transientKind(error: unknown, errorType?: RetryErrorInfo["errorType"]): string | undefined {
  const e = (error ?? {}) as ErrorLike;
  const status = e.$metadata?.httpStatusCode;
  if (DENIAL.test(e.name ?? "") || status === 401 || status === 403) return undefined;
  if (errorType === "THROTTLING" || status === 429) return "throttling";
  // 501 is "not implemented" (a target gap): the same answer every time.
  if (status !== undefined && status >= 500 && status <= 599 && status !== 501) return "server";
  if (CONNECTION_DROPPED.includes(e.code ?? "") || TIMEOUTS.includes(e.name ?? "")) return "connection";
  const cause = e.cause as ErrorLike | undefined;
  if (cause && CONNECTION_DROPPED.includes(cause.code ?? "")) return "connection";
  return undefined;
}

class Token implements RetryToken {
  readonly $retryLog = { acquisitionDelay: 0 };
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

/** A RetryStrategyV2 for the SDK's retry middleware; the middleware sleeps `getRetryDelay()`. */
export class TransientOnlyRetryStrategy implements RetryStrategyV2 {
  readonly mode = "standard";
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly capMs: number;
  private readonly random: () => number;

  constructor(options: RetryPolicyOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts;
    this.baseDelayMs = options.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs;
    this.capMs = options.capMs ?? DEFAULT_RETRY_POLICY.capMs;
    this.random = options.random ?? Math.random;
  }

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const kind = transientKind(info.error, info.errorType);
    const retries = token.getRetryCount();
    // Throwing refuses the retry; the middleware then rethrows the original error.
    if (!kind || retries + 1 >= this.maxAttempts) throw new Error("no retry");
    const base = kind === "throttling" ? this.baseDelayMs * 4 : this.baseDelayMs;
    const ceiling = Math.min(this.capMs, base * 2 ** retries);
    // "Equal jitter": at least half the ceiling, so retries never hammer a throttled API.
    let delay = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    if (info.retryAfterHint)
      delay = Math.max(delay, Math.min(this.capMs, info.retryAfterHint.getTime() - Date.now()));
    return new Token(retries + 1, delay);
  }

  recordSuccess(): void {}
}

/** What every chain client gets: `maxAttempts` and the strategy (spread into the client config). */
export function retrySettings(options: RetryPolicyOptions = {}): {
  maxAttempts: number;
  retryStrategy: RetryStrategyV2;
} {
  const strategy = new TransientOnlyRetryStrategy(options);
  return { maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts, retryStrategy: strategy };
}
