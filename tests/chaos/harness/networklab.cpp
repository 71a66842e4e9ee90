#include "networklab.h"

#include "linkcut.h"

#include <QProcess>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::chaos {

namespace {

QString &problem()
{
    static QString p = u"NetworkLab::enter() was not called"_s;
    return p;
}

QString &mountProblem()
{
    static QString p = u"NetworkLab::enter() was not called"_s;
    return p;
}

// A mount namespace of the test's own, every mount private: what the test mounts (a small tmpfs for a
// full disk) never propagates to the machine and is gone with the last process inside, also on a crash.
QString privateMounts()
{
    if (::unshare(CLONE_NEWNS) != 0)
        return u"unshare(CLONE_NEWNS) failed (%1): no private mount namespace (CAP_SYS_ADMIN)"_s.arg(
            QString::fromLocal8Bit(std::strerror(errno)));
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return u"cannot make the mounts of the new mount namespace private (%1)"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
    return {};
}

bool loopbackUp(QString *error)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    ifreq req{};
    std::strncpy(req.ifr_name, "lo", IFNAMSIZ - 1);
    bool ok = ::ioctl(fd, SIOCGIFFLAGS, &req) == 0;
    if (ok) {
        req.ifr_flags = short(req.ifr_flags | IFF_UP | IFF_RUNNING);
        ok = ::ioctl(fd, SIOCSIFFLAGS, &req) == 0;
    }
    if (!ok)
        *error = QString::fromLocal8Bit(std::strerror(errno));
    ::close(fd);
    return ok;
}

} // namespace

void NetworkLab::enter()
{
    if (::geteuid() != 0) {
        problem() = u"the chaos tests need root (CAP_SYS_ADMIN for a network namespace, CAP_NET_ADMIN for iptables, "
                    "setgid for owner rules); CI runs them as root"_s;
        mountProblem() = problem();
        return;
    }
    // Before any thread exists (a multi-threaded process cannot unshare its mount namespace).
    mountProblem() = privateMounts();
    if (::unshare(CLONE_NEWNET) != 0) {
        problem() = u"unshare(CLONE_NEWNET) failed (%1): no network namespaces here (CAP_SYS_ADMIN, CONFIG_NET_NS)"_s.arg(
            QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    QString error;
    if (!loopbackUp(&error)) {
        problem() = u"cannot bring up loopback in the new network namespace: %1"_s.arg(error);
        return;
    }
    problem() = LinkCut::selfTest();
}

QString NetworkLab::missing()
{
    return problem();
}

QString NetworkLab::missingMounts()
{
    return mountProblem();
}

} // namespace arbor::chaos
