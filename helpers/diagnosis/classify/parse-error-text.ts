/**
 * Turns a pasted AWS or Redshift error into its parts: wire code, HTTP status, service, operation,
 * message, whether it came from the SQL engine (async, DescribeStatement) and Redshift's DETAIL
 * block. Understands the wrappers people paste: AWS CLI / boto3 (`An error occurred (Code) when
 * calling the Op operation: …`), JS SDK (`Name: message`, JSON-dumped errors), Go v1/v2
 * (`operation error STS: AssumeRole, https response error StatusCode: 403 …`), Java v1/v2
 * (`… (Service: X; Status Code: N; Error Code: C; …)`), JS v2 objects (`code: '…'`), and Redshift
 * texts with JDBC/psycopg/pq/redshift_connector prefixes, with or without the DETAIL block.
 *
 * Known gaps: a text mixing two errors yields the first; localized (non-English) AWS messages are
 * not recognised.
 */

export interface ParsedError {
  code?: string;
  httpStatus?: number;
  service?: string;
  operation?: string;
  /** The AWS message, or the SQL error's text without `ERROR:` / `FATAL:`. */
  message: string;
  /** `async`: an engine-side error (DescribeStatement FAILED, a driver's SQL error). */
  surface?: "sync" | "async";
  severity?: "ERROR" | "FATAL";
  redshiftCode?: number;
  detail?: { context?: string; location?: string; query?: string };
}

const OPERATION_SERVICE: [RegExp, string][] = [
  [/^(AssumeRole\w*|GetCallerIdentity|GetSessionToken)$/, "sts"],
  [/^(GetClusterCredentials\w*|DescribeClusters|ModifyClusterIamRoles)$/, "redshift"],
  [
    /^(ExecuteStatement|BatchExecuteStatement|DescribeStatement|GetStatementResult|CancelStatement|ListStatements)$/,
    "redshift-data",
  ],
  [/^(GetCredentials|GetWorkgroup)$/, "redshift-serverless"],
  [/^GetSecretValue$/, "secretsmanager"],
  [/^(CreateFunction|UpdateFunctionConfiguration|Invoke|GetFunction\w*)$/, "lambda"],
  [/^(CreateRole|UpdateAssumeRolePolicy|PutRolePolicy|GetRole|SimulatePrincipalPolicy)$/, "iam"],
];

const SERVICE_NAMES: Record<string, string> = {
  sts: "sts",
  awssecuritytokenservice: "sts",
  redshift: "redshift",
  amazonredshift: "redshift",
  "redshift data": "redshift-data",
  redshiftdata: "redshift-data",
  "redshift-data": "redshift-data",
  awsredshiftserverless: "redshift-serverless",
  "redshift serverless": "redshift-serverless",
  lambda: "lambda",
  awslambda: "lambda",
  iam: "iam",
  amazonidentitymanagement: "iam",
  "secrets manager": "secretsmanager",
  awssecretsmanager: "secretsmanager",
};

function serviceFor(operation?: string, name?: string): string | undefined {
  if (name) {
    const known = SERVICE_NAMES[name.toLowerCase().trim()];
    if (known) return known;
  }
  if (!operation) return undefined;
  return OPERATION_SERVICE.find(([re]) => re.test(operation))?.[1];
}

/** Driver and tool prefixes in front of a Redshift engine error. */
const SQL_PREFIXES = [
  /^\[Amazon\]\(\d+\)\s*Invalid operation:\s*/i,
  /^(?:psycopg2?|redshift_connector)(?:\.\w+)*(?:\.errors)?\.\w+:\s*/i,
  /^(?:java\.sql|org\.postgresql\.util|com\.amazon\.redshift\.util)\.\w+:\s*/,
  /^pq:\s*/,
  /^(?:Status:\s*"?FAILED"?[,\s]*)?Error:\s*/i,
  /^.*failed with status FAILED and error\s*/i,
  /^Statement status was FAILED:\s*/i,
];

function stripSqlPrefixes(text: string): string {
  let out = text.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of SQL_PREFIXES) {
      const next = out.replace(re, "");
      if (next !== out) {
        out = next.trim();
        changed = true;
      }
    }
  }
  return out;
}

function parseDetail(text: string): Pick<ParsedError, "redshiftCode" | "detail"> & { error?: string } {
  const field = (name: string) => new RegExp(`^[ \\t]*${name}:[ \\t]+(.*)$`, "m").exec(text)?.[1]?.trim();
  const code = field("code");
  if (!/-{5,}/.test(text) && !code) return {};
  const context = field("context");
  const location = field("location");
  const query = field("query");
  return {
    error: field("error"),
    redshiftCode: code && /^\d+$/.test(code) ? Number(code) : undefined,
    detail: context || location || query ? { context, location, query } : undefined,
  };
}

