#pragma once

#include "model/instancekey.h"
#include "model/instancetag.h"
#include "store/storeconnection.h"

#include <QHash>
#include <QList>

namespace arbor::core {

// Instance tags (schema version 6, table instance_tags): orchestrator's tag, untag, tags, tagged.
// One family of records of the Store, on the Store's connection.
class TagTable
{
public:
    explicit TagTable(StoreConnection &connection) : m_connection(connection) {}

    // Sets the tag (a tag name holds one value per server).
    Result<void> putTag(const InstanceKey &key, const InstanceTag &tag);
    // Removes the tag @p name from @p key, or from every server when @p key is invalid; with a
    // non-empty @p value only where the tag has that value. Returns the servers it was removed from.
    Result<QList<InstanceKey>> removeTag(const InstanceKey &key, const QString &name, const QString &value = QString());
    // One server's tags, sorted by name.
    Result<QList<InstanceTag>> readTags(const InstanceKey &key);
    // Every tagged server's tags.
    Result<QHash<InstanceKey, QList<InstanceTag>>> readAllTags();

private:
    StoreConnection &m_connection;
};

} // namespace arbor::core
