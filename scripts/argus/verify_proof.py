"""Independent check of an Argus downtime proof or state event with blspy (PopSchemeMPL), written
from the reference's description (downtime-reference.md §5, §6), sharing no code with Argus.
Reads {"registry": <monitoring_nodes.json text>, "proof": <proof JSON text>} on stdin; prints
"OK <signers>" or "FAIL <reason>".
"""
import json
import sys

from blspy import G1Element, G2Element, PopSchemeMPL


def main():
    request = json.load(sys.stdin)
    registry = json.loads(request["registry"])
    proof = json.loads(request["proof"])
    if isinstance(proof, list):
        proof = proof[0]
    if "total_downtime_seconds" in proof:
        message = "Address: %s, Downtime: %d, From: %d, To: %d" % (
            proof["address"], proof["total_downtime_seconds"], proof["from_timestamp"], proof["to_timestamp"])
    else:
        message = "Address: %s, State: %s, Timestamp: %d" % (proof["address"], proof["state"], proof["timestamp"])
    non_signers = proof.get("non_signing_nodes", [])
    if len(set(non_signers)) != len(non_signers) or any(name not in registry for name in non_signers):
        print("FAIL non_signing_nodes")
        return
    signers = [name for name in registry if name not in non_signers]
    if 3 * len(signers) < 2 * len(registry):
        print("FAIL quorum %d of %d" % (len(signers), len(registry)))
        return
    for name in registry:
        entry = registry[name]
        if "pop" in entry and not PopSchemeMPL.pop_verify(G1Element.from_bytes(bytes.fromhex(entry["pubkey"])),
                                                           G2Element.from_bytes(bytes.fromhex(entry["pop"]))):
            print("FAIL pop of %s" % name)
            return
    keys = [G1Element.from_bytes(bytes.fromhex(registry[name]["pubkey"])) for name in signers]
    signature = G2Element.from_bytes(bytes.fromhex(proof["aggregated_signature"]))
    if PopSchemeMPL.fast_aggregate_verify(keys, message.encode(), signature):
        print("OK " + ",".join(signers))
    else:
        print("FAIL signature")


main()
