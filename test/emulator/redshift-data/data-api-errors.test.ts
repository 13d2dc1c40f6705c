import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
} from "@aws-sdk/client-redshift-data";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { setDataApiQuotas } from "../../../emulator/redshift-data/index.ts";
import { chainRoleCredentials, dataClient, failure, lambdaCredentials } from "../../support/clients.ts";
import { A, B, CLUSTER, REGION } from "../../support/constants.ts";
import { seedWith } from "../../support/emulator-fixture.ts";
import { allow, policyDocument, roleWithInlinePolicy } from "../../support/policy-layers.ts";
import { roleSession, settled } from "./data-api-fixtures.ts";

const policyVariable = (name: string) => `$${"{"}${name}}`;
const LAMBDA_ROLE = `arn:aws:iam::${A}:role/chaincheck-lambda-role`;
const trustLambda = policyDocument({
  Effect: "Allow",
  Principal: { AWS: LAMBDA_ROLE },
  Action: "sts:AssumeRole",
});
const role = (name: string) => `arn:aws:iam::${B}:role/${name}`;
const session = (name: string, sessionName = "chaincheck") =>
  `arn:aws:sts::${B}:assumed-role/${name}/${sessionName}`;
const DBUSER_ARN = `arn:aws:redshift:${REGION}:${B}:dbuser:${CLUSTER}/app_user`;
const CLUSTER_ARN = (account: string) => `arn:aws:redshift:${REGION}:${account}:cluster:${CLUSTER}`;
const ENDPOINT_MISSING = {
  name: "ValidationException",
  message: "Redshift endpoint doesn't exist in this region.",
  status: 400,
};

let now: number | undefined;
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    clock: () => new Date(now ?? Date.now()),
    setup: seedWith({
      serverlessNamespaces: [{ account: B, region: REGION, name: "untagged-ns", dbName: "dev" }],
      serverlessWorkgroups: [{ account: B, region: REGION, name: "untagged-wg", namespace: "untagged-ns" }],
      roles: [
        {
          ...roleWithInlinePolicy(
            B,
            "article-role",
            "article-inline-policy",
            allow("redshift:GetClusterCredentials", [
              `arn:aws:redshift:${REGION}:${B}:dbuser:app_user/dev`,
              `arn:aws:redshift:${REGION}:${B}:dbname:${CLUSTER}/dev`,
            ]),
          ),
          trustPolicy: trustLambda,
          attachedPolicies: ["arn:aws:iam::aws:policy/AmazonRedshiftDataFullAccess"],
        },
        {
          account: B,
          name: "owner-scoped-role",
          trustPolicy: trustLambda,
          inlinePolicies: [
            {
              name: "own-statements-only",
              document: policyDocument(
                { Effect: "Allow", Action: "redshift-data:ExecuteStatement", Resource: CLUSTER_ARN(B) },
                {
                  Effect: "Allow",
                  Action: ["redshift-data:DescribeStatement", "redshift-data:GetStatementResult"],
                  Resource: "*",
                  Condition: {
                    StringEquals: {
                      "redshift-data:statement-owner-iam-userid": policyVariable("aws:userid"),
                    },
                  },
                },
                allow("redshift:GetClusterCredentials", [
                  DBUSER_ARN,
                  `arn:aws:redshift:${REGION}:${B}:dbname:${CLUSTER}/dev`,
                ]),
              ),
            },
          ],
        },
        {
          account: B,
          name: "data-only-role",
          trustPolicy: trustLambda,
          inlinePolicies: [
            {
              name: "data-api-only",
              document: policyDocument({ Effect: "Allow", Action: "redshift-data:*", Resource: "*" }),
            },
          ],
        },
      ],
    }),
  });
});
afterAll(() => emu.stop());

const execute = (extra: Record<string, unknown> = {}) =>
  new ExecuteStatementCommand({
    ClusterIdentifier: CLUSTER,
    Database: "dev",
    DbUser: "app_user",
    Sql: "SELECT 1",
    ...extra,
  });

