#include "chaostestcase.h"

namespace arbor::chaos {

void ChaosTestCase::initTestCase()
{
    REQUIRE_NETWORK_LAB();
}

} // namespace arbor::chaos
