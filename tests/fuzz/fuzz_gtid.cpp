// GTID sets as servers report them, MySQL (uuid:1-5:7, tags) and MariaDB (domain-server-seq):
// what parses prints back to an equal set, and every set contains itself and the empty set.
#include "fuzzinput.h"
#include "model/mariadbgtidlist.h"
#include "model/mysqlgtidset.h"

using namespace arbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = fuzz::text(data, size);
    if (const auto mysql = core::MysqlGtidSet::parse(text)) {
        const auto again = core::MysqlGtidSet::parse(mysql.value().toString());
        fuzz::require(again.ok() && again.value() == mysql.value());
        fuzz::require(mysql.value().contains(mysql.value()));
        fuzz::require(mysql.value().contains(core::MysqlGtidSet()));
    }
    if (const auto maria = core::MariadbGtidList::parse(text)) {
        const auto again = core::MariadbGtidList::parse(maria.value().toString());
        fuzz::require(again.ok() && again.value() == maria.value());
        fuzz::require(maria.value().contains(maria.value()));
    }
    return 0;
}
