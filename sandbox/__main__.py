"""Entry point: ``python -m sandbox [--port N] [--host 127.0.0.1] [--tls-cert FILE --tls-key FILE]``."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from .server import make_server


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sandbox", description="API sandbox of the deployment platforms")
    ap.add_argument("--port", type=int, default=int(os.environ.get("SANDBOX_PORT", "8765")))
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--tls-cert", help="PEM certificate: serve HTTPS (see python -m sandbox.tls)")
    ap.add_argument("--tls-key", help="PEM private key of --tls-cert")
    args = ap.parse_args(argv)
    if args.host not in ("127.0.0.1", "localhost"):
        ap.error("the sandbox binds to 127.0.0.1 only")
    if bool(args.tls_cert) != bool(args.tls_key):
        ap.error("--tls-cert and --tls-key go together")
    srv = make_server("127.0.0.1", args.port, tls_cert=args.tls_cert, tls_key=args.tls_key)
    port = srv.server_address[1]

    def stop(signum, frame):
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("sandbox listening on %s://127.0.0.1:%d" % (srv.scheme, port), flush=True)
    try:
        srv.serve_forever(poll_interval=0.2)
    finally:
        srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
