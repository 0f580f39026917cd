// SPDX-License-Identifier: Apache-2.0
#include "views/panels/search_query.h"

#include <QCoreApplication>

#include "views/graph/graph_index.h"

namespace wb::views {

SearchQuery SearchQuery::parse(const QString& text) {
    SearchQuery q;
    for (const QString& token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        Term term{Kind::Text, token, {}};
        const int colon = token.indexOf(QLatin1Char(':'));
        const QString key = colon > 0 ? token.left(colon).toLower() : QString();
        const QString value = colon > 0 ? token.mid(colon + 1) : token;
        if (key == QLatin1String("op")) term = {Kind::Op, value, {}};
        else if (key == QLatin1String("dtype")) term = {Kind::DType, value.toLower(), {}};
        else if (key == QLatin1String("name")) term = {Kind::Name, value, {}};
        else if (key == QLatin1String("unsupported")) {
            term = {Kind::Unsupported, value.toLower(), {}};
            if (term.value != QLatin1String("tfjs") && term.value != QLatin1String("runtime")) {
                q.error_ = QCoreApplication::translate("wb::views::SearchQuery", "unsupported: takes tfjs or runtime");
                return q;
            }
        } else if (key == QLatin1String("re") ||
                   (token.size() > 2 && token.startsWith(QLatin1Char('/')) && token.endsWith(QLatin1Char('/')))) {
            const QString pattern = key == QLatin1String("re") ? value : token.mid(1, token.size() - 2);
            term = {Kind::Regex, pattern, QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption)};
            if (!term.regex.isValid()) {
                q.error_ = QCoreApplication::translate("wb::views::SearchQuery", "invalid regular expression: %1").arg(term.regex.errorString());
                return q;
            }
        }
        if (term.value.isEmpty()) continue;
        q.terms_.push_back(std::move(term));
    }
    return q;
}

bool SearchQuery::matches(const GraphIndex& index, int node) const {
    const auto& nd = index.node(node);
    const QString name = QString::fromStdString(nd.name);
    const QString op = QString::fromStdString(nd.op);
    for (const auto& t : terms_) {
        bool ok = false;
        switch (t.kind) {
        case Kind::Text: ok = name.contains(t.value, Qt::CaseInsensitive) || op.contains(t.value, Qt::CaseInsensitive); break;
        case Kind::Op: ok = op.compare(t.value, Qt::CaseInsensitive) == 0; break;
        case Kind::Name: ok = name.contains(t.value, Qt::CaseInsensitive); break;
        case Kind::Regex: ok = t.regex.match(name).hasMatch(); break;
        case Kind::DType: {
            const auto dt = ir::dtype_name(index.output_dtype(node, 0));
            ok = QString::fromUtf8(dt.data(), static_cast<qsizetype>(dt.size())) == t.value;
            break;
        }
        case Kind::Unsupported:
            ok = t.value == QLatin1String("tfjs") ? !index.style(node).tfjs_supported : !index.style(node).runtime_supported;
            break;
        }
        if (!ok) return false;
    }
    return true;
}

std::vector<int> SearchQuery::run(const GraphIndex& index) const {
    std::vector<int> hits;
    if (empty() || !valid()) return hits;
    for (int n = 0; n < index.size(); ++n)
        if (matches(index, n)) hits.push_back(n);
    return hits;
}

}  // namespace wb::views
