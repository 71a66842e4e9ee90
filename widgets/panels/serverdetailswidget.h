#pragma once

#include "model/instancetag.h"
#include "model/topologystate.h"

#include <QTextBrowser>

#include <functional>

namespace arbor::widgets {

// The right panel: every fact of the selected server, refreshed in place when it is polled.
class ServerDetailsWidget : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ServerDetailsWidget(core::TopologyState *state, QWidget *parent = nullptr);

    void showServer(const core::InstanceKey &key);
    const core::InstanceKey &server() const { return m_key; }
    void setLagThreshold(int seconds);
    // Where the selected server's tags come from (the store); read when the selection changes.
    using TagReader = std::function<QList<core::InstanceTag>(const core::InstanceKey &)>;
    void setTagReader(TagReader reader) { m_tagReader = std::move(reader); }

private:
    void render();

    core::TopologyState *m_state;
    core::InstanceKey m_key;
    int m_lagThreshold = 10;
    TagReader m_tagReader;
    QList<core::InstanceTag> m_tags;
};

} // namespace arbor::widgets
