/**
 * A call recorder that also keeps each answer, for `chaincheck record`: the SDK v3 output or error
 * in the shape the recorded corpus (test/parity/recorded/) holds — boto3's: the output's members
 * with `ResponseMetadata`, an error as `{ Error: { Code, Message }, ResponseMetadata }` — under a
 * name per call, `<link>/<service>:<Operation>`, `#2`, `#3` … for repeats. The Data API's status
 * polls keep one answer per statement (the last), so a recording does not depend on how often the
 * harness polled. Answers are kept as they came (secrets included) in memory only; what is written
 * is normalised and redacted first (helpers/recorder/normalise-answers.ts).
 */
import { CallRecorder } from "../aws/call-recorder.ts";
import type { LinkId } from "../links.ts";

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

/** Answers of one run, in call order, shared by the links' recorders. */
export class RecordedAnswers {
  readonly answers = new Map<string, unknown>();
  readonly operations = new Set<string>();
  private readonly counts = new Map<string, number>();
  private readonly statements = new Map<string, string>();

  /** The recorder for one link (RunChainOptions.recorderFor). */
  recorderFor = (link: LinkId): CallRecorder => new AnswerRecorder(this, link);

  keep(link: LinkId, service: string, operation: string, answer: unknown, statementId?: string): void {
    this.operations.add(`${service}:${operation}`);
    const base = `${link}/${service}:${operation}`;
    const known = statementId === undefined ? undefined : this.statements.get(`${base} ${statementId}`);
    if (known) {
      this.answers.set(known, answer);
      return;
    }
    const n = (this.counts.get(base) ?? 0) + 1;
    this.counts.set(base, n);
    const name = n === 1 ? base : `${base}#${n}`;
    if (statementId !== undefined) this.statements.set(`${base} ${statementId}`, name);
    this.answers.set(name, answer);
  }
}

export function successAnswer(output: unknown): Record<string, unknown> {
  const { $metadata, ...members } = output as { $metadata?: { httpStatusCode?: number } };
  return { ...members, ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: $metadata?.httpStatusCode } };
}

export function errorAnswer(raw: unknown): Record<string, unknown> {
  const e = raw as SdkError;
  return {
    Error: { Code: e.name ?? "Error", Message: e.message ?? String(raw) },
    ResponseMetadata: {
      HTTPHeaders: {},
      HTTPStatusCode: e.$metadata?.httpStatusCode ?? e.$response?.statusCode,
    },
  };
}

const POLLS = new Set(["redshift-data:DescribeStatement"]);

class AnswerRecorder extends CallRecorder {
  constructor(
    private readonly store: RecordedAnswers,
    private readonly link: LinkId,
  ) {
    super();
  }

  override async call<T extends { $metadata?: { httpStatusCode?: number } }>(
    service: string,
    operation: string,
    send: () => Promise<T>,
  ): Promise<T> {
    let answer: unknown;
    let statementId: string | undefined;
    const output = await super
      .call(service, operation, async () => {
        try {
          const out = await send();
          answer = successAnswer(out);
          if (POLLS.has(`${service}:${operation}`)) statementId = (out as { Id?: string }).Id;
          return out;
        } catch (error) {
          answer = errorAnswer(error);
          throw error;
        }
      })
      .finally(() => {
        if (answer !== undefined) this.store.keep(this.link, service, operation, answer, statementId);
      });
    return output;
  }
}
