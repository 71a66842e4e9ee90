#pragma once

#include "model/instancekey.h"
#include "model/instancetag.h"
#include "store/storeoptions.h"
#include "util/result.h"

#include <QHash>
#include <QList>

namespace arbor::core {

// Instance tags in the backend (schema version 6, table instance_tags): orchestrator's tag, untag,
// tags, tagged. Its own connection to the store's database, like the lag history, so tags never
// wait on the instance writer. One thread opens, uses and destroys it.
class TagStore
{
public:
    explicit TagStore(StoreOptions options);
    ~TagStore();
    TagStore(const TagStore &) = delete;
    TagStore &operator=(const TagStore &) = delete;

    // Brings the schema up to date (through Store) and connects.
    Result<void> open();
    bool isOpen() const { return m_open; }

    // Sets the tag (a tag name holds one value per server).
    Result<void> put(const InstanceKey &key, const InstanceTag &tag);
    // Removes the tag @p name from @p key, or from every server when @p key is invalid; with a
    // non-empty @p value only where the tag has that value. Returns the servers it was removed from.
    Result<QList<InstanceKey>> remove(const InstanceKey &key, const QString &name, const QString &value = QString());
    // One server's tags, sorted by name.
    Result<QList<InstanceTag>> read(const InstanceKey &key);
    // Every tagged server's tags.
    Result<QHash<InstanceKey, QList<InstanceTag>>> readAll();

private:
    QString failure(const QString &what, const QString &sqlError) const;

    StoreOptions m_options;
    QString m_connectionName;
    bool m_open = false;
};

} // namespace arbor::core
