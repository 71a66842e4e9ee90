#pragma once

#include "model/instancekey.h"

#include <QTreeWidget>

namespace arbor::widgets {

// The bottom panel: what happened, newest last. Poll failures and recoveries, state changes the
// poller saw, and every operation the user ran with its result.
class ActivityLog : public QTreeWidget
{
    Q_OBJECT
public:
    enum class Level { Info, Warning, Error, Operation };

    explicit ActivityLog(QWidget *parent = nullptr);

    void add(Level level, const core::InstanceKey &key, const QString &text);
    QStringList messages() const; // "server: text", for tests and copying
    static constexpr int kMaxEntries = 5000;
};

} // namespace arbor::widgets
