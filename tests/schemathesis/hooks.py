"""Schemathesis hooks that sign Gateway requests as Cashflows asks.

Every Gateway request carries `ConfigurationId` and `Hash`, where `Hash` is the
upper-case hex SHA-512 of the API key's bytes followed by the exact body bytes
sent (the API key alone for a request without a body). Both headers are
security schemes of the document; Schemathesis sets them from its
configuration (`schemathesis.toml`): `ConfigurationId` to the sandbox's, and
`Hash` to a placeholder, `HASH_PLACEHOLDER`. The `before_call` hook hands
`requests` an auth object that replaces the placeholder with the signature
over the prepared request's final body, so the signature covers exactly the
bytes on the wire, in the fuzzing and the stateful phases alike.

A request whose `Hash` is not the placeholder is left as Schemathesis made it:
one it sends without credentials or with wrong ones (`ignored_auth`), or
without a header (`missing_required_header`), stays unsigned, and the sandbox
must refuse it.

The API key comes from the environment: `CASHFLOWS_API_KEY`.
"""

from __future__ import annotations

import hashlib
import os
import time

import requests
import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode

CONFIGURATION_ID_HEADER = "ConfigurationId"
HASH_HEADER = "Hash"
# What `schemathesis.toml` sets `Hash` to, for this hook to replace.
HASH_PLACEHOLDER = "computed-by-hooks"
# The order number of the job `preflight.py` creates before the run, so
# `HEAD /api/gateway/orders/{orderNumber}` has an order that exists to find.
KNOWN_ORDER_NUMBER = "schemathesis-order-1"


def signature(api_key: str, body: bytes | str | None) -> str:
    """The `Hash` header's value for `body` (None: no body)."""
    if body is None:
        body = b""
    elif isinstance(body, str):
        body = body.encode("utf-8")
    return hashlib.sha512(api_key.encode("utf-8") + body).hexdigest().upper()


class GatewaySignature(requests.auth.AuthBase):
    """Signs a prepared request whose `Hash` is the placeholder and that names a
    configuration; leaves any other request alone."""

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        # `requests` keeps headers in a case-insensitive mapping.
        headers = request.headers
        if CONFIGURATION_ID_HEADER in headers and headers.get(HASH_HEADER) == HASH_PLACEHOLDER:
            body = request.body
            if body is not None and not isinstance(body, (bytes, str)):
                raise TypeError(f"cannot sign a streamed body ({type(body).__name__})")
            request.headers[HASH_HEADER] = signature(self.api_key, body)
        return request


def _api_key() -> str:
    key = os.environ.get("CASHFLOWS_API_KEY")
    if not key:
        raise RuntimeError("CASHFLOWS_API_KEY is not set: the hooks cannot sign Gateway requests")
    return key


SIGNATURE = GatewaySignature(_api_key())


def _unsigned(case) -> bool:
    """Whether the operation declares no security (`security: []`): embedded
    checkout's browser calls, whose credential is the intent's token in the
    path. They carry no `ConfigurationId` and are never signed."""
    return case.operation.definition.raw.get("security") == []


@schemathesis.hook
def before_call(ctx, case, kwargs):
    if _unsigned(case):
        return
    kwargs["auth"] = SIGNATURE


def _direct_card_payment(reserved: bool = False) -> dict:
    """A create body for a direct card payment the sandbox authorises: a
    published test card (Visa credit, CVC 123), the 3-D Secure name that
    authenticates, an expiry two years ahead, an amount and a currency the
    sandbox's card method takes. With `reserved`, the payment stops at
    Reserved (`SimulatedStatus`, the sandbox's trigger), so it can be
    captured; otherwise it is Paid at once, so it can be refunded."""
    expiry_year = (time.gmtime().tm_year + 2) % 100
    body = {
        "currency": "GBP",
        "amountToCollect": "10.00",
        "locale": "en_GB",
        "paymentMethodsToUse": ["Card"],
        "parameters": {
            "CardNumber": "4000000000000002",
            "CardCvc": "123",
            "CardExpiryMonth": "12",
            "CardExpiryYear": f"{expiry_year:02d}",
            "CardHolderName": "Luke Skywalker",
        },
    }
    if reserved:
        body["parameters"]["SimulatedStatus"] = "Reserved"
    return body


def _payment_intent() -> dict:
    """An intent create body the sandbox accepts, so the stateful phase
    follows the links from its answer's token to the browser calls."""
    return {
        "configurationId": os.environ.get("CASHFLOWS_CONFIGURATION_ID", ""),
        "amountToCollect": "10.00",
        "currency": "GBP",
        "locale": "en_GB",
        "paymentMethodsToUse": ["Card"],
    }


def _card_tokenisation() -> dict:
    """A tokenisation body the sandbox accepts: the same test card."""
    expiry_year = (time.gmtime().tm_year + 2) % 100
    return {
        "cardNumber": "4000000000000002",
        "cardHolderName": "Luke Skywalker",
        "cardExpiryYear": f"{expiry_year:02d}",
        "cardExpiryMonth": "12",
        "cardCvc": "123",
    }


# The bodies a schema-valid case of an operation may be given instead of its
# generated one, by the method and path of the operation.
USABLE_BODIES = {
    ("POST", "/api/gateway/payment-jobs"): {
        "paid": lambda: _direct_card_payment(reserved=False),
        "reserved": lambda: _direct_card_payment(reserved=True),
    },
    ("POST", "/api/gateway/card-tokenisation"): {"test card": _card_tokenisation},
    ("POST", "/api/gateway/payment-intents/"): {"card": _payment_intent},
    # Generated amounts are mostly far above the £10.00 paid, which the
    # sandbox refuses (documented: never more than was paid or reserved).
    (
        "POST",
        "/api/gateway/payment-jobs/{paymentJobReference}/payments/{paymentReference}/captures",
    ): {"whole": dict},
    (
        "POST",
        "/api/gateway/payment-jobs/{paymentJobReference}/payments/{paymentReference}/refunds",
    ): {"part": lambda: {"amountToRefund": "1.00"}},
}


def _with_order_number(case, known: bool):
    if known:
        case.path_parameters = {**case.path_parameters, "orderNumber": KNOWN_ORDER_NUMBER}
    return case


@schemathesis.hook
def flatmap_case(ctx, case):
    """Some schema-valid creates become a direct card payment (Paid, or
    Reserved), so the create answer has a payment and the stateful phase's
    links reach the payment calls (retrieve, cancel, capture, refund) with a
    real payment; some intent creates are accepted, so the links from their
    token reach embedded checkout's browser calls (unsigned: see
    `before_call`); some tokenisations carry a test card, so the answer is a
    token; some captures and refunds ask for an amount the payment holds; half the order look-ups ask for the order `preflight.py` made. Generated data alone almost never carries a usable test card
    (the sandbox refuses other cards, as Cashflows' integration environment
    does). Negative cases are left exactly as generated."""
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE:
        return st.just(case)
    if case.method.upper() == "HEAD" and case.path == "/api/gateway/orders/{orderNumber}":
        return st.booleans().map(lambda known: _with_order_number(case, known))
    bodies = USABLE_BODIES.get((case.method.upper(), case.path))
    if bodies is None:
        return st.just(case)

    def choose(kind: str):
        if kind in bodies:
            case.body = bodies[kind]()
        return case

    return st.sampled_from(["generated", *bodies]).map(choose)
