/**
 * AWS managed policies bundled with their real documents (see managed-policies/README.md for the
 * source and version of each). IAM serves them from the `aws` pseudo-account to every account.
 *
 * Known gaps: only the policies the chain needs are bundled; attaching any other
 * arn:aws:iam::aws:policy/… fails with NoSuchEntity as for a missing policy.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface AwsManagedPolicy {
  PolicyName: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  UpdateDate: string;
  Document: Record<string, unknown>;
}

const DIR = fileURLToPath(new URL("./managed-policies/", import.meta.url));

/** The bundled documents, read once when this module loads (a few small files), never changed. */
const POLICIES: ReadonlyMap<string, AwsManagedPolicy> = new Map(
  readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const policy = JSON.parse(readFileSync(DIR + file, "utf8")) as AwsManagedPolicy;
      return [policy.Arn, policy] as const;
    }),
);

export function findAwsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return POLICIES.get(arn);
}

export function awsManagedPolicyArns(): string[] {
  return [...POLICIES.keys()];
}
