// Drives one headless Chromium page for the xunit page tests (BrowserPage.cs). Each line on stdin is one command,
// {"id": n, "op": "...", ...}; each gets one line on stdout, {"id": n, "ok": true, "value": ...} or
// {"id": n, "ok": false, "error": "..."}. The assertions live in the C# tests; this file only performs and reports.
// Usage: node page-driver.mjs <chromium executable> <base url>
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const [executablePath, baseURL] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args: ["--disable-dev-shm-usage"] });
const context = await browser.newContext({ baseURL, acceptDownloads: true, viewport: { width: 1024, height: 800 } });
const page = await context.newPage();
page.setDefaultTimeout(10_000);
const consoleErrors = [];
page.on("console", (message) => { if (message.type() === "error") consoleErrors.push(message.text()); });
page.on("pageerror", (error) => consoleErrors.push(String(error)));

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

// page.waitForFunction would compile the expression inside the page, which the page's Content-Security-Policy
// (no 'unsafe-eval') forbids; evaluating it from outside and polling is not subject to it.
async function poll(expression, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(expression);
    if (value) return value;
    if (Date.now() > until) throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const operations = {
  goto: async ({ url }) => (await page.goto(url))?.status(),
  viewport: ({ width, height }) => page.setViewportSize({ width, height }),
  fill: ({ selector, value }) => page.fill(selector, value),
  press: ({ selector, key }) => page.press(selector, key),
  keyboard: ({ key }) => page.keyboard.press(key),
  click: ({ selector }) => page.click(selector),
  select: async ({ selector, value }) => { await page.selectOption(selector, value); },
  setFiles: ({ selector, path }) => page.setInputFiles(selector, path),
  texts: ({ selector }) => page.$$eval(selector, (elements) => elements.map((e) => e.textContent)),
  // expression: a JavaScript expression evaluated in the page; waitFor repeats it until it is truthy.
  evaluate: ({ expression }) => page.evaluate(expression),
  waitFor: ({ expression, timeoutMs }) => poll(expression, timeoutMs),
  download: async ({ selector }) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
    return { filename: download.suggestedFilename(), text: await readAll(await download.createReadStream()) };
  },
  consoleErrors: () => consoleErrors,
  screenshot: ({ path }) => page.screenshot({ path, fullPage: true }),
};

const reply = (message) => process.stdout.write(JSON.stringify(message) + "\n");
reply({ id: 0, ok: true, value: browser.version() });

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  if (command.op === "close") break;
  try {
    const operation = operations[command.op];
    if (!operation) throw new Error(`unknown operation '${command.op}'`);
    reply({ id: command.id, ok: true, value: (await operation(command)) ?? null });
  } catch (error) {
    reply({ id: command.id, ok: false, error: String(error?.message ?? error) });
  }
}
await browser.close();
