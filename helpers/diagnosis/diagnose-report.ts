/**
 * What the runner calls once per run (helpers/chain/runner.ts): attach a Diagnosis to the first
 * failing link and compute the static warnings. Diagnosis is best effort — an unexpected error in
 * it never changes the verdict; it becomes a note naming only the error's type and message.
 *
 * The diagnosis in stages, one folder each:
 * - catalog/  the causes as data (ids, side, summary, fix builders); `CauseId` is derived from it;
 * - classify/ AWS's text → link and ranked candidates, by named rules (first match wins);
 * - read/     what the harness may read (IAM, Redshift, S3, load errors) and how it evaluates it;
 * - narrow/   per link, the candidates narrowed with the link's check facts and the reads → a Finding;
 * - warnings/ static checks that run even when every link passes.
 */
import type { AwsCredentialIdentity } from "@smithy/types";
import type { ChainConfig } from "../../config/chain-config.ts";
import type { BReader } from "../../config/harness-config.ts";
import type { ClientSettings } from "../chain/context.ts";
import type { LinkReport, Warning } from "../report/types.ts";
import { mergeValues, valuesFromConfig } from "./catalog/fix-values.ts";
import { checkById } from "./narrow/link-checks.ts";
import { readAccess } from "./read/read-access.ts";
import { staticWarnings } from "./warnings/static-warnings.ts";

export interface DiagnoseRunOptions {
  links: LinkReport[];
  config: ChainConfig;
  endpoint?: string;
  testerCredentials: ClientSettings["credentials"];
  /** Read access in B (the embedded target's B:admin); else the configured `bReader`. */
  readerBCredentials?: ClientSettings["credentials"];
  bReader?: BReader;
  /** B's role session from link 2 (local origin). */
  bRoleCredentials?: AwsCredentialIdentity;
  /** The execution role the function really runs as (link 1). */
  lambdaRoleArn?: string;
  /** The static warnings, already started by startStaticWarnings; else computed here. */
  warnings?: Promise<Warning[]>;
}

/**
 * The static warnings need only the config, B's reader and link 1's execution role, so the runner
 * starts them once link 1 is done: their reads overlap links 2–5 instead of following them. A
 * failure surfaces where diagnoseRun awaits them (a note, as before).
 */
export function startStaticWarnings(o: Omit<DiagnoseRunOptions, "warnings">): Promise<Warning[]> {
  const started = (async () => {
    const access = await readAccess({
      region: o.config.region,
      endpoint: o.endpoint,
      testerCredentials: o.testerCredentials,
      readerBCredentials: o.readerBCredentials,
      bReader: o.bReader,
    });
    return staticWarnings(o.config, access, lambdaRoleOf(o));
  })();
  started.catch(() => undefined);
  return started;
}

function lambdaRoleOf(o: Pick<DiagnoseRunOptions, "lambdaRoleArn" | "links" | "config">): string | undefined {
  return mergeValues({ lambdaRoleArn: o.lambdaRoleArn ?? functionRole(o.links) }, valuesFromConfig(o.config))
    .lambdaRoleArn;
}

export async function diagnoseRun(o: DiagnoseRunOptions): Promise<{ warnings: Warning[]; notes: string[] }> {
  const notes: string[] = [];
  try {
    const access = await readAccess({
      region: o.config.region,
      endpoint: o.endpoint,
      testerCredentials: o.testerCredentials,
      readerBCredentials: o.readerBCredentials,
      bReader: o.bReader,
      bRoleCredentials: o.bRoleCredentials,
    });
    const values = mergeValues({ lambdaRoleArn: lambdaRoleOf(o) }, valuesFromConfig(o.config));
    const failed = o.links.find((l) => l.status === "fail");
    if (failed) {
      // The narrowing (its catalog, rules and the readers' SDK clients: S3, KMS, Redshift,
      // Organizations) loads only for a failed link: a passing run never initializes it.
      const { diagnoseLink } = await import("./narrow/diagnose-link.ts");
      const diagnosis = await diagnoseLink(failed, { config: o.config, values, access });
      if (diagnosis) failed.diagnosis = diagnosis;
    }
    const warnings = await (o.warnings ?? staticWarnings(o.config, access, values.lambdaRoleArn));
    return { warnings, notes };
  } catch (error) {
    const e = error as Error;
    notes.push(`diagnosis could not complete: ${e.name}: ${e.message}`);
    return { warnings: [], notes };
  }
}

/** The execution role link 1 found (its `function-role` check's facts). */
function functionRole(links: LinkReport[]): string | undefined {
  const link = links.find((l) => l.id === "lambda-role");
  return link ? checkById(link, "function-role")?.facts?.roleArn : undefined;
}
