"""Load for scripts/bench-portal.sh: ten uploaders (tokens, POST /inbox), ten session pollers,
ten token pollers, ten HTTP Basic pollers and one anonymous /login prober, for SECONDS; then
count, p50, p95 and max per kind, and the answers by status."""
import collections, http.client, os, re, sys, threading, time, base64, uuid

port, seconds, tokens_file, password, sample = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
tokens = [line.split() for line in open(tokens_file) if line.strip()]
content = open(sample, "rb").read()
results = collections.defaultdict(list)
statuses = collections.defaultdict(collections.Counter)
lock = threading.Lock()
deadline = time.monotonic() + seconds


def request(kind, method, path, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    start = time.monotonic()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        status = response.status
        cookies = response.getheader("Set-Cookie") or ""
        cookie_list = response.msg.get_all("Set-Cookie") or []
    except Exception as error:  # a refused or timed-out request counts as status 0
        data, status, cookie_list = b"", 0, []
    finally:
        conn.close()
    elapsed = (time.monotonic() - start) * 1000
    with lock:
        results[kind].append(elapsed)
        statuses[kind][status] += 1
    return status, data, cookie_list


def cookie_pairs(lines):
    return {line.split(";", 1)[0].split("=", 1)[0]: line.split(";", 1)[0].split("=", 1)[1] for line in lines if "=" in line}


def sign_in(name):
    _, page, lines = request("login-page", "GET", "/login", {"Accept": "text/html"})
    cookies = cookie_pairs(lines)
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    body = f"name={name}&password={password}&csrf={csrf}"
    header = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    _, _, lines = request("sign-in", "POST", "/login", header, body)
    cookies.update(cookie_pairs(lines))
    return "; ".join(f"{k}={v}" for k, v in cookies.items() if k == "dealers_session")


def uploader(dealer, token):
    n = 0
    while time.monotonic() < deadline:
        n += 1
        boundary = uuid.uuid4().hex
        name = f"usuarios-bench-{dealer}-{n}-{boundary[:6]}.csv"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: text/csv\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        request("upload (token)", "POST", "/inbox",
                {"Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"}, body)
        time.sleep(1.0)


def poller(kind, headers):
    paths = ["/receipts/", "/reports/"]
    i = 0
    while time.monotonic() < deadline:
        i += 1
        request(kind, "GET", paths[i % 2], headers)
        time.sleep(0.2)


def prober():
    while time.monotonic() < deadline:
        request("GET /login (anonymous)", "GET", "/login", {"Accept": "text/html"})
        time.sleep(0.5)


threads = []
for i, (dealer, token) in enumerate(tokens):
    name = f"user{i}"
    session = sign_in(name)
    basic = base64.b64encode(f"{name}:{password}".encode()).decode()
    threads.append(threading.Thread(target=uploader, args=(dealer, token)))
    threads.append(threading.Thread(target=poller, args=("GET (session)", {"Cookie": session, "Accept": "application/json"})))
    threads.append(threading.Thread(target=poller, args=("GET (token)", {"Authorization": f"Bearer {token}", "Accept": "application/json"})))
    if os.environ.get("PORTAL_BENCH_BASIC", "1") != "0":   # PORTAL_BENCH_BASIC=0: the same load without Basic pollers
        threads.append(threading.Thread(target=poller, args=("GET (Basic)", {"Authorization": f"Basic {basic}", "Accept": "application/json"})))
threads.append(threading.Thread(target=prober))
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print("| requests | count | p50 ms | p95 ms | max ms | answers |")
print("|---|---:|---:|---:|---:|---|")
for kind in ["GET (session)", "GET (token)", "GET (Basic)", "upload (token)", "GET /login (anonymous)", "sign-in"]:
    values = sorted(results.get(kind, []))
    if not values:
        continue
    p = lambda q: values[min(len(values) - 1, int(len(values) * q))]
    answers = ", ".join(f"{status}: {count}" for status, count in sorted(statuses[kind].items()))
    print(f"| {kind} | {len(values)} | {p(0.5):.1f} | {p(0.95):.1f} | {values[-1]:.1f} | {answers} |")
