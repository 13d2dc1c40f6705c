/**
 * In-run diagnosis of links 4–5 on the embedded emulator (seed setup, chain config overrides):
 * the failed COPY's query id in the report, its load errors read back as the DB user, the COPY
 * role / source narrowed with reads, the scratch table dropped on failure, no secrets in the report.
 * Plus the report-only paths (a TIMEOUT, the COPY check's text) without any reads.
 */
import {
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { describe, expect, test } from "vitest";
import type { ChainConfig } from "../../../config/chain-config.ts";
import { valuesFromConfig } from "../../../helpers/diagnosis/catalog/fix-values.ts";
import { copyReportFacts } from "../../../helpers/diagnosis/narrow/copy-report-facts.ts";
import { diagnoseLink, findingForLink } from "../../../helpers/diagnosis/narrow/diagnose-link.ts";
import { checkById } from "../../../helpers/diagnosis/narrow/link-checks.ts";
import type { LinkReport, Report } from "../../../helpers/report/types.ts";
import { settled } from "../../emulator/redshift-data/data-api-fixtures.ts";
import { COPY_ROLE_ARN, SEED } from "../../support/constants.ts";
import { fileEmulator } from "../../support/emulator-fixture.ts";
import { runLocalChain } from "../../support/local-chain.ts";

const emu = fileEmulator(SEED);

const run = (overrides: Partial<ChainConfig>): Promise<Report> => runLocalChain(emu, overrides);

const copyLink = (report: Report) => report.links.find((l) => l.id === "copy-from-s3") as LinkReport;

/** Tables the COPY check may have left behind, read as the cluster's master user. */
async function scratchTables(): Promise<number> {
  const client = new RedshiftDataClient({
    region: emu.region,
    endpoint: emu.endpoint,
    credentials: emu.credentials("B:admin"),
  });
  const { Id } = await client.send(
    new ExecuteStatementCommand({
      ClusterIdentifier: "chaincheck-cluster",
      Database: "dev",
      DbUser: "awsuser",
      Sql: "select count(*) from information_schema.tables where table_name like 'chaincheck_copy_%'",
    }),
  );
  const d = await settled(client, Id!);
  if (d.Status !== "FINISHED") throw new Error(d.Error);
  const out = await client.send(new GetStatementResultCommand({ Id }));
  return out.Records?.[0]?.[0]?.longValue ?? -1;
}

describe("copy-from-s3 in-run diagnosis", () => {
  test("a header row loaded as data: the load error's line, column and reason, and IGNOREHEADER in the fix", async () => {
    const report = await run({ copyOptions: "CSV" });
    const link = copyLink(report);
    expect(report.failedLink).toBe("copy-from-s3");
    const check = checkById(link, "copy");
    const queryId = check?.facts?.queryId;
    expect(queryId).toBeGreaterThan(0);
    expect(check?.detail).toContain(`query ${queryId}) ended FAILED`);
    expect(link.diagnosis?.cause).toBe("copy-format-error");
    expect(link.diagnosis?.summary).toContain(`sys_load_error_detail for query ${queryId}: line 1 of`);
    expect(link.diagnosis?.summary).toContain("column id: Invalid digit");
    expect(link.diagnosis?.summary).toContain("(raw value 'id') [error 1207]");
    expect(link.diagnosis?.fix).toContain(`CHAINCHECK_COPY_OPTIONS="CSV IGNOREHEADER 1"`);
    expect(link.diagnosis?.fix).toContain(`where query_id = ${queryId}`);
    expect(await scratchTables()).toBe(0);
  });

  test("a typo'd COPY role behind the ASSUMEROLE error is blamed on the ARN, naming the associated role", async () => {
    const typo = "arn:aws:iam::222222222222:role/chaincheck-copyrole";
    const link = copyLink(await run({ copyRoleArn: typo }));
    expect(checkById(link, "copy")?.facts?.error).toContain("does not have ASSUMEROLE permission");
    expect(link.diagnosis?.cause).toBe("copy-role-not-associated");
    expect(link.diagnosis?.summary).toContain(`iam:GetRole: ${typo} does not exist`);
    expect(link.diagnosis?.fix).toContain(`roles associated with chaincheck-cluster: ${COPY_ROLE_ARN}`);
    expect(await scratchTables()).toBe(0);
  });

  test("a missing source lists what exists next to it", async () => {
    const link = copyLink(await run({ copySource: "s3://chaincheck-copy-source/input/sale.csv" }));
    expect(link.diagnosis?.cause).toBe("copy-source-missing");
    expect(link.diagnosis?.fix).toContain("what exists nearby: s3://chaincheck-copy-source/input/sales.csv");
  });

  test("a missing table at the scratch step keeps its SQL cause and names CHAINCHECK_COPY_TABLE", async () => {
    const link = copyLink(await run({ table: "public.sale" }));
    expect(link.checks?.find((c) => c.status === "fail")?.id).toBe("scratch-table");
    expect(link.diagnosis?.cause).toBe("sql-object-missing");
    expect(link.diagnosis?.fix).toContain("CHAINCHECK_COPY_TABLE (now public.sale)");
    expect(await scratchTables()).toBe(0);
  });

  test("keeps the harness's and the seed's secrets out of the report", async () => {
    const text = JSON.stringify(await run({ copyOptions: "CSV" }));
    for (const secret of [
      "chaincheck-tester-secret-not-a-real-key",
      "chaincheck-admin-b-secret-not-a-real-key",
      "chaincheck-app-user-pw",
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(SecretAccessKey|SessionToken|secretAccessKey|sessionToken)"/);
  });
});

describe("diagnosis from the link report alone", () => {
  const ctx = {
    config: { ...({} as ChainConfig), region: "ap-northeast-1", clusterId: "c1", database: "dev" },
    values: valuesFromConfig({ region: "ap-northeast-1", clusterId: "c1" }),
    access: { region: "ap-northeast-1", tester: { region: "ap-northeast-1" } },
  };

  test("a statement that outlived the poll deadline is statement-timeout", async () => {
    const note = "statement did not finish within 120000 ms; cancelled";
    const report: LinkReport = {
      id: "execute-statement",
      status: "fail",
      checks: [
        {
          id: "probe-statement",
          name: "probe statement",
          status: "fail",
          detail: `statement abc ended TIMEOUT: ${note}`,
          facts: { statementId: "abc", status: "TIMEOUT", error: note },
        },
      ],
    };
    expect((await diagnoseLink(report, ctx))?.cause).toBe("statement-timeout");
    expect((await findingForLink(report, ctx))?.rule).toBe("statement-did-not-finish");
  });

  test("the COPY check's facts give the query id, and AWS's DETAIL context which S3 request failed", () => {
    const error = [
      "ERROR: S3ServiceException:Access Denied,Status 403,Error AccessDenied",
      "  DETAIL: ",
      "  context:   Listing bucket=bkt prefix=in/x.csv",
      "  query:     42",
    ].join("\n");
    const facts = copyReportFacts(
      {
        id: "copy-from-s3",
        status: "fail",
        checks: [
          {
            id: "copy",
            name: "COPY",
            status: "fail",
            detail: "the diagnosis does not read this",
            facts: {
              statementId: "1b2c",
              status: "FAILED",
              queryId: 42,
              error,
              source: "s3://bkt/in/x.csv",
              roleArn: "arn:aws:iam::222222222222:role/C",
            },
          },
        ],
      },
      "s3://bkt/in/x.csv",
    );
    expect(facts).toEqual({
      statement: "copy",
      queryId: 42,
      s3: { action: "s3:ListBucket", resource: "arn:aws:s3:::bkt", bucket: "bkt", prefix: "in/x.csv" },
    });
  });
});
