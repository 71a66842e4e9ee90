#include "panels/activitylog.h"

#include <QDateTime>
#include <QHeaderView>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

ActivityLog::ActivityLog(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(4);
    setHeaderLabels({tr("Time"), tr("Kind"), tr("Server"), tr("Event")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
    header()->resizeSection(0, 90);
    header()->resizeSection(1, 90);
    header()->resizeSection(2, 150);
    setAccessibleName(tr("Activity log"));
}

void ActivityLog::add(Level level, const core::InstanceKey &key, const QString &text)
{
    const QString kind = level == Level::Info        ? tr("info")
                         : level == Level::Warning   ? tr("warning")
                         : level == Level::Error     ? tr("error")
                                                     : tr("operation");
    auto *item = new QTreeWidgetItem({QDateTime::currentDateTime().toString(u"HH:mm:ss"_s), kind,
                                      key.isValid() ? key.toString() : QString(), text});
    item->setToolTip(3, text);
    if (level == Level::Error || level == Level::Warning) {
        QFont f = item->font(1);
        f.setBold(true);
        item->setFont(1, f);
    }
    addTopLevelItem(item);
    while (topLevelItemCount() > kMaxEntries)
        delete takeTopLevelItem(0);
    scrollToItem(item);
}

QStringList ActivityLog::messages() const
{
    QStringList out;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = topLevelItem(i);
        out << (item->text(2).isEmpty() ? item->text(3) : item->text(2) + u": "_s + item->text(3));
    }
    return out;
}

} // namespace arbor::widgets
