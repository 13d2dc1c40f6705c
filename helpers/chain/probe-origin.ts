/**
 * The `lambda-probe` origin, harness side: invoke the probe function with the chain config; it runs
 * links 2–5 inside Lambda with its execution-role credentials and returns their reports
 * (helpers/probe/handler.ts), check ids and facts included, as plain JSON that crosses unchanged
 * (test/helpers/probe/deploy.test.ts). A failed invocation makes those links `error`: the harness could not
 * run them, which says nothing about the setup.
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { AwsCallError, type CallRecorder } from "../aws/call-recorder.ts";
import type { LinkDefinition } from "../links.ts";
import type { LinkReport } from "../report/types.ts";
import type { WalkOptions } from "./walk-links.ts";

export interface ProbeEvent {
  chaincheckProbe: 1;
  config: WalkOptions["config"];
  links: string[];
  /** The target the harness runs against (decides the links' negative controls); older probes ignore it. */
  target?: string;
}

export async function invokeProbe(
  links: readonly LinkDefinition[],
  options: WalkOptions & { recorder: CallRecorder },
): Promise<LinkReport[]> {
  const event: ProbeEvent = {
    chaincheckProbe: 1,
    config: options.config,
    links: links.map((l) => l.id),
    target: options.target,
  };
  const errorAll = (note: string): LinkReport[] => links.map((l) => ({ id: l.id, status: "error", note }));
  try {
    const out = await options.recorder.call("lambda", "Invoke", () =>
      new LambdaClient({
        region: options.config.region,
        endpoint: options.endpoint,
        credentials: options.testerCredentials,
      }).send(
        new InvokeCommand({
          FunctionName: options.config.functionName,
          Payload: Buffer.from(JSON.stringify(event)),
        }),
      ),
    );
    const text = Buffer.from(out.Payload ?? new Uint8Array()).toString("utf8");
    if (out.FunctionError)
      return errorAll(`the probe function failed (${out.FunctionError}): ${text.slice(0, 500)}`);
    const parsed = JSON.parse(text) as { links?: LinkReport[] };
    if (!Array.isArray(parsed.links))
      return errorAll(`the probe function answered without link reports: ${text.slice(0, 200)}`);
    return parsed.links;
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    return errorAll(
      `could not invoke the probe ${options.config.functionName}: ${error.linkError.code}: ${error.linkError.message}`,
    );
  }
}
