"""Gas of DowntimeOracle on py-evm's Prague rules (EIP-2537 prices), printed as the table
BENCHMARKS.md records: `make gas`, or `.venv/bin/python contracts/tests/gas.py`.

"execution" is what the EVM charged for running the call; "transaction" adds the intrinsic cost a
transaction sending it pays (21,000 plus 4 gas per zero and 16 per other calldata byte, EIP-2028).
The constructor's figure is its execution (the registry checks, the data contract's creation and
code deposit, its own code deposit). verify_downtime is a view that other contracts call, so its execution gas is what they pay.
"""
import sys

from chain import Cluster, Epoch, after, deploy_oracle, g2_eip, gas_of, intrinsic_gas


def max_non_signers(size, numerator=2, denominator=3):
    required = -(-numerator * size // denominator)
    return size - required


def submit_row(cluster, missing):
    names = [m.name for m in cluster.members]
    signers = names[missing:]
    epoch = Epoch(cluster, 1000 + missing, {"0xNodeA123": 3, "0xNodeB456": 0})
    signature = g2_eip(cluster.sign(epoch.statement(), signers))
    args = (epoch.epoch, epoch.from_ts, epoch.to_ts, len(epoch.leaves), epoch.root, list(range(missing)), signature)
    after(epoch.to_ts)
    return args


def measure_submit(size):
    cluster = Cluster.make(size, seed=size)
    oracle = deploy_oracle(*cluster.constructor_args())
    constructor = gas_of(oracle)
    rows = []
    for missing in (0, max_non_signers(size)):
        args = submit_row(cluster, missing)
        oracle.submit_epoch(*args)
        execution = gas_of(oracle)
        calldata = oracle.submit_epoch.prepare_calldata(*args)
        rows.append((size, missing, execution, execution + intrinsic_gas(calldata)))
    return constructor, rows


def measure_verify(leaf_count):
    cluster = Cluster.make(3, seed=7)
    oracle = deploy_oracle(*cluster.constructor_args())
    downtime = {"target-%d" % i: i % 11 for i in range(leaf_count)}
    epoch = Epoch(cluster, 2000, downtime)
    after(epoch.to_ts)
    oracle.submit_epoch(epoch.epoch, epoch.from_ts, epoch.to_ts, len(epoch.leaves), epoch.root, [],
                        g2_eip(cluster.sign(epoch.statement(), [m.name for m in cluster.members])))
    worst = 0
    for address in ("target-0", "target-%d" % (leaf_count // 2), "target-%d" % (leaf_count - 1)):
        _, target, seconds = epoch.leaves[int(address.split("-")[1])]
        proof = epoch.proof(address)
        assert oracle.verify_downtime(epoch.epoch, target, seconds, proof)
        worst = max(worst, gas_of(oracle))
    return len(proof), worst


def main():
    print("| members | non-signers | submit_epoch execution | submit_epoch transaction | per non-signer (execution) |")
    print("|---:|---:|---:|---:|---:|")
    constructors = []
    for size in (3, 16, 128):
        constructor, rows = measure_submit(size)
        constructors.append((size, constructor))
        for row in rows:
            per = "" if row[1] == 0 else format((row[2] - rows[0][2]) // row[1], ",")
            print("| %d | %d | %s | %s | %s |" % (row[0], row[1], format(row[2], ","), format(row[3], ","), per))
        sys.stdout.flush()
    print()
    print("| members | constructor execution |")
    print("|---:|---:|")
    for size, gas in constructors:
        print("| %d | %s |" % (size, format(gas, ",")))
    print()
    print("| leaves | proof length | verify_downtime execution |")
    print("|---:|---:|---:|")
    for leaf_count in (1000, 100_000):
        length, gas = measure_verify(leaf_count)
        print("| %s | %d | %s |" % (format(leaf_count, ","), length, format(gas, ",")))


if __name__ == "__main__":
    main()
