/** The SQL engine behind the emulated Redshift; see `sql-engine.ts`. */
export { Database } from "./database.ts";
export { bindNamedParameters, ParameterError, type SqlParameter } from "./parameters.ts";
export { rewriteRedshiftSql } from "./redshift-rewriter.ts";
export { createSqlEngine, type SqlEngine, type SqlEngineOptions } from "./sql-engine.ts";
export { SqlError } from "./sql-error.ts";
export type * from "./types.ts";
