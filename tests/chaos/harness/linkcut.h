#pragma once

#include <QString>
#include <QStringList>

namespace arbor::chaos {

// One network fault between two parties on loopback, as iptables rules in the test's own network
// namespace (NetworkLab): every TCP connection that a process of group @p fromGroup opens to
// @p toPort is silenced in both directions (its packets and the server's answers are dropped, as a
// partition does: no RST, no EOF, the peers only time out). Connections are told apart by conntrack
// marks, so the servers' other peers are untouched. With a loss below 1, only that share of packets
// is dropped (a flapping link). The rules go away in the destructor or at heal(), and in any case
// with the namespace.
class LinkCut
{
public:
    LinkCut(unsigned fromGroup, int toPort, double loss = 1.0);
    ~LinkCut(); // heal()
    LinkCut(const LinkCut &) = delete;
    LinkCut &operator=(const LinkCut &) = delete;

    // Empty when the rules are in place; else why not (the iptables error).
    QString error() const { return m_error; }
    bool active() const { return m_active; }
    void heal();

    // Adds and removes one rule of each kind LinkCut uses; empty when that works, else what is missing.
    static QString selfTest();

private:
    static QString iptables(const QStringList &arguments);
    QStringList markRule() const;
    QStringList dropRule() const;

    unsigned m_group;
    int m_port;
    double m_loss;
    unsigned m_mark = 0;
    bool m_active = false;
    QString m_error;
};

} // namespace arbor::chaos
