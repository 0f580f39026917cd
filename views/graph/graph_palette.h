// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QColor>

namespace wb::views::palette {

// The graph's colours in one place (category colours come from the op table).
inline const QColor kUnsupported{0xd3, 0x2f, 0x2f};    // TensorFlow.js cannot run it
inline const QColor kRuntimeMissing{0xf0, 0x9a, 0x00};  // our runtime has no kernel
inline const QColor kSelection{0x1e, 0x6f, 0xe8};
inline const QColor kNodeBorder{0x8a, 0x93, 0x9e};
inline const QColor kText{0x1f, 0x23, 0x28};
inline const QColor kSubtleText{0x5f, 0x67, 0x70};
inline const QColor kGroupFill{0xe8, 0xee, 0xf6};
inline const QColor kGroupFillBack{0xd5, 0xde, 0xea};
inline const QColor kGroupBorder{0x7d, 0x8d, 0xa3};
inline const QColor kGroupHeader{0xd2, 0xdc, 0xea};
inline const QColor kExpandedFill{0xdd, 0xe5, 0xf0};
inline const QColor kEdge{0x7a, 0x84, 0x90};
inline const QColor kEdgeLabel{0x4a, 0x52, 0x5c};
inline const QColor kBackground{0xfa, 0xfb, 0xfc};
inline const QColor kLink{0x1a, 0x5f, 0xc8};  // a call node's link to its function body

// A node's body: the category colour washed out so the black text stays readable.
inline QColor node_fill(const QColor& category) {
    return QColor::fromRgbF(0.62f + 0.38f * category.redF(), 0.62f + 0.38f * category.greenF(),
                            0.62f + 0.38f * category.blueF());
}

}  // namespace wb::views::palette
