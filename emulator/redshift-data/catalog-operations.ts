/**
 * ListDatabases, ListSchemas, ListTables and DescribeTable: synchronous calls that connect to the
 * database with the same authorization and credential step as ExecuteStatement, then read the
 * catalog as the resolved DB user (so grants decide what is visible).
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListTables.html
 *
 * Known gaps: no paging (MaxResults/NextToken); ConnectedDatabase is ignored; a failed login is
 * answered as ValidationException carrying the database's text ([I]: AWS's class not captured);
 * DescribeTable needs Table.
 */
import type { OperationContext, OperationDef } from "../core/types.ts";
import type { DbSession } from "../redshift/index.ts";
import { SqlError } from "../sql/index.ts";
import type { World } from "../world/world.ts";
import { validation } from "./data-api-errors.ts";
import { type ResolvedWarehouse, resolveWarehouse } from "./resolve-warehouse.ts";
import type { WorkgroupLookup } from "./workgroup-port.ts";

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

async function connect(
  world: World,
  workgroups: WorkgroupLookup,
  ctx: OperationContext,
): Promise<{ warehouse: ResolvedWarehouse; session: DbSession }> {
  const warehouse = resolveWarehouse(world, workgroups, ctx);
  try {
    return { warehouse, session: await warehouse.open() };
  } catch (error) {
    if (error instanceof SqlError) throw validation(error.message);
    throw error;
  }
}

async function sqlCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SqlError) throw validation(error.message);
    throw error;
  }
}

export function catalogOperations(world: World, workgroups: WorkgroupLookup): Record<string, OperationDef> {
  return {
    ListDatabases: {
      handler: async (ctx) => {
        const { warehouse } = await connect(world, workgroups, ctx);
        return { Databases: warehouse.databases() };
      },
    },
    ListSchemas: {
      handler: async (ctx) => {
        const { session } = await connect(world, workgroups, ctx);
        const schemas = await sqlCall(() =>
          session.db.listSchemas({ user: session.sqlUser, pattern: str(ctx.input.SchemaPattern) }),
        );
        return { Schemas: schemas };
      },
    },
    ListTables: {
      handler: async (ctx) => {
        const { session } = await connect(world, workgroups, ctx);
        const tables = await sqlCall(() =>
          session.db.listTables({
            user: session.sqlUser,
            schemaPattern: str(ctx.input.SchemaPattern),
            tablePattern: str(ctx.input.TablePattern),
          }),
        );
        return { Tables: tables.map((t) => ({ name: t.name, schema: t.schema, type: t.type })) };
      },
    },
    DescribeTable: {
      handler: async (ctx) => {
        const table = str(ctx.input.Table);
        if (!table) throw validation("chaincheck emulator: DescribeTable needs Table");
        const schema = str(ctx.input.Schema) ?? "public";
        const { session } = await connect(world, workgroups, ctx);
        const columns = await sqlCall(() =>
          session.db.describeTable({ user: session.sqlUser, schema, table }),
        );
        return {
          TableName: table,
          ColumnList: columns.map((c) => ({
            name: c.name,
            label: c.label,
            typeName: c.typeName,
            nullable: c.nullable,
            length: c.length,
            precision: c.precision,
            scale: c.scale,
            isCaseSensitive: c.isCaseSensitive,
            isSigned: c.isSigned,
            isCurrency: c.isCurrency,
            schemaName: c.schemaName,
            tableName: c.tableName,
          })),
        };
      },
    },
  };
}
