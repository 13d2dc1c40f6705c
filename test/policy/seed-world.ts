import type { NamedPolicy, PrincipalInfo } from "../../policy/index.ts";

export const A = "111111111111";
export const B = "222222222222";
export const LAMBDA_ROLE = `arn:aws:iam::${A}:role/chaincheck-lambda-role`;
export const REDSHIFT_ROLE = `arn:aws:iam::${B}:role/chaincheck-redshift-role`;
export const DBUSER = `arn:aws:redshift:ap-northeast-1:${B}:dbuser:chaincheck-cluster/app_user`;
export const DBNAME = `arn:aws:redshift:ap-northeast-1:${B}:dbname:chaincheck-cluster/dev`;
export const ARTICLE_DBUSER = `arn:aws:redshift:ap-northeast-1:${B}:dbuser:app_user/dev`;
export const CLUSTER = `arn:aws:redshift:ap-northeast-1:${B}:cluster:chaincheck-cluster`;
export const BUCKET = "arn:aws:s3:::chaincheck-copy-source";

export const lambdaSession: PrincipalInfo = {
  arn: `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-fn`,
  account: A,
  kind: "assumed-role",
  roleArn: LAMBDA_ROLE,
  userId: "AROAAAAAAAAAAAAAAAAA1:chaincheck-fn",
  uniqueId: "AROAAAAAAAAAAAAAAAAA1",
  tags: { team: "data" },
};

export const redshiftSession: PrincipalInfo = {
  arn: `arn:aws:sts::${B}:assumed-role/chaincheck-redshift-role/chaincheck`,
  account: B,
  kind: "assumed-role",
  roleArn: REDSHIFT_ROLE,
  userId: "AROABBBBBBBBBBBBBBBB2:chaincheck",
  uniqueId: "AROABBBBBBBBBBBBBBBB2",
};

export const alice: PrincipalInfo = {
  arn: `arn:aws:iam::${A}:user/alice`,
  account: A,
  kind: "user",
  userId: "AIDAAAAAAAAAAAAAAAAA3",
  uniqueId: "AIDAAAAAAAAAAAAAAAAA3",
  username: "alice",
  tags: { team: "ops" },
};

export const redshiftService: PrincipalInfo = {
  arn: "redshift.amazonaws.com",
  account: "",
  kind: "service",
  userId: "redshift.amazonaws.com",
  service: "redshift.amazonaws.com",
};

export function policy(type: NamedPolicy["type"], name: string, statements: object | object[]): NamedPolicy {
  return { type, name, document: { Version: "2012-10-17", Statement: statements } };
}

export const lambdaInline = policy("identity", "role/chaincheck-lambda-role/inline/assume-b", {
  Effect: "Allow",
  Action: "sts:AssumeRole",
  Resource: REDSHIFT_ROLE,
});

export const redshiftTrust = policy("trust", "role/chaincheck-redshift-role/trust", {
  Effect: "Allow",
  Principal: { AWS: LAMBDA_ROLE },
  Action: "sts:AssumeRole",
});

export const redshiftInline = policy("identity", "role/chaincheck-redshift-role/inline/credentials", {
  Effect: "Allow",
  Action: "redshift:GetClusterCredentials",
  Resource: [DBUSER, DBNAME],
});

export const articleInline = policy("identity", "role/chaincheck-redshift-role/inline/article", {
  Effect: "Allow",
  Action: "redshift:GetClusterCredentials",
  Resource: [ARTICLE_DBUSER, DBNAME],
});
