// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QRegularExpression>
#include <QString>
#include <vector>

namespace wb::views {

class GraphIndex;

// A parsed search: whitespace-separated terms, all of which must match.
//   text            name or op contains it (case-insensitive)
//   op:Conv2D       op equals (case-insensitive)
//   dtype:int64     an output's dtype
//   unsupported:tfjs / unsupported:runtime
//   name:block1     name contains
//   re:conv\d+  or  /conv\d+/   regular expression on the name
class SearchQuery {
public:
    static SearchQuery parse(const QString& text);
    bool valid() const { return error_.isEmpty(); }
    QString error() const { return error_; }
    bool empty() const { return terms_.empty(); }
    bool matches(const GraphIndex& index, int node) const;
    // Every matching node, in graph order.
    std::vector<int> run(const GraphIndex& index) const;

private:
    enum class Kind { Text, Op, DType, Unsupported, Name, Regex };
    struct Term {
        Kind kind;
        QString value;
        QRegularExpression regex;
    };
    std::vector<Term> terms_;
    QString error_;
};

}  // namespace wb::views
