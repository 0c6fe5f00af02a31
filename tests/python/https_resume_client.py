"""Two HTTPS requests through http.client with one SSLContext, the second
offered the first connection's session (SSLSocket's session=, through a small
HTTPSConnection subclass: http.client has no session parameter of its own).

Usage: https_resume_client.py PORT CAFILE VERSION   (VERSION: 1.2 or 1.3)

Prints, per request, what the client saw (its session_reused) and the
server's page status line ("New, ..." or "Reused, ..." of s_server -www).
"""

import http.client
import ssl
import sys


class ResumingHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPSConnection that offers `offer` (a session or None) and keeps
    its SSLSocket so the caller can read the session it ends with."""

    def __init__(self, host, port, context, offer):
        super().__init__(host, port, context=context)
        self.offer = offer
        self.tls = None

    def connect(self):
        # HTTPConnection.connect makes the TCP socket; the TLS wrap is ours.
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(
            self.sock, server_hostname=self.host, session=self.offer
        )
        self.tls = self.sock


def status_line(page):
    for line in page.splitlines():
        if line.startswith("New, ") or line.startswith("Reused, "):
            return line.split(",")[0]
    return "?"


def main():
    port, cafile, version = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(cafile)
    v = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}[version]
    ctx.minimum_version = ctx.maximum_version = v
    session = None
    for i in (1, 2):
        conn = ResumingHTTPSConnection("localhost", port, ctx, session)
        conn.request("GET", "/")
        resp = conn.getresponse()
        tls = conn.tls
        # The response's head has been read, so the TLS 1.3 tickets sent
        # before it have too: the session is the resumable one. Read it
        # before the body: at its end http.client closes the socket.
        version, reused = tls.version(), tls.session_reused
        if session is None:
            session = tls.session
        page = resp.read().decode("latin-1")
        print(
            f"request {i}: {version} client session_reused={reused}"
            f" server={status_line(page)} status={resp.status}"
        )
        conn.close()
    print(f"session has_ticket={session.has_ticket}")


main()
