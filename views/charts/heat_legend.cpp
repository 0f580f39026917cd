// SPDX-License-Identifier: Apache-2.0
#include "views/charts/heat_legend.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLinearGradient>
#include <QPainter>

#include "views/graph/heat_overlay.h"

namespace wb::views {
namespace {

// The colour ramp drawn left (low) to right (high).
class RampBar : public QWidget {
public:
    RampBar() { setFixedHeight(12); }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        QLinearGradient g(0, 0, width(), 0);
        for (int i = 0; i <= 8; ++i) g.setColorAt(i / 8.0, heat_color(i / 8.0));
        p.fillRect(rect(), g);
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
};

QString number(double v, const QString& unit) {
    const QString n = QString::number(v, 'g', 3);
    return unit.isEmpty() ? n : n + QLatin1Char(' ') + unit;
}

}  // namespace

HeatLegend::HeatLegend(QWidget* view) : QFrame(view) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    on_ = new QCheckBox(tr("&Heat overlay"));
    on_->setToolTip(tr("Colour the graph's nodes by the chosen result; untick to turn the overlay off"));
    layers_ = new QComboBox;
    low_ = new QLabel;
    high_ = new QLabel;
    high_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    scale_ = new QLabel;
    scale_->setAlignment(Qt::AlignCenter);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(8, 6, 8, 6);
    grid->addWidget(on_, 0, 0, 1, 3);
    grid->addWidget(layers_, 1, 0, 1, 3);
    grid->addWidget(new RampBar, 2, 0, 1, 3);
    grid->addWidget(low_, 3, 0);
    grid->addWidget(scale_, 3, 1);
    grid->addWidget(high_, 3, 2);
    setFixedWidth(250);
    connect(on_, &QCheckBox::toggled, this, &HeatLegend::emitChoice);
    connect(layers_, &QComboBox::activated, this, [this] {
        on_->setChecked(true);
        emitChoice();
    });
    view->installEventFilter(this);
    pin();
}

void HeatLegend::setLayers(const QStringList& ids, const QStringList& titles, const QString& current) {
    const QSignalBlocker block_box(layers_), block_switch(on_);
    const QString keep = current.isEmpty() ? layers_->currentData().toString() : current;
    layers_->clear();
    for (qsizetype i = 0; i < ids.size(); ++i) layers_->addItem(titles[i], ids[i]);
    layers_->setCurrentIndex(std::max(0, layers_->findData(keep)));
    on_->setChecked(!current.isEmpty());
    adjustSize();
    pin();
}

void HeatLegend::setRange(double low, double high, const QString& unit, bool log_scale) {
    low_->setText(number(low, unit));
    high_->setText(number(high, unit));
    scale_->setText(log_scale ? tr("log scale") : tr("linear"));
}

bool HeatLegend::overlayOn() const { return on_->isChecked(); }

void HeatLegend::emitChoice() { emit layerChosen(on_->isChecked() ? layers_->currentData().toString() : QString()); }

bool HeatLegend::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize) pin();
    return QFrame::eventFilter(watched, event);
}

void HeatLegend::pin() {
    if (QWidget* view = parentWidget()) move(view->width() - width() - 24, 10);  // clear of the scroll bar
}

}  // namespace wb::views
