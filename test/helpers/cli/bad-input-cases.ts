import { SEED } from "./run-cli.ts";

/** One bad input: the command line, the environment and files it runs with, and what the message
 *  must name (the flag, variable or file:line) and show (a good value). */
export interface BadInput {
  name: string;
  args: string[];
  env?: Record<string, string>;
  files?: Record<string, string | Buffer>;
  /** Fragments stderr must contain, in order of appearance or not. */
  mentions: string[];
}

const AWS_ENV = {
  AWS_REGION: "ap-northeast-1",
  CHAINCHECK_FUNCTION_NAME: "chaincheck-probe",
  CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/chaincheck-redshift-role",
  CHAINCHECK_CLUSTER_ID: "chaincheck-cluster",
  CHAINCHECK_DATABASE: "dev",
  CHAINCHECK_DB_USER: "app_user",
};

const aws = (name: string, vars: Record<string, string>, mentions: string[]): BadInput => ({
  name,
  args: ["run", "--target", "aws"],
  env: { ...AWS_ENV, ...vars },
  mentions,
});

/** A setup extending the seed with `body` (YAML after the extends line: line 2 on). */
const setup = (
  name: string,
  body: string,
  mentions: string[],
  extra: Record<string, string> = {},
): BadInput => ({
  name,
  args: ["run", "--setup", "bad.yaml"],
  files: { "bad.yaml": `extends: ${SEED}\n${body}`, ...extra },
  mentions,
});

const flagMissing = (flag: string, command = "run"): BadInput => ({
  name: `${command} --${flag} without a value`,
  args: [command, `--${flag}`],
  mentions: [`--${flag}: needs a value`, "e.g."],
});

function recordCases(): BadInput[] {
  return [
    {
      name: "record without --target",
      args: ["record"],
      mentions: ["record needs --target aws or --target endpoint", "no --target", "e.g. --target endpoint"],
    },
    {
      name: "record on the embedded target",
      args: ["record", "--target", "embedded"],
      mentions: ['(got "embedded")', "e.g. --target endpoint"],
    },
    {
      name: "record --output that is a file",
      args: ["record", "--target", "aws", "--output", "taken.json"],
      env: AWS_ENV,
      files: { "taken.json": "{}" },
      mentions: ["--output", "taken.json is a file", "e.g. --output test/parity/recorded-local"],
    },
    {
      name: "record --output whose recording file is not JSON",
      args: ["record", "--target", "aws", "--output", "rec"],
      env: AWS_ENV,
      files: { "rec/chain.chaincheck-record.json": "{ half" },
      mentions: ["--output", "chain.chaincheck-record.json is not JSON", "e.g. --output"],
    },
    flagMissing("output", "record"),
  ];
}

function renderCases(): BadInput[] {
  const report = JSON.stringify({ schemaVersion: 1, verdict: "pass", links: [], notes: [] });
  return [
    {
      name: "render without a file",
      args: ["render"],
      mentions: ["render takes one JSON report file", "--format html"],
    },
    {
      name: "render a missing file",
      args: ["render", "missing.json"],
      mentions: ["cannot read missing.json (no such file)", "chaincheck run --format json"],
    },
    { name: "render a directory", args: ["render", "."], mentions: ["cannot read . (a directory)"] },
    {
      name: "render a file that is not JSON",
      args: ["render", "r.json"],
      files: { "r.json": "<testsuites/>" },
      mentions: ["r.json is not JSON", "chaincheck run --format json"],
    },
    {
      name: "render JSON that is not a report",
      args: ["render", "r.json"],
      files: { "r.json": '{"schemaVersion": 2}' },
      mentions: ["r.json is not a chaincheck JSON report", "docs/report.schema.json"],
    },
    {
      name: "render --format unknown",
      args: ["render", "r.json", "--format", "pdf"],
      files: { "r.json": report },
      mentions: ["--format", "console, json, junit, github, html", '"pdf"'],
    },
    {
      name: "render --output into a missing folder",
      args: ["render", "r.json", "--output", "nowhere/r.html"],
      files: { "r.json": report },
      mentions: ["--output", "no such directory nowhere"],
    },
    flagMissing("output", "render"),
  ];
}

function smokeCases(): BadInput[] {
  const hook = "http://127.0.0.1:9/hook";
  return [
    {
      name: "--notify not a URL",
      args: ["run", "--state", "s.json", "--notify", "hooks.slack.com"],
      mentions: ["--notify: expected an http(s) webhook URL", '"hooks.slack.com"'],
    },
    {
      name: "--notify ftp",
      args: ["run", "--state", "s.json", "--notify", "ftp://127.0.0.1/hook"],
      mentions: ["--notify: expected an http(s) webhook URL", "https://hooks.slack.com/services/"],
    },
    {
      name: "--notify without --state",
      args: ["run", "--notify", hook],
      mentions: ["--notify: needs --state FILE", "--state .chaincheck-state.json"],
    },
    {
      name: "--notify-format unknown",
      args: ["run", "--state", "s.json", "--notify", hook, "--notify-format", "teams"],
      mentions: ["--notify-format: expected one of json, slack", '"teams"'],
    },
    {
      name: "--notify-format without --notify",
      args: ["run", "--state", "s.json", "--notify-format", "slack"],
      mentions: ["--notify-format: applies to --notify URL"],
    },
    {
      name: "--notify-timeout 0",
      args: ["run", "--state", "s.json", "--notify", hook, "--notify-timeout", "0"],
      mentions: ["--notify-timeout: expected seconds from 0.1 to 60 such as 5", '"0"'],
    },
    {
      name: "--notify-timeout words",
      args: ["run", "--state", "s.json", "--notify", hook, "--notify-timeout", "5s"],
      mentions: ["--notify-timeout", '"5s"'],
    },
    {
      name: "--state in a missing folder",
      args: ["run", "--state", "nowhere/s.json"],
      mentions: ["--state: no such directory nowhere", ".chaincheck-state.json"],
    },
    { name: "--state a directory", args: ["run", "--state", "."], mentions: ["--state: . is a directory"] },
    {
      name: "--state a file that is not a state file",
      args: ["run", "--state", "s.json"],
      files: {
        "s.json": '{"schemaVersion": 1, "environments": {"default": {"links": {"assume-role": "red"}}}}',
      },
      mentions: [
        "--state: s.json: not a chaincheck state file",
        "environments.default.links.assume-role",
        "pass, fail or error",
      ],
    },
    {
      name: "--state a file that is not JSON",
      args: ["run", "--state", "s.json"],
      files: { "s.json": "last: green\n" },
      mentions: ["--state: s.json: not JSON", "remove it or name another file"],
    },
    {
      name: "every smoke problem at once",
      args: ["run", "--notify", "x", "--notify-format", "teams"],
      mentions: [
        "--notify: expected an http(s) webhook URL",
        "--notify: needs --state FILE",
        "--notify-format: expected one of",
      ],
    },
    ...["state", "notify", "notify-format", "notify-timeout"].map((f) => flagMissing(f)),
  ];
}

