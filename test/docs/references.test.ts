import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { CAUSES, causeView } from "../../helpers/diagnosis/catalog/causes.ts";
import { renderContracts } from "../../helpers/docs/readme-tables.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const TRACKED = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
  .split("\0")
  .filter(Boolean);

function read(path: string): string {
  return readFileSync(`${ROOT}${path}`, "utf8");
}

const TEXTS = TRACKED.map((path) => ({ path, text: read(path) })).filter(({ text }) => !text.includes("\0"));

const inDocs = (path: string) => path.startsWith("docs/");

const CATALOG = read("docs/failures.md");
const CONTRACTS = read("docs/contracts.md");

const OUTSIDE_DOCUMENTS = [
  ...["design", "anchors", "style"].map((name) => `${name}.md`),
  ["design", "§"].join(" "),
  ["..", "shared"].join("/"),
];

const TOP_LEVEL = new Set(TRACKED.filter((p) => p.includes("/")).map((p) => p.split("/")[0]));

function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function resolvesToTrackedFile(token: string): boolean {
  return TRACKED.some((p) => p === token || p.endsWith(`/${token}`));
}

describe("documentation references", () => {
  test("no tracked file outside docs/ points at documents outside the repository", () => {
    const hits = TEXTS.filter(({ path }) => !inDocs(path)).flatMap(({ path, text }) =>
      OUTSIDE_DOCUMENTS.filter((needle) => text.includes(needle)).map((needle) => `${path}: ${needle}`),
    );
    expect(hits).toEqual([]);
  });

  test("every docs/<name>.md a tracked file mentions exists", () => {
    const missing = TEXTS.flatMap(({ path, text }) =>
      [...text.matchAll(/\bdocs\/([\w-]+\.md)\b/g)]
        .map((m) => `docs/${m[1]}`)
        .filter((doc) => !TRACKED.includes(doc))
        .map((doc) => `${path}: ${doc}`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  test("every Markdown link to a page of the repository names an existing file and heading", () => {
    const broken = TEXTS.filter(({ path }) => path.endsWith(".md")).flatMap(({ path, text }) =>
      [...text.matchAll(/\]\(((?:[\w./-]+\.\w+)?)(?:#([\w-]+))?\)/g)].flatMap(([, page, anchor]) => {
        if (!page && !anchor) return [];
        const target = page ? posix.normalize(posix.join(posix.dirname(path), page)) : path;
        if (!TRACKED.includes(target)) return [`${path}: ${page}`];
        if (anchor && target.endsWith(".md") && !anchorsOf(read(target)).has(anchor))
          return [`${path}: ${page}#${anchor}`];
        return [];
      }),
    );
    expect(broken).toEqual([]);
  });

  test("every repository path the docs name in backticks is a tracked file", () => {
    const describingCode = new Set(["docs/architecture.md", "docs/contracts.md", "docs/extending.md"]);
    const missing = TEXTS.filter(({ path }) => inDocs(path) && path.endsWith(".md")).flatMap(
      ({ path, text }) =>
        [...text.matchAll(/`([\w.-]+(?:\/[\w.-]+)*\.(?:ts|js|mjs|json|yaml|md))`/g)]
          .map((m) => m[1])
          .filter((token) => describingCode.has(path) || TOP_LEVEL.has(token.split("/")[0]))
          .filter((token) => !resolvesToTrackedFile(token))
          .map((token) => `${path}: ${token}`),
    );
    expect(missing).toEqual([]);
  });

  test("every failure catalog id cited in the repository is a heading of docs/failures.md", () => {
    const headings = new Set([...CATALOG.matchAll(/^#{2,4} (L[1-5]-\d{2})\b/gm)].map((m) => m[1]));
    expect(headings.size).toBeGreaterThan(0);
    const cited = TEXTS.filter(({ path }) => path !== "docs/failures.md").flatMap(({ path, text }) =>
      [...text.matchAll(/\bL[1-5]-\d{2}\b/g)].map((m) => ({ path, id: m[0] })),
    );
    expect(cited.length).toBeGreaterThan(0);
    const unknown = cited.filter(({ id }) => !headings.has(id)).map(({ path, id }) => `${path}: ${id}`);
    expect([...new Set(unknown)]).toEqual([]);
  });

  test("every cause id is documented in the failure catalog and the contracts", () => {
    const undocumented = CAUSES.flatMap((cause) =>
      [
        ["docs/failures.md", CATALOG],
        ["docs/contracts.md", CONTRACTS],
      ]
        .filter(([, text]) => !text.includes(`\`${cause.id}\``))
        .map(([doc]) => `${cause.id} missing from ${doc}`),
    );
    expect(undocumented).toEqual([]);
  });

  test("the cause tables of docs/contracts.md match the cause catalog", () => {
    expect(renderContracts(CONTRACTS)).toBe(CONTRACTS);
  });

  test("every catalog entry a cause covers is a heading of docs/failures.md", () => {
    const unknown = CAUSES.flatMap((cause) =>
      cause.catalog
        .filter((id) => !new RegExp(`^#{2,4} ${id}\\b`, "m").test(CATALOG))
        .map((id) => `${cause.id}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  test("what the diagnosis tells users about a cause carries no internal reference", () => {
    const internal = /design\.md|anchors\.md|style\.md|§|\bL[1-5]-\d{2}\b|\bissue \d+|\bLINK [1-5]\b|docs\//;
    const leaks = CAUSES.flatMap((cause) => {
      const view = causeView(cause.id, {});
      return [cause.title, view.summary, view.tellApart, view.fix]
        .filter((text) => internal.test(text))
        .map((text) => `${cause.id}: ${text.slice(0, 120)}`);
    });
    expect(leaks).toEqual([]);
  });
});
