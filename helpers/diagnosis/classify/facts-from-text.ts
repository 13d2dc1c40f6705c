/**
 * What an error text says about the user's setup: the caller, the denied action and resource,
 * and from their ARNs the accounts, region, roles, cluster, DB user and bucket. Used to fill in
 * fixes when no config is at hand (`chaincheck diagnose`).
 *
 * Known gaps: which account is A and which is B is inferred from the action (sts:AssumeRole's
 * caller is in A, Redshift/S3 callers are B's roles); a role path is not recoverable from an
 * `assumed-role/<name>/<session>` ARN.
 */
import type { FixValues } from "../catalog/fix-values.ts";

export interface TextFacts extends FixValues {
  /** The caller is an assumed-role session (not an IAM user or root). */
  callerIsRoleSession?: boolean;
  callerAccount?: string;
  resourceAccount?: string;
  /** COPY's IAM_ROLE list when it names several roles. */
  roleChain?: string[];
}

const ARN_CHARS = String.raw`[\w+=,.@:/*-]+`;

export function factsFromText(message: string): TextFacts {
  const f: TextFacts = {};
  const caller = new RegExp(`User:? (arn:aws[\\w-]*:(?:sts|iam|redshift)::?[\\w-]*:\\d*:?${ARN_CHARS})`).exec(
    message,
  )?.[1];
  if (caller) {
    f.callerArn = caller.replace(/[.,]$/, "");
    f.callerAccount = /^arn:[\w-]+:\w+:[\w-]*:(\d{12}):/.exec(f.callerArn)?.[1];
    f.callerIsRoleSession = /:assumed-role\//.test(f.callerArn);
  }
  const action = /not authorized to perform:? ([\w-]+:[\w*]+)/i.exec(message)?.[1];
  if (action) f.action = action;
  const resource = new RegExp(`on resource:? "?(${ARN_CHARS})"?`).exec(message)?.[1];
  if (resource) {
    f.resourceArn = resource.replace(/[.,]$/, "");
    f.resourceAccount = /^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12})?:/.exec(f.resourceArn)?.[1];
  }
  const session = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(f.callerArn ?? "");
  const sessionRoleArn = session ? `arn:aws:iam::${session[1]}:role/${session[2]}` : undefined;

  if (f.action === "sts:AssumeRole" || f.action === "sts:TagSession") {
    if (sessionRoleArn) {
      f.lambdaRoleArn = sessionRoleArn;
      // Lambda names its execution-role sessions after the function (docs/failures.md L1-02).
      f.functionName = session?.[3];
    }
    if (f.resourceArn && /:role\//.test(f.resourceArn)) f.targetRoleArn = f.resourceArn;
    f.accountA = f.callerAccount;
    f.accountB = f.resourceAccount;
  } else if (sessionRoleArn && session?.[3] !== "RedshiftIamRoleSession") {
    f.targetRoleArn = sessionRoleArn;
    f.sessionName = session?.[3];
    f.accountB = session?.[1];
  } else if (sessionRoleArn) {
    f.copyRoleArn = sessionRoleArn;
    f.accountB = session?.[1];
  }

  const dbUser = /arn:aws[\w-]*:redshift:([\w-]+):(\d{12})?:dbuser:([^/\s"]+)\/([^\s"]+?)[.,"]?(?=\s|$)/.exec(
    message,
  );
  if (dbUser) {
    f.region = dbUser[1];
    f.accountB ??= dbUser[2];
    f.clusterId = dbUser[3];
    f.dbUser = dbUser[4].replace(/^IAMA?:/, "");
  }
  const dbName = /arn:aws[\w-]*:redshift:([\w-]+):(\d{12}):dbname:([^/\s"]+)\/([^\s",]+)/.exec(message);
  if (dbName) {
    f.region ??= dbName[1];
    f.clusterId ??= dbName[3];
    f.database = dbName[4];
  }
  const cluster = /arn:aws[\w-]*:redshift:([\w-]+):(\d{12}):cluster:([\w-]+)/.exec(message);
  if (cluster) {
    f.region ??= cluster[1];
    f.accountB ??= cluster[2];
    f.clusterId ??= cluster[3];
  }
  f.clusterId ??= /Cluster ([\w-]+) not found/.exec(message)?.[1];
  f.workgroupName =
    /Serverless workgroup ([\w-]+) not found/.exec(message)?.[1] ?? /workgroup\/([\w-]+)/.exec(message)?.[1];

  const roles =
    /(?:IAM Role|of role|IAM role|IAM Role=)\s*"?(arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+(?:,arn:aws[\w-]*:iam::\d{12}:role\/[\w+=.@/-]+)*)"?/.exec(
      message,
    )?.[1];
  if (roles) {
    const list = roles.replace(/[.,]$/, "").split(",");
    f.copyRoleArn = list[0];
    if (list.length > 1) f.roleChain = list;
    f.accountB ??= /::(\d{12}):/.exec(list[0])?.[1];
  }
  const assumeRoleUser = /User "?([\w:$-]+)"? does not have ASSUMEROLE/.exec(message)?.[1];
  if (assumeRoleUser) f.dbUser ??= assumeRoleUser.replace(/^IAMA?:/, "");
  const missingUser = /user "(?:IAMA?:)?([^"]+)" does not exist/.exec(message)?.[1];
  if (missingUser) f.dbUser ??= missingUser;

  const s3 =
    /s3:\/\/([a-z0-9.-]{3,63})(\/[^\s,'"]*)?/.exec(message) ??
    /arn:aws[\w-]*:s3:::([a-z0-9.-]{3,63})(\/[^\s,'"]*)?/.exec(message);
  if (s3) f.copySource = `s3://${s3[1]}${s3[2] ?? "/"}`;
  const relation = /(?:relation|table|schema) "?([\w.$]+)"?(?: does not exist)?/.exec(message);
  if (relation && /permission denied|does not exist/.test(message)) f.relation = relation[1];
  const region = /s3\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com/.exec(message)?.[1];
  if (region) f.bucketRegion = region;
  const denied = /with an explicit deny in (?:an? )?([\w -]{1,80}?policy)(?::\s*(\S+?))?(?:\.|\s|$)/.exec(
    message,
  );
  if (denied) f.deniedBy = denied[2] ? `${denied[1]} ${denied[2]}` : denied[1];
  if (denied?.[1] === "service control policy" || /because no service control policy allows/.test(message)) {
    const scp =
      /arn:aws[\w-]*:organizations::(\d{12}):policy\/o-[a-z0-9]+\/service_control_policy\/(p-[0-9A-Za-z_]+)/.exec(
        denied?.[2] ?? "",
      );
    if (scp) {
      f.managementAccount = scp[1];
      f.scpId = scp[2];
    }
    f.scpAccount = f.callerAccount;
    f.exemptRoleArn = sessionRoleArn;
  }
  return f;
}
