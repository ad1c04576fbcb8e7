#!/usr/bin/env python3
"""A bounded loopback HTTP load at a steady rate that records every response.

    scripts/loadgen.py --port 8080 --host app.paas.test --rate 200 --duration 60 --out records.jsonl

Sends GET PATH to 127.0.0.1:PORT (only loopback is allowed) at RATE requests a second, each on
its own connection (or, with --keepalive, over a few reused connections), until DURATION
seconds have passed, MAX requests were sent, or the file named by --stop-file exists.

Each response becomes one JSON line in --out: wall-clock start time `t`, `status` (0 when no
HTTP answer came), `ms` (latency), `body` (first line, at most 64 characters) and `error` (the
connection error, if any). A summary JSON object is printed on stdout at the end.
"""
import argparse
import asyncio
import json
import os
import sys
import time

LOOPBACK = "127.0.0.1"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--host", default="localhost", help="the Host header")
    p.add_argument("--path", default="/")
    p.add_argument("--rate", type=float, default=200.0, help="requests a second (at most 2000)")
    p.add_argument("--duration", type=float, default=60.0, help="seconds (at most 3600)")
    p.add_argument("--max", type=int, default=200_000, help="requests at most")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    p.add_argument("--keepalive", action="store_true", help="reuse connections (HTTP/1.1 keep-alive)")
    p.add_argument(
        "--max-inflight", type=int, default=128,
        help="requests in flight at most; when reached, sending waits (the rate slips, no burst)")
    p.add_argument("--stop-file", help="stop once this file exists")
    p.add_argument("--out", required=True, help="JSON lines, one per request")
    a = p.parse_args()
    if not (0 < a.rate <= 2000 and 0 < a.duration <= 3600 and 0 < a.max <= 1_000_000 and 0 < a.max_inflight <= 1024):
        p.error("rate, duration and max must be positive and bounded (rate <= 2000, duration <= 3600)")
    return a


class Pool:
    """Idle keep-alive connections, reused when --keepalive is given. Like an HTTP client
    library's pool, it keeps at most MAX_IDLE idle connections and closes the rest, so that no
    connection sits idle for longer than a server's keep-alive timeout after a burst."""

    MAX_IDLE = 32

    def __init__(self, port):
        self.port = port
        self.idle = []

    async def get(self):
        if self.idle:
            return self.idle.pop(), True
        return await asyncio.open_connection(LOOPBACK, self.port), False

    def put(self, conn):
        if len(self.idle) >= self.MAX_IDLE:
            conn[1].close()
        else:
            self.idle.append(conn)


async def read_response(reader, keepalive):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif keepalive and headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    else:
        body = await reader.read()
    connection = headers.get("connection", "").lower()
    closes = connection == "close" or (lines[0].startswith("HTTP/1.0") and connection != "keep-alive")
    return status, body, closes


async def one(args, pool, request, out, stats):
    t = time.time()
    start = time.monotonic()
    status, body, error = 0, b"", None
    conn, reused = None, False
    try:
        conn, reused = await asyncio.wait_for(pool.get(), args.timeout)
        reader, writer = conn
        writer.write(request)
        await writer.drain()
        status, body, closes = await asyncio.wait_for(read_response(reader, args.keepalive), args.timeout)
        if args.keepalive and not closes:
            pool.put(conn)
            conn = None
    except Exception as e:  # every failure is a result to record, not a crash
        error = type(e).__name__ + (": " + str(e) if str(e) else "")
        if reused:
            error = "reused connection: " + error
    finally:
        if conn is not None:
            conn[1].close()
    ms = (time.monotonic() - start) * 1000
    text = body.decode("utf-8", "replace").split("\n", 1)[0][:64]
    out.write(json.dumps({"t": round(t, 4), "status": status, "ms": round(ms, 3), "body": text, "error": error}) + "\n")
    stats["sent"] += 1
    if error:
        stats["errors"] += 1
    elif not 200 <= status < 300:
        stats["non2xx"] += 1
    stats["versions"][text] = stats["versions"].get(text, 0) + 1


async def main():
    args = parse_args()
    connection = "keep-alive" if args.keepalive else "close"
    request = (
        f"GET {args.path} HTTP/1.1\r\nHost: {args.host}\r\nUser-Agent: paas-loadgen\r\n"
        f"Connection: {connection}\r\n\r\n"
    ).encode()
    pool = Pool(args.port)
    stats = {"sent": 0, "non2xx": 0, "errors": 0, "versions": {}}
    interval = 1.0 / args.rate
    begin = time.monotonic()
    tasks = set()
    with open(args.out, "w", buffering=1) as out:
        n = 0
        while n < args.max:
            now = time.monotonic()
            if now - begin >= args.duration:
                break
            if args.stop_file and n % 20 == 0 and os.path.exists(args.stop_file):
                break
            due = begin + n * interval
            if due > now:
                await asyncio.sleep(due - now)
            while len(tasks) >= args.max_inflight:
                # A starved client must not turn its backlog into a burst of its own making.
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            task = asyncio.ensure_future(one(args, pool, request, out, stats))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            n += 1
        if tasks:
            await asyncio.wait(tasks, timeout=args.timeout + 1)
        for reader, writer in pool.idle:
            writer.close()
    stats["seconds"] = round(time.monotonic() - begin, 3)
    json.dump(stats, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    asyncio.run(main())
