// SPDX-License-Identifier: Apache-2.0
#include "views/graph/function_calls.h"

#include <algorithm>
#include <array>

namespace wb::views {

namespace {
// The attr that holds "the" body comes first, so a double-click opens what users expect.
constexpr std::array<const char*, 6> kPreferred = {"f", "body", "then_branch", "else_branch", "cond", "branches"};

int rank_of(const std::string& key) {
    const auto it = std::find(kPreferred.begin(), kPreferred.end(), key);
    return static_cast<int>(it - kPreferred.begin());
}
}  // namespace

QStringList called_functions(const ir::Node& node, const std::vector<ir::Function>& library) {
    auto defined = [&](const std::string& name) {
        return std::any_of(library.begin(), library.end(), [&](const ir::Function& f) { return f.name == name; });
    };
    std::vector<std::pair<int, std::string>> found;  // (rank, name), attr map order within a rank
    auto add = [&](int rank, const std::string& name) {
        if (!name.empty() && defined(name)) found.emplace_back(rank, name);
    };
    add(-1, node.op);  // a function called directly by name
    for (const auto& [key, value] : node.attrs) {
        if (const auto* fn = value.get_if<ir::NameAttrList>()) add(rank_of(key), fn->name);
        if (const auto* list = value.get_if<ir::AttrList>())
            for (const auto& fn : list->func) add(rank_of(key), fn.name);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QStringList out;
    for (const auto& [rank, name] : found)
        if (!out.contains(QString::fromStdString(name))) out << QString::fromStdString(name);
    return out;
}

}  // namespace wb::views