export const FLAG_CASES: BadInput[] = [
  {
    name: "unknown command",
    args: ["runn"],
    mentions: ['unknown command "runn"', "expected run, merge, matrix, scenarios"],
  },
  { name: "unknown flag", args: ["run", "--bogus"], mentions: ["'--bogus'", "--target, --setup"] },
  { name: "unknown short flag", args: ["run", "-x"], mentions: ["'-x'", "--target"] },
  { name: "misspelt flag", args: ["run", "--formt", "json"], mentions: ["'--formt'", "--format"] },
  { name: "flag of another command", args: ["run", "--port", "1"], mentions: ["'--port'", "--target"] },
  ...[
    "target",
    "setup",
    "scenario",
    "endpoint",
    "env-file",
    "matrix",
    "concurrency",
    "shard",
    "format",
    "output",
    "origin",
    "write-fix",
  ].map((f) => flagMissing(f)),
  {
    name: "--verify-fix on real accounts",
    args: ["run", "--target", "aws", "--verify-fix"],
    env: AWS_ENV,
    mentions: [
      "--verify-fix: runs on the embedded target only",
      "chaincheck snapshot --target aws --output twin.yaml",
    ],
  },
  {
    name: "--write-fix in a folder that does not exist",
    args: ["run", "--write-fix", "no-such-folder/fix-out"],
    mentions: ["--write-fix: the folder no-such-folder does not exist", "e.g. --write-fix fix-out"],
  },
  {
    name: "--write-fix into a folder that is not empty",
    args: ["run", "--write-fix", "out"],
    files: { "out/keep.txt": "mine\n" },
    mentions: ["--write-fix: out is not empty", "e.g. --write-fix fix-out"],
  },
  {
    name: "--write-fix onto a file",
    args: ["run", "--write-fix", "out.txt"],
    files: { "out.txt": "mine\n" },
    mentions: ["--write-fix: out.txt is a file", "e.g. --write-fix fix-out"],
  },
  {
    name: "--verify-fix with several environments",
    args: ["run", "--verify-fix", "--env-file", "a.env", "--env-file", "b.env"],
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["--verify-fix: verifies one setup", "several environments"],
  },
  {
    name: "--target unknown",
    args: ["run", "--target", "cloud"],
    mentions: ["--target", "embedded, endpoint, localstack, aws", '"cloud"'],
  },
  {
    name: "--format unknown",
    args: ["run", "--format", "yaml"],
    mentions: ["--format", "console, json, junit, github"],
  },
  {
    name: "--origin unknown",
    args: ["run", "--origin", "remote"],
    mentions: ["--origin", "lambda-probe, local"],
  },
  {
    name: "--endpoint not a URL",
    args: ["run", "--endpoint", "localhost"],
    mentions: ["--endpoint", "http://127.0.0.1:4566"],
  },
  {
    name: "--endpoint ftp",
    args: ["run", "--endpoint", "ftp://127.0.0.1:21"],
    mentions: ["--endpoint", "http or https"],
  },
  {
    name: "--endpoint with a path",
    args: ["run", "--endpoint", "http://127.0.0.1:4566/x"],
    mentions: ["--endpoint", "root with no path"],
  },
  {
    name: "--endpoint with a query",
    args: ["run", "--endpoint", "http://127.0.0.1:4566/?a=1"],
    mentions: ["--endpoint", "http://127.0.0.1:4566"],
  },
  {
    name: "--concurrency without several environments",
    args: ["run", "--concurrency", "2"],
    mentions: ["--concurrency", "--env-file repeated or --matrix"],
  },
  {
    name: "--concurrency 0",
    args: ["run", "--env-file", "a.env", "--env-file", "b.env", "--concurrency", "0"],
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["--concurrency", "1–64 such as 2"],
  },
  {
    name: "--concurrency 65",
    args: ["run", "--env-file", "a.env", "--env-file", "b.env", "--concurrency", "65"],
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["--concurrency", "1–64 such as 2"],
  },
  {
    name: "--shard without several environments",
    args: ["run", "--shard", "1/2"],
    mentions: ["--shard", "--env-file repeated or --matrix"],
  },
  ...["0/3", "4/3", "2", "1/0", "a/b", "1/2/3", "1/-3", "1/999"].map((value) => ({
    name: `--shard ${value}`,
    args: ["run", "--env-file", "a.env", "--env-file", "b.env", "--shard", value],
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["--shard", "K/N", "such as 2/7", `"${value}"`],
  })),
  {
    name: "--shard more shards than environments",
    args: ["run", "--env-file", "a.env", "--env-file", "b.env", "--shard", "3/3"],
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["--shard", "3 shards of 2 environments", "at most 2 shards"],
  },
  {
    name: "--concurrency words",
    args: ["run", "--env-file", "a.env", "--env-file", "b.env", "--concurrency", "two"],
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["--concurrency", '"two"'],
  },
  {
    name: "--scenario unknown",
    args: ["run", "--scenario", "trust-policy-externl-id"],
    mentions: ["--scenario", "trust-policy-external-id"],
  },
  {
    name: "--scenario and --setup",
    args: ["run", "--scenario", "trust-policy-external-id", "--setup", SEED],
    mentions: ["--scenario and --setup", "give one"],
  },
  {
    name: "--scenario on aws",
    args: ["run", "--scenario", "trust-policy-external-id", "--target", "aws"],
    env: AWS_ENV,
    mentions: ["--scenario", "embedded target only"],
  },
  {
    name: "--scenario with several environments",
    args: ["run", "--scenario", "x", "--env-file", "a.env", "--env-file", "b.env"],
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["--scenario", "several environments"],
  },
  {
    name: "--scenario fix of none",
    args: ["run", "--scenario", "nope.fix"],
    mentions: ["--scenario", "chaincheck scenarios"],
  },
  {
    name: "--setup missing file",
    args: ["run", "--setup", "missing.yaml"],
    mentions: ["--setup", "missing.yaml", "fixtures/setups/seed.yaml"],
  },
  {
    name: "--setup a directory",
    args: ["run", "--setup", "."],
    mentions: ["--setup", "is a directory", "fixtures/setups/seed.yaml"],
  },
  {
    name: "--setup with --target aws",
    args: ["run", "--setup", SEED, "--target", "aws"],
    env: AWS_ENV,
    mentions: ["--setup", "embedded and localstack targets only"],
  },
  {
    name: "a stray word after run",
    args: ["run", "trust-policy-external-id"],
    mentions: ['"trust-policy-external-id"', "--scenario trust-policy-external-id"],
  },
  {
    name: "a stray word after flags",
    args: ["run", "--format", "json", "extra"],
    mentions: ['"extra"', "--scenario extra"],
  },
  {
    name: "a path as a stray word",
    args: ["run", "setup.yaml"],
    mentions: ['"setup.yaml"', "--setup setup.yaml"],
  },
  {
    name: "--matrix and --env-file",
    args: ["run", "--matrix", "m.yaml", "--env-file", "a.env"],
    files: { "m.yaml": "environments: [{ name: a }]\n", "a.env": "A=1\n" },
    mentions: ["--matrix and --env-file", "give one"],
  },
  {
    name: "--target endpoint without endpoint",
    args: ["run", "--target", "endpoint"],
    mentions: ["AWS_ENDPOINT_URL (or --endpoint)", "http://127.0.0.1:4566"],
  },
  {
    name: "--target aws with an endpoint",
    args: ["run", "--target", "aws", "--endpoint", "http://127.0.0.1:4566"],
    env: AWS_ENV,
    mentions: ["--endpoint", "use --target endpoint"],
  },
  {
    name: "--output into a missing directory",
    args: ["run", "--output", "nowhere/report.txt"],
    mentions: ["--output", "no such directory nowhere", "chaincheck-report.txt"],
  },
  {
    name: "--output a directory",
    args: ["run", "--output", "."],
    mentions: ["--output", "is a directory", "chaincheck-report.txt"],
  },
  {
    name: "--output under a file",
    args: ["run", "--output", "file.txt/report.txt"],
    files: { "file.txt": "x" },
    mentions: ["--output", "file.txt", "chaincheck-report.txt"],
  },
  {
    name: "--output empty",
    args: ["run", "--output", ""],
    mentions: ["--output: empty", "chaincheck-report.txt"],
  },
  {
    name: "GITHUB_STEP_SUMMARY in a missing directory",
    args: ["run", "--format", "github"],
    env: { GITHUB_STEP_SUMMARY: "gone/summary.md" },
    mentions: ["GITHUB_STEP_SUMMARY", "no such directory gone", "/tmp/step-summary.md"],
  },
  {
    name: "GITHUB_STEP_SUMMARY a directory",
    args: ["run", "--format", "github"],
    env: { GITHUB_STEP_SUMMARY: "." },
    mentions: ["GITHUB_STEP_SUMMARY", "is a directory"],
  },
  {
    name: "--output bad with several environments",
    args: ["run", "--env-file", "a.env", "--env-file", "b.env", "--output", "no/x.txt"],
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["--output", "no such directory no"],
  },
  {
    name: "GITHUB_STEP_SUMMARY bad with several environments",
    args: ["run", "--env-file", "a.env", "--env-file", "b.env", "--format", "github"],
    env: { GITHUB_STEP_SUMMARY: "no/s.md" },
    files: { "a.env": "A=1\n", "b.env": "B=1\n" },
    mentions: ["GITHUB_STEP_SUMMARY", "no such directory no"],
  },
  {
    name: "scenarios with a word",
    args: ["scenarios", "x"],
    mentions: ["scenarios takes no arguments", "run --scenario"],
  },
  {
    name: "scenarios --format yaml",
    args: ["scenarios", "--format", "yaml"],
    mentions: ["--format", "console or json"],
  },
  { name: "probe without action", args: ["probe"], mentions: ["probe", '"deploy" or "remove"'] },
  {
    name: "probe with an unknown action",
    args: ["probe", "install"],
    mentions: ['"install"', '"deploy" or "remove"'],
  },
  {
    name: "probe deploy without settings",
    args: ["probe", "deploy"],
    mentions: ["AWS_REGION: required; e.g. ap-northeast-1", "CHAINCHECK_LAMBDA_ROLE_ARN"],
  },
  {
    name: "probe remove with a bad region",
    args: ["probe", "remove", "--region", "tokyo", "--function-name", "x"],
    mentions: ["--region", "ap-northeast-1"],
  },
  {
    name: "probe with a bad endpoint",
    args: ["probe", "remove", "--region", "ap-northeast-1", "--function-name", "x", "--endpoint", "nope"],
    mentions: ["--endpoint", "http://127.0.0.1:4566"],
  },
  {
    name: "probe with a missing env file",
    args: ["probe", "remove", "--env-file", "missing.env"],
    mentions: ["--env-file", "missing.env", ".env.example"],
  },
  flagMissing("function-name", "probe"),
  {
    name: "emulator --port too big",
    args: ["emulator", "--port", "99999"],
    mentions: ["--port", "0–65535 such as 4566"],
  },
  { name: "emulator --port words", args: ["emulator", "--port", "http"], mentions: ["--port", '"http"'] },
  {
    name: "emulator --host not an address",
    args: ["emulator", "--host", "999.1.1.1"],
    mentions: ["--host", "127.0.0.1", '"999.1.1.1"'],
  },
  {
    name: "emulator --setup missing",
    args: ["emulator", "--setup", "missing.yaml"],
    mentions: ["--setup", "missing.yaml", "fixtures/setups/seed.yaml"],
  },
  {
    name: "emulator --setup a directory",
    args: ["emulator", "--setup", "."],
    mentions: ["--setup", "is a directory"],
  },
  {
    name: "emulator with a broken setup",
    args: ["emulator", "--setup", "bad.yaml"],
    files: { "bad.yaml": `extends: ${SEED}\nchain:\n  externalId: x\n` },
    mentions: ["bad.yaml:3:", "chain.externalId", "at least 2 characters"],
  },
  flagMissing("port", "emulator"),
  flagMissing("host", "emulator"),
  { name: "diagnose empty text", args: ["diagnose", ""], mentions: ["diagnose got an empty error text"] },
  {
    name: "diagnose blank text",
    args: ["diagnose", "  \n "],
    mentions: ["diagnose got an empty error text"],
  },
  {
    name: "diagnose two texts",
    args: ["diagnose", "a", "b"],
    mentions: ["one error text (quote it) or - for stdin"],
  },
  {
    name: "diagnose --format yaml",
    args: ["diagnose", "--format", "yaml", "AccessDenied"],
    mentions: ["--format", "console or json"],
  },
  flagMissing("format", "diagnose"),
  ...renderCases(),
  ...recordCases(),
  ...smokeCases(),
  {
    name: "snapshot on the embedded target",
    args: ["snapshot"],
    mentions: ["CHAINCHECK_TARGET", "snapshot reads a live target", "e.g. --target endpoint"],
  },
  {
    name: "snapshot --format xml",
    args: ["snapshot", "--target", "aws", "--format", "xml"],
    env: AWS_ENV,
    mentions: ["--format", "yaml, json", "e.g. --format yaml"],
  },
  {
    name: "snapshot --with-data words",
    args: ["snapshot", "--target", "aws", "--with-data", "lots"],
    env: AWS_ENV,
    mentions: ["--with-data", '"lots"', "e.g. --with-data 65536"],
  },
  {
    name: "snapshot --with-data too large",
    args: ["snapshot", "--target", "aws", "--with-data", "99999999"],
    env: AWS_ENV,
    mentions: ["--with-data", "0–1048576"],
  },
  {
    name: "snapshot without the chain variables",
    args: ["snapshot", "--target", "aws"],
    mentions: ["CHAINCHECK_FUNCTION_NAME", "required"],
  },
  flagMissing("with-data", "snapshot"),
  {
    name: "diff with one file",
    args: ["diff", "last-green.yaml"],
    mentions: ["diff takes two files", "e.g. chaincheck diff last-green.yaml twin.yaml"],
  },
  {
    name: "diff with a missing file",
    args: ["diff", SEED, "nowhere.yaml"],
    mentions: ["NEW: no such file nowhere.yaml", "e.g. last-green.yaml"],
  },
  {
    name: "diff with an invalid setup",
    args: ["diff", "bad.yaml", SEED],
    files: { "bad.yaml": "accounts: []\n" },
    mentions: ["OLD: bad.yaml is not a valid setup", "accounts"],
  },
  {
    name: "run --baseline missing file",
    args: ["run", "--baseline", "last-green.yaml"],
    mentions: ["--baseline: no such file last-green.yaml", "a snapshot or setup file"],
  },
  {
    name: "run --baseline with several environments",
    args: ["run", "--env-file", "a.env", "--env-file", "b.env", "--baseline", SEED],
    files: { "a.env": "", "b.env": "" },
    mentions: ["--baseline", "several environments"],
  },
  flagMissing("baseline"),
];

