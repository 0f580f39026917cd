// SPDX-License-Identifier: Apache-2.0
#include "views/graph/op_style.h"

#include <QCoreApplication>

#include "analysis/op_support.h"

namespace wb::views {
namespace {
QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
}  // namespace

OpStyle op_style(const std::string& op) {
    OpStyle s;
    const auto category = analysis::op_category(op);
    s.category = category.empty() ? QCoreApplication::translate("wb::views::OpStyle", "unknown to TensorFlow.js") : qs(category);
    s.tfjs_supported = analysis::tfjs_supports(op);
    // Unsupported ops keep a neutral body: the red border and badge carry the message.
    s.fill = category.empty() ? QColor(0xc4, 0xc9, 0xd0) : QColor(qs(analysis::category_color(category)));
    if (!s.tfjs_supported) {
        s.tfjs_reason = QCoreApplication::translate("wb::views::OpStyle", "TensorFlow.js has no kernel for %1.").arg(qs(op));
        const auto hint = analysis::unsupported_hint(op);
        s.tfjs_hint = hint.empty()
            ? QCoreApplication::translate("wb::views::OpStyle",
                                          "Move this computation out of the model (pre/post-processing in JavaScript) "
                                          "or replace it with supported ops before converting.")
            : qs(hint);
    }
    s.runtime_supported = analysis::runtime_supports(op);
    return s;
}

}  // namespace wb::views
