/**
 * The probe: a Lambda handler that runs links 2–5 inside the function, as its execution role, and
 * returns their reports (same shape as the JSON report's `links`). Deployed with the package on real
 * accounts; run by the embedded emulator's Lambda for `code: { probe: true }` functions.
 *
 * Credentials come from the Lambda environment (AWS_ACCESS_KEY_ID/SECRET/SESSION_TOKEN of the
 * execution-role session); AWS_ENDPOINT_URL, when set (emulator), is where the calls go.
 */
import { parseChainConfig } from "../../config/chain-config.ts";
import type { ProbeEvent } from "../chain/probe-origin.ts";
import { loadLinkRunners, walkLinks } from "../chain/walk-links.ts";
import { LINKS } from "../links.ts";
import type { LinkReport } from "../report/types.ts";

// The init phase loads links 2–5 (and their SDK clients), as the module's imports did before they
// became lazy for the CLI's sake (runner.ts): a prewarmed environment does it before the first Invoke.
await loadLinkRunners();

export async function handler(event: ProbeEvent): Promise<{ links: LinkReport[] }> {
  if (event?.chaincheckProbe !== 1)
    throw new Error("not a chaincheck probe event: expected { chaincheckProbe: 1, config, links }");
  const config = parseChainConfig(event.config, "setup");
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_ENDPOINT_URL } = process.env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY)
    throw new Error("the probe needs the Lambda's execution-role credentials in its environment");
  const origin = {
    accessKeyId: AWS_ACCESS_KEY_ID,
    secretAccessKey: AWS_SECRET_ACCESS_KEY,
    sessionToken: AWS_SESSION_TOKEN,
  };
  const links = LINKS.filter((l) => event.links.includes(l.id) && l.id !== "lambda-role");
  return {
    links: await walkLinks(links, {
      config,
      // A probe deployed on AWS is run against AWS; an older harness sends no target.
      target: event.target ?? (AWS_ENDPOINT_URL ? "endpoint" : "aws"),
      endpoint: AWS_ENDPOINT_URL || undefined,
      testerCredentials: origin,
      state: { originCredentials: origin },
    }),
  };
}
