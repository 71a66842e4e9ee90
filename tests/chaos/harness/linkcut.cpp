#include "linkcut.h"

#include <QAtomicInt>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace arbor::chaos {

namespace {

// One conntrack mark bit per cut, never reused in a process: a healed cut's connections keep their bit.
QAtomicInt nextBit{0};

QString iptablesPath()
{
    static const QString path = QStandardPaths::findExecutable(u"iptables"_s, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s});
    return path;
}

} // namespace

LinkCut::LinkCut(unsigned fromGroup, int toPort, double loss) : m_group(fromGroup), m_port(toPort), m_loss(loss)
{
    const int bit = nextBit.fetchAndAddRelaxed(1);
    if (bit >= 31) {
        m_error = u"more than 31 link cuts in one test process (one conntrack mark bit each)"_s;
        return;
    }
    m_mark = 1U << bit;
    m_error = iptables(QStringList{u"-A"_s} + markRule());
    if (m_error.isEmpty()) {
        m_error = iptables(QStringList{u"-A"_s} + dropRule());
        if (!m_error.isEmpty())
            (void)iptables(QStringList{u"-D"_s} + markRule());
    }
    m_active = m_error.isEmpty();
}

LinkCut::~LinkCut()
{
    heal();
}

void LinkCut::heal()
{
    if (!m_active)
        return;
    m_active = false;
    (void)iptables(QStringList{u"-D"_s} + dropRule());
    (void)iptables(QStringList{u"-D"_s} + markRule());
}

QStringList LinkCut::markRule() const
{
    return {u"OUTPUT"_s, u"-p"_s, u"tcp"_s, u"--dport"_s, QString::number(m_port), u"-m"_s, u"owner"_s, u"--gid-owner"_s,
            QString::number(m_group), u"-m"_s, u"comment"_s, u"--comment"_s, u"arbor-chaos"_s, u"-j"_s, u"CONNMARK"_s,
            u"--or-mark"_s, u"0x%1"_s.arg(m_mark, 0, 16)};
}

QStringList LinkCut::dropRule() const
{
    QStringList rule{u"OUTPUT"_s, u"-m"_s, u"connmark"_s, u"--mark"_s, u"0x%1/0x%1"_s.arg(m_mark, 0, 16)};
    if (m_loss < 1.0)
        rule << u"-m"_s << u"statistic"_s << u"--mode"_s << u"random"_s << u"--probability"_s << QString::number(m_loss, 'f', 3);
    rule << u"-m"_s << u"comment"_s << u"--comment"_s << u"arbor-chaos"_s << u"-j"_s << u"DROP"_s;
    return rule;
}

QString LinkCut::iptables(const QStringList &arguments)
{
    if (iptablesPath().isEmpty())
        return u"iptables is not installed (Debian package iptables; scripts/setup.sh installs it)"_s;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(iptablesPath(), QStringList{u"-w"_s} + arguments);
    if (!p.waitForFinished(20000))
        return u"iptables %1 did not finish"_s.arg(arguments.join(u' '));
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return u"iptables %1 failed: %2"_s.arg(arguments.join(u' '), QString::fromLocal8Bit(p.readAll()).trimmed());
    return {};
}

QString LinkCut::selfTest()
{
    // A port nothing listens on and a group nobody has: the rules match nothing while they exist.
    LinkCut cut(65000, 9, 1.0);
    QString e = cut.error();
    cut.heal();
    if (e.isEmpty()) {
        LinkCut lossy(65000, 9, 0.5);
        e = lossy.error();
    }
    if (!e.isEmpty())
        return u"iptables with the owner, connmark, comment and statistic matches is needed: %1"_s.arg(e);
    return {};
}

} // namespace arbor::chaos
