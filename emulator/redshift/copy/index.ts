/** Redshift COPY, the pure parts: parse the statement, pick the objects, plan the load. */

export type { TableColumn } from "./convert-value.ts";
export type { CopyAuthorization, CopyCommand, CopyFormat, CopySource, CopyTarget } from "./copy-command.ts";
export * from "./copy-errors.ts";
export { fastPlan } from "./fast-plan.ts";
export { LOAD_ERROR_SOURCES, type LoadError } from "./load-error.ts";
export { isCopyStatement, parseCopy } from "./parse-copy.ts";
export { type Manifest, type ManifestEntry, parseManifest } from "./parse-manifest.ts";
export {
  type LoadObject,
  type LoadPlan,
  type LoadTable,
  type PlanLoadOptions,
  planLoad,
} from "./plan-load.ts";
export { resolveManifestEntries, resolvePrefix } from "./resolve-prefix.ts";
