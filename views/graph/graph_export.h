// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QString>

#include "util/error.h"

class QGraphicsScene;

namespace wb::views {

// Renders every item of the scene to a PNG (scaled down if it would exceed max_side pixels).
Status export_png(QGraphicsScene& scene, const QString& path, int max_side = 8000);
// Writes the scene as SVG through QSvgGenerator (vector output, text kept as text).
Status export_svg(QGraphicsScene& scene, const QString& path, const QString& title);

}  // namespace wb::views
