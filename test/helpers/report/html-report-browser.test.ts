import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixParts } from "../../../helpers/report/fix-parts.ts";
import { renderReport } from "../../../helpers/report/format-report.ts";
import { renderRuns } from "../../../helpers/report/multi-report.ts";
import type { Report } from "../../../helpers/report/types.ts";
import { BROWSER_REQUIRED, CHROMIUM, launchChromium, NO_BROWSER_MESSAGE } from "../../support/chromium.ts";
import {
  RECORDED_DIR,
  type RecordingName,
  recordedReport,
  recordReport,
} from "../../support/recorded-reports.ts";

const UPDATE = process.env.CHAINCHECK_UPDATE_SCREENSHOTS === "1";
const VIEWPORT = { width: 1100, height: 800, deviceScaleFactor: 1 };
const MAX_DIFFERENT_PIXELS = 0.002;
const README_SCREENSHOT = fileURLToPath(new URL("../../../docs/html-report.png", import.meta.url));

interface Opened {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  url: string;
}

test.runIf(BROWSER_REQUIRED)("CHAINCHECK_REQUIRE_BROWSER=1 finds chromium", () => {
  expect(CHROMIUM, NO_BROWSER_MESSAGE).toBeDefined();
});

describe.skipIf(!CHROMIUM && !BROWSER_REQUIRED)("the HTML report in headless Chromium", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-html-"));

  beforeAll(async () => {
    if (!CHROMIUM) throw new Error(`CHAINCHECK_REQUIRE_BROWSER=1 but ${NO_BROWSER_MESSAGE}`);
    ({ browser, close } = await launchChromium());
  });

  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, html: string): Promise<Opened> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    page.setDefaultTimeout(120_000);
    await page.setViewport(VIEWPORT);
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warn") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("requestfailed", (r) => consoleErrors.push(`request failed: ${r.url()}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: "load" });
    return { page, consoleErrors, requests, url };
  }

  async function reportFor(name: RecordingName): Promise<Report> {
    return UPDATE ? recordReport(name) : recordedReport(name);
  }

  async function matchesReference(page: Page, name: RecordingName): Promise<void> {
    const shot = Buffer.from(await page.screenshot({ fullPage: true, type: "png" }));
    const reference = join(RECORDED_DIR, `${name}.png`);
    if (UPDATE) writeFileSync(reference, shot);
    const expected = PNG.sync.read(readFileSync(reference));
    const actual = PNG.sync.read(shot);
    expect([actual.width, actual.height], `${name}: page size against ${reference}`).toEqual([
      expected.width,
      expected.height,
    ]);
    const diff = new PNG({ width: expected.width, height: expected.height });
    const different = pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, {
      threshold: 0.1,
    });
    const share = different / (expected.width * expected.height);
    if (share > MAX_DIFFERENT_PIXELS)
      writeFileSync(join(tmpdir(), `chaincheck-${name}-diff.png`), PNG.sync.write(diff));
    expect(share, `${name}: share of pixels unlike ${reference} (diff in ${tmpdir()})`).toBeLessThanOrEqual(
      MAX_DIFFERENT_PIXELS,
    );
  }

  async function diagramState(page: Page) {
    return (await page.evaluate(`[...document.querySelectorAll("svg.chain-diagram g.link")].map((g) => ({
      link: g.getAttribute("data-link"),
      status: g.getAttribute("data-status"),
      highlighted: g.classList.contains("highlight"),
      stroke: getComputedStyle(g.querySelector("path.arrow")).stroke,
    }))`)) as { link: string; status: string; highlighted: boolean; stroke: string }[];
  }

  test("the seed's green run: five green arrows, nothing highlighted, no console error or request beyond the file, as the reference", async () => {
    const report = await reportFor("seed-green");
    const { page, consoleErrors, requests, url } = await open("seed-green", renderReport(report, "html", {}));
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await diagramState(page)).toEqual(
      ["lambda-role", "assume-role", "cluster-credentials", "execute-statement", "copy-from-s3"].map(
        (link) => ({
          link,
          status: "pass",
          highlighted: false,
          stroke: "rgb(26, 127, 55)",
        }),
      ),
    );
    await matchesReference(page, "seed-green");
    await page.close();
  });

  test("a failing scenario: the failed link is the one highlighted, its fix copies as written, as the reference", async () => {
    const report = await reportFor("trust-policy-missing-principal");
    expect(report.failedLink).toBe("assume-role");
    const { page, consoleErrors, requests, url } = await open("failing", renderReport(report, "html", {}));
    const state = await diagramState(page);
    expect(state.filter((s) => s.highlighted).map((s) => [s.link, s.status, s.stroke])).toEqual([
      ["assume-role", "fail", "rgb(207, 34, 46)"],
    ]);
    expect(
      await page.$$eval("tr.link-row.highlight", (rows) => rows.map((r) => r.getAttribute("data-link"))),
    ).toEqual(["assume-role"]);
    expect(await page.$eval("section.failure pre.aws-error", (e) => e.textContent)).toContain(
      "AccessDenied (HTTP 403",
    );
    await matchesReference(page, "trust-policy-missing-principal");
    if (UPDATE) await page.screenshot({ path: README_SCREENSHOT, type: "png" });
    await page.evaluate(
      `Object.defineProperty(navigator, "clipboard", { value: { writeText: async (text) => { window.copiedText = text; } } })`,
    );
    await page.click("section.failure button.copy");
    await page.waitForFunction("window.copiedText !== undefined");
    const copied = (await page.evaluate("window.copiedText")) as string;
    const json = fixParts(report.links[1].diagnosis?.fix ?? "").find((p) => p.kind === "json");
    expect(copied).toBe(json?.text);
    expect(JSON.parse(copied).Statement[0].Action).toBe("sts:AssumeRole");
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  test("several environments render as a grid of cards, each highlighting its own failed link", async () => {
    const green = recordedReport("seed-green");
    const failing = recordedReport("trust-policy-missing-principal");
    const html = renderRuns(
      [
        { environment: "staging", exitCode: 1, report: failing },
        { environment: "prod", exitCode: 0, report: green },
      ],
      "html",
      [{}],
    );
    const { page, consoleErrors, requests, url } = await open("grid", html);
    const cards = await page.$$eval(".grid .card", (cs) =>
      cs.map((c) => ({
        environment: c.getAttribute("data-environment"),
        highlighted: [...c.querySelectorAll("g.link.highlight")].map((g) => g.getAttribute("data-link")),
        top: Math.round(c.getBoundingClientRect().top),
      })),
    );
    expect(cards.map(({ top: _, ...c }) => c)).toEqual([
      { environment: "staging", highlighted: ["assume-role"] },
      { environment: "prod", highlighted: [] },
    ]);
    expect(cards[0].top).toBe(cards[1].top);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });
});
