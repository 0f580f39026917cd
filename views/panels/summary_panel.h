// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QWidget>
#include <memory>

class QLabel;
class QTableView;

namespace wb::views {

class GraphIndex;
class OpHistogramModel;

// The model at a glance: format, producer, inputs and outputs, counts, and the op histogram
// with the ops TensorFlow.js cannot run marked.
class SummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit SummaryPanel(QWidget* parent = nullptr);
    void setIndex(std::shared_ptr<const GraphIndex> index);
    OpHistogramModel* histogram() const { return histogram_; }
    QString summaryText() const;  // the header's plain text (tests)

signals:
    void opActivated(const QString& op);

private:
    QLabel* header_;
    OpHistogramModel* histogram_;
    QTableView* table_;
};

}  // namespace wb::views