export const ENV_CASES: BadInput[] = [
  {
    name: "--env-file missing",
    args: ["run", "--env-file", "missing.env"],
    mentions: ["--env-file: no such file missing.env", ".env.example"],
  },
  {
    name: "--env-file a directory",
    args: ["run", "--env-file", "."],
    mentions: ["--env-file", "is a directory", ".env"],
  },
  {
    name: "--env-file binary (NUL bytes)",
    args: ["run", "--env-file", "bin.env"],
    files: { "bin.env": Buffer.from([0x41, 0x3d, 0x00, 0x01, 0x02]) },
    mentions: ["bin.env: not a text file", "AWS_REGION=ap-northeast-1"],
  },
  {
    name: "--env-file invalid UTF-8",
    args: ["run", "--env-file", "bin.env"],
    files: { "bin.env": Buffer.from([0x41, 0x3d, 0xff, 0xfe, 0x0a]) },
    mentions: ["bin.env: not a text file"],
  },
  {
    name: "--env-file a garbage line",
    args: ["run", "--env-file", "g.env"],
    files: { "g.env": "A=1\n# ok\nthis is not a setting\n" },
    mentions: ["g.env:3: not a NAME=value line", "AWS_REGION=ap-northeast-1"],
  },
  {
    name: "--env-file a bare word",
    args: ["run", "--env-file", "g.env"],
    files: { "g.env": "CHAINCHECK_TARGET\n" },
    mentions: ["g.env:1:"],
  },
  {
    name: "--env-file a name with a space",
    args: ["run", "--env-file", "g.env"],
    files: { "g.env": "\n\nMY VAR=1\n" },
    mentions: ["g.env:3:"],
  },
  {
    name: "--env-file CRLF garbage",
    args: ["run", "--env-file", "g.env"],
    files: { "g.env": "A=1\r\n??\r\n" },
    mentions: ["g.env:2:"],
  },
  {
    name: "--env-file shell syntax",
    args: ["run", "--env-file", "g.env"],
    files: { "g.env": "A=1\nif [ x ]; then B=2; fi\n" },
    mentions: ["g.env:2:"],
  },
  {
    name: "--env-file many garbage lines",
    args: ["run", "--env-file", "g.env"],
    files: { "g.env": "a\nb\nc\nd\ne\nf\ng\n" },
    mentions: ["g.env:1:", "g.env:5:", "2 more lines like that"],
  },
  {
    name: "default .env with garbage",
    args: ["run"],
    files: { ".env": "CHAINCHECK_FORMAT json\n" },
    mentions: [".env:1: not a NAME=value line"],
  },
  {
    name: "default .env a directory",
    args: ["run"],
    files: { ".env/x": "A=1\n" },
    mentions: [".env is a directory"],
  },
  {
    name: "a second env file missing",
    args: ["run", "--env-file", "a.env", "--env-file", "missing.env"],
    files: { "a.env": "A=1\n" },
    mentions: ["[missing.env] --env-file: no such file"],
  },
  {
    name: "CHAINCHECK_TARGET unknown",
    args: ["run"],
    env: { CHAINCHECK_TARGET: "cloud" },
    mentions: ["CHAINCHECK_TARGET", "embedded, endpoint, localstack, aws"],
  },
  {
    name: "CHAINCHECK_FORMAT unknown",
    args: ["run"],
    env: { CHAINCHECK_FORMAT: "xml" },
    mentions: ["CHAINCHECK_FORMAT", "console, json"],
  },
  {
    name: "CHAINCHECK_ORIGIN unknown",
    args: ["run"],
    env: { CHAINCHECK_ORIGIN: "lambda" },
    mentions: ["CHAINCHECK_ORIGIN", "lambda-probe, local"],
  },
  {
    name: "CHAINCHECK_TARGET in the env file",
    args: ["run", "--env-file", "a.env"],
    files: { "a.env": "CHAINCHECK_TARGET=cloud\n" },
    mentions: ["CHAINCHECK_TARGET", "e.g. embedded"],
  },
  {
    name: "AWS_ENDPOINT_URL not a URL",
    args: ["run"],
    env: { AWS_ENDPOINT_URL: "127.0.0.1:4566" },
    mentions: ["AWS_ENDPOINT_URL", "http://127.0.0.1:4566"],
  },
  {
    name: "CHAINCHECK_SETUP missing",
    args: ["run"],
    env: { CHAINCHECK_SETUP: "nope.yaml" },
    mentions: ["CHAINCHECK_SETUP: no such file nope.yaml", "fixtures/setups/seed.yaml"],
  },
  {
    name: "CHAINCHECK_SETUP a directory",
    args: ["run"],
    env: { CHAINCHECK_SETUP: "." },
    mentions: ["CHAINCHECK_SETUP", "is a directory"],
  },
  aws("AWS_REGION a city", { AWS_REGION: "tokyo" }, ["AWS_REGION", "e.g. ap-northeast-1"]),
  aws("AWS_REGION missing", { AWS_REGION: "" }, ["AWS_REGION: required; e.g. ap-northeast-1"]),
  aws("CHAINCHECK_FUNCTION_NAME with spaces", { CHAINCHECK_FUNCTION_NAME: "my probe" }, [
    "CHAINCHECK_FUNCTION_NAME",
    "e.g. chaincheck-probe",
  ]),
  aws("CHAINCHECK_TARGET_ROLE_ARN a name", { CHAINCHECK_TARGET_ROLE_ARN: "chaincheck-redshift-role" }, [
    "CHAINCHECK_TARGET_ROLE_ARN",
    "arn:aws:iam::222222222222:role/",
  ]),
  aws(
    "CHAINCHECK_LAMBDA_ROLE_ARN a user",
    { CHAINCHECK_LAMBDA_ROLE_ARN: "arn:aws:iam::111111111111:user/x" },
    ["CHAINCHECK_LAMBDA_ROLE_ARN", "arn:aws:iam::111111111111:role/"],
  ),
  aws("CHAINCHECK_EXTERNAL_ID one character", { CHAINCHECK_EXTERNAL_ID: "x" }, [
    "CHAINCHECK_EXTERNAL_ID",
    "2–1224 characters",
    "e.g. chaincheck-external-id",
  ]),
  aws("CHAINCHECK_EXTERNAL_ID with spaces", { CHAINCHECK_EXTERNAL_ID: "my id" }, [
    "CHAINCHECK_EXTERNAL_ID",
    "e.g. chaincheck-external-id",
  ]),
  aws("CHAINCHECK_SESSION_NAME too long", { CHAINCHECK_SESSION_NAME: "s".repeat(65) }, [
    "CHAINCHECK_SESSION_NAME",
    "2–64",
  ]),
  aws("CHAINCHECK_DURATION_SECONDS too short", { CHAINCHECK_DURATION_SECONDS: "5m" }, [
    "CHAINCHECK_DURATION_SECONDS",
    "900–43200",
  ]),
  aws("CHAINCHECK_DURATION_SECONDS words", { CHAINCHECK_DURATION_SECONDS: "an hour" }, [
    "CHAINCHECK_DURATION_SECONDS",
    "900 (or 15m, 1h)",
  ]),
  aws("CHAINCHECK_CLUSTER_ID upper case", { CHAINCHECK_CLUSTER_ID: "MyCluster" }, [
    "CHAINCHECK_CLUSTER_ID",
    "e.g. chaincheck-cluster",
  ]),
  aws("cluster and workgroup both", { CHAINCHECK_WORKGROUP_NAME: "chaincheck-wg" }, [
    "CHAINCHECK_CLUSTER_ID",
    "exactly one of",
  ]),
  aws("neither cluster nor workgroup", { CHAINCHECK_CLUSTER_ID: "" }, [
    "CHAINCHECK_CLUSTER_ID",
    "e.g. chaincheck-cluster",
  ]),
  aws("CHAINCHECK_DATABASE with a dash", { CHAINCHECK_DATABASE: "my-db" }, [
    "CHAINCHECK_DATABASE",
    "e.g. dev",
  ]),
  aws("CHAINCHECK_DB_USER with a space", { CHAINCHECK_DB_USER: "app user" }, [
    "CHAINCHECK_DB_USER",
    "e.g. app_user",
  ]),
  aws(
    "CHAINCHECK_SECRET_ARN a name",
    { CHAINCHECK_DB_USER: "", CHAINCHECK_SECRET_ARN: "chaincheck/app_user" },
    ["CHAINCHECK_SECRET_ARN", "arn:aws:secretsmanager:"],
  ),
  aws(
    "DB user and secret both",
    { CHAINCHECK_SECRET_ARN: "arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:x-AbCdEf" },
    ["CHAINCHECK_SECRET_ARN", "at most one of"],
  ),
  aws(
    "secret in another region",
    {
      CHAINCHECK_DB_USER: "",
      CHAINCHECK_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:222222222222:secret:x-AbCdEf",
    },
    ["CHAINCHECK_SECRET_ARN", "us-east-1"],
  ),
  aws("workgroup with a DB user", { CHAINCHECK_CLUSTER_ID: "", CHAINCHECK_WORKGROUP_NAME: "chaincheck-wg" }, [
    "CHAINCHECK_DB_USER",
    "unset",
  ]),
  aws(
    "CHAINCHECK_COPY_SOURCE with a quote",
    {
      CHAINCHECK_COPY_SOURCE: "s3://chaincheck-copy-source/it's.csv",
      CHAINCHECK_COPY_ROLE_ARN: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
      CHAINCHECK_COPY_TABLE: "public.sales",
    },
    ["CHAINCHECK_COPY_SOURCE", "without quotes", "s3://chaincheck-copy-source/orders/"],
  ),
  aws(
    "CHAINCHECK_COPY_SOURCE a SQL injection",
    {
      CHAINCHECK_COPY_SOURCE: "s3://b-ucket/x'; drop table sales; --",
      CHAINCHECK_COPY_ROLE_ARN: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
      CHAINCHECK_COPY_TABLE: "public.sales",
    },
    ["CHAINCHECK_COPY_SOURCE", "without quotes"],
  ),
  aws(
    "CHAINCHECK_COPY_SOURCE https",
    {
      CHAINCHECK_COPY_SOURCE: "https://bucket.s3.amazonaws.com/x",
      CHAINCHECK_COPY_ROLE_ARN: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
      CHAINCHECK_COPY_TABLE: "public.sales",
    },
    ["CHAINCHECK_COPY_SOURCE", "e.g. s3://"],
  ),
  aws("COPY source without role and table", { CHAINCHECK_COPY_SOURCE: "s3://chaincheck-copy-source/x.csv" }, [
    "CHAINCHECK_COPY_ROLE_ARN: required with CHAINCHECK_COPY_SOURCE",
    "CHAINCHECK_COPY_TABLE",
  ]),
  aws(
    "CHAINCHECK_COPY_ROLE_ARN a bad chain",
    {
      CHAINCHECK_COPY_SOURCE: "s3://chaincheck-copy-source/x.csv",
      CHAINCHECK_COPY_ROLE_ARN: "arn:aws:iam::222222222222:role/a,role/b",
      CHAINCHECK_COPY_TABLE: "public.sales",
    },
    ["CHAINCHECK_COPY_ROLE_ARN", "comma-separated"],
  ),
  aws(
    "CHAINCHECK_COPY_TABLE three parts",
    {
      CHAINCHECK_COPY_SOURCE: "s3://chaincheck-copy-source/x.csv",
      CHAINCHECK_COPY_ROLE_ARN: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
      CHAINCHECK_COPY_TABLE: "a.b.c",
    },
    ["CHAINCHECK_COPY_TABLE", "e.g. public.orders"],
  ),
  aws("CHAINCHECK_SCRATCH_SCHEMA with a dash", { CHAINCHECK_SCRATCH_SCHEMA: "my-schema" }, [
    "CHAINCHECK_SCRATCH_SCHEMA",
    "e.g. public",
  ]),
  aws("chain from a garbage env file", {}, []),
];
ENV_CASES.pop();

