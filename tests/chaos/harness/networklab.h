#pragma once

#include <QString>

namespace arbor::chaos {

// The test process's own network namespace: called first thing in main(), before any thread exists,
// so that every server, service node and rule of this test lives in it and nothing else sees them.
// Everything in it (iptables rules, sockets) disappears with the last process inside, also on a crash.
class NetworkLab
{
public:
    // unshare(CLONE_NEWNET) and loopback up. Remembers why it failed (which capability is missing).
    static void enter();
    // Empty when the lab is usable: own namespace, iptables with the owner, connmark and statistic
    // matches. Otherwise the missing capability, in words, for QSKIP.
    static QString missing();
    // Empty when the test also has a private mount namespace (a filesystem it mounts is seen by its
    // servers only and goes away with the process, SmallFilesystem); else why not.
    static QString missingMounts();
};

} // namespace arbor::chaos

// The test's main(): the namespace first, then the usual QTest main without a GUI.
#define ARBOR_CHAOS_MAIN(TestObject)                                                                                   \
    int main(int argc, char *argv[])                                                                                   \
    {                                                                                                                  \
        arbor::chaos::NetworkLab::enter();                                                                             \
        QCoreApplication app(argc, argv);                                                                              \
        TestObject tc;                                                                                                 \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&tc, argc, argv);                                                                          \
    }

// In a test slot (or initTestCase): skip, naming what is missing, when the lab cannot run.
#define REQUIRE_NETWORK_LAB()                                                                                          \
    do {                                                                                                               \
        const QString missing_ = arbor::chaos::NetworkLab::missing();                                                  \
        if (!missing_.isEmpty())                                                                                       \
            QSKIP(qPrintable(missing_));                                                                               \
    } while (false)
