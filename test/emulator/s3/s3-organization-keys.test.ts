import { GetObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import { copyRoleCredentials, failureWithFields } from "../../support/clients.ts";
import { A, B, BUCKET } from "../../support/constants.ts";
import { type Layer, mergeLayers, test } from "../../support/emulator-fixture.ts";
import { bucketPolicy, COPY_SESSION_ARN, SALES_KEY, s3 } from "./s3-test-clients.ts";

const ORG = "o-chaincheck01";
const WORKLOADS = "ou-cc01-aaaaaaaa";
const ANALYTICS = "ou-cc01-bbbbbbbb";
const PRINCIPAL_ORG_VARIABLE = ["$", "{aws:PrincipalOrgID}"].join("");
const get = () => new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY });
const objectResource = `"arn:aws:s3:::${BUCKET}/${SALES_KEY}"`;

function organization(members: string[], extra: object = {}): Layer {
  return {
    organizations: [
      {
        id: ORG,
        managementAccount: "999999999999",
        accounts: members,
        organizationalUnits: [
          { id: WORKLOADS, name: "workloads", accounts: [] },
          { id: ANALYTICS, name: "analytics", parent: WORKLOADS, accounts: members.includes(B) ? [B] : [] },
        ],
        ...extra,
      },
    ],
  } as Layer;
}

const orgReads = (condition: object): Layer =>
  bucketPolicy([
    {
      Sid: "OrganizationReads",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: condition,
    },
  ]) as Layer;

describe("a bucket policy guarded by the organization", () => {
  test("lets B's COPY role read when aws:PrincipalOrgID names the organization B belongs to", async ({
    start,
  }) => {
    const e = await start(
      mergeLayers(organization([A, B]), orgReads({ StringEquals: { "aws:PrincipalOrgID": ORG } })),
    );
    const out = await s3(e, copyRoleCredentials(e)).send(get());
    expect(await out.Body?.transformToString()).toContain("2,osaka,80.00");
  });

  test("denies it with S3's reason when aws:PrincipalOrgID names another organization", async ({ start }) => {
    const e = await start(
      mergeLayers(
        organization([A, B]),
        orgReads({ StringEquals: { "aws:PrincipalOrgID": "o-anotherorg1" } }),
      ),
    );
    expect(await failureWithFields(s3(e, copyRoleCredentials(e)).send(get()))).toMatchObject({
      name: "AccessDenied",
      message: `User: ${COPY_SESSION_ARN} is not authorized to perform: s3:GetObject on resource: ${objectResource} because no resource-based policy allows the s3:GetObject action`,
      status: 403,
    });
  });

  test("admits B by its OU path in aws:PrincipalOrgPaths and refuses a path to another OU", async ({
    start,
  }) => {
    const under = (path: string) =>
      mergeLayers(
        organization([A, B]),
        orgReads({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": path } }),
      );
    const ok = await start(under(`${ORG}/r-chai/${WORKLOADS}/*`));
    expect((await s3(ok, copyRoleCredentials(ok)).send(get())).$metadata.httpStatusCode).toBe(200);
    const other = await start(under(`${ORG}/r-chai/ou-cc01-cccccccc/*`));
    expect(await failureWithFields(s3(other, copyRoleCredentials(other)).send(get()))).toMatchObject({
      name: "AccessDenied",
      status: 403,
    });
  });
});

describe("a data-perimeter SCP on aws:ResourceOrgID", () => {
  const perimeter = {
    scps: [
      {
        id: "p-perimeter01",
        name: "data-perimeter",
        targets: [WORKLOADS],
        document: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Deny",
              Action: "s3:*",
              Resource: "*",
              Condition: { StringNotEqualsIfExists: { "aws:ResourceOrgID": PRINCIPAL_ORG_VARIABLE } },
            },
          ],
        },
      },
    ],
  };

  test("lets B's COPY role read A's bucket when A is in B's organization", async ({ start }) => {
    const e = await start(organization([A, B], perimeter));
    expect((await s3(e, copyRoleCredentials(e)).send(get())).$metadata.httpStatusCode).toBe(200);
  });

  test("denies the read explicitly when A's bucket is outside B's organization", async ({ start }) => {
    const e = await start(organization([B], perimeter));
    expect(await failureWithFields(s3(e, copyRoleCredentials(e)).send(get()))).toMatchObject({
      name: "AccessDenied",
      message: "Access Denied",
      status: 403,
    });
  });
});
