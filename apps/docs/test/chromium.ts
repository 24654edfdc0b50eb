// Finds Debian's Chromium for the page tests (playwright-core cannot download browsers here) and launches it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

/** `CHROMIUM_PATH`, or `chromium` / `chromium-browser` on the PATH; `undefined` when there is none. */
export const chromiumPath: string | undefined = [
  process.env.CHROMIUM_PATH,
  ...(process.env.PATH ?? "").split(":").flatMap((dir) => [join(dir, "chromium"), join(dir, "chromium-browser")]),
].find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));

export const missingChromium =
  "Chromium is not installed: the browser tests are skipped (Debian: apt-get install chromium; or set CHROMIUM_PATH)";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // Flags that work as root on a CI machine; no background traffic to Google's services.
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}