export const SETUP_CASES: BadInput[] = [
  setup("extends a missing file", "", ["bad.yaml:1:", "extends", "no such file"], {}),
  setup("YAML that does not parse", "roles: [\n", ["bad.yaml", "cannot parse"]),
  setup("a list instead of a mapping", "", []),
  setup("an unknown top-level field", "rolez: []\n", ["bad.yaml:2:1", "rolez", "unknown field", "roles"]),
  setup("a misspelt role field", 'roles:\n  - account: "111111111111"\n    name: x\n    trustPolcy: {}\n', [
    "bad.yaml:3:",
    "roles[0]",
    "trustPolicy",
  ]),
  setup("a number where text goes", 'lambdaFunctions:\n  - name: chaincheck-probe\n    timeout: "30"\n', [
    "bad.yaml:4:5",
    "lambdaFunctions[0].timeout",
    "expected a number",
    'got "30"',
  ]),
  setup("a timeout out of range", "lambdaFunctions:\n  - name: chaincheck-probe\n    timeout: 9000\n", [
    "bad.yaml:4:",
    "timeout",
    "at most 900",
  ]),
  setup(
    "a role without a name",
    'roles:\n  - account: "111111111111"\n    trustPolicy: { Version: "2012-10-17", Statement: [] }\n',
    ["bad.yaml:3:", "roles[0].name", "required"],
  ),
  setup(
    "an unknown account",
    'roles:\n  - account: "333333333333"\n    name: other\n    trustPolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }\n',
    ["bad.yaml:3:", "roles[0].account", "111111111111"],
  ),
  setup(
    "a duplicate access key id",
    'users:\n  - account: "222222222222"\n    name: admin\n    accessKeys:\n      - accessKeyId: AKIACHAINCHECKTESTER\n',
    ["bad.yaml:6:", "accessKeyId", "duplicate access key id", "AKIAEXAMPLEEXAMPLE02"],
  ),
  setup(
    "a short secret access key",
    'users:\n  - account: "222222222222"\n    name: admin\n    accessKeys:\n      - secretAccessKey: short\n',
    ["bad.yaml:6:", "secretAccessKey", "at least 16 characters"],
  ),
  setup(
    "an unknown column type",
    "redshiftClusters:\n  - id: chaincheck-cluster\n    databases:\n      - name: dev\n        tables:\n          - name: t2\n            columns:\n              - { name: id, type: strng }\n",
    ["bad.yaml:9:", "columns[0].type", '"strng"', "varchar(32)"],
  ),
  setup(
    "an unknown column type followed by NOT NULL",
    "redshiftClusters:\n  - id: chaincheck-cluster\n    databases:\n      - name: dev\n        tables:\n          - name: t2\n            columns:\n              - { name: id, type: integr NOT NULL }\n",
    ["bad.yaml:9:", "columns[0].type", '"integr NOT NULL"', "varchar(32)"],
  ),
  setup(
    "a grant to an unknown DB user",
    "redshiftClusters:\n  - id: chaincheck-cluster\n    grants:\n      - { to: bob, privileges: [SELECT], on: table public.sales }\n",
    ["bad.yaml:5:", "grants[0].to", "no DB user bob", "app_user"],
  ),
  setup(
    "a grant to an unknown DB group",
    "redshiftClusters:\n  - id: chaincheck-cluster\n    grants:\n      - { to: group etl, privileges: [SELECT], on: table public.sales }\n",
    ["bad.yaml:5:", "no DB group etl", "dbGroups"],
  ),
  setup(
    "a grant to nobody",
    'redshiftClusters:\n  - id: chaincheck-cluster\n    grants:\n      - { to: "", privileges: [SELECT], on: table public.sales }\n',
    ["bad.yaml:5:", "grants[0].to", "at least 1"],
  ),
  setup(
    "a grant on something else",
    "redshiftClusters:\n  - id: chaincheck-cluster\n    grants:\n      - { to: app_user, privileges: [SELECT], on: sales }\n",
    ["bad.yaml:5:", "grants[0].on", "table <schema.table>"],
  ),
  setup(
    "the chain's function role missing",
    'roles:\n  - account: "111111111111"\n    name: chaincheck-lambda-role\n    $delete: true\nredshiftClusters:\n  - id: chaincheck-cluster\n',
    [
      "lambdaFunctions[0].role",
      "no role arn:aws:iam::111111111111:role/chaincheck-lambda-role",
      "declare it under roles",
    ],
  ),
  setup(
    "a function whose role does not exist",
    'lambdaFunctions:\n  - account: "111111111111"\n    region: ap-northeast-1\n    name: other\n    role: arn:aws:iam::111111111111:role/missing\n',
    [
      "bad.yaml:6:",
      "lambdaFunctions[0].role",
      "no role arn:aws:iam::111111111111:role/missing",
      "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
    ],
  ),
  setup(
    "a function role that is not an ARN",
    "lambdaFunctions:\n  - name: chaincheck-probe\n    role: chaincheck-lambda-role\n",
    ["bad.yaml:4:", "role", "arn:aws:iam::222222222222:role/my-role"],
  ),
  setup(
    "a fixture file that does not exist",
    "s3Buckets:\n  - name: chaincheck-copy-source\n    objects:\n      - key: input/more.csv\n        file: data/more.csv\n",
    ["bad.yaml:6:", "objects[0].file", "no such file data/more.csv"],
  ),
  setup(
    "a fixture file that is a directory",
    "s3Buckets:\n  - name: chaincheck-copy-source\n    objects:\n      - key: input/more.csv\n        file: data\n",
    ["bad.yaml:6:", "is a directory"],
    { "data/x.csv": "a\n" },
  ),
  setup(
    "an object with body and file",
    "s3Buckets:\n  - name: chaincheck-copy-source\n    objects:\n      - key: input/more.csv\n        file: data.csv\n        body: x\n",
    ["bad.yaml:5:", "objects[0]", 'exactly one of "body"'],
  ),
  setup(
    "an SSE-KMS object with a missing key",
    "s3Buckets:\n  - name: chaincheck-copy-source\n    objects:\n      - key: input/sales.csv\n        sse: aws:kms\n        kmsKeyId: alias/nope\n",
    ["bad.yaml:7:", "kmsKeyId", "no KMS key alias/nope", "kmsKeys"],
  ),
  setup(
    "bucket encryption with a missing key",
    "s3Buckets:\n  - name: chaincheck-copy-source\n    encryption: { sse: aws:kms, kmsKeyId: 1234abcd-12ab-44cd-a6ef-1234567890ab }\n",
    ["bad.yaml:4:", "encryption.kmsKeyId", "no KMS key"],
  ),
  setup(
    "a cluster iamRoles entry naming no role",
    "redshiftClusters:\n  - id: chaincheck-cluster\n    iamRoles: [arn:aws:iam::222222222222:role/chaincheck-copyrole]\n",
    [
      "bad.yaml:4:",
      "iamRoles[0]",
      "no role arn:aws:iam::222222222222:role/chaincheck-copyrole",
      "chaincheck-copy-role",
    ],
  ),
  setup(
    "an unbundled managed policy",
    'roles:\n  - account: "111111111111"\n    name: chaincheck-lambda-role\n    attachedPolicies: [arn:aws:iam::aws:policy/PowerUserAccess]\n',
    ["bad.yaml:5:", "attachedPolicies[0]", "no such policy", "AdministratorAccess"],
  ),
  setup(
    "a duplicate role name",
    'roles:\n  - account: "111111111111"\n    name: CHAINCHECK-LAMBDA-ROLE\n    trustPolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }\n',
    ["bad.yaml:4:", "duplicate name"],
  ),
  setup(
    "a lower-case Effect",
    'roles:\n  - account: "111111111111"\n    name: chaincheck-lambda-role\n    trustPolicy:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: allow\n          Principal: { Service: lambda.amazonaws.com }\n          Action: sts:AssumeRole\n',
    ["bad.yaml:8:", "trustPolicy.Statement[0].Effect", "Syntax errors in policy.", '"Allow" or "Deny"'],
  ),
  setup(
    "an unquoted-date Version",
    'roles:\n  - account: "111111111111"\n    name: chaincheck-lambda-role\n    trustPolicy:\n      Version: 2012-10-18\n      Statement:\n        - Effect: Allow\n          Principal: { Service: lambda.amazonaws.com }\n          Action: sts:AssumeRole\n',
    ["bad.yaml:6:", "trustPolicy.Version", "The policy failed legacy parsing", '"2012-10-17"'],
  ),
  setup(
    "an unknown statement element",
    'roles:\n  - account: "111111111111"\n    name: chaincheck-lambda-role\n    trustPolicy:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Principals: { Service: lambda.amazonaws.com }\n          Action: sts:AssumeRole\n',
    ["bad.yaml:", "Statement[0].Principals", "Syntax errors in policy.", "Principal"],
  ),
  setup(
    "ArnEquals on a bare name",
    'roles:\n  - account: "222222222222"\n    name: chaincheck-copy-role\n    trustPolicy:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Principal: { Service: redshift.amazonaws.com }\n          Action: sts:AssumeRole\n          Condition: { ArnEquals: { "aws:SourceArn": chaincheck-cluster } }\n',
    ["bad.yaml:", "Condition.ArnEquals.aws:SourceArn", "The policy failed legacy parsing", "StringEquals"],
  ),
  setup(
    "an empty statement list",
    'policies:\n  - account: "111111111111"\n    name: empty\n    document: { Version: "2012-10-17", Statement: [] }\n',
    ["bad.yaml:5:", "document.Statement", "at least one statement"],
  ),
  setup(
    "a resource that is not an ARN",
    'policies:\n  - account: "111111111111"\n    name: p\n    document: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: my-bucket }] }\n',
    ["bad.yaml:5:", "policies[0].document", "must be in ARN format"],
  ),
  setup(
    "a trust naming a missing role",
    'roles:\n  - account: "222222222222"\n    name: chaincheck-redshift-role\n    trustPolicy:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: arn:aws:iam::111111111111:role/chaincheck-lambda-rol }\n          Action: sts:AssumeRole\n',
    ["bad.yaml:9:", "Statement[0].Principal", "Invalid principal", "name an existing role/user ARN"],
  ),
  setup(
    "a region that is not one",
    's3Buckets:\n  - account: "111111111111"\n    region: tokyo\n    name: other-bucket\n',
    ["bad.yaml:4:", "s3Buckets[0].region", "ap-northeast-1"],
  ),
  setup(
    "a bucket name with capitals",
    's3Buckets:\n  - account: "111111111111"\n    region: ap-northeast-1\n    name: My_Bucket\n',
    ["bad.yaml:5:", "s3Buckets[0].name", "chaincheck-copy-source"],
  ),
  setup(
    "a KMS key id that is not a UUID",
    'kmsKeys:\n  - account: "111111111111"\n    region: ap-northeast-1\n    id: my-key\n',
    ["bad.yaml:5:", "kmsKeys[0].id", "1234abcd-12ab-44cd-a6ef-1234567890ab"],
  ),
  setup("a chain external id of one character", "chain:\n  externalId: x\n", [
    "bad.yaml:3:",
    "chain.externalId",
    "at least 2 characters",
  ]),
  setup(
    "a chain COPY source with a quote",
    'chain:\n  copySource: "s3://chaincheck-copy-source/it\'s.csv"\n',
    ["bad.yaml:3:", "chain.copySource", "without quotes"],
  ),
  setup("a chain field misspelt", "chain:\n  clusterID: chaincheck-cluster\n", [
    "bad.yaml:3:3",
    "chain.clusterID",
    'unknown field "clusterID"',
    "clusterId",
  ]),
  setup("a chain region that is not one", "chain:\n  region: Tokyo\n", [
    "bad.yaml:3:",
    "chain.region",
    "ap-northeast-1",
  ]),
  setup("a chain duration in words", "chain:\n  durationSeconds: an hour\n", [
    "bad.yaml:3:",
    "chain.durationSeconds",
    "expected a number",
  ]),
  setup(
    "no tester user",
    'users:\n  - { account: "111111111111", name: tester, $delete: true }\nroles:\n  - account: "111111111111"\n    name: chaincheck-lambda-role\n    trustPolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }\n',
    ["bad.yaml", "no user tester in account 111111111111", "name: tester"],
  ),
];
SETUP_CASES[0] = {
  ...SETUP_CASES[0],
  files: { "bad.yaml": "extends: ./missing-base.yaml\n" },
  mentions: ["bad.yaml:1:1", "extends", "no such file missing-base.yaml"],
} as BadInput;
SETUP_CASES[2] = {
  name: "a list instead of a mapping",
  args: ["run", "--setup", "bad.yaml"],
  files: { "bad.yaml": "- accounts\n" },
  mentions: ["bad.yaml", "expected a mapping", "seed.yaml"],
};
SETUP_CASES.push(
  {
    name: "extends a directory",
    args: ["run", "--setup", "bad.yaml"],
    files: { "bad.yaml": "extends: ./base\n", "base/x.yaml": "a: 1\n" },
    mentions: ["bad.yaml:1:1", "extends", "is a directory"],
  },
  {
    name: "extends a cycle",
    args: ["run", "--setup", "a.yaml"],
    files: { "a.yaml": "extends: ./b.yaml\n", "b.yaml": "extends: ./a.yaml\n" },
    mentions: ["b.yaml:1:1", "extends cycle through a.yaml"],
  },
  {
    name: "extends not a path",
    args: ["run", "--setup", "bad.yaml"],
    files: { "bad.yaml": "extends: [a, b]\n" },
    mentions: ["bad.yaml:1:1", "extends: ../setups/seed.yaml"],
  },
  {
    name: "a setup that is a directory via CHAINCHECK_SETUP",
    args: ["run"],
    env: { CHAINCHECK_SETUP: "dir" },
    files: { "dir/x.yaml": "a: 1\n" },
    mentions: ["CHAINCHECK_SETUP", "is a directory"],
  },
  {
    name: "a problem in the base a scenario extends",
    args: ["run", "--setup", "top.yaml"],
    files: {
      "top.yaml": "extends: ./base.yaml\ndescription: x\n",
      "base.yaml": `extends: ${SEED}\nchain:\n  externalId: x\n`,
    },
    mentions: ["base.yaml:3:", "chain.externalId"],
  },
  {
    name: "no chain section",
    args: ["run", "--setup", "bad.yaml"],
    files: { "bad.yaml": `extends: ${SEED}\nchain: null\n` },
    mentions: ["bad.yaml", "no chain: section"],
  },
);

