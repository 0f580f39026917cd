// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFrame>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;

namespace wb::views {

// The heat overlay's legend, pinned to the graph view's top-right corner: an on/off switch, the
// layer to show (quantization error per dtype, benchmark time) and the colour ramp with its range.
class HeatLegend : public QFrame {
    Q_OBJECT
public:
    explicit HeatLegend(QWidget* view);
    // `current` empty = off (the switch unticked, the last layer kept in the list).
    void setLayers(const QStringList& ids, const QStringList& titles, const QString& current);
    void setRange(double low, double high, const QString& unit, bool log_scale);
    bool overlayOn() const;
    QComboBox* layerBox() const { return layers_; }
    QCheckBox* onSwitch() const { return on_; }

signals:
    void layerChosen(const QString& id);  // empty = off

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void emitChoice();
    void pin();

    QCheckBox* on_;
    QComboBox* layers_;
    QLabel *low_, *high_, *scale_;
};

}  // namespace wb::views
