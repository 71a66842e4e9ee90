// A credentials file (my.cnf style) as the service reads it: any content gives credentials or a
// sentence, never a crash. The bytes go through a private file in /dev/shm, as fromFile reads a path.
#include "config/credentials.h"
#include "fuzzinput.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <unistd.h>

using namespace arbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QString path = QStringLiteral("/dev/shm/arbor-fuzz-credentials-%1.cnf").arg(::getpid());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(fuzz::bytes(data, size));
    f.close();
    const auto credentials = core::Credentials::fromFile(path);
    // What may be logged of them never holds the password.
    if (credentials && credentials.value().password().size() >= 3 && !credentials.value().user().contains(credentials.value().password()))
        fuzz::require(!credentials.value().toString().contains(credentials.value().password()));
    return 0;
}
