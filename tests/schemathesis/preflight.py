"""Checks the signing hook against the running sandbox before Schemathesis
starts, so a broken hook fails fast with a clear message instead of as a run
of 401s: a request signed through the hook (with and without a body) must be
accepted, and one without `ConfigurationId` must stay unsigned and get 401.

Usage: preflight.py BASE_URL (CASHFLOWS_API_KEY and
CASHFLOWS_CONFIGURATION_ID in the environment).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import requests


def load_hooks():
    path = Path(__file__).with_name("hooks.py")
    spec = importlib.util.spec_from_file_location("cashflows_schemathesis_hooks", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expect(what: str, response: requests.Response, status: int) -> None:
    if response.status_code != status:
        sys.exit(
            f"preflight: {what}: expected {status}, got {response.status_code}: {response.text[:500]}"
        )
    print(f"preflight: {what}: {status}")


def main() -> None:
    base = sys.argv[1].rstrip("/")
    hooks = load_hooks()
    # The two headers as Schemathesis sets them from schemathesis.toml.
    configuration = {
        "ConfigurationId": os.environ["CASHFLOWS_CONFIGURATION_ID"],
        "Hash": hooks.HASH_PLACEHOLDER,
    }
    auth = hooks.SIGNATURE

    # No body: the hash covers the API key alone.
    response = requests.get(
        f"{base}/api/gateway/supported-payment-methods", headers=configuration, auth=auth, timeout=10
    )
    expect("signed GET (no body) through the hook", response, 200)
    # A body with non-ASCII text, as UTF-8 bytes: the hash covers the bytes sent.
    body = json.dumps(
        {
            "currency": "GBP",
            "amountToCollect": "1.00",
            "order": {"orderNumber": hooks.KNOWN_ORDER_NUMBER, "note": "café ✓"},
        },
        ensure_ascii=False,
    ).encode("utf-8")
    response = requests.post(
        f"{base}/api/gateway/payment-jobs",
        data=body,
        headers={**configuration, "Content-Type": "application/json"},
        auth=auth,
        timeout=10,
    )
    expect("signed POST (body) through the hook", response, 201)
    # Signed again, for the order look-ups the fuzzer makes: this order exists now.
    response = requests.head(
        f"{base}/api/gateway/orders/{hooks.KNOWN_ORDER_NUMBER}",
        headers=configuration,
        auth=auth,
        timeout=10,
    )
    expect(f"signed HEAD of order {hooks.KNOWN_ORDER_NUMBER}", response, 200)
    # The hook leaves a request without the placeholder, or without
    # ConfigurationId, as it is: unsigned, refused.
    url = f"{base}/api/gateway/supported-payment-methods"
    unsigned = {
        "no ConfigurationId": {"Hash": hooks.HASH_PLACEHOLDER},
        "no Hash": {"ConfigurationId": configuration["ConfigurationId"]},
    }
    for what, headers in unsigned.items():
        prepared = auth(requests.Request("GET", url, headers=headers).prepare())
        if prepared.headers.get("Hash") not in (None, hooks.HASH_PLACEHOLDER):
            sys.exit(f"preflight: the hook signed a request with {what}")
        with requests.Session() as session:
            expect(f"unsigned GET ({what})", session.send(prepared, timeout=10), 401)


if __name__ == "__main__":
    main()
