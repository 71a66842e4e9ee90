// promotion-rule, promotion-rules: which servers may (must, should, should not, must not) be promoted.
#include "commandcontext.h"
#include "commands.h"

#include "model/promotionrule.h"
#include "core/recovery/promotionrulesjson.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {

Result<qint64> parseExpiry(const QString &text)
{
    static const QRegularExpression re(u"^(\\d+)([smhd]?)$"_s);
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch() || m.captured(1).toLongLong() <= 0)
        return Result<qint64>::failure(u"'%1' is not a duration: use e.g. 90s, 30m, 2h or 7d"_s.arg(text));
    const QString unit = m.captured(2);
    const qint64 factor = unit == u"m"_s ? 60 : unit == u"h"_s ? 3600 : unit == u"d"_s ? 86400 : 1;
    return m.captured(1).toLongLong() * factor;
}

} // namespace

int runPromotionRule(const QStringList &arguments)
{
    CommandContext ctx(u"promotion-rule"_s);
    ctx.parser().setApplicationDescription(
        u"Set a server's promotion rule: must (always this one when healthy, else the recovery fails), prefer, "
        "neutral (the default; removes the rule), prefer_not, must_not (never promoted)."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server."_s);
    ctx.parser().addPositionalArgument(u"RULE"_s, u"must | prefer | neutral | prefer_not | must_not"_s);
    ctx.parser().addOption({u"expire"_s, u"The rule lapses after D (90s, 30m, 2h, 7d); default never."_s, u"D"_s});
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const QStringList positional = ctx.parser().positionalArguments();
    if (positional.size() != 2)
        return ctx.usage(u"expected HOST:PORT RULE"_s);
    const auto key = InstanceKey::parse(positional.at(0));
    if (!key.ok())
        return ctx.usage(key.error());
    const auto rule = parsePromotionRule(positional.at(1));
    if (!rule.ok())
        return ctx.usage(rule.error());
    PromotionRuleEntry e{key.value(), rule.value(), {}, QDateTime::currentDateTimeUtc()};
    if (ctx.parser().isSet(u"expire"_s)) {
        const auto seconds = parseExpiry(ctx.parser().value(u"expire"_s));
        if (!seconds.ok())
            return ctx.usage(seconds.error());
        e.expiresAt = QDateTime::currentDateTimeUtc().addSecs(seconds.value());
    }
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    if (auto r = store->setPromotionRule(e); !r.ok())
        return ctx.fail(r.error());
    ctx.out() << u"%1: %2%3\n"_s.arg(key->toString(), promotionRuleName(e.rule),
                                     e.expiresAt.isValid() ? u" until "_s + e.expiresAt.toString(Qt::ISODate) : QString());
    return 0;
}

int runPromotionRules(const QStringList &arguments)
{
    CommandContext ctx(u"promotion-rules"_s);
    ctx.parser().setApplicationDescription(u"List every promotion rule (orchestrator's bulk-promotion-rules)."_s);
    ctx.parser().addOption({u"json"_s, u"Print JSON (an array of {Hostname, Port, PromotionRule, ExpiresAt, Active})."_s});
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    const auto rules = store->readPromotionRules();
    if (!rules.ok())
        return ctx.fail(rules.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (ctx.parser().isSet(u"json"_s)) {
        ctx.out() << QString::fromUtf8(PromotionRulesJson::write(rules.value(), now));
        return 0;
    }
    for (const PromotionRuleEntry &e : rules.value())
        ctx.out() << u"%1\t%2\t%3\n"_s.arg(e.key.toString(), promotionRuleName(e.rule),
                                           !e.expiresAt.isValid()  ? u"never expires"_s
                                           : e.isActiveAt(now)     ? u"until "_s + e.expiresAt.toString(Qt::ISODate)
                                                                   : u"expired "_s + e.expiresAt.toString(Qt::ISODate));
    return 0;
}

} // namespace arbor::app
