"""Reads an Atom feed with Python's feedparser and prints what it read as
JSON: {title, id, updated, links, entries: [{id, title, published,
updated, links, content, content_type, texts, elements}]}.

The content is read as it stands in the feed (feedparser's sanitising and
relative links are turned off, so nothing of it is changed), and then its
HTML is parsed with Python's own parser: `texts` are the pieces of text a
browser would show, `elements` every tag with its attributes, so that a test
can check that playbook text stays text and never becomes markup."""

import html.parser
import json
import sys

import feedparser


class Fragment(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": [name for name, _ in attrs]})

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data)


def links(thing):
    return [{"rel": link.get("rel"), "href": link.get("href"), "type": link.get("type")}
            for link in thing.get("links", [])]


def entry(item):
    content = item.content[0]
    fragment = Fragment()
    fragment.feed(content.value)
    fragment.close()
    return {
        "id": item.id,
        "title": item.title,
        "published": item.published,
        "updated": item.updated,
        "links": links(item),
        "content": content.value,
        "content_type": content.type,
        "texts": fragment.texts,
        "elements": fragment.elements,
    }


with open(sys.argv[1], "rb") as file:
    parsed = feedparser.parse(file.read(), sanitize_html=False, resolve_relative_uris=False)
if parsed.bozo:
    sys.exit(f"feedparser: not well-formed: {parsed.bozo_exception}")
print(json.dumps({
    "version": parsed.version,
    "title": parsed.feed.title,
    "id": parsed.feed.id,
    "updated": parsed.feed.updated,
    "author": parsed.feed.author,
    "links": links(parsed.feed),
    "entries": [entry(item) for item in parsed.entries],
}))