export const MATRIX_CASES: BadInput[] = [
  {
    name: "--matrix missing",
    args: ["run", "--matrix", "m.yaml"],
    mentions: ["--matrix: no such file m.yaml", "envs/matrix.yaml"],
  },
  { name: "--matrix a directory", args: ["run", "--matrix", "."], mentions: ["--matrix", "is a directory"] },
  {
    name: "--matrix not YAML",
    args: ["run", "--matrix", "m.yaml"],
    files: { "m.yaml": "environments: [\n" },
    mentions: ["m.yaml: not YAML or JSON"],
  },
  {
    name: "--matrix an unknown key",
    args: ["run", "--matrix", "m.yaml"],
    files: { "m.yaml": "environments: [{ name: a }]\nparallel: 2\n" },
    mentions: ["m.yaml", 'unknown field "parallel"', "concurrency, environments"],
  },
  {
    name: "--matrix concurrency 0",
    args: ["run", "--matrix", "m.yaml"],
    files: { "m.yaml": "concurrency: 0\nenvironments: [{ name: a }]\n" },
    mentions: ["m.yaml: concurrency", "1–64 such as 2"],
  },
  {
    name: "--matrix no environments",
    args: ["run", "--matrix", "m.yaml"],
    files: { "m.yaml": "environments: []\n" },
    mentions: ["m.yaml: environments", "at least one environment"],
  },
  {
    name: "--matrix duplicate names",
    args: ["run", "--matrix", "m.yaml"],
    files: { "m.yaml": "environments: [{ name: a }, { name: a }]\n" },
    mentions: ["environment a: named twice", "unique"],
  },
  {
    name: "--matrix an env file missing",
    args: ["run", "--matrix", "m.yaml"],
    files: { "m.yaml": "environments: [{ envFile: nope.env }]\n" },
    mentions: ["--env-file: no such file"],
  },
  {
    name: "--matrix a bad variable",
    args: ["run", "--matrix", "m.yaml"],
    files: { "m.yaml": "environments: [{ name: a, vars: { CHAINCHECK_TARGET: cloud } }]\n" },
    mentions: ["[a] CHAINCHECK_TARGET", "embedded, endpoint"],
  },
];

