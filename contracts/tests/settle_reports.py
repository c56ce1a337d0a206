"""Settles real Argus epoch reports on a Prague EVM: the end-to-end tests' on-chain step.

Reads one JSON object on stdin, {"calldata": [<argus evm calldata output>, ...]} (reports of one
cluster, so one constructor), deploys DowntimeOracle with the first one's constructor arguments and
UptimeRewards over every claimed target, then for each report: submit_epoch, every claim verified
(and the same claim with one more second refused), the epoch funded and every claim paid its
uptime share, a second claim refused. Prints "OK epoch=N claims=K paid=P gas=G" per report and
exits 0, or prints "FAIL <reason>" and exits 1.
"""
import json
import sys

import boa

from chain import after, constructor_from, deploy, deploy_oracle, gas_of, submit_args

FUND = 10 ** 18


def check(condition, reason):
    if not condition:
        print("FAIL " + reason)
        sys.exit(1)


def main():
    reports = json.load(sys.stdin)["calldata"]
    oracle = deploy_oracle(*constructor_from(reports[0]))
    seconds = reports[0]["constructor"]["epoch_seconds"]
    targets = sorted({c["target_id"] for r in reports for c in r["claims"]})
    payees = {t: boa.env.generate_address() for t in targets}
    rewards = deploy("UptimeRewards.vy", oracle.address, [bytes.fromhex(t[2:]) for t in targets],
                     [payees[t] for t in targets])
    for calldata in reports:
        check(constructor_from(calldata) == constructor_from(reports[0]), "the reports' constructors differ")
        epoch = calldata["submit_epoch"]["epoch"]
        after(calldata["submit_epoch"]["to_ts"])
        oracle.submit_epoch(*submit_args(calldata))
        gas = gas_of(oracle)
        check(oracle.epoch_root(epoch).hex() == calldata["submit_epoch"]["root"][2:], "epoch %d: root not stored" % epoch)
        boa.env.set_balance(boa.env.eoa, FUND)
        rewards.fund(epoch, value=FUND)
        share = FUND // len(targets)
        paid = 0
        for claim in calldata["claims"]:
            target = bytes.fromhex(claim["target_id"][2:])
            proof = [bytes.fromhex(p[2:]) for p in claim["proof"]]
            check(oracle.verify_downtime(epoch, target, claim["downtime"], proof), "epoch %d: %s does not verify" % (epoch, claim["address"]))
            check(not oracle.verify_downtime(epoch, target, claim["downtime"] + 1, proof),
                  "epoch %d: %s verifies with another downtime" % (epoch, claim["address"]))
            before = boa.env.get_balance(payees[claim["target_id"]])
            amount = rewards.claim(epoch, target, claim["downtime"], proof)
            check(amount == share * (seconds - claim["downtime"]) // seconds, "epoch %d: %s paid %d" % (epoch, claim["address"], amount))
            check(boa.env.get_balance(payees[claim["target_id"]]) == before + amount, "payment not received")
            try:
                rewards.claim(epoch, target, claim["downtime"], proof)
                check(False, "epoch %d: %s paid twice" % (epoch, claim["address"]))
            except boa.BoaError:
                pass
            paid += amount
        print("OK epoch=%d claims=%d paid=%d gas=%d" % (epoch, len(calldata["claims"]), paid, gas))


if __name__ == "__main__":
    main()
