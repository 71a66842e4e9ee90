#include "api/tagroutes.h"

#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "model/topologytext.h"
#include "store/store.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {

QJsonArray keysJson(QList<InstanceKey> keys)
{
    std::sort(keys.begin(), keys.end());
    QJsonArray out;
    for (const InstanceKey &k : keys)
        out.append(RouteParams::keyJson(k));
    return out;
}

// The tag of a request: /:tagName[/:tagValue] segments when present, else ?tag=name[=value].
Result<InstanceTag> tagOf(const Params &p, const ApiRequest &http)
{
    if (p.contains(u"tagName"_s))
        return InstanceTag::parse(p.value(u"tagValue"_s).isEmpty() ? p.value(u"tagName"_s)
                                                                  : p.value(u"tagName"_s) + u'=' + p.value(u"tagValue"_s));
    const QString text = http.query.queryItemValue(u"tag"_s, QUrl::FullyDecoded);
    if (text.isEmpty())
        return Result<InstanceTag>::failure(u"no tag given: add ?tag=name or ?tag=name=value"_s);
    return InstanceTag::parse(text);
}

QString tagsText(const QList<InstanceTag> &tags)
{
    QStringList out;
    for (const InstanceTag &t : tags)
        out << t.toString();
    return out.join(u',');
}
} // namespace

