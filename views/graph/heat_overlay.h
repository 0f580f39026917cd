// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QColor>
#include <QObject>
#include <QString>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace wb::analysis { struct QuantReport; }
namespace wb::runtime { struct BenchResult; }

namespace wb::views {

class GraphView;
class HeatLegend;

// One heat layer: a value per node name, larger = hotter (an error, a time).
struct HeatLayer {
    QString title;  // legend title, e.g. "Quantization RMSE (uint8)"
    QString unit;   // appended to values in tooltips and the legend, e.g. "ms"
    std::unordered_map<std::string, double> values;
    double low = 0, high = 0;  // value range over the nodes
    bool log_scale = false;    // chosen when the range spans more than two decades
};

// Per-node RMSE of each configuration ("name:k" outputs fold into their node, worst kept).
std::vector<std::pair<QString, HeatLayer>> quant_error_layers(const analysis::QuantReport& report);
// Mean ms per run of each profiled node.
HeatLayer bench_time_layer(const runtime::BenchResult& result);
// Fills low/high/log_scale from the values.
void finish_layer(HeatLayer& layer);
// 0 → pale yellow, 1 → dark red (ColorBrewer YlOrRd).
QColor heat_color(double t);

// Colours the graph's nodes by one heat layer: a translucent tint and a thick border on every
// visible node with a value, the worst member's colour on collapsed groups. Lives beside the
// scene's own items (child items of nodes and groups), re-applied after every layout, so the
// graph code knows nothing of it. A legend in the view's corner picks the layer and turns it off.
class HeatOverlay : public QObject {
    Q_OBJECT
public:
    // The overlay of `view`, created on first use (a child of the view).
    static HeatOverlay* of(GraphView* view);

    void setLayer(const QString& id, HeatLayer layer, bool show = true);
    void setQuantReport(const analysis::QuantReport& report);
    void setBenchResult(const runtime::BenchResult& result, const QString& id = {});
    void clear();
    // `id` empty = overlay off (layers are kept).
    void showLayer(const QString& id);
    QString currentLayer() const { return current_; }
    QStringList layerIds() const;
    const HeatLayer* layer(const QString& id) const;
    // Position of `value` on the colour ramp of the shown layer, 0..1.
    double position(double value) const;
    // The node's colour under the shown layer; invalid when off or the node has no value.
    QColor nodeColor(int node) const;
    int markCount() const { return marks_; }  // tinted items in the scene, for tests
    HeatLegend* legend() const { return legend_; }

signals:
    void changed();

private:
    explicit HeatOverlay(GraphView* view);
    void apply();

    GraphView* view_;
    HeatLegend* legend_;
    std::map<QString, HeatLayer> layers_;
    QString current_;
    int marks_ = 0;
};

}  // namespace wb::views
