import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  GetStatementResultCommand,
  ListSessionsCommand,
  ListStatementsCommand,
  type RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { setDataApiQuotas } from "../../../emulator/redshift-data/index.ts";
import { dataClient, failure } from "../../support/clients.ts";
import { A, B, CLUSTER, CLUSTER_ARN, COPY_ROLE_ARN, REGION } from "../../support/constants.ts";
import { seedWith } from "../../support/emulator-fixture.ts";
import { allow, policyDocument } from "../../support/policy-layers.ts";
import { roleSession, settled } from "./data-api-fixtures.ts";

const UUID = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/;
const UNKNOWN_SESSION = "0a1b2c3d-0000-4000-8000-00000000abcd";
const policyVariable = (name: string) => `$${"{"}${name}}`;
const trustLambda = policyDocument({
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${A}:role/chaincheck-lambda-role` },
  Action: "sts:AssumeRole",
});
const credentialsForAppUser = allow("redshift:GetClusterCredentials", [
  `arn:aws:redshift:${REGION}:${B}:dbuser:${CLUSTER}/app_user`,
  `arn:aws:redshift:${REGION}:${B}:dbname:${CLUSTER}/dev`,
]);
const dataRole = (name: string) => ({
  account: B,
  name,
  trustPolicy: trustLambda,
  attachedPolicies: ["arn:aws:iam::aws:policy/AmazonRedshiftDataFullAccess"],
  inlinePolicies: [
    {
      name: "app-user-and-sessions",
      document: policyDocument(credentialsForAppUser, allow("redshift-data:ListSessions", "*")),
    },
  ],
});
const roleArn = (name: string) => `arn:aws:iam::${B}:role/${name}`;

let offset = 0;
let emu: RunningEmulator;
let owner: RedshiftDataClient;
let peer: RedshiftDataClient;
let ownerOnly: RedshiftDataClient;

beforeAll(async () => {
  emu = await startEmulator({
    clock: () => new Date(Date.now() + offset),
    setup: seedWith({
      roles: [
        dataRole("session-role"),
        dataRole("peer-role"),
        {
          account: B,
          name: "owner-only-role",
          trustPolicy: trustLambda,
          inlinePolicies: [
            {
              name: "own-sessions-only",
              document: policyDocument(
                {
                  Effect: "Allow",
                  Action: "redshift-data:ExecuteStatement",
                  Resource: CLUSTER_ARN,
                  Condition: {
                    StringEqualsIfExists: {
                      "redshift-data:session-owner-iam-userid": policyVariable("aws:userid"),
                    },
                  },
                },
                allow("redshift-data:DescribeStatement", "*"),
                credentialsForAppUser,
              ),
            },
          ],
        },
      ],
    }),
  });
  owner = dataClient(emu, roleSession(emu, roleArn("session-role"), "etl"));
  peer = dataClient(emu, roleSession(emu, roleArn("peer-role"), "etl"));
  ownerOnly = dataClient(emu, roleSession(emu, roleArn("owner-only-role"), "etl"));
});
afterAll(() => emu.stop());

const target = { ClusterIdentifier: CLUSTER, Database: "dev", DbUser: "app_user" };

async function run(
  client: RedshiftDataClient,
  input: Omit<ExecuteStatementCommandInput, "Sql"> & { Sql: string },
) {
  const { Id } = await client.send(new ExecuteStatementCommand(input));
  return settled(client, Id!);
}

async function value(
  client: RedshiftDataClient,
  input: Omit<ExecuteStatementCommandInput, "Sql"> & { Sql: string },
) {
  const out = await run(client, input);
  expect([out.Status, out.Error]).toEqual(["FINISHED", undefined]);
  const result = await client.send(new GetStatementResultCommand({ Id: out.Id }));
  const field = result.Records?.[0]?.[0];
  return field?.longValue ?? field?.stringValue;
}

async function openSession(client: RedshiftDataClient, sql: string, keepAlive = 600): Promise<string> {
  const out = await run(client, { ...target, Sql: sql, SessionKeepAliveSeconds: keepAlive });
  expect([out.Status, out.Error]).toEqual(["FINISHED", undefined]);
  return out.SessionId!;
}

describe("Data API sessions", () => {
  test("a statement with SessionKeepAliveSeconds opens a session whose later statements see its temp table", async () => {
    const opened = await owner.send(
      new ExecuteStatementCommand({
        ...target,
        Sql: "create temp table stage (id int)",
        SessionKeepAliveSeconds: 600,
      }),
    );
    expect(opened.SessionId).toMatch(UUID);
    const first = await settled(owner, opened.Id!);
    expect([first.Status, first.SessionId]).toEqual(["FINISHED", opened.SessionId]);
    const insert = await run(owner, {
      SessionId: opened.SessionId,
      Sql: "insert into stage values (1), (2)",
    });
    expect([insert.Status, insert.SessionId, insert.ClusterIdentifier, insert.Database]).toEqual([
      "FINISHED",
      opened.SessionId,
      CLUSTER,
      "dev",
    ]);
    expect(await value(owner, { SessionId: opened.SessionId, Sql: "select count(*) from stage" })).toBe(2);
    const listed = await owner.send(new ListStatementsCommand({}));
    const inSession = (listed.Statements ?? []).filter((s) => s.SessionId === opened.SessionId);
    expect(inSession.map((s) => s.QueryString)).toEqual([
      "select count(*) from stage",
      "insert into stage values (1), (2)",
      "create temp table stage (id int)",
    ]);
  });

  test("a session's temp table is invisible to another session and to a statement outside any session", async () => {
    const a = await openSession(owner, "create temp table scratch (id int)");
    const b = await openSession(owner, "create temp table scratch (id int)");
    await run(owner, { SessionId: a, Sql: "insert into scratch values (1), (2), (3)" });
    await run(owner, { SessionId: b, Sql: "insert into scratch values (7)" });
    expect(await value(owner, { SessionId: a, Sql: "select count(*) from scratch" })).toBe(3);
    expect(await value(owner, { SessionId: b, Sql: "select count(*) from scratch" })).toBe(1);
    const outside = await run(owner, { ...target, Sql: "select count(*) from scratch" });
    expect([outside.Status, outside.Error]).toEqual(["FAILED", 'ERROR: relation "scratch" does not exist']);
  });

  test("a statement outside sessions does not keep its temp table for the next one", async () => {
    expect((await run(owner, { ...target, Sql: "create temp table once (id int)" })).Status).toBe("FINISHED");
    const next = await run(owner, { ...target, Sql: "select * from once" });
    expect([next.Status, next.Error]).toEqual(["FAILED", 'ERROR: relation "once" does not exist']);
  });

  test("COPY in a session loads into the session's temp table", async () => {
    const session = await openSession(
      owner,
      "create temp table staged (id integer, region varchar(32), amount numeric(10,2))",
    );
    const copied = await run(owner, {
      SessionId: session,
      Sql: `copy staged from 's3://chaincheck-copy-source/input/sales.csv' iam_role '${COPY_ROLE_ARN}' csv ignoreheader 1`,
    });
    expect([copied.Status, copied.Error, copied.ResultRows]).toEqual(["FINISHED", undefined, 3]);
    expect(
      await value(owner, { SessionId: session, Sql: "select count(*) from staged where amount > 50" }),
    ).toBe(2);
  });

  test("SET in a session holds for its later statements only", async () => {
    const session = await openSession(owner, "set timezone to 'Asia/Tokyo'");
    expect(await value(owner, { SessionId: session, Sql: "show timezone" })).toBe("Asia/Tokyo");
    expect(await value(owner, { ...target, Sql: "show timezone" })).toBe("UTC");
    const other = await openSession(owner, "select 1");
    expect(await value(owner, { SessionId: other, Sql: "show timezone" })).toBe("UTC");
  });

  test("a transaction begun in one statement of a session commits in a later one", async () => {
    const session = await openSession(owner, "begin");
    await run(owner, { SessionId: session, Sql: "insert into public.sales values (501, 'kobe', 5.00)" });
    await run(owner, { SessionId: session, Sql: "rollback" });
    expect(await value(owner, { ...target, Sql: "select count(*) from public.sales where id = 501" })).toBe(
      0,
    );
    await run(owner, { SessionId: session, Sql: "begin" });
    await run(owner, { SessionId: session, Sql: "insert into public.sales values (502, 'kobe', 5.00)" });
    await run(owner, { SessionId: session, Sql: "commit" });
    expect(await value(owner, { ...target, Sql: "select count(*) from public.sales where id = 502" })).toBe(
      1,
    );
  });

  test("a batch with SessionKeepAliveSeconds opens a session a later batch runs in", async () => {
    const opened = await owner.send(
      new BatchExecuteStatementCommand({
        ...target,
        Sqls: ["create temp table batched (id int)", "insert into batched values (1)"],
        SessionKeepAliveSeconds: 600,
      }),
    );
    expect(opened.SessionId).toMatch(UUID);
    expect((await settled(owner, opened.Id!)).Status).toBe("FINISHED");
    const again = await owner.send(
      new BatchExecuteStatementCommand({
        SessionId: opened.SessionId,
        Sqls: ["insert into batched values (2)", "select count(*) from batched"],
      }),
    );
    expect((await settled(owner, again.Id!)).Status).toBe("FINISHED");
    const result = await owner.send(new GetStatementResultCommand({ Id: `${again.Id}:2` }));
    expect(result.Records).toEqual([[{ longValue: 2 }]]);
  });

  test("a session closes SessionKeepAliveSeconds after its last statement finished", async () => {
    const session = await openSession(owner, "select 1", 60);
    offset += 59_000;
    expect((await run(owner, { SessionId: session, Sql: "select 1" })).Status).toBe("FINISHED");
    offset += 61_000;
    expect(
      await failure(owner.send(new ExecuteStatementCommand({ SessionId: session, Sql: "select 1" }))),
    ).toEqual({
      name: "ValidationException",
      message: "Session is not available",
      status: 400,
    });
    const listed = await owner.send(new ListSessionsCommand({ SessionId: session }));
    expect(listed.Sessions?.map((s) => [s.Status, s.SessionAliveSeconds])).toEqual([["CLOSED", 60]]);
  });

  test("an unknown SessionId is refused as invalid", async () => {
    expect(
      await failure(owner.send(new ExecuteStatementCommand({ SessionId: UNKNOWN_SESSION, Sql: "select 1" }))),
    ).toEqual({
      name: "ValidationException",
      message: `Session with Id: ${UNKNOWN_SESSION} is invalid`,
      status: 400,
    });
  });

  test("a statement sent while the session still runs one is refused", async () => {
    const session = await openSession(peer, "select 1");
    const holder = await openSession(owner, "begin");
    const waiting = await peer.send(new ExecuteStatementCommand({ SessionId: session, Sql: "select 2" }));
    expect(
      await failure(peer.send(new ExecuteStatementCommand({ SessionId: session, Sql: "select 3" }))),
    ).toEqual({
      name: "ValidationException",
      message: "Session is busy running another statement.",
      status: 400,
    });
    await run(owner, { SessionId: holder, Sql: "commit" });
    expect((await settled(peer, waiting.Id!)).Status).toBe("FINISHED");
  });

  test("a cancelled statement frees its session for the next one", async () => {
    const session = await openSession(peer, "create temp table kept (id int)");
    const holder = await openSession(owner, "begin");
    const waiting = await peer.send(
      new ExecuteStatementCommand({ SessionId: session, Sql: "insert into kept values (1)" }),
    );
    expect((await peer.send(new CancelStatementCommand({ Id: waiting.Id }))).Status).toBe(true);
    expect((await settled(peer, waiting.Id!)).Status).toBe("ABORTED");
    await run(owner, { SessionId: holder, Sql: "commit" });
    expect(await value(peer, { SessionId: session, Sql: "select count(*) from kept" })).toBe(0);
  });

  test("a ClientToken repeated while its statement keeps the session busy returns that statement", async () => {
    const session = await openSession(peer, "select 1");
    const holder = await openSession(owner, "begin");
    const input = { SessionId: session, Sql: "select 2", ClientToken: "chaincheck-session-retry" };
    const first = await peer.send(new ExecuteStatementCommand(input));
    const again = await peer.send(new ExecuteStatementCommand(input));
    expect([again.Id, again.SessionId]).toEqual([first.Id, session]);
    await run(owner, { SessionId: holder, Sql: "commit" });
    expect((await settled(peer, first.Id!)).Status).toBe("FINISHED");
  });

  test("SessionId with the warehouse or credential parameters is refused", async () => {
    const session = await openSession(owner, "select 1");
    expect(
      await failure(
        owner.send(new ExecuteStatementCommand({ ...target, SessionId: session, Sql: "select 1" })),
      ),
    ).toEqual({
      name: "ValidationException",
      message: "SessionId cannot be specified with ClusterIdentifier, Database, DbUser.",
      status: 400,
    });
  });

  test("SessionKeepAliveSeconds past 24 hours is refused", async () => {
    expect(
      await failure(
        owner.send(
          new ExecuteStatementCommand({ ...target, Sql: "select 1", SessionKeepAliveSeconds: 86_401 }),
        ),
      ),
    ).toEqual({
      name: "ValidationException",
      message:
        "1 validation error detected: Value '86401' at 'sessionKeepAliveSeconds' failed to satisfy constraint: Member must have value less than or equal to 86400",
      status: 400,
    });
  });

  test("another principal of the account runs in the session as its owner's database user", async () => {
    const session = await openSession(owner, "create temp table shared (id int)");
    expect(await value(peer, { SessionId: session, Sql: "select current_user" })).toBe("app_user");
  });

  test("a policy conditioned on the session owner denies someone else's session", async () => {
    const session = await openSession(owner, "select 1");
    expect(
      await failure(ownerOnly.send(new ExecuteStatementCommand({ SessionId: session, Sql: "select 1" }))),
    ).toEqual({
      name: "AccessDeniedException",
      message:
        `User: arn:aws:sts::${B}:assumed-role/owner-only-role/etl is not authorized to perform: ` +
        `redshift-data:ExecuteStatement on resource: ${CLUSTER_ARN} because no identity-based policy allows the redshift-data:ExecuteStatement action`,
      status: 403,
    });
    const own = await openSession(ownerOnly, "select 1");
    expect((await run(ownerOnly, { SessionId: own, Sql: "select 1" })).Status).toBe("FINISHED");
  });

  test("ListSessions shows the caller's open sessions with their keep-alive", async () => {
    const session = await openSession(owner, "select 1", 300);
    const listed = await owner.send(new ListSessionsCommand({ ClusterIdentifier: CLUSTER }));
    const mine = listed.Sessions?.find((s) => s.SessionId === session);
    expect(mine).toMatchObject({
      Status: "AVAILABLE",
      Database: "dev",
      DbUser: "app_user",
      ClusterIdentifier: CLUSTER,
      SessionAliveSeconds: 300,
    });
    expect(mine!.SessionTtl!.getTime() - mine!.UpdatedAt!.getTime()).toBe(300_000);
    expect(
      (await peer.send(new ListSessionsCommand({}))).Sessions?.some((s) => s.SessionId === session),
    ).toBe(false);
  });

  test("past the open-session quota a new session is refused with ActiveSessionsExceededException", async () => {
    setDataApiQuotas(emu.world, { maxOpenSessions: 0 });
    try {
      expect(
        await failure(
          owner.send(
            new ExecuteStatementCommand({ ...target, Sql: "select 1", SessionKeepAliveSeconds: 60 }),
          ),
        ),
      ).toEqual({
        name: "ActiveSessionsExceededException",
        message:
          "The Amazon Redshift Data API operation failed because the maximum number of active sessions exceeded.",
        status: 400,
      });
    } finally {
      setDataApiQuotas(emu.world, { maxOpenSessions: 500 });
    }
  });

  test("DescribeStatement carries no SessionId for a statement outside sessions", async () => {
    const out = await run(owner, { ...target, Sql: "select 1" });
    expect((await owner.send(new DescribeStatementCommand({ Id: out.Id }))).SessionId).toBeUndefined();
  });
});
