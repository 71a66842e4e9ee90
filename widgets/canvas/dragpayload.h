#pragma once

#include "model/instancekey.h"
#include "ops/operationrequest.h"
#include "util/result.h"

#include <QList>
#include <QString>

class QMimeData;

namespace arbor::widgets {

// What a drag on the canvas carries: instance keys (host:port), never pointers, so a drop can come
// from another view or window and is judged on the facts of the moment it lands. Either one server,
// or the replicas of a source (a folded group, or Shift+drag on a server: "all its replicas").
struct DragPayload
{
    QList<core::InstanceKey> keys; // the servers that move
    core::InstanceKey replicasOf;  // valid when keys are replicas of this source moving together
    // Ctrl+drag of one server: orchestrator's explicit verbs instead of the smart relocate. Onto a
    // sibling it is move-below, onto its own source take-master (the two swap places).
    bool classic = false;

    bool isValid() const { return !keys.isEmpty(); }
    bool isGroup() const { return replicasOf.isValid(); }

    static QString mimeType(); // application/x-arbor-instance-keys
    // Our MIME type (JSON) plus text/plain (one host:port per line) for drops into editors.
    QMimeData *toMimeData() const;
    static core::Result<DragPayload> fromMimeData(const QMimeData *mime);

    // The operation a drop of this payload onto @p target asks for: relocate one server, or
    // relocate-replicas limited to exactly the dragged replicas; with classic, move-below or (onto
    // @p moverSource, the dragged server's source) take-master.
    core::OperationRequest requestFor(const core::InstanceKey &target, const QList<core::InstanceKey> &allReplicasOfSource,
                                      const core::InstanceKey &moverSource = {}) const;
};

} // namespace arbor::widgets
