#pragma once

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace arbor::core {
class ServiceSource;
}

namespace arbor::widgets {

// Connected mode's status view: the service the desktop reads, whether the last refresh worked
// (or the one sentence saying why not), and every service node with its role, version, start
// time and last sighting, the active one first and in bold.
class ServiceStatusPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceStatusPanel(core::ServiceSource *source, QWidget *parent = nullptr);

    QTreeWidget *nodeList() const { return m_nodes; }
    QString summary() const; // the header line's text, for tests

private:
    void refill();
    void updateHeader();

    core::ServiceSource *m_source;
    QLabel *m_header;
    QTreeWidget *m_nodes;
};

} // namespace arbor::widgets