const HEADER = "name,CHAINCHECK_TARGET_ROLE_ARN,clusterId";
const ROLE = "arn:aws:iam::222222222222:role/chaincheck-redshift-role";
const csv = (name: string, lines: string[], mentions: string[]): BadInput => ({
  name: `matrix --from-csv ${name}`,
  args: ["matrix", "--from-csv", "pairs.csv", "--output", "m.yaml"],
  files: { "pairs.csv": `${lines.join("\n")}\n` },
  mentions,
});
const template = (name: string, text: string, mentions: string[]): BadInput => ({
  name: `matrix --from-org template ${name}`,
  args: ["matrix", "--from-org", "--template", "t.yaml", "--endpoint", "http://127.0.0.1:9"],
  files: { "t.yaml": text },
  mentions,
});

/** `chaincheck matrix`: sources, CSV rows (named by row and column) and templates. */
export const FLEET_MATRIX_CASES: BadInput[] = [
  ...["0", "65", "many"].map((value) => ({
    name: `emulator --sql-workers ${value}`,
    args: ["emulator", "--port", "0", "--sql-workers", value],
    mentions: ["--sql-workers", "1–64 such as 16", `"${value}"`],
  })),
  {
    name: "matrix without a source",
    args: ["matrix"],
    mentions: ["give one source", "--from-org", "--from-csv"],
  },
  {
    name: "matrix with both sources",
    args: ["matrix", "--from-org", "--from-csv", "p.csv"],
    mentions: ["give one source"],
  },
  {
    name: "matrix --from-org without --template",
    args: ["matrix", "--from-org"],
    mentions: ["--from-org: needs --template FILE", "fleet-template.yaml"],
  },
  {
    name: "matrix --template with --from-csv",
    args: ["matrix", "--from-csv", "p.csv", "--template", "t.yaml"],
    mentions: ["--template applies to --from-org"],
  },
  ...["from-csv", "template"].map((f) => flagMissing(f, "matrix")),
  {
    name: "matrix --from-csv missing",
    args: ["matrix", "--from-csv", "p.csv"],
    mentions: ["--from-csv: no such file p.csv"],
  },
  csv("empty", [], ["pairs.csv: empty", "expected a header line"]),
  csv(
    "unknown column",
    ["name,cluster", "a,x"],
    ['pairs.csv row 1, column 2 ("cluster"): unknown column', "a chain field"],
  ),
  csv("no name column", ["CHAINCHECK_CLUSTER_ID", "x"], ["pairs.csv row 1: no name column"]),
  csv(
    "a column twice",
    ["name,clusterId,CHAINCHECK_CLUSTER_ID", "a,x,y"],
    ["column CHAINCHECK_CLUSTER_ID", "a second time"],
  ),
  csv(
    "a bad cluster id",
    [HEADER, `pair-1,${ROLE},ok-cluster`, `pair-2,${ROLE},Bad_Cluster`],
    [
      "pairs.csv row 3, column clusterId",
      "expected a cluster identifier (lower case), e.g. chaincheck-cluster",
      '"Bad_Cluster"',
    ],
  ),
  csv(
    "a bad role ARN, after a comment line",
    [HEADER, "# producers", `pair-1,role/chaincheck-redshift-role,c1`],
    ["pairs.csv row 3, column CHAINCHECK_TARGET_ROLE_ARN", "expected a role ARN"],
  ),
  csv("too few cells", [HEADER, "pair-1,c1"], ["pairs.csv row 2: 2 cells, the header has 3"]),
  csv("a bad name", [HEADER, `pair 1!,${ROLE},c1`], ["pairs.csv row 2, column name", "[A-Za-z0-9_.@:/-]"]),
  csv(
    "a name twice",
    [HEADER, `p,${ROLE},c1`, `p,${ROLE},c2`],
    ["pairs.csv row 3, column name", '"p" is already the name on row 2'],
  ),
  csv("an unclosed quote", [HEADER, `"p,${ROLE},c1`], ["pairs.csv row 2: a quoted cell does not close"]),
  csv("a header only", [HEADER], ["a header and no rows"]),
  template("with an unknown placeholder", "vars:\n  CHAINCHECK_CLUSTER_ID: '{cluster}'\n", [
    "t.yaml: vars.CHAINCHECK_CLUSTER_ID: unknown placeholder {cluster}",
    "{accountId}, {accountName}, {slug}",
  ]),
  template("with a bad include", "accounts:\n  include: '(['\n", [
    "t.yaml: accounts.include: not a regular expression",
  ]),
  template("with an unknown key", "environments: x\n", ["t.yaml", "environments"]),
  template("with a short account id", "accounts:\n  exclude: ['1234']\n", [
    "accounts.exclude.0",
    "12-digit account id",
  ]),
];
