"""A shop in another language against the sandbox binary: Python's standard
library only, as a PHP or JavaScript shop would do it by hand.

Started with no arguments, the binary accepts its public test credentials.
This script reads the announcement line (``--json``) on stdin, signs a
create (SHA-512 over the API key followed by the exact body bytes, upper-case
hex, in the ``Hash`` header), creates a payment job, retrieves it, and checks
that a wrong key is refused with 401. It prints ``ok`` and exits 0, or says
what failed and exits 1.
"""

import hashlib
import json
import sys
import urllib.error
import urllib.request


def sign(api_key: str, body: bytes) -> str:
    """The Hash header: SHA-512 of the key then the body, upper-case hex."""
    return hashlib.sha512(api_key.encode() + body).hexdigest().upper()


def call(sandbox: dict, method: str, path: str, body: bytes = b"", api_key=None):
    """One signed Gateway call; the HTTP status and the decoded answer."""
    request = urllib.request.Request(
        sandbox["gatewayBaseUrl"] + path, data=body or None, method=method
    )
    request.add_header("ConfigurationId", sandbox["configurationId"])
    request.add_header("Hash", sign(api_key or sandbox["apiKey"], body))
    if body:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as refusal:
        return refusal.code, json.loads(refusal.read() or b"null")


def main() -> int:
    sandbox = json.loads(sys.stdin.readline())
    order = {"orderNumber": "python-order-1"}
    body = json.dumps(
        {"currency": "GBP", "amountToCollect": "10.00", "order": order}
    ).encode()
    status, created = call(sandbox, "POST", "/api/gateway/payment-jobs", body)
    if status != 201:
        print(f"create answered {status}: {created}")
        return 1
    reference = created["data"]["reference"]
    page = created["links"]["action"]["url"]
    status, job = call(sandbox, "GET", f"/api/gateway/payment-jobs/{reference}")
    if status != 200 or job["data"]["paymentStatus"] != "Pending":
        print(f"retrieve answered {status}: {job}")
        return 1
    if not page.startswith(sandbox["gatewayBaseUrl"]):
        print(f"the payment page {page} is not on the sandbox")
        return 1
    status, _ = call(sandbox, "POST", "/api/gateway/payment-jobs", body, "wrong-key")
    if status != 401:
        print(f"a wrong key answered {status}, not 401")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
