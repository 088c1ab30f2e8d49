"""Checks that every item `cargo semver-checks` reports as broken is named in
the changelog's Unreleased section.

An item is named by its owner: a field, variant, method or associated
constant by the type it belongs to (`Links.other` by `Links`), anything else
by its own last path segment (`cashflows::models::WebhookNotification` by
`WebhookNotification`). The owner must appear as a word inside a backticked
span of the Unreleased section.

Usage: semver_covered.py CHANGELOG.md REPORT EXIT_STATUS
"""

import re
import sys

OWN_NAME_KINDS = {"struct", "enum", "union", "trait", "function", "fn", "module",
                  "mod", "type", "macro", "const", "constant", "static"}
MEMBER_KINDS = {"field", "variant", "method", "associated"}


def unreleased(changelog: str) -> str:
    match = re.search(r"^## \[Unreleased\]\n(.*?)(?=^## \[)", changelog, re.S | re.M)
    if not match:
        sys.exit("CHANGELOG.md has no '## [Unreleased]' section before its versions")
    return match.group(1)


def named_words(section: str) -> set[str]:
    words = set()
    for span in re.findall(r"`([^`]+)`", section):
        words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span))
    return words


def owner(item: str) -> str:
    """The name the changelog must mention for one reported item.

    >>> owner("field Links.other in /src/envelope.rs:54")
    'Links'
    >>> owner("field browser_time_zone of struct PaymentJobParameters, previously in file /a.rs:1")
    'PaymentJobParameters'
    >>> owner("variant Method::Post 1 -> 2 in /src/endpoint.rs:11")
    'Method'
    >>> owner("variant Provenance:Project in /src/provenance.rs:15")
    'Provenance'
    >>> owner("AcquirerReason::ALL, previously at /old/acquirer.rs:595")
    'AcquirerReason'
    >>> owner("struct cashflows::models::WebhookNotification, previously in file /old/structs.rs:1")
    'WebhookNotification'
    >>> owner("HASH_ALGORITHM in file /old/environments.rs:27")
    'HASH_ALGORITHM'
    >>> owner("function cashflows::webhooks::parse_notification, previously in file /old/w.rs:16")
    'parse_notification'
    """
    text = re.split(r",? (?:previously )?(?:in|at) (?:file )?/", item)[0].strip()
    of = re.search(r"\bof (?:struct|enum|union|trait) ([A-Za-z0-9_:]+)", text)
    if of:
        return of.group(1).split("::")[-1]
    words = text.split()
    kind = words[0] if words[0] in OWN_NAME_KINDS | MEMBER_KINDS else None
    path = words[1] if kind and len(words) > 1 else words[0]
    segments = [s for s in re.split(r"::|:|\.", path) if s]
    if kind in OWN_NAME_KINDS or len(segments) == 1:
        return segments[-1]
    return segments[-2]


def broken_items(report: str) -> list[tuple[str, str]]:
    items, lint, listing = [], None, False
    for line in report.splitlines():
        header = re.match(r"--- failure (\S+):", line)
        if header:
            lint, listing = header.group(1), False
        elif line.startswith("Failed in:"):
            listing = True
        elif listing and line.startswith("  ") and line.strip():
            items.append((lint, line.strip()))
        elif listing and not line.strip():
            listing = False
    return items


def main() -> None:
    changelog_path, report_path, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
    report = open(report_path, encoding="utf-8").read()
    for line in report.splitlines():
        if re.match(r"\s*(Checked|Summary|Finished)\b", line) or line.startswith("--- failure"):
            print(line)
    items = broken_items(report)
    if status != 0 and not items:
        print(report)
        sys.exit("cargo semver-checks failed without reporting a break (see above)")
    named = named_words(unreleased(open(changelog_path, encoding="utf-8").read()))
    missing = {}
    for lint, item in items:
        name = owner(item)
        if name not in named:
            missing.setdefault(name, []).append(f"{lint}: {item}")
    print(f"{len(items)} broken item(s) reported, {len({owner(i) for _, i in items})} owner(s)")
    if missing:
        print("\nBreaking changes the changelog's Unreleased section does not name:")
        for name, lines in sorted(missing.items()):
            print(f"  `{name}`")
            for line in lines:
                print(f"      {line}")
        sys.exit("name each of them in CHANGELOG.md under ## [Unreleased] (### Breaking)")
    print("every reported break is named in CHANGELOG.md")


if __name__ == "__main__":
    main()
