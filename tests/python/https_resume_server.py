"""An HTTPS server of Python's own (ssl.SSLContext(PROTOCOL_TLS_SERVER) over
http.server / socketserver) whose page says whether the handshake resumed a
session, for clients on other TLS stacks (openssl s_client -reconnect, curl).

Usage: https_resume_server.py PORT CERT KEY VERSION CONNECTIONS
  VERSION: 1.2 or 1.3; the server accepts CONNECTIONS connections and exits,
  printing its session_stats() as one line of JSON ("stats {...}").

The page of each request: "New, TLSv1.3" or "Reused, TLSv1.3".
"""

import http.server
import json
import ssl
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        tls = self.request
        body = "{}, {}\n".format(
            "Reused" if tls.session_reused else "New", tls.version()
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


class Server(http.server.HTTPServer):
    def shutdown_request(self, request):
        # Close with close_notify (SSL_shutdown): libssl drops from its cache
        # the session of a connection freed without it (OpenSSL's "bad
        # session"), and a TLS 1.2 client resuming by session ID (curl)
        # would then find it gone. socketserver's own shutdown is TCP only.
        try:
            request.unwrap()
        except (OSError, ValueError):
            pass
        self.close_request(request)


def main():
    port, cert, key, version, connections = sys.argv[1:6]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    v = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}[version]
    ctx.minimum_version = ctx.maximum_version = v
    server = Server(("127.0.0.1", int(port)), Handler)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    # A client that stops at the handshake (s_client -reconnect) leaves the
    # handler an empty request: it answers nothing and the next one comes.
    server.timeout = 20
    print("listening", flush=True)
    for _ in range(int(connections)):
        server.handle_request()
    server.server_close()
    print("stats " + json.dumps(ctx.session_stats(), sort_keys=True), flush=True)


main()
