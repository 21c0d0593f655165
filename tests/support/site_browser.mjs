// Looks at a site written by `tips site` as a browser and its users meet
// it: headless Chromium, driven by puppeteer-core, with axe-core (neither
// written here). Prints one JSON object for the Rust test to judge:
//
// {
//   pages: [{ path, status, axe: [{scheme, id, impact, help, targets}],
//             sideways: {"320": px, "1280": px},
//             scripts, handlers: [attribute names], javascript_links,
//             text }],
//   links: [{ from, href, status }],
//   foreign_requests: [url],          // anything asked of another origin
//   file_foreign_requests: [url],     // the same, with the pages opened from file://
//   dialogs: [message],               // what a script that ran put in a dialog
//   pdfs: [path]                      // A4 prints of the tip pages, when asked
// }
//
// Usage: node site_browser.mjs CONFIG.json, where CONFIG holds
//   { modules, chromium, profile, server, root, pages: [path], pdf_dir?,
//     screenshots? }
// `server` is the site served over HTTP (http://127.0.0.1:PORT/), `root`
// the same folder on disk; `pdf_dir` asks for A4 prints of tip/*.html;
// `screenshots` (a folder) for the index at 390 and 1280 px.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const require = createRequire(`${config.modules}/`);
const puppeteer = require("puppeteer-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await puppeteer.launch({
  executablePath: config.chromium,
  headless: true,
  userDataDir: config.profile,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const result = { pages: [], links: [], foreign_requests: [], file_foreign_requests: [], dialogs: [], pdfs: [] };
const server = new URL(config.server);
const rootUrl = pathToFileURL(config.root.endsWith("/") ? config.root : `${config.root}/`);

// Every request a page makes is noted; one to anywhere but the site is foreign.
function watch(page, isOwn, foreign) {
  // A script that ran and opened a dialog is noted, and the dialog closed,
  // so that the page goes on loading.
  page.on("dialog", async (dialog) => {
    result.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("request", (request) => {
    if (!isOwn(new URL(request.url()))) {
      foreign.push(request.url());
    }
  });
}

try {
  const page = await browser.newPage();
  watch(page, (url) => url.origin === server.origin || url.protocol === "data:", result.foreign_requests);
  const internal = new Map();
  for (const path of config.pages) {
    const url = new URL(path, server).href;
    const response = await page.goto(url, { waitUntil: "load" });
    const entry = { path, status: response ? response.status() : 0, sideways: {} };
    for (const width of [320, 1280]) {
      await page.setViewport({ width, height: 900 });
      entry.sideways[width] = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    }
    // Looked at before axe's own script is added.
    const dom = await page.evaluate(() => {
      const all = [...document.querySelectorAll("*")];
      const handlers = all.flatMap((element) =>
        [...element.attributes].map((attribute) => attribute.name).filter((name) => name.startsWith("on")),
      );
      const scripts = document.querySelectorAll("script").length;
      const javascriptLinks = all.filter((element) =>
        [...element.attributes].some(
          (attribute) =>
            ["href", "src", "action", "formaction", "xlink:href"].includes(attribute.name) &&
            attribute.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase().startsWith("javascript:"),
        ),
      ).length;
      const links = [...document.querySelectorAll("a[href], link[href]")].map((element) => element.href);
      return { handlers, scripts, javascriptLinks, links, text: document.body.innerText };
    });
    // axe in the light and the dark colour scheme, as the stylesheet has both.
    await page.addScriptTag({ content: axeSource });
    const axe = [];
    for (const scheme of ["light", "dark"]) {
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      const violations = await page.evaluate(async () => {
        const found = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
          // Beyond WCAG's own rules: headings in order, one main landmark
          // and one h1, and nothing outside a landmark.
          rules: {
            "heading-order": { enabled: true },
            "landmark-one-main": { enabled: true },
            "page-has-heading-one": { enabled: true },
            region: { enabled: true },
          },
        });
        return found.violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          targets: violation.nodes.map((node) => node.target.join(" ")),
        }));
      });
      axe.push(...violations.map((violation) => ({ scheme, ...violation })));
    }
    Object.assign(entry, {
      axe,
      scripts: dom.scripts,
      handlers: dom.handlers,
      javascript_links: dom.javascriptLinks,
      text: dom.text,
    });
    for (const href of dom.links) {
      const target = new URL(href);
      if (target.origin === server.origin) {
        target.hash = "";
        internal.set(target.href, path);
      }
    }
    result.pages.push(entry);
  }

  // Every internal link, fetched from the real server.
  for (const [href, from] of internal) {
    const response = await fetch(href);
    await response.arrayBuffer();
    result.links.push({ from, href, status: response.status });
  }

  // The same pages from file://: nothing but the folder is asked for.
  const offline = await browser.newPage();
  watch(offline, (url) => url.protocol === "file:" || url.protocol === "data:", result.file_foreign_requests);
  for (const path of config.pages) {
    await offline.goto(new URL(path, rootUrl).href, { waitUntil: "load" });
  }

  if (config.pdf_dir) {
    for (const path of config.pages.filter((path) => path.startsWith("tip/"))) {
      await offline.goto(new URL(path, rootUrl).href, { waitUntil: "load" });
      const out = `${config.pdf_dir}/${path.replace(/\W/g, "_")}.a4.pdf`;
      await offline.pdf({ path: out, format: "A4" });
      result.pdfs.push(out);
    }
  }

  if (config.screenshots) {
    for (const width of [390, 1280]) {
      await offline.setViewport({ width, height: 844 });
      await offline.goto(new URL("index.html", rootUrl).href, { waitUntil: "load" });
      await offline.screenshot({ path: `${config.screenshots}/index-${width}.png`, fullPage: true });
    }
  }
} finally {
  await browser.close();
}

process.stdout.write(`${JSON.stringify(result)}\n`);
