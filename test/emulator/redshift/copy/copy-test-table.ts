import {
  type LoadObject,
  type LoadTable,
  parseCopy,
  planLoad,
  type TableColumn,
} from "../../../../emulator/redshift/copy/index.ts";

export const col = (name: string, type: string, extra: Partial<TableColumn> = {}): TableColumn => ({
  name,
  type,
  nullable: true,
  ...extra,
});

export const TABLE: LoadTable = {
  columns: [
    col("id", "integer", { nullable: false }),
    col("name", "character varying(10)", { maxLength: 10 }),
    col("amount", "numeric(8,2)"),
  ],
};

export const copyWith = (options: string) =>
  parseCopy(`COPY sales FROM 's3://bucket-a/in/' IAM_ROLE default ${options}`);

export const file = (key: string, text: string | Buffer): LoadObject => ({
  key,
  body: typeof text === "string" ? Buffer.from(text) : text,
});

export const load = (options: string, text: string | Buffer, table = TABLE) =>
  planLoad(copyWith(options), [file("in/part-000", text)], table);
