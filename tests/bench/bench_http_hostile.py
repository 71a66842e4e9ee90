#!/usr/bin/env python3
"""The HTTP API under hostile load: figures, not a test (docs/security-http.md quotes them).

    tests/bench/bench_http_hostile.py BUILD/app/arbor [--runs 3] [--lb-check-runs 3]

Starts `arbor --service` (SQLite backend in a temporary folder, one user with a full-cost PBKDF2
hash) and measures, on 127.0.0.1:
  1. lb-check latency while 200 wrong-password requests are in flight (median of --runs),
  2. the service's peak RSS (VmHWM) after a client sends a 1 GB body,
  3. of 5,000 half-open connections (a partial head each), how many the service has closed after
     its head deadline (plus 5 s), and whether lb-check still answers meanwhile.
Each run starts a fresh service; the summary gives medians over --runs.
Run it against an old and a new binary to compare (the same machine, one after the other).
"""
import argparse
import base64
import json
import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def request(port, path, auth=None, timeout=30, source="127.0.0.1"):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0))
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
    if auth:
        head += "Authorization: Basic " + base64.b64encode(auth.encode()).decode() + "\r\n"
    s.sendall((head + "\r\n").encode())
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        if b"\r\n\r\n" in data:
            head_end = data.index(b"\r\n\r\n")
            length = 0
            for line in data[:head_end].split(b"\r\n")[1:]:
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if len(data) >= head_end + 4 + length:
                break
    s.close()
    return int(data.split(b" ")[1]) if data else -1


