"""Validates an Atom feed with the W3C Feed Validation Service's own code,
as the online service does, and prints one line per problem it reports.

    validate_feed.py VALIDATOR_DIR LEVEL FEED_FILE
    validate_feed.py VALIDATOR_DIR LEVEL --serve COMMAND... (with {base})

LEVEL is the validator's: A for errors only, AA for warnings too. With
--serve, a web server on 127.0.0.1 serves a folder at a port of its own;
COMMAND, with {base} replaced by that server's address, writes the feed on
stdout, and the feed is then validated from its own rel="self" address, as
the service would fetch it: a feed read from a file can never sit at that
address, and the validator warns that the two differ.

Exits 0 whether or not there are problems; 2 when it cannot run."""

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import urllib.request  # the validator uses it without importing it

validator_dir, level, *rest = sys.argv[1:]
sys.path.insert(0, validator_dir)
import feedvalidator  # noqa: E402
from feedvalidator import compatibility  # noqa: E402
from feedvalidator.formatter.text_plain import Formatter  # noqa: E402


class AtomHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".xml": "application/atom+xml"}

    def log_message(self, *args):
        pass


def events_of(validate):
    try:
        return validate()["loggedEvents"]
    except feedvalidator.logging.ValidationFailure as failure:
        return [failure.event]


if rest[0] == "--serve":
    with tempfile.TemporaryDirectory() as folder:
        handler = functools.partial(AtomHandler, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/tips"
        command = [part.replace("{base}", base) for part in rest[1:]]
        os.mkdir(os.path.join(folder, "tips"))
        with open(os.path.join(folder, "tips", "feed.xml"), "wb") as feed:
            subprocess.run(command, stdout=feed, check=True)
        events = events_of(lambda: feedvalidator.validateURL(base + "/feed.xml",
                                                             firstOccurrenceOnly=1))
        server.shutdown()
else:
    with open(rest[0], "rb") as feed:
        events = events_of(lambda: feedvalidator.validateStream(
            feed, firstOccurrenceOnly=1, base="http://www.feedvalidator.org/"))

for line in Formatter(getattr(compatibility, level)(events)):
    print(line)