describe("the implicit credential step", () => {
  test("fails ExecuteStatement synchronously with ValidationException when the dbuser ARN names <user>/<db>", async () => {
    const client = dataClient(emu, roleSession(emu, role("article-role"), "chaincheck"));
    expect(await failure(client.send(execute()))).toEqual({
      name: "ValidationException",
      message:
        `User: ${session("article-role")} is not authorized to perform: redshift:GetClusterCredentials on resource: ` +
        `${DBUSER_ARN} because no identity-based policy allows the redshift:GetClusterCredentials action`,
      status: 400,
    });
  });

  test("fails BatchExecuteStatement the same way", async () => {
    const client = dataClient(emu, roleSession(emu, role("article-role"), "chaincheck"));
    const err = await failure(
      client.send(
        new BatchExecuteStatementCommand({
          ClusterIdentifier: CLUSTER,
          Database: "dev",
          DbUser: "app_user",
          Sqls: ["SELECT 1"],
        }),
      ),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.status).toBe(400);
    expect(err.message).toContain(`redshift:GetClusterCredentials on resource: ${DBUSER_ARN}`);
  });

  test("without DbUser checks redshift:GetClusterCredentialsWithIAM on the dbname ARN", async () => {
    const client = dataClient(emu, roleSession(emu, role("data-only-role"), "chaincheck"));
    expect(await failure(client.send(execute({ DbUser: undefined })))).toEqual({
      name: "ValidationException",
      message:
        `User: ${session("data-only-role")} is not authorized to perform: redshift:GetClusterCredentialsWithIAM on resource: ` +
        `arn:aws:redshift:${REGION}:${B}:dbname:${CLUSTER}/dev because no identity-based policy allows the redshift:GetClusterCredentialsWithIAM action`,
      status: 400,
    });
  });
});

describe("a serverless workgroup", () => {
  test("not tagged for AmazonRedshiftDataFullAccess fails the implicit GetCredentials with ValidationException", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    const err = await failure(
      client.send(
        new ExecuteStatementCommand({ WorkgroupName: "untagged-wg", Database: "dev", Sql: "SELECT 1" }),
      ),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(
      new RegExp(
        `^User: ${session("chaincheck-redshift-role").replaceAll("/", "\\/")} is not authorized to perform: redshift-serverless:GetCredentials on resource: arn:aws:redshift-serverless:${REGION}:${B}:workgroup\\/[0-9a-f-]{36} because no identity-based policy allows the redshift-serverless:GetCredentials action$`,
      ),
    );
  });

  test("an unknown workgroup is an endpoint that does not exist", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    expect(
      await failure(
        client.send(
          new ExecuteStatementCommand({ WorkgroupName: "no-such-wg", Database: "dev", Sql: "SELECT 1" }),
        ),
      ),
    ).toEqual(ENDPOINT_MISSING);
  });
});

describe("finding the cluster", () => {
  test("a mistyped cluster id is an endpoint that does not exist", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    expect(await failure(client.send(execute({ ClusterIdentifier: "chaincheck-clustr" })))).toEqual(
      ENDPOINT_MISSING,
    );
  });

  test("a client in another region finds no endpoint", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu), "us-east-1");
    expect(await failure(client.send(execute()))).toEqual(ENDPOINT_MISSING);
  });

  test("account A's credentials look for the cluster in account A", async () => {
    const client = dataClient(emu, emu.credentials("A:tester"));
    expect(await failure(client.send(execute()))).toEqual(ENDPOINT_MISSING);
  });

  test("neither ClusterIdentifier nor WorkgroupName is a ValidationException", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    expect(
      await failure(
        client.send(new ExecuteStatementCommand({ Database: "dev", DbUser: "app_user", Sql: "SELECT 1" })),
      ),
    ).toEqual({
      name: "ValidationException",
      message: "Either ClusterIdentifier or WorkgroupName needs to be specified.",
      status: 400,
    });
  });
});

