// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QColor>
#include <QString>

namespace wb::views {

// What the graph shows about one op: its category colour and who can run it.
// Op knowledge itself lives in core/analysis (one table); this only adapts it for painting.
struct OpStyle {
    QString category;
    QColor fill;
    bool tfjs_supported = true;
    QString tfjs_reason;  // why TensorFlow.js cannot run it (empty when supported)
    QString tfjs_hint;    // what the user can do about it
    bool runtime_supported = true;
};

OpStyle op_style(const std::string& op);

}  // namespace wb::views
