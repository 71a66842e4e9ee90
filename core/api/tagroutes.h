#pragma once

#include "api/apiroutes.h"

#include <memory>

namespace arbor::core {

class TagStore;

// orchestrator's tags over HTTP, kept in the backend (core/store/tagstore): tag, untag, untag-all,
// tags, tag-value, tagged, topology-tags; and search, which matches tags as well as host names,
// cluster names, aliases and versions. Tags are orchestrator's "name" or "name=value", given as
// ?tag=... (what orchestrator-client sends) or as path segments. Reads on any node, writes on the
// active node (operator role), as every write.
class TagRoutes
{
public:
    TagRoutes(ApiRoutes &routes, ServiceNode &node);
    ~TagRoutes();

    TagRoutes(const TagRoutes &) = delete;
    TagRoutes &operator=(const TagRoutes &) = delete;

private:
    // The tag store of this (the main) thread, opened on first use and again after a failure.
    Result<TagStore *> tags();

    ApiRoutes &m_routes;
    ServiceNode &m_node;
    std::unique_ptr<TagStore> m_tags;
};

} // namespace arbor::core
