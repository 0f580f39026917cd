// SPDX-License-Identifier: Apache-2.0
#include "views/graph/graph_export.h"

#include <QCoreApplication>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace wb::views {
namespace {
Error export_error(const QString& path, const char* message) {
    return Error{path.toStdString(), "", QCoreApplication::translate("wb::views::GraphExport", message).toStdString()};
}
// Cached items would be exported as bitmaps (no text in the SVG): render them uncached.
class UncachedItems {
public:
    explicit UncachedItems(QGraphicsScene& scene) {
        for (auto* item : scene.items())
            if (item->cacheMode() != QGraphicsItem::NoCache) {
                saved_.push_back({item, item->cacheMode()});
                item->setCacheMode(QGraphicsItem::NoCache);
            }
    }
    ~UncachedItems() {
        for (auto& [item, mode] : saved_) item->setCacheMode(mode);
    }

private:
    std::vector<std::pair<QGraphicsItem*, QGraphicsItem::CacheMode>> saved_;
};
}  // namespace

Status export_png(QGraphicsScene& scene, const QString& path, int max_side) {
    const QRectF source = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty()) return export_error(path, QT_TRANSLATE_NOOP("wb::views::GraphExport", "the graph is empty"));
    const double scale = std::min({2.0, max_side / source.width(), max_side / source.height()});
    QImage image(QSize(static_cast<int>(source.width() * scale), static_cast<int>(source.height() * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(scene.backgroundBrush().color());
    {
        UncachedItems uncached(scene);
        QPainter p(&image);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene.render(&p, QRectF(image.rect()), source);
    }
    if (!image.save(path, "PNG"))
        return export_error(path, QT_TRANSLATE_NOOP("wb::views::GraphExport", "could not write the PNG file"));
    return Ok{};
}

Status export_svg(QGraphicsScene& scene, const QString& path, const QString& title) {
    const QRectF source = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty()) return export_error(path, QT_TRANSLATE_NOOP("wb::views::GraphExport", "the graph is empty"));
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setTitle(title);
    svg.setDescription(QCoreApplication::translate("wb::views::GraphExport", "Graph exported by tfjs-workbench"));
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    {
        UncachedItems uncached(scene);
        QPainter p;
        if (!p.begin(&svg))
            return export_error(path, QT_TRANSLATE_NOOP("wb::views::GraphExport", "could not write the SVG file"));
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene.render(&p, QRectF(QPointF(0, 0), source.size()), source);
    }
    return Ok{};
}

}  // namespace wb::views
