"""Independent check of an Argus maintenance event, written only from its public description
(docs/PROOFS.md, "Maintenance windows"), sharing no code with Argus: the batch body is what Python's
json.dumps writes for it, the statement is rebuilt from the fields, the window is one that may
exclude downtime (announced before it begins, at most a week long), and the aggregated BLS
signature (blspy PopSchemeMPL) verifies for the members that did not opt out, who meet a 2/3 quorum
by count.

Reads one JSON object on stdin: {"registry": <monitoring_nodes.json text>, "body": <batch body>}.
Prints "OK maintenance <address> <from> <to> signers=<names>" and exits 0, or "FAIL <reason>" and exits 1.
"""
import json
import sys

from blspy import G1Element, G2Element, PopSchemeMPL


def main():
    request = json.load(sys.stdin)
    registry = json.loads(request["registry"])
    body = request["body"]
    items = json.loads(body)
    if not isinstance(items, list) or len(items) != 1:
        return "FAIL the body is not a one-element JSON array"
    if json.dumps(items) != body:
        return "FAIL the body is not as json.dumps writes it: " + json.dumps(items)
    item = items[0]
    window = item["maintenance"]
    if list(window.keys()) != ["address", "from", "to", "announced", "reason"]:
        return "FAIL window keys " + str(list(window.keys()))
    if not window["announced"] < window["from"] < window["to"] or window["to"] - window["from"] > 7 * 86400:
        return "FAIL the window is not announced in advance, or is empty or longer than a week"
    statement = "Maintenance: %s, From: %d, To: %d, Announced: %d, Reason: %s" % (
        window["address"], window["from"], window["to"], window["announced"], window["reason"])
    non_signers = item.get("non_signing_nodes", [])
    names = list(registry.keys())
    if len(set(non_signers)) != len(non_signers) or any(n not in registry for n in non_signers):
        return "FAIL non_signing_nodes"
    signers = [n for n in names if n not in non_signers]
    if 3 * len(signers) < 2 * len(names):
        return "FAIL under quorum: %d of %d" % (len(signers), len(names))
    key = G1Element()
    for name in signers:
        key = key + G1Element.from_bytes(bytes.fromhex(registry[name]["pubkey"]))
    signature = G2Element.from_bytes(bytes.fromhex(item["aggregated_signature"]))
    if not PopSchemeMPL.verify(key, statement.encode("utf-8"), signature):
        return "FAIL the aggregated signature does not verify"
    return "OK maintenance %s %d %d signers=%s" % (window["address"], window["from"], window["to"], ",".join(signers))


if __name__ == "__main__":
    result = main()
    print(result)
    sys.exit(0 if result.startswith("OK") else 1)
