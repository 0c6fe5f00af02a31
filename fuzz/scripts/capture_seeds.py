#!/usr/bin/env python3
"""Captures real TLS bytes for the fuzz seed corpora (fuzz/seeds/NAME).

A relay on 127.0.0.1 sits between real clients (openssl s_client, curl,
Python's ssl, s_client under LD_PRELOAD=libsessl.so for rustls' hellos) and
`openssl s_server` (the system libssl, then under libsessl.so) and records
both directions of each connection. From the streams it writes:
client_hello (first client record), record_reader (whole streams),
server_flight (a server's plaintext handshake messages), server_connection
(client streams), client_connection (server streams), ticket_layout (TLS 1.2
tickets), alpn (ALPN extension bodies) and cert_strength (DER certificates).

Usage: python3 fuzz/scripts/capture_seeds.py PATH/TO/libsessl.so
Every process it starts is stopped before it returns."""
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "seeds")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pump(src, dst, log):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            log.extend(data)
            dst.sendall(data)
    except OSError:
        pass
    for s in (dst,):
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class Relay:
    def __init__(self, upstream_port):
        self.upstream = upstream_port
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.streams = []  # (client->server, server->client)
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            up = socket.create_connection(("127.0.0.1", self.upstream))
            c2s, s2c = bytearray(), bytearray()
            self.streams.append((c2s, s2c))
            a = threading.Thread(target=pump, args=(conn, up, c2s), daemon=True)
            b = threading.Thread(target=pump, args=(up, conn, s2c), daemon=True)
            a.start()
            b.start()

    def take(self):
        time.sleep(0.5)
        got = self.streams[-1] if self.streams else (bytearray(), bytearray())
        self.streams = []
        return bytes(got[0]), bytes(got[1])


def records(stream):
    out, i = [], 0
    while i + 5 <= len(stream):
        n = int.from_bytes(stream[i + 3:i + 5], "big")
        out.append((stream[i], stream[i + 5:i + 5 + n]))
        i += 5 + n
    return out


def plaintext_handshake(stream):
    """Handshake messages before the first ChangeCipherSpec."""
    msgs = bytearray()
    for kind, body in records(stream):
        if kind == 20:
            break
        if kind == 22:
            msgs.extend(body)
    return bytes(msgs)


def messages(flight):
    i = 0
    while i + 4 <= len(flight):
        n = int.from_bytes(flight[i + 1:i + 4], "big")
        yield flight[i], flight[i + 4:i + 4 + n]
        i += 4 + n


def extensions(hello_body):
    # legacy_version, random, session id, suites, compression, extensions
    i = 2 + 32
    i += 1 + hello_body[i]
    i += 2 + int.from_bytes(hello_body[i:i + 2], "big")
    i += 1 + hello_body[i]
    end = i + 2 + int.from_bytes(hello_body[i:i + 2], "big")
    i += 2
    while i + 4 <= end:
        kind = int.from_bytes(hello_body[i:i + 2], "big")
        n = int.from_bytes(hello_body[i + 2:i + 4], "big")
        yield kind, hello_body[i + 4:i + 4 + n]
        i += 4 + n


# The byte some targets read first, before the bytes captured: read sizes
# 7 and 255 (record_reader), a ClientHello hook, ALPN and 4096-byte chunks
# (the connection targets), a 16-byte IV and 32-byte MAC (ticket_layout).
PREFIX = {"record_reader": b"\x02\x07\xff", "server_connection": b"\x5c",
          "client_connection": b"\x58", "ticket_layout": b"\x00"}


def write(target, name, data):
    if not data:
        return
    data = PREFIX.get(target, b"") + data
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data[:1 << 16])


def run(cmd, env=None, stdin=b"GET / HTTP/1.0\r\n\r\n"):
    subprocess.run(cmd, input=stdin, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=20)


def main():
    sessl = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp()
    key, cert = os.path.join(tmp, "k.pem"), os.path.join(tmp, "c.pem")
    eckey, eccert = os.path.join(tmp, "ek.pem"), os.path.join(tmp, "ec.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-subj", "/CN=localhost", "-days", "30"], check=True,
                   capture_output=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", eckey, "-out", eccert, "-subj", "/CN=localhost",
                    "-days", "30"], check=True, capture_output=True)
    for pem, name in ((cert, "rsa2048-self-signed.der"), (eccert, "p256-self-signed.der")):
        der = subprocess.run(["openssl", "x509", "-in", pem, "-outform", "DER"], check=True,
                             capture_output=True).stdout
        write("cert_strength", name, der)
    preload = dict(os.environ, LD_PRELOAD=sessl)
    for server_name, server_env in (("openssl", None), ("sessl", preload)):
        port = free_port()
        server = subprocess.Popen(["openssl", "s_server", "-accept", str(port), "-cert", cert,
                                   "-key", key, "-www", "-alpn", "http/1.1", "-quiet"],
                                  env=server_env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1)
            relay = Relay(port)
            addr = "127.0.0.1:%d" % relay.port
            sc = ["openssl", "s_client", "-connect", addr, "-ign_eof"]
            clients = []
            for v in ("tls1_2", "tls1_3"):
                sess = os.path.join(tmp, "%s-%s.pem" % (server_name, v))
                clients.append(("openssl-%s-full" % v, sc + ["-" + v, "-sess_out", sess], None))
                clients.append(("openssl-%s-resumed" % v, sc + ["-" + v, "-sess_in", sess], None))
                clients.append(("rustls-%s" % v, sc + ["-" + v, "-servername", "localhost",
                                                       "-alpn", "h2,http/1.1"], preload))
            clients.append(("openssl-tls1_2-no-ticket", sc + ["-tls1_2", "-no_ticket"], None))
            clients.append(("openssl-sni-alpn", sc + ["-servername", "localhost", "-alpn",
                                                      "h2,http/1.1"], None))
            clients.append(("curl", ["curl", "-sk", "https://" + addr + "/"], None))
            clients.append(("python", [sys.executable, "-c", PYTHON_CLIENT, str(relay.port)], None))
            for name, cmd, env in clients:
                run(cmd, env)
                c2s, s2c = relay.take()
                tag = "%s-to-%s" % (name, server_name)
                if server_name == "openssl":
                    first = records(c2s)[:1]
                    if first:
                        n = 5 + len(first[0][1])
                        write("client_hello", name, c2s[:n])
                        for _, body in messages(first[0][1]):
                            for kind, ext in extensions(body):
                                if kind == 16:
                                    write("alpn", name, ext[2:])
                write("record_reader", tag + ".c2s", c2s)
                write("record_reader", tag + ".s2c", s2c)
                write("server_connection", tag, c2s)
                write("client_connection", tag, s2c)
                flight = plaintext_handshake(s2c)
                write("server_flight", tag, flight)
                for kind, body in messages(flight):
                    if kind == 4 and len(body) > 6:
                        write("ticket_layout", tag, body[6:])
        finally:
            server.terminate()
            server.wait()


PYTHON_CLIENT = r"""
import socket, ssl, sys
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.set_alpn_protocols(["h2", "http/1.1"])
with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as s:
    with ctx.wrap_socket(s, server_hostname="localhost") as t:
        t.sendall(b"GET / HTTP/1.0\r\n\r\n")
        while t.recv(4096):
            pass
"""

if __name__ == "__main__":
    main()
