// Reads an Atom feed with npm's rss-parser and prints what it read as
// JSON: {title, self, alternate, entries: [{id, title, published, link,
// content}]}. Usage: node read_feed.mjs RSS_PARSER_MAIN FEED_FILE
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const Parser = require(process.argv[2]);
const xml = readFileSync(process.argv[3], "utf8");
const feed = await new Parser().parseString(xml);
console.log(JSON.stringify({
  title: feed.title,
  self: feed.feedUrl ?? null,
  alternate: feed.link ?? null,
  entries: feed.items.map((item) => ({
    id: item.id,
    title: item.title,
    published: item.pubDate,
    link: item.link ?? null,
    content: item.content,
  })),
}));
