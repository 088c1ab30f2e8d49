"""A shop's test suite in another language driving the sandbox binary's
control surface: Python's standard library only.

It reads the announcement line (``--json``) on stdin, then:

1. runs a webhook receiver on loopback that acknowledges as the Gateway
   expects, and creates a job notified there;
2. moves the sandbox's clock six months and a day, and sees the job
   ``Expired`` (and its webhook acknowledged);
3. makes the sandbox process a create and drop the connection: the create
   fails here, and looking the order up finds the job was created; then
   drops a create before processing it, and the lookup finds nothing;
4. lists the job's webhook deliveries and redelivers one, which adds an
   attempt;
5. finds the faults in the request log, resets the sandbox and sees it
   empty.

It prints ``ok`` and exits 0, or says what failed and exits 1.
"""

import hashlib
import http.client
import http.server
import json
import sys
import threading
import time
import urllib.error
import urllib.request


class Failed(Exception):
    """A check that did not hold."""


def check(condition, message):
    if not condition:
        raise Failed(message)


def sign(api_key: str, body: bytes) -> str:
    """The Hash header: SHA-512 of the key then the body, upper-case hex."""
    return hashlib.sha512(api_key.encode() + body).hexdigest().upper()


def send(url, method, body=None, headers=()):
    """One HTTP call: its status and decoded answer (None if empty)."""
    request = urllib.request.Request(url, data=body, method=method)
    for name, value in headers:
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            data = answer.read()
            return answer.status, json.loads(data) if data else None
    except urllib.error.HTTPError as refusal:
        data = refusal.read()
        return refusal.code, json.loads(data) if data else None


def gateway(sandbox, method, path, body=b""):
    """One signed Gateway call."""
    headers = [("ConfigurationId", sandbox["configurationId"]),
               ("Hash", sign(sandbox["apiKey"], body))]
    if body:
        headers.append(("Content-Type", "application/json"))
    return send(sandbox["gatewayBaseUrl"] + path, method, body or None, headers)


def control(sandbox, method, path, payload=None):
    """One control-surface call, its payload sent as JSON."""
    if payload is None:
        return send(sandbox["controlUrl"] + path, method)
    return send(sandbox["controlUrl"] + path, method, json.dumps(payload).encode(),
                [("Content-Type", "application/json")])


class Receiver(http.server.BaseHTTPRequestHandler):
    """Acknowledges each notification by echoing its two references."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        notification = json.loads(self.rfile.read(length))
        reply = json.dumps(
            {
                "paymentJobReference": notification.get("paymentJobReference"),
                "paymentReference": notification.get("paymentReference"),
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *_):
        pass


def create(sandbox, order_number, webhook_url=None):
    job = {"currency": "GBP", "amountToCollect": "10.00",
           "order": {"orderNumber": order_number}}
    if webhook_url:
        job["parameters"] = {"WebhookUrl": webhook_url}
    return gateway(sandbox, "POST", "/api/gateway/payment-jobs",
                   json.dumps(job).encode())


def expiry_and_webhooks(sandbox, hook):
    """Steps 1, 2 and 4: a job expired by the clock, its webhook redelivered."""
    status, created = create(sandbox, "expiring-order", hook)
    check(status == 201, f"create answered {status}: {created}")
    reference = created["data"]["reference"]
    status, clock = control(sandbox, "POST", "/clock/advance",
                            {"months": 6, "days": 1})
    check(status == 200 and clock["movable"], f"advance answered {status}: {clock}")
    status, job = gateway(sandbox, "GET", f"/api/gateway/payment-jobs/{reference}")
    check(status == 200, f"retrieve answered {status}")
    check(job["data"]["paymentStatus"] == "Expired",
          f"after six months and a day the job is {job['data']['paymentStatus']}")
    deliveries = wait_for_deliveries(sandbox, reference)
    delivery = deliveries[-1]
    attempts = len(delivery["attempts"])
    status, attempt = control(sandbox, "POST", f"/webhooks/{delivery['id']}/redeliver")
    check(status == 200 and attempt["acknowledged"] and attempt["redelivery"],
          f"redeliver answered {status}: {attempt}")
    _, again = control(sandbox, "GET", f"/webhooks?job={reference}")
    after = next(d for d in again if d["id"] == delivery["id"])
    check(len(after["attempts"]) == attempts + 1,
          f"redelivery did not add an attempt: {after}")


def wait_for_deliveries(sandbox, reference):
    """The job's deliveries once one is acknowledged (they run in the background)."""
    for _ in range(100):
        _, deliveries = control(sandbox, "GET", f"/webhooks?job={reference}")
        if any(d["acknowledged"] for d in deliveries):
            return deliveries
        time.sleep(0.05)
    raise Failed(f"no acknowledged delivery for {reference}: {deliveries}")


def lost_creates(sandbox):
    """Step 3: both branches of a create whose answer is lost."""
    for kind, created in [("drop_after_processing", 200),
                          ("drop_before_processing", 404)]:
        fault = {"kind": kind, "method": "POST", "path": "/api/gateway/payment-jobs"}
        status, answer = control(sandbox, "POST", "/faults", fault)
        check(status == 201, f"the fault answered {status}: {answer}")
        order = f"lost-{kind}"
        try:
            status, answer = create(sandbox, order)
            raise Failed(f"a dropped create answered {status}: {answer}")
        except (http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError):
            pass
        status, _ = gateway(sandbox, "HEAD", f"/api/gateway/orders/{order}")
        check(status == created,
              f"after {kind} the order lookup answered {status}, not {created}")
    status, requests = control(sandbox, "GET", "/requests")
    faults = [r["fault"] for r in requests if r.get("fault")]
    check(faults == ["drop_after_processing", "drop_before_processing"],
          f"the request log shows faults {faults}")


def main() -> int:
    sandbox = json.loads(sys.stdin.readline())
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    try:
        expiry_and_webhooks(sandbox, hook)
        lost_creates(sandbox)
        status, _ = control(sandbox, "POST", "/reset")
        check(status == 204, f"reset answered {status}")
        status, _ = gateway(sandbox, "HEAD", "/api/gateway/orders/expiring-order")
        check(status == 404, f"after a reset the order lookup answered {status}")
    except Failed as failure:
        print(failure)
        return 1
    finally:
        receiver.shutdown()
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
