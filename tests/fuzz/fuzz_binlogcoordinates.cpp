// Binlog coordinates as servers report them (file names are the server's to choose): the order is
// a strict weak order on any names: never a < a, never both a < b and b < a.
#include "fuzzinput.h"
#include "model/binlogcoordinates.h"

using namespace arbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const QString text = fuzz::text(data + 2, size - 2);
    const qsizetype cut = text.indexOf(u'\n');
    core::BinlogCoordinates a{text.left(cut < 0 ? text.size() : cut), data[0]};
    core::BinlogCoordinates b{cut < 0 ? QString() : text.mid(cut + 1), data[1]};
    fuzz::require(!(a < a) && !(b < b));
    fuzz::require(!(a < b && b < a));
    fuzz::require(a.toString().isEmpty() == !a.isValid());
    return 0;
}
