/**
 * Debian's `chromium` driven by puppeteer-core (never `puppeteer`, which downloads a browser), for
 * the HTML report's browser test. `.ci/run` installs chromium and sets CHAINCHECK_REQUIRE_BROWSER=1,
 * so a missing browser fails CI; locally the browser tests skip with a message saying how to get
 * one. CHAINCHECK_CHROMIUM names another binary.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";

export const BROWSER_REQUIRED = process.env.CHAINCHECK_REQUIRE_BROWSER === "1";

function findChromium(): string | undefined {
  const named = process.env.CHAINCHECK_CHROMIUM;
  if (named) return existsSync(named) ? named : undefined;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const CHROMIUM = findChromium();

export const NO_BROWSER_MESSAGE =
  "chromium not found (looked at CHAINCHECK_CHROMIUM, /usr/bin/chromium, PATH): install it with `apt-get install -y chromium`";

if (!CHROMIUM && !BROWSER_REQUIRED)
  console.warn(
    `skipping the HTML report's browser tests: ${NO_BROWSER_MESSAGE} (CI sets CHAINCHECK_REQUIRE_BROWSER=1 and fails instead)`,
  );

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--hide-scrollbars",
  "--font-render-hinting=none",
  "--force-color-profile=srgb",
];

/** A browser with a fresh profile; close() also removes the profile. */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!CHROMIUM) throw new Error(NO_BROWSER_MESSAGE);
  const profile = mkdtempSync(join(tmpdir(), "chaincheck-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 120_000,
    args: [...FLAGS, `--user-data-dir=${profile}`],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