describe("redshift-data authorization", () => {
  test("the Lambda's own role is denied redshift-data:ExecuteStatement on its account's cluster ARN", async () => {
    const client = dataClient(emu, lambdaCredentials(emu));
    expect(await failure(client.send(execute()))).toEqual({
      name: "AccessDeniedException",
      message:
        `User: arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-probe is not authorized to perform: ` +
        `redshift-data:ExecuteStatement on resource: ${CLUSTER_ARN(A)} because no identity-based policy allows the redshift-data:ExecuteStatement action`,
      status: 403,
    });
  });

  test("statement-owner-iam-userid denies polling a statement another session submitted", async () => {
    const owner = dataClient(emu, roleSession(emu, role("owner-scoped-role"), "submitter"));
    const poller = dataClient(emu, roleSession(emu, role("owner-scoped-role"), "poller"));
    const { Id } = await owner.send(execute());
    expect((await settled(owner, Id!)).Status).toBe("FINISHED");
    const describeErr = await failure(poller.send(new DescribeStatementCommand({ Id })));
    expect(describeErr).toEqual({
      name: "AccessDeniedException",
      message:
        `User: ${session("owner-scoped-role", "poller")} is not authorized to perform: redshift-data:DescribeStatement ` +
        "because no identity-based policy allows the redshift-data:DescribeStatement action",
      status: 403,
    });
    const resultErr = await failure(poller.send(new GetStatementResultCommand({ Id })));
    expect(resultErr.name).toBe("AccessDeniedException");
    expect(resultErr.status).toBe(403);
    const own = await owner.send(new GetStatementResultCommand({ Id }));
    expect(own.Records).toEqual([[{ longValue: 1 }]]);
  });
});

describe("statement ids", () => {
  test("a malformed id fails the pattern", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    expect(await failure(client.send(new DescribeStatementCommand({ Id: "InvalidStatementId" })))).toEqual({
      name: "ValidationException",
      message: "id must satisfy regex pattern: ^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\\d+)?$",
      status: 400,
    });
  });

  test("a well-formed unknown id does not exist", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    expect(
      await failure(
        client.send(new GetStatementResultCommand({ Id: "70662acc-f334-46f8-b953-3a9546796d7k" })),
      ),
    ).toEqual({ name: "ResourceNotFoundException", message: "Query does not exist.", status: 400 });
  });

  test("a statement does not exist from another region", async () => {
    const credentials = await chainRoleCredentials(emu);
    const { Id } = await dataClient(emu, credentials).send(execute());
    expect(
      await failure(dataClient(emu, credentials, "us-east-1").send(new DescribeStatementCommand({ Id }))),
    ).toEqual({ name: "ResourceNotFoundException", message: "Query does not exist.", status: 400 });
  });
});

describe("parameter validation", () => {
  test("a parameter named only inside a quoted literal is unused", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    expect(
      await failure(
        client.send(
          execute({
            Sql: "SELECT * FROM public.sales WHERE region = ':id'",
            Parameters: [{ name: "id", value: "1" }],
          }),
        ),
      ),
    ).toEqual({
      name: "ValidationException",
      message: "Parameters list contains unused parameters. Unused parameters: [id]",
      status: 400,
    });
  });
});

describe("quotas", () => {
  test("the 31st ExecuteStatement within one second is throttled with HTTP 400", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    now = Date.now() + 60_000;
    try {
      for (let i = 0; i < 30; i++) await client.send(execute());
      expect(await failure(client.send(execute()))).toEqual({
        name: "ThrottlingException",
        message: "Rate exceeded",
        status: 400,
      });
      now += 1000;
      const { Id } = await client.send(execute());
      expect(Id).toMatch(/^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/);
    } finally {
      now = undefined;
    }
  });

  test("past the active-statement limit ExecuteStatement is refused, and a cancelled statement ends ABORTED", async () => {
    const client = dataClient(emu, await chainRoleCredentials(emu));
    const waitAll = await client.send(execute({ Sql: "SELECT 1" }));
    await settled(client, waitAll.Id!);
    setDataApiQuotas(emu.world, { maxActiveStatements: 1 });
    try {
      const { Id } = await client.send(execute({ Sql: "SELECT pg_sleep(5)" }));
      expect(await failure(client.send(execute()))).toEqual({
        name: "ActiveStatementsExceededException",
        message: "The number of active statements exceeds the limit.",
        status: 400,
      });
      expect((await client.send(new CancelStatementCommand({ Id }))).Status).toBe(true);
      expect((await settled(client, Id!)).Status).toBe("ABORTED");
    } finally {
      setDataApiQuotas(emu.world, { maxActiveStatements: 500 });
    }
  });
});
