/**
 * The Redshift Data API (awsJson1_1, signing name `redshift-data`, target prefix `RedshiftData`).
 * Statements are kept per (account, region); SQL runs asynchronously on the SQL engine as the DB
 * user the implicit credential step resolved, so table grants apply. Built with its collaborators
 * (data-api-collaborators.ts): the serverless workgroups and the COPY executor.
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/Welcome.html
 *
 * Operations: ExecuteStatement, BatchExecuteStatement, DescribeStatement, GetStatementResult,
 * GetStatementResultV2 (ResultFormat CSV), CancelStatement, ListStatements, ListSessions,
 * ListDatabases, ListSchemas, ListTables, DescribeTable. Sessions (SessionKeepAliveSeconds,
 * SessionId): session-calls.ts, session-store.ts, and the SQL engine's session state.
 * Known gaps: EventBridge events.
 */
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { catalogOperations } from "./catalog-operations.ts";
import type { DataApiCollaborators } from "./data-api-collaborators.ts";
import { dataAccessDenied } from "./data-api-errors.ts";
import { executeOperations } from "./execute-operations.ts";
import { sessionOperations } from "./session-operations.ts";
import { statementOperations } from "./statement-operations.ts";

export function createRedshiftDataService(world: World, deps: DataApiCollaborators): ServiceDefinition {
  return {
    signingName: "redshift-data",
    protocol: "awsJson1_1",
    targetPrefix: "RedshiftData",
    accessDenied: dataAccessDenied,
    operations: {
      ...executeOperations(world, deps),
      ...statementOperations(world),
      ...sessionOperations(world),
      ...catalogOperations(world, deps.workgroups),
    },
  };
}
