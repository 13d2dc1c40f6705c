/**
 * The log of one invocation as Lambda writes it to CloudWatch (text format) and returns the tail of
 * with `LogType: Tail` (the last 4 KB, base64, in `X-Amz-Log-Result`):
 *
 *   START RequestId: <id> Version: $LATEST
 *   <ISO>\t<id>\tINFO\t<console output>
 *   END RequestId: <id>
 *   REPORT RequestId: <id>\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 150.00 ms\t
 *   <ISO> <id> Task timed out after 1.00 seconds        (timeouts only)
 *
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_ResponseSyntax
 */

const TAIL_BYTES = 4 * 1024;

export class InvocationLog {
  private readonly lines: string[];

  constructor(
    private readonly requestId: string,
    private readonly memorySize: number,
  ) {
    this.lines = [`START RequestId: ${requestId} Version: $LATEST`];
  }

  add = (line: string): void => {
    this.lines.push(line);
  };

  finish(report: {
    durationMs: number;
    maxMemoryMb?: number;
    initDurationMs?: number;
    timedOut?: number;
  }): void {
    const fields = [
      `Duration: ${report.durationMs.toFixed(2)} ms`,
      `Billed Duration: ${Math.max(1, Math.ceil(report.durationMs + (report.initDurationMs ?? 0)))} ms`,
      `Memory Size: ${this.memorySize} MB`,
      `Max Memory Used: ${report.maxMemoryMb ?? Math.min(this.memorySize, 64)} MB`,
      ...(report.initDurationMs !== undefined
        ? [`Init Duration: ${report.initDurationMs.toFixed(2)} ms`]
        : []),
      ...(report.timedOut !== undefined ? ["Status: timeout"] : []),
    ];
    this.lines.push(`END RequestId: ${this.requestId}`);
    this.lines.push(`REPORT RequestId: ${this.requestId}\t${fields.join("\t")}\t`);
    if (report.timedOut !== undefined) {
      this.lines.push(
        `${new Date().toISOString()} ${this.requestId} Task timed out after ${timedOutSeconds(report.timedOut)} seconds`,
      );
    }
  }

  text(): string {
    return `${this.lines.join("\n")}\n`;
  }

  /** The last 4 KB of the log, base64 (the `X-Amz-Log-Result` header). */
  tail(): string {
    const bytes = Buffer.from(this.text(), "utf8");
    return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString("base64");
  }
}

/** Lambda reports the elapsed time with two decimals, never less than the configured timeout. */
export function timedOutSeconds(elapsedMs: number): string {
  return (Math.floor(elapsedMs / 10) / 100).toFixed(2);
}