def start_service(binary, folder, port):
    hash_ = subprocess.run([binary, "config", "hash-password"], input=b"slow-secret\n", capture_output=True,
                           check=True).stdout.decode().strip().splitlines()[-1].strip()
    cnf = os.path.join(folder, "topology.cnf")
    with open(cnf, "w") as f:
        f.write("[client]\nuser=arbor\npassword=unused\n")
    os.chmod(cnf, 0o600)
    config = {
        "backend": {"kind": "sqlite", "sqliteFile": os.path.join(folder, "arbor.sqlite3")},
        "topology": {"credentialsFile": cnf},
        "node": {"name": "bench"},
        "api": {"listen": f"127.0.0.1:{port}",
                "users": [{"name": "slow", "role": "operator", "passwordHash": hash_}]},
    }
    path = os.path.join(folder, "arbor.json")
    with open(path, "w") as f:
        json.dump(config, f)
    log = open(os.path.join(folder, "service.log"), "w")
    proc = subprocess.Popen([binary, "--service", "--config", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    # Ready when it says where it listens (its start-up line); the pipe is read with a deadline, and
    # once ready a thread copies the rest of its output to the log.
    ready = False
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.time() + 30
    pending = b""
    while not ready and time.time() < deadline:
        if not sel.select(timeout=max(0.0, deadline - time.time())):
            break
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break  # it exited
        log.write(chunk.decode(errors="replace"))
        pending += chunk
        ready = b"API listening on" in pending
    sel.close()
    log.flush()
    if not ready or request(port, "/api/_ping", timeout=5) != 200:
        proc.kill()
        raise SystemExit("the service did not start; see " + log.name)
    threading.Thread(target=copy_output, args=(proc.stdout, log), daemon=True).start()
    return proc


def copy_output(pipe, log):
    for line in iter(pipe.readline, b""):
        log.write(line.decode(errors="replace"))
        log.flush()


def service_pid_rss(proc, field):
    # `arbor --service` execs arbor-service: same pid.
    with open(f"/proc/{proc.pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def lb_check_under_wrong_passwords(port, source, n=200):
    """The flood comes from @p source, the load balancer from 127.0.0.1: the server counts failed
    attempts per client address, so each run's flood uses an address of its own."""
    flood = []
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=60, source_address=(source, 0))
        auth = base64.b64encode(f"slow:wrong-{i}".encode()).decode()
        s.sendall(f"GET /api/clusters HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {auth}\r\n\r\n".encode())
        flood.append(s)
    t = time.time()
    status = request(port, "/api/lb-check")
    latency = time.time() - t
    codes = {}
    for s in flood:
        try:
            data = s.recv(200)
            code = int(data.split(b" ")[1]) if data else -1
        except (OSError, IndexError, ValueError):
            code = -1
        codes[code] = codes.get(code, 0) + 1
        s.close()
    return status, latency, codes


def big_body(port, total=1 << 30):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    auth = base64.b64encode(b"slow:slow-secret").decode()
    s.sendall(f"POST /api/bulk-instances HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {auth}\r\n"
              f"Content-Length: {total}\r\n\r\n".encode())
    chunk = b" " * (1 << 20)
    sent = 0
    answer = b""
    s.setblocking(True)
    try:
        while sent < total:
            s.sendall(chunk)
            sent += len(chunk)
    except OSError:
        pass
    try:
        s.settimeout(30)
        answer = s.recv(200)
    except OSError:
        pass
    s.close()
    return sent, answer.split(b"\r\n")[0].decode(errors="replace")


def half_open(port, n=5000, wait=40):
    socks = []
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(b"GET /api/clusters HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            s.setblocking(False)
            socks.append(s)
        except OSError:
            break
    opened = len(socks)
    opened_at = time.time()
    t = time.time()
    # The load balancer is another client address: the flood's own address is over its per-address cap.
    try:
        lb = request(port, "/api/lb-check", timeout=10, source="127.0.0.9") if opened else -1
    except OSError:
        lb = -1
    lb_latency = time.time() - t
    # Until the service has closed every half-open socket (or answered it 408), or the deadline.
    closed = 0
    last_closed = 0.0
    # epoll, not select(): 5,000 descriptors are beyond select()'s FD_SETSIZE of 1024.
    sel = selectors.DefaultSelector()
    for s in socks:
        sel.register(s, selectors.EVENT_READ)
    pending = len(socks)
    deadline = time.time() + wait
    while pending and time.time() < deadline:
        for key, _ in sel.select(min(1.0, max(0.0, deadline - time.time()))):
            s = key.fileobj
            try:
                data = s.recv(4096)
                if data and not data.startswith(b"HTTP/1.1 408"):
                    continue  # some other answer: the socket is not closed by the limit
                closed += 1
            except BlockingIOError:
                continue
            except OSError:
                closed += 1
            sel.unregister(s)
            pending -= 1
            last_closed = time.time() - opened_at
    sel.close()
    for s in socks:
        s.close()
    return opened, closed, lb, lb_latency, last_closed


def one_run(binary, with_lb_check, runs_of_lb):
    """A fresh service per run, so its peak RSS (VmHWM) is this run's."""
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        proc = start_service(binary, folder, port)
        try:
            latencies = []
            for run in range(runs_of_lb if with_lb_check else 0):
                status, latency, codes = lb_check_under_wrong_passwords(port, f"127.0.0.{10 + run}")
                latencies.append(latency)
                print(f"  lb-check {status} in {latency * 1000:.0f} ms; flood answers {codes}")
            before = service_pid_rss(proc, "VmHWM")
            sent, answer = big_body(port)
            after = service_pid_rss(proc, "VmHWM")
            print(f"  1 GB body: {sent >> 20} MiB sent before the service stopped reading, answer '{answer}', "
                  f"peak RSS {before // 1024} MB before, {after // 1024} MB after")
            opened, closed, lb, lb_latency, closed_in = half_open(port)
            print(f"  half-open: {opened} opened, {closed} closed by the service (last after {closed_in:.1f} s); "
                  f"lb-check meanwhile {lb} in {lb_latency * 1000:.0f} ms")
            return latencies, after, opened, closed, closed_in, lb_latency
        finally:
            proc.terminate()
            proc.wait(15)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=3, help="fresh services for the body and half-open figures")
    parser.add_argument("--lb-check-runs", type=int, default=0,
                        help="lb-check floods in the first run (arbor-bench-lbcheck measures it too)")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    binary = os.path.abspath(args.binary)
    results = []
    for run in range(args.runs):
        print(f"run {run + 1}:")
        results.append(one_run(binary, run == 0 and args.lb_check_runs > 0, args.lb_check_runs))
    latencies = results[0][0]
    if latencies:
        print(f"lb-check under 200 wrong passwords: median {statistics.median(latencies) * 1000:.0f} ms "
              f"(min {min(latencies) * 1000:.0f}, max {max(latencies) * 1000:.0f})")
    med = lambda i: statistics.median(r[i] for r in results)
    print(f"median of {args.runs} runs: peak RSS after a 1 GB body {med(1) // 1024} MB; half-open sockets "
          f"{med(2):.0f} opened, {med(3):.0f} closed by the service, the last after {med(4):.1f} s; "
          f"lb-check during the half-open flood {med(5) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
