/**
 * POST a JSON document to a webhook with a timeout per attempt and a few retries: a network error,
 * a timeout, 429 or a 5xx is tried again (after 0.5 s, then 1 s); any other answer is final. The
 * result is a value, never a throw: a notification that cannot be delivered is the caller's warning
 * line, never a change of the run's verdict or exit code.
 *
 * Known gaps: no proxy support beyond what Node's fetch does; a `Retry-After` header is not read.
 */
export interface PostOptions {
  /** Per attempt, in milliseconds. */
  timeoutMs: number;
  attempts?: number;
  /** Waits before the 2nd, 3rd … attempt, in milliseconds. */
  backoffMs?: number[];
}

export interface PostResult {
  ok: boolean;
  attempts: number;
  /** "HTTP 200", "HTTP 500", "timed out after 5 s", "connection refused" … of the last attempt. */
  outcome: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function failure(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `timed out after ${timeoutMs / 1000} s`;
  const code = e.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  return code ? `${code}: ${e.cause?.message ?? e.message}` : e.message;
}

export async function postJson(url: string, body: object, options: PostOptions): Promise<PostResult> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? [500, 1000];
  let outcome = "not sent";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoff[Math.min(attempt - 2, backoff.length - 1)] ?? 0);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "chaincheck" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: "error",
      });
      await response.arrayBuffer().catch(() => undefined);
      outcome = `HTTP ${response.status}`;
      if (response.ok) return { ok: true, attempts: attempt, outcome };
      if (response.status !== 429 && response.status < 500) return { ok: false, attempts: attempt, outcome };
    } catch (error) {
      outcome = failure(error, options.timeoutMs);
    }
  }
  return { ok: false, attempts, outcome };
}
