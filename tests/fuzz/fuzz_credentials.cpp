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
    if (!credentials)
        return 0;
    // What may be logged of them never holds the password: the shown text is the user and a fixed
    // wording. The password may be a piece of that wording ("asswor" is in "password"), so the check
    // is on what is left once the wording is taken off, and the wording must be there.
    const core::Credentials &c = credentials.value();
    const QString shown = c.toString();
    static const QString wording = QStringLiteral("@(password hidden)");
    fuzz::require(shown.endsWith(wording));
    const QString rest = shown.chopped(wording.size());
    fuzz::require(rest == c.user());
    if (c.password().size() >= 3 && !c.user().contains(c.password()))
        fuzz::require(!rest.contains(c.password()));
    return 0;
}