/** A JSON paste: a JS SDK error dump or a DescribeStatement response. */
function parseJson(text: string): ParsedError | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (typeof o.Error === "string") return parseErrorText(o.Error, "async");
    const meta = o.$metadata as { httpStatusCode?: number } | undefined;
    const name = (o.name ?? o.errorType ?? o.code ?? o.Code) as string | undefined;
    const message = (o.message ??
      o.Message ??
      o.errorMessage ??
      (o.Status ? `Status: ${o.Status}` : "")) as string;
    return {
      code: name,
      httpStatus: meta?.httpStatusCode ?? (o.statusCode as number | undefined),
      message: message === name ? "" : message,
      surface: "sync",
    };
  } catch {
    return undefined;
  }
}

export function parseErrorText(input: string, surface?: "sync" | "async"): ParsedError {
  const text = input.replace(/\r\n/g, "\n").trim();
  const json = parseJson(text);
  if (json) return json;

  const cli =
    /An error occurred \((\w+)\) when calling the (\w+) operation(?: \([^)]*\))?:\s*([\s\S]*)/.exec(text) ??
    /^\((\w+)\) when calling the (\w+) operation:\s*([\s\S]*)/m.exec(text);
  if (cli)
    return {
      code: cli[1],
      operation: cli[2],
      service: serviceFor(cli[2]),
      message: cli[3].trim(),
      surface: "sync",
    };

  const go2 =
    /operation error ([\w ]{1,60}?): (\w+), https response error StatusCode: (\d+)(?:, RequestID: [^,]{0,200})?, (?:api error )?(\w+): ([\s\S]*)/.exec(
      text,
    );
  if (go2)
    return {
      code: go2[4],
      operation: go2[2],
      service: serviceFor(go2[2], go2[1]),
      httpStatus: Number(go2[3]),
      message: go2[5].trim(),
      surface: "sync",
    };

  // The Java tail is found first and the message is what precedes it: a lazy `([\s\S]*?)` in front
  // would be retried from every position of a long paste (quadratic).
  const javaTail =
    /\(Service: ([\w ]{1,60}?)[;,] Status Code: (\d+)(?:[;,]\s*Error Code: (\w+))?[^)]{0,400}\)/.exec(text);
  if (javaTail) {
    const before = text.slice(0, javaTail.index).trim();
    const inner = /^(\w+):\s+([\s\S]*)$/.exec(before);
    return {
      code: javaTail[3] ?? inner?.[1],
      service: serviceFor(undefined, javaTail[1]),
      httpStatus: Number(javaTail[2]),
      message: (javaTail[3] || !inner ? before : inner[2]).trim(),
      surface: "sync",
    };
  }

  const jsV2 = /code:\s*'(\w+)'/.exec(text);
  if (jsV2) {
    const message = /message:\s*'([^']*)'/.exec(text)?.[1] ?? /^\w+:\s*(.*)$/m.exec(text)?.[1] ?? "";
    const status = /statusCode:\s*(\d+)/.exec(text)?.[1];
    return { code: jsV2[1], message, httpStatus: status ? Number(status) : undefined, surface: "sync" };
  }

  // Go v1: `Code: message\n\tstatus code: N`; head and tail found apart (one pass each), not with a
  // lazy match between them, which backtracks over every run of whitespace.
  const go1Head = /^(\w+):\s/.exec(text);
  const go1Tail = go1Head && /status code:[ \t]*(\d+)/.exec(text);
  if (go1Head && go1Tail && go1Tail.index >= go1Head[0].length)
    return {
      code: go1Head[1],
      message: text.slice(go1Head[0].length, go1Tail.index).trim(),
      httpStatus: Number(go1Tail[1]),
      surface: "sync",
    };

  return parseSqlOrSdk(text, surface);
}

/** Either a Redshift engine text (possibly with a DETAIL block) or a JS SDK `Name: message`. */
function parseSqlOrSdk(text: string, surface?: "sync" | "async"): ParsedError {
  const firstLine = stripSqlPrefixes(text.split("\n")[0]);
  const { error, ...detail } = parseDetail(text);
  const sql = /^(ERROR|FATAL):\s+([\s\S]*)$/.exec(firstLine);
  if (sql) {
    const message = (sql[2].trim() || error || "").trim();
    return { message, severity: sql[1] as "ERROR" | "FATAL", surface: "async", ...detail };
  }
  if (
    /^S3ServiceException:|^S3Query Exception|^Spectrum Scan Error|^Load into table/.test(firstLine) ||
    detail.redshiftCode
  )
    return { message: firstLine, surface: "async", ...detail };
  const sdk = /^(?:\w+\.)*([A-Z][A-Za-z0-9]*):\s*([\s\S]*)$/.exec(stripSqlPrefixes(text));
  if (sdk && /^(?:[A-Z][a-z0-9]+)+$/.test(sdk[1]) && !/^(User|Cluster|Error|Status)$/.test(sdk[1])) {
    return { code: sdk[1], message: sdk[2].split("\n")[0].trim(), surface: surface ?? "sync" };
  }
  const bare = /^([A-Z][A-Za-z]+(?:Exception|Error|Fault|Denied))$/.exec(text);
  if (bare) return { code: bare[1], message: "", surface: "sync" };
  return {
    message: detail.redshiftCode ? stripSqlPrefixes(text).split("\n")[0] : stripSqlPrefixes(text),
    surface,
    ...detail,
  };
}
