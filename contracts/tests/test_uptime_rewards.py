"""UptimeRewards pays each operator its share of an epoch's funds scaled by its proven uptime,
once, to the operator registered for the target."""
import boa

from chain import Epoch, after, argus, deploy, g2_eip

OPERATORS = {"0x" + "11" * 20: 0, "0x" + "22" * 20: 3, "0x" + "33" * 20: 10, "0xNodeA123": 5}
FUND = 4 * 10 ** 18


def setup(cluster, oracle):
    epoch = Epoch(cluster, 500, OPERATORS)
    after(epoch.to_ts)
    oracle.submit_epoch(epoch.epoch, epoch.from_ts, epoch.to_ts, len(epoch.leaves), epoch.root, [],
                        g2_eip(cluster.sign(epoch.statement(), [m.name for m in cluster.members])))
    payees = [boa.env.generate_address() for _ in OPERATORS]
    rewards = deploy("UptimeRewards.vy", oracle.address, [argus.target_id(a) for a in OPERATORS], payees)
    funder = boa.env.generate_address()
    boa.env.set_balance(funder, FUND)
    with boa.env.prank(funder):
        rewards.fund(epoch.epoch, value=FUND)
    return epoch, rewards, dict(zip(OPERATORS, payees))


def test_pays_the_uptime_share_once(cluster, oracle):
    epoch, rewards, payees = setup(cluster, oracle)
    share = FUND // len(OPERATORS)
    for address, target, downtime in epoch.leaves:
        claimer = boa.env.generate_address()  # anyone may present the proof
        with boa.env.prank(claimer):
            paid = rewards.claim(epoch.epoch, target, downtime, epoch.proof(address))
        expected = share * (10 - downtime) // 10
        assert paid == expected
        assert boa.env.get_balance(payees[address]) == expected
        with boa.reverts("already paid for this epoch"):
            rewards.claim(epoch.epoch, target, downtime, epoch.proof(address))
    # What downtime withheld stays in the contract: 3 + 10 + 5 of the 40 operator-seconds.
    assert boa.env.get_balance(rewards.address) == FUND - share * (10 + 7 + 0 + 5) // 10
    boa.env.set_balance(boa.env.eoa, 1)
    with boa.reverts("claims have begun for this epoch"):
        rewards.fund(epoch.epoch, value=1)


def test_refuses_false_claims(cluster, oracle):
    epoch, rewards, payees = setup(cluster, oracle)
    address, target, downtime = epoch.leaves[1]
    with boa.reverts("downtime proof does not verify"):
        rewards.claim(epoch.epoch, target, downtime - 1, epoch.proof(address))  # claims more uptime
    with boa.reverts("downtime proof does not verify"):
        rewards.claim(epoch.epoch, target, downtime, epoch.proof(epoch.leaves[0][0]))
    with boa.reverts("unknown target_id"):
        rewards.claim(epoch.epoch, argus.target_id("0xSomeoneElse"), 0, [])
    with boa.reverts("epoch not funded"):
        rewards.claim(epoch.epoch + 1, target, downtime, epoch.proof(address))
    assert boa.env.get_balance(payees[address]) == 0


def test_unsettled_epoch_pays_nothing(cluster, oracle):
    epoch, rewards, _ = setup(cluster, oracle)
    later = Epoch(cluster, 501, OPERATORS)
    boa.env.set_balance(boa.env.eoa, FUND)
    rewards.fund(later.epoch, value=FUND)
    address, target, downtime = later.leaves[0]
    with boa.reverts("downtime proof does not verify"):
        rewards.claim(later.epoch, target, downtime, later.proof(address))
