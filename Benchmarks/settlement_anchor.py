"""The anchor of `argus-bench settlement`: times scripts/argus/verify_epoch.py — the independent
verifier (pycryptodome's keccak, blspy) — checking one epoch report and its inclusion proofs.

    settlement_anchor.py < REQUEST.json   (the verifier's own stdin request: registry, report, proofs, domain)

Prints {"report_seconds", "proof_seconds" (per proof), "root"}: CPU time of check_report (parse,
rebuild every leaf, the tree and the statement, verify the aggregated signature) and of check_proof.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "argus"))
import verify_epoch  # noqa: E402


def main():
    request = json.load(sys.stdin)
    started = time.process_time()
    summary = verify_epoch.check_report(request["registry"], request["report"], request.get("domain"))
    report_seconds = time.process_time() - started
    proofs = request.get("proofs", [])
    started = time.process_time()
    for proof in proofs:
        verify_epoch.check_proof(summary, proof)
    proof_seconds = (time.process_time() - started) / max(1, len(proofs))
    print(json.dumps({"report_seconds": report_seconds, "proof_seconds": proof_seconds,
                      "root": verify_epoch.hex32(summary["root"])}))


if __name__ == "__main__":
    main()
