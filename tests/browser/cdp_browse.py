#!/usr/bin/python3
"""Drives headless Chromium through the DevTools protocol for replay's browser test.

Opens URL, waits for it to load, clicks the first element matching CLICK_SELECTOR, waits
for the next page, saves a PNG screenshot, and prints one JSON object: every request the
pages made, failed loads, the final URL and title, a sample of the page text, and the ids
of the comments it shows.

usage: cdp_browse.py URL CLICK_SELECTOR SCREENSHOT.png
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import websocket  # Debian's python3-websocket

TIMEOUT = 30.0


def launch(profile):
    """Starts Chromium with a fresh profile and returns (process, browser websocket URL)."""
    args = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1200,1600",
            "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        if os.path.exists(port_file):
            lines = open(port_file).read().split("\n")
            if len(lines) >= 2 and lines[1]:
                return proc, "ws://127.0.0.1:%s%s" % (lines[0], lines[1])
        time.sleep(0.05)
    raise RuntimeError("chromium did not start (no DevToolsActivePort)")


class Session:
    """One page target over the browser's websocket (flattened sessions)."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=TIMEOUT)
        self.next_id = 0
        self.events = []  # not yet waited for
        self.log = []     # every event, for the request list
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]

    def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and hasattr(self, "session"):
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
        raise RuntimeError(method + ": no reply")

    def receive(self):
        message = json.loads(self.ws.recv())
        if "method" in message:
            self.events.append(message)
            self.log.append(message)
        return message

    def wait_for(self, event):
        """Waits for an event not yet consumed."""
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == event:
                    del self.events[:i + 1]
                    return e
            self.receive()
        raise RuntimeError("timed out waiting for " + event)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result.get("result", {}).get("value")


def settle(session):
    """Lets late subresource requests arrive after the load event."""
    end = time.time() + 1.0
    session.ws.settimeout(0.2)
    while time.time() < end:
        try:
            session.receive()
        except websocket.WebSocketTimeoutException:
            pass
    session.ws.settimeout(TIMEOUT)


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    url, selector, screenshot = sys.argv[1:]
    profile = tempfile.mkdtemp(prefix="warcrawl-chromium-")
    proc = None
    try:
        proc, ws_url = launch(profile)
        s = Session(ws_url)
        for domain in ("Page", "Network", "Runtime"):
            s.call(domain + ".enable")
        s.call("Page.navigate", {"url": url})
        s.wait_for("Page.loadEventFired")
        settle(s)
        clicked = s.evaluate("(() => { const e = document.querySelector(%s);"
                             " if (!e) return null; e.click(); return e.href || ''; })()"
                             % json.dumps(selector))
        if clicked is None:
            raise RuntimeError("nothing matches " + selector)
        s.wait_for("Page.loadEventFired")
        settle(s)
        png = base64.b64decode(s.call("Page.captureScreenshot", {"format": "png"})["data"])
        with open(screenshot, "wb") as f:
            f.write(png)
        requests = [e["params"]["request"]["url"] for e in s.log
                    if e.get("method") == "Network.requestWillBeSent"]
        failed = [e["params"].get("errorText", "") for e in s.log
                  if e.get("method") == "Network.loadingFailed"]
        print(json.dumps({
            "clicked": clicked,
            "requests": requests,
            "failed": failed,
            "final_url": s.evaluate("location.href"),
            "title": s.evaluate("document.title"),
            "text_sample": (s.evaluate("document.body.innerText") or "")[:4000],
            # WordPress marks each comment <li id="comment-N">: what the page shows.
            "comment_ids": s.evaluate("Array.from(document.querySelectorAll("
                                      "'li[id^=\"comment-\"]')).map(e => e.id)"),
        }))
        return 0
    except Exception as e:  # one clear line for the test's failure message
        sys.stderr.write("cdp_browse: %s\n" % e)
        return 1
    finally:
        if proc is not None:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
