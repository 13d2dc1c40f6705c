/**
 * The chain as the README draws it, in inline SVG for the HTML report: account A (the Lambda, its
 * execution role, the COPY source bucket) and account B (B's role, the database credentials, the
 * Redshift cluster), the five links as numbered arrows in their status colours. The failed link
 * (or, without one, the first link that could not be checked) is drawn thicker, glowing, with AWS's
 * error code beside it. A pass the target did not enforce is a dashed green arrow marked so.
 *
 * Names come from the links' check facts (the function, the roles, the bucket, the database), so a
 * report without facts still draws the chain, with generic labels. Every arrow carries
 * `data-link`, `data-status` and `data-assurance` for programs (the browser test reads them).
 *
 * Known gaps: a serverless workgroup is drawn as "Redshift"; a COPY role chain as its last role.
 */
import { LINK_IDS, type LinkId, type LinkStatus, linkById } from "../links.ts";
import type { LinkReport, Report } from "./types.ts";
import { escapeXml } from "./xml-escape.ts";

export const STATUS_COLOURS: Record<LinkStatus, string> = {
  pass: "#1a7f37",
  fail: "#cf222e",
  blocked: "#8c959f",
  skipped: "#afb8c1",
  error: "#bf8700",
};

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const NODES = {
  lambda: { x: 30, y: 84, w: 150, h: 60 },
  execRole: { x: 250, y: 84, w: 150, h: 60 },
  bucket: { x: 140, y: 262, w: 200, h: 60 },
  roleB: { x: 600, y: 84, w: 150, h: 60 },
  credentials: { x: 820, y: 168, w: 150, h: 60 },
  cluster: { x: 600, y: 262, w: 200, h: 60 },
} satisfies Record<string, Box>;

type Anchor = "start" | "middle" | "end";
type Place = [x: number, y: number, anchor: Anchor];

/** Each link's arrow: its path, where its number sits, its label, its status word and, when it is
 *  the highlighted link, the callout with AWS's error code. */
const ARROWS: Record<
  LinkId,
  { path: string; at: [number, number]; label: string; labelAt: Place; statusAt: Place; calloutAt: Place }
> = {
  "lambda-role": {
    path: "M180 114 H246",
    at: [215, 114],
    label: "runs as",
    labelAt: [215, 166, "middle"],
    statusAt: [215, 181, "middle"],
    calloutAt: [215, 190, "middle"],
  },
  "assume-role": {
    path: "M400 114 H596",
    at: [500, 114],
    label: "sts:AssumeRole",
    labelAt: [500, 96, "middle"],
    statusAt: [500, 144, "middle"],
    calloutAt: [500, 152, "middle"],
  },
  "cluster-credentials": {
    path: "M750 114 H895 V164",
    at: [895, 140],
    label: "GetClusterCredentials",
    labelAt: [822, 104, "middle"],
    statusAt: [878, 144, "end"],
    calloutAt: [970, 234, "end"],
  },
  "execute-statement": {
    path: "M675 144 V258",
    at: [675, 200],
    label: "ExecuteStatement",
    labelAt: [692, 197, "start"],
    statusAt: [692, 212, "start"],
    calloutAt: [660, 222, "end"],
  },
  "copy-from-s3": {
    path: "M600 292 H344",
    at: [470, 292],
    label: "COPY · s3:GetObject",
    labelAt: [470, 280, "middle"],
    statusAt: [470, 320, "middle"],
    calloutAt: [470, 328, "middle"],
  },
};

