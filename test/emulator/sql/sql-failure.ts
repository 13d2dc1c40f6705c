import { SqlError } from "../../../emulator/sql/index.ts";

/** The SqlError a statement fails with; any other outcome fails the test. */
export async function sqlFailure(p: Promise<unknown>): Promise<SqlError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SqlError) return e;
    throw e;
  }
  throw new Error("expected the statement to fail");
}
