# pragma version ~=0.4.3
"""
@title UptimeRewards
@notice An example consumer of DowntimeOracle. Anyone funds an epoch with ETH; each registered
        operator is owed an equal share of it, scaled by its uptime in that epoch,
        (L − downtime) / L, and anyone may claim it for the operator by presenting the epoch's
        inclusion proof of the operator's downtime. An operator is paid at most once per epoch.
        What downtime takes from a share stays in the contract.
@dev    The share is fixed by the first claim of an epoch, after which the epoch takes no more
        funds, so every operator of an epoch is paid from the same amount.
"""

interface DowntimeOracle:
    def verify_downtime(epoch: uint64, target_id: bytes32, downtime: uint64, proof: DynArray[bytes32, 32]) -> bool: view
    def EPOCH_SECONDS() -> uint64: view

event Funded:
    epoch: indexed(uint64)
    funder: indexed(address)
    amount: uint256

event Paid:
    epoch: indexed(uint64)
    operator: indexed(address)
    target_id: bytes32
    downtime: uint64
    amount: uint256

MAX_OPERATORS: constant(uint256) = 1024

ORACLE: public(immutable(DowntimeOracle))
EPOCH_SECONDS: public(immutable(uint64))
OPERATOR_COUNT: public(immutable(uint256))

# The operator paid for each monitored target (its Argus target_id, docs/PROOFS.md).
operator_of: public(HashMap[bytes32, address])
funds: public(HashMap[uint64, uint256])
share: public(HashMap[uint64, uint256])
paid: public(HashMap[uint64, HashMap[bytes32, bool]])


@deploy
def __init__(oracle: address, target_ids: DynArray[bytes32, MAX_OPERATORS], operators: DynArray[address, MAX_OPERATORS]):
    assert len(target_ids) > 0, "no operators"
    assert len(target_ids) == len(operators), "one operator per target_id"
    for i: uint256 in range(len(target_ids), bound=MAX_OPERATORS):
        assert operators[i] != empty(address), "an operator is the zero address"
        assert self.operator_of[target_ids[i]] == empty(address), "a target_id is listed twice"
        self.operator_of[target_ids[i]] = operators[i]
    ORACLE = DowntimeOracle(oracle)
    EPOCH_SECONDS = staticcall DowntimeOracle(oracle).EPOCH_SECONDS()
    OPERATOR_COUNT = len(target_ids)


@external
@payable
def fund(epoch: uint64):
    assert msg.value > 0, "nothing sent"
    assert self.share[epoch] == 0, "claims have begun for this epoch"
    self.funds[epoch] += msg.value
    log Funded(epoch=epoch, funder=msg.sender, amount=msg.value)


@external
def claim(epoch: uint64, target_id: bytes32, downtime: uint64, proof: DynArray[bytes32, 32]) -> uint256:
    """
    @notice Pays the operator of target_id its share of the epoch, scaled by its uptime, if the
            oracle's settled root for the epoch holds (target_id, downtime). Returns the amount.
    """
    operator: address = self.operator_of[target_id]
    assert operator != empty(address), "unknown target_id"
    assert not self.paid[epoch][target_id], "already paid for this epoch"
    assert self.funds[epoch] > 0, "epoch not funded"
    assert staticcall ORACLE.verify_downtime(epoch, target_id, downtime, proof), "downtime proof does not verify"
    assert downtime <= EPOCH_SECONDS, "downtime exceeds the epoch"
    portion: uint256 = self.share[epoch]
    if portion == 0:
        portion = self.funds[epoch] // OPERATOR_COUNT
        assert portion > 0, "epoch funded with less than one wei per operator"
        self.share[epoch] = portion
    amount: uint256 = portion * convert(EPOCH_SECONDS - downtime, uint256) // convert(EPOCH_SECONDS, uint256)
    self.paid[epoch][target_id] = True
    log Paid(epoch=epoch, operator=operator, target_id=target_id, downtime=downtime, amount=amount)
    if amount > 0:
        raw_call(operator, b"", value=amount)
    return amount