function fact(report: Report, link: LinkId, key: string): string | undefined {
  const checks = report.links.find((l) => l.id === link)?.checks ?? [];
  for (const check of checks) {
    const value = (check.facts as Record<string, unknown> | undefined)?.[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

const nameOf = (arn: string | undefined) => arn?.split("/").at(-1);
const accountOf = (arn: string | undefined) => /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(arn ?? "")?.[1];

/** What the diagram can name from the report's facts. */
export function chainNames(report: Report) {
  const execRole = fact(report, "lambda-role", "roleArn");
  const roleB = fact(report, "lambda-role", "bRoleArn") ?? fact(report, "assume-role", "bRoleArn");
  const source = fact(report, "copy-from-s3", "source");
  const database = fact(report, "execute-statement", "database");
  const dbUser = fact(report, "execute-statement", "dbUser");
  return {
    accountA: accountOf(execRole),
    accountB: accountOf(roleB) ?? fact(report, "assume-role", "account"),
    functionName: fact(report, "lambda-role", "functionName"),
    execRole: nameOf(execRole),
    roleB: nameOf(roleB),
    bucket: /^s3:\/\/([^/]+)/.exec(source ?? "")?.[1],
    credentials: fact(report, "cluster-credentials", "mode"),
    database: database && dbUser ? `${database} as ${dbUser}` : database,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function node(box: Box, title: string, name: string | undefined): string {
  const cx = box.x + box.w / 2;
  const sub = name
    ? `<text x="${cx}" y="${box.y + 42}" class="node-name">${escapeXml(clip(name, 26))}<title>${escapeXml(name)}</title></text>`
    : "";
  return [
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="8" class="node"/>`,
    `<text x="${cx}" y="${box.y + (name ? 24 : 35)}" class="node-title">${escapeXml(title)}</text>`,
    sub,
  ].join("");
}

/** The link the diagram highlights: the failed one, else the first that could not be checked. */
export function highlightedLink(report: Report): LinkId | undefined {
  return report.failedLink ?? report.links.find((l) => l.status === "error")?.id;
}

function text([x, y, anchor]: Place, className: string, content: string, fill?: string): string {
  return `<text x="${x}" y="${y}" class="${className}" text-anchor="${anchor}"${fill ? ` fill="${fill}"` : ""}>${escapeXml(content)}</text>`;
}

/** A filled label of about the text's width (bold 12 px: ~7.4 px a character). */
function calloutBox([x, y, anchor]: Place, content: string): string {
  const width = Math.round(content.length * 7.4 + 16);
  const left = anchor === "middle" ? x - width / 2 : anchor === "end" ? x - width : x;
  return `<g class="callout"><rect x="${left}" y="${y}" width="${width}" height="22" rx="4"/><text x="${left + width / 2}" y="${y + 15}">${escapeXml(content)}</text></g>`;
}

function statusWord(link: LinkReport | undefined): string {
  if (!link) return "not run";
  if (link.status === "pass" && link.assurance === "not-enforced") return "pass · not enforced";
  if (link.status === "pass" && link.assurance === "unknown") return "pass · enforcement unknown";
  return link.status;
}

function arrow(report: Report, id: LinkId, index: number, prefix: string, highlighted: boolean): string {
  const link = report.links.find((l) => l.id === id);
  const status: LinkStatus = link?.status ?? "skipped";
  const colour = STATUS_COLOURS[status];
  const a = ARROWS[id];
  const lax = status === "pass" && link?.assurance !== undefined && link.assurance !== "enforced";
  const dashed = status === "skipped" || status === "blocked" || lax;
  const classes = ["link", `status-${status}`, highlighted ? "highlight" : "", lax ? "lax" : ""]
    .filter(Boolean)
    .join(" ");
  const code = link?.error
    ? `${link.error.code}${link.error.httpStatus ? ` · HTTP ${link.error.httpStatus}` : ""}`
    : "";
  const callout = highlighted && code ? calloutBox(a.calloutAt, clip(code, 34)) : "";
  return [
    `<g class="${classes}" data-link="${id}" data-status="${status}" data-assurance="${link?.assurance ?? ""}">`,
    `<title>${index + 1} ${escapeXml(linkById(id).title)}: ${escapeXml(statusWord(link))}</title>`,
    highlighted ? `<path d="${a.path}" class="glow" stroke="${colour}" filter="url(#${prefix}-glow)"/>` : "",
    `<path d="${a.path}" class="arrow${dashed ? " dashed" : ""}" stroke="${colour}" marker-end="url(#${prefix}-head-${status})"/>`,
    `<circle cx="${a.at[0]}" cy="${a.at[1]}" r="11" fill="${colour}"/>`,
    `<text x="${a.at[0]}" y="${a.at[1] + 4}" class="link-number">${index + 1}</text>`,
    text(a.labelAt, "link-label", a.label),
    text(a.statusAt, "link-status", statusWord(link), colour),
    callout,
    "</g>",
  ].join("");
}

/** The diagram; `prefix` keeps marker ids unique when a page holds several (one per environment). */
export function chainDiagram(report: Report, prefix = "chain"): string {
  const n = chainNames(report);
  const highlight = highlightedLink(report);
  const markers = (Object.keys(STATUS_COLOURS) as LinkStatus[])
    .map(
      (s) =>
        `<marker id="${prefix}-head-${s}" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${STATUS_COLOURS[s]}"/></marker>`,
    )
    .join("");
  return [
    `<svg class="chain-diagram" viewBox="0 0 1000 370" role="img" aria-label="the chain: account A to account B, five links">`,
    `<defs>${markers}<filter id="${prefix}-glow" filterUnits="userSpaceOnUse" x="0" y="0" width="1000" height="370"><feGaussianBlur stdDeviation="4"/></filter></defs>`,
    `<rect x="10" y="20" width="410" height="340" rx="12" class="account"/>`,
    `<text x="26" y="46" class="account-title">account A${n.accountA ? ` · ${n.accountA}` : ""}</text>`,
    `<rect x="580" y="20" width="410" height="340" rx="12" class="account"/>`,
    `<text x="596" y="46" class="account-title">account B${n.accountB ? ` · ${n.accountB}` : ""}</text>`,
    node(NODES.lambda, "Lambda function", n.functionName),
    node(NODES.execRole, "execution role", n.execRole),
    node(NODES.bucket, "S3 bucket (COPY source)", n.bucket),
    node(NODES.roleB, "role in B", n.roleB),
    node(NODES.credentials, "DB credentials", n.credentials),
    node(NODES.cluster, "Redshift", n.database),
    ...LINK_IDS.map((id, i) => arrow(report, id, i, prefix, id === highlight)),
    "</svg>",
  ].join("\n");
}