TagRoutes::TagRoutes(ApiRoutes &routes, ServiceNode &node) : m_routes(routes), m_node(node)
{
    auto storeError = [](const QString &what, const QString &why) { return ApiResponse::error(503, u"Cannot %1: %2"_s.arg(what, why)); };

    routes.add("GET", u"tags/:host/:port"_s, Access::Read, [this, storeError](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        auto store = tags();
        auto read = store.ok() ? store.value()->readTags(*key) : Result<QList<InstanceTag>>::failure(store.error());
        if (!read.ok()) {
            reply(storeError(u"read tags"_s, read.error()));
            return;
        }
        QJsonArray out;
        for (const InstanceTag &t : read.value())
            out.append(t.toString());
        reply(ApiResponse::json(out));
    });
    auto tagValue = [this, storeError](const Params &p, const ApiRequest &http, Reply reply) {
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        const auto tag = tagOf(p, http);
        if (!tag.ok()) {
            reply(RouteParams::badRequest(tag.error()));
            return;
        }
        auto store = tags();
        auto read = store.ok() ? store.value()->readTags(*key) : Result<QList<InstanceTag>>::failure(store.error());
        if (!read.ok()) {
            reply(storeError(u"read tags"_s, read.error()));
            return;
        }
        for (const InstanceTag &t : read.value()) {
            if (t.name == tag->name) {
                reply(ApiResponse::json(t.value)); // orchestrator answers the bare value
                return;
            }
        }
        reply(ApiResponse::error(404, u"tag %1 not found for %2"_s.arg(tag->name, key->toString())));
    };
    routes.add("GET", u"tag-value/:host/:port"_s, Access::Read, tagValue);
    routes.add("GET", u"tag-value/:host/:port/:tagName"_s, Access::Read, tagValue);

    auto tag = [this, storeError](const Params &p, const ApiRequest &http, Reply reply) {
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        const auto t = tagOf(p, http);
        if (!t.ok()) {
            reply(RouteParams::badRequest(t.error()));
            return;
        }
        if (!m_node.state().instance(*key)) {
            reply(ApiResponse::error(404, u"Cannot tag %1: it is not known; discover it first"_s.arg(key->toString())));
            return;
        }
        auto store = tags();
        auto put = store.ok() ? store.value()->putTag(*key, t.value()) : Result<void>::failure(store.error());
        if (!put.ok()) {
            reply(storeError(u"tag"_s, put.error()));
            return;
        }
        reply(ApiResponse::ok(u"%1 tagged with %2"_s.arg(key->toString(), t->toString()), RouteParams::keyJson(*key)));
    };
    routes.add("GET", u"tag/:host/:port"_s, Access::Write, tag);
    routes.add("GET", u"tag/:host/:port/:tagName/:tagValue"_s, Access::Write, tag);

    auto untag = [this, storeError](const Params &p, const ApiRequest &http, Reply reply) {
        InstanceKey key;
        if (p.contains(u"host"_s)) {
            const auto k = RouteParams::keyOrReply(p, reply);
            if (!k)
                return;
            key = *k;
        }
        const auto t = tagOf(p, http);
        if (!t.ok()) {
            reply(RouteParams::badRequest(t.error()));
            return;
        }
        auto store = tags();
        // untag names a tag on one server (any value); untag-all may narrow it to one value.
        auto removed = store.ok() ? store.value()->removeTag(key, t->name, key.isValid() ? QString() : t->value)
                                  : Result<QList<InstanceKey>>::failure(store.error());
        if (!removed.ok()) {
            reply(storeError(u"untag"_s, removed.error()));
            return;
        }
        reply(ApiResponse::ok(u"%1 removed from %2 instances"_s.arg(t->name).arg(removed->size()), keysJson(removed.value())));
    };
    routes.add("GET", u"untag/:host/:port"_s, Access::Write, untag);
    routes.add("GET", u"untag/:host/:port/:tagName"_s, Access::Write, untag);
    routes.add("GET", u"untag-all"_s, Access::Write, untag);
    routes.add("GET", u"untag-all/:tagName/:tagValue"_s, Access::Write, untag);

    auto tagged = [this, storeError](const Params &, const ApiRequest &http, Reply reply) {
        QList<bool> negated;
        const auto expression = InstanceTag::parseExpression(http.query.queryItemValue(u"tag"_s, QUrl::FullyDecoded), &negated);
        if (!expression.ok()) {
            reply(RouteParams::badRequest(expression.error()));
            return;
        }
        auto store = tags();
        auto all = store.ok() ? store.value()->readAllTags() : Result<QHash<InstanceKey, QList<InstanceTag>>>::failure(store.error());
        if (!all.ok()) {
            reply(storeError(u"read tags"_s, all.error()));
            return;
        }
        // A negation alone selects among the known servers, so they are the candidates.
        QSet<InstanceKey> candidates;
        for (const Instance &i : m_node.state().instances())
            candidates.insert(i.key);
        for (auto it = all->cbegin(); it != all->cend(); ++it)
            candidates.insert(it.key());
        QList<InstanceKey> out;
        for (const InstanceKey &k : std::as_const(candidates)) {
            if (InstanceTag::matches(all->value(k), expression.value(), negated))
                out << k;
        }
        reply(ApiResponse::json(keysJson(out)));
    };
    routes.add("GET", u"tagged"_s, Access::Read, tagged);
    // orchestrator-client puts -i's host/port in this path too; like orchestrator, it selects nothing.
    routes.add("GET", u"tagged/:host/:port"_s, Access::Read, tagged);

    auto topologyTags = [this, storeError](const QString &hint, Reply reply) {
        const auto c = RouteParams::clusterOrReply(m_node, hint, reply);
        if (!c)
            return;
        auto store = tags();
        auto all = store.ok() ? store.value()->readAllTags() : Result<QHash<InstanceKey, QList<InstanceTag>>>::failure(store.error());
        if (!all.ok()) {
            reply(storeError(u"read tags"_s, all.error()));
            return;
        }
        // The tree's lines follow the cluster's members; each gets its tags appended.
        const QStringList lines = TopologyText::render(m_node.state().topology(), *c, RouteParams::downtimedKeys(m_node))
                                      .split(u'\n', Qt::SkipEmptyParts);
        QString out;
        for (qsizetype n = 0; n < lines.size(); ++n) {
            const QList<InstanceTag> t = n < c->members.size() ? all->value(c->members.at(n)) : QList<InstanceTag>();
            out += lines.at(n) + (t.isEmpty() ? QString() : u" ["_s + tagsText(t) + u']') + u'\n';
        }
        reply(ApiResponse::ok(u"Topology for cluster %1"_s.arg(c->name), out));
    };
    routes.add("GET", u"topology-tags/:hint"_s, Access::Read,
               [topologyTags](const Params &p, const ApiRequest &, Reply reply) { topologyTags(p.value(u"hint"_s), std::move(reply)); });
    routes.add("GET", u"topology-tags/:host/:port"_s, Access::Read, [topologyTags](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto key = RouteParams::keyOrReply(p, reply))
            topologyTags(key->toString(), std::move(reply));
    });

    auto search = [this](const QString &text, Reply reply) {
        // Tags are a bonus here: when the backend is away, search still answers from memory.
        QHash<InstanceKey, QList<InstanceTag>> byServer;
        if (auto store = tags(); store.ok()) {
            if (auto all = store.value()->readAllTags(); all.ok())
                byServer = all.value();
        }
        const Topology &topology = m_node.state().topology();
        QList<Instance> found;
        for (const Instance &i : m_node.state().instances()) {
            const QString cluster = topology.clusterNameOf(i.key);
            const auto c = topology.findCluster(cluster);
            QStringList fields{i.key.toString(), i.hostname, i.reportHost, cluster, c ? c->alias : QString(), i.version,
                               i.dataCenter, i.region};
            for (const InstanceTag &t : byServer.value(i.key))
                fields << t.toString();
            if (text.isEmpty() || std::any_of(fields.cbegin(), fields.cend(), [&](const QString &f) { return f.contains(text, Qt::CaseInsensitive); }))
                found << i;
        }
        std::sort(found.begin(), found.end(), [](const Instance &a, const Instance &b) { return a.key < b.key; });
        QJsonArray out;
        for (const Instance &i : std::as_const(found))
            out.append(m_routes.instanceJson(i));
        reply(ApiResponse::json(out));
    };
    routes.add("GET", u"search"_s, Access::Read, [search](const Params &, const ApiRequest &http, Reply reply) {
        search(http.query.queryItemValue(u"s"_s, QUrl::FullyDecoded).trimmed(), std::move(reply));
    });
    routes.add("GET", u"search/:s"_s, Access::Read,
               [search](const Params &p, const ApiRequest &, Reply reply) { search(p.value(u"s"_s).trimmed(), std::move(reply)); });
}

TagRoutes::~TagRoutes() = default;

Result<Store *> TagRoutes::tags()
{
    if (!m_tags) {
        auto options = m_node.config().storeOptions();
        if (!options.ok())
            return Result<Store *>::failure(options.error());
        m_tags = std::make_unique<Store>(options.value());
    }
    if (m_tags->isOpen())
        return m_tags.get();
    if (auto opened = m_tags->open(); !opened.ok()) {
        m_tags.reset();
        return Result<Store *>::failure(opened.error());
    }
    return m_tags.get();
}

} // namespace arbor::core
