/**
 * The COPY integration: `runCopy` is the CopyExecutor that `startEmulator` installs with
 * `setCopyExecutor`, wiring the pure COPY library (`../copy/`) to IAM_ROLE resolution, the S3 model
 * and the SQL engine. See run-copy.ts for the order of checks and the known gaps.
 */
export { type AssumeRoleUse, assumeRoleDenial } from "./assumerole-privilege.ts";
export { copyFailure, detailBlock, pidFor, type RedshiftDetail } from "./copy-failure.ts";
export { REDSHIFT_SERVICE, REDSHIFT_SESSION_NAME } from "./resolve-copy-credentials.ts";
export { runCopy } from "./run-copy.ts";
