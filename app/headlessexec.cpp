#include "headlessexec.h"

#include <QByteArray>

#include <climits>
#include <cstdlib>
#include <unistd.h>

namespace arbor::app {

void execHeadlessService(char **argv)
{
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return;
    self[n] = '\0';
    QByteArray dir(self);
    dir.truncate(dir.lastIndexOf('/') + 1);
    for (const QByteArray &candidate : {dir + "arbor-service", dir + "../libexec/arbor/arbor-service"}) {
        if (::access(candidate.constData(), X_OK) == 0)
            ::execv(candidate.constData(), argv); // returns only on failure
    }
}

} // namespace arbor::app
