import boa
import pytest

from chain import Cluster, Epoch, deploy_oracle


@pytest.fixture(autouse=True)
def isolated_chain():
    """Every test starts from the same chain state and leaves nothing behind."""
    with boa.env.anchor():
        yield


@pytest.fixture(scope="session")
def cluster():
    return Cluster.make(3)


@pytest.fixture(scope="session")
def epoch(cluster):
    return Epoch(cluster, 179628837, {"0xNodeA123": 0, "0xNodeB456": 8, "0xNodeC789": 8, "0xNodeD012": 0,
                                      "0x" + "5a" * 20: 3})


@pytest.fixture
def oracle(cluster):
    return deploy_oracle(*cluster.constructor_args())
