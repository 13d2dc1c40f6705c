/**
 * How large a setup may be. A setup is loaded whole into memory and every entity becomes objects,
 * policies and ids, so without a bound a 60 MB file took 817 MB of memory and 50,000 roles 31 s
 * and 1.5 GB. The bounds sit well above any real test setup:
 *
 * | what                                   | at most                                         |
 * |----------------------------------------|-------------------------------------------------|
 * | one setup file (each file of `extends`) | 4 MiB                                           |
 * | users, roles, managed policies          | 5,000 each (IAM's highest per-account quota)    |
 * | any other list (buckets, functions, …)  | 1,000 each                                      |
 *
 * IAM quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * A setup over a bound is refused with a SetupValidationError naming the limit and the count.
 */
import { statSync } from "node:fs";
import type { SetupIssue } from "./validate-setup.ts";

export const MAX_SETUP_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_IAM_ENTITIES = 5_000;
export const MAX_OTHER_ENTRIES = 1_000;

const IAM_LISTS = new Set(["users", "roles", "policies"]);

/** The problem with a setup file's size, or undefined when it is within the limit. */
export function fileSizeIssue(path: string): SetupIssue | undefined {
  const size = statSync(path).size;
  if (size <= MAX_SETUP_FILE_BYTES) return undefined;
  return {
    path: [],
    message: `the file is ${size} bytes; a setup file may be at most ${MAX_SETUP_FILE_BYTES} bytes (4 MiB)`,
  };
}

/** Lists of the merged setup that are longer than allowed. */
export function countIssues(merged: Record<string, unknown>): SetupIssue[] {
  const issues: SetupIssue[] = [];
  for (const [key, value] of Object.entries(merged)) {
    if (!Array.isArray(value)) continue;
    const max = IAM_LISTS.has(key) ? MAX_IAM_ENTITIES : MAX_OTHER_ENTRIES;
    if (value.length > max) {
      issues.push({
        path: [key],
        message: `${value.length} entries; a setup may have at most ${max} ${key}${IAM_LISTS.has(key) ? " (IAM's highest per-account quota)" : ""}`,
      });
    }
  }
  return issues;
}
