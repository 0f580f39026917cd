// SPDX-License-Identifier: Apache-2.0
#include "views/compare/simplify_compare.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QtConcurrent>

#include "views/compare/table_fill.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"

namespace wb::views {

namespace {
// Differences at or under this are float rounding from reordered arithmetic.
constexpr double kSameTolerance = 1e-5;

QColor fate_colour(NodeFate fate) {
    switch (fate) {
    case NodeFate::Removed: return {0xc2, 0x18, 0x5b};
    case NodeFate::Fused: return {0x15, 0x65, 0xc0};
    case NodeFate::Rewritten: return {0x6d, 0x4c, 0x41};
    case NodeFate::New: return {0x2e, 0x7d, 0x32};
    case NodeFate::Unchanged: break;
    }
    return {};
}
}  // namespace

SimplifyCompare::SimplifyCompare(QWidget* parent) : QWidget(parent) {
    before_ = new GraphScene(this);
    after_ = new GraphScene(this);
    before_view_ = new GraphView(before_);
    after_view_ = new GraphView(after_);
    legend_ = new QLabel(tr("Preview a simplification to compare the graphs."));
    legend_->setTextFormat(Qt::RichText);
    check_button_ = new QPushButton(tr("&Check outputs"));
    check_button_->setToolTip(tr("Run both graphs on the bundled runtime with the same inputs and compare the outputs"));
    check_button_->setEnabled(false);
    check_label_ = new QLabel;
    table_ = make_table({tr("Output"), tr("Shape"), tr("Max abs difference"), tr("Max rel difference")});
    table_->setMaximumHeight(120);
    auto* splitter = new QSplitter(Qt::Horizontal);
    for (int side = 0; side < 2; ++side) {
        auto* column = new QWidget;
        auto* layout = new QVBoxLayout(column);
        layout->setContentsMargins(0, 0, 0, 0);
        titles_[side] = new QLabel(side ? tr("Optimized") : tr("Original"));
        layout->addWidget(titles_[side]);
        layout->addWidget(side ? after_view_ : before_view_, 1);
        splitter->addWidget(column);
    }
    auto* bar = new QHBoxLayout;
    bar->addWidget(legend_, 1);
    bar->addWidget(check_label_);
    bar->addWidget(check_button_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    layout->addWidget(table_);

    connect(&prepare_, &QFutureWatcher<Prepared>::finished, this, &SimplifyCompare::onPrepared);
    connect(&check_, &QFutureWatcher<Expected<std::vector<OutputDifference>>>::finished, this, &SimplifyCompare::onCheckDone);
    connect(check_button_, &QPushButton::clicked, this, &SimplifyCompare::runCheck);
    for (bool side : {false, true}) {
        connect(scene(side), &GraphScene::nodeSelected, this, [this, side](int node) { follow(side, node); });
        connect(scene(side), &GraphScene::layoutFinished, this, [this, side] { onLayout(side); });
        connect(view(side), &GraphView::zoomChanged, this, [this, side](double level) {
            GraphView* other = view(!side);
            if (zooming_ || qFuzzyCompare(other->zoomLevel(), level)) return;
            zooming_ = true;  // the other view's own zoomChanged must not bounce back
            other->zoomBy(level / other->zoomLevel());
            zooming_ = false;
        });
    }
}

SimplifyCompare::~SimplifyCompare() {
    prepare_.waitForFinished();
    check_.waitForFinished();
}

void SimplifyCompare::setModels(std::shared_ptr<const ir::Model> original, std::shared_ptr<const ir::Model> optimized,
                                const passes::PipelineReport& report) {
    prepare_.waitForFinished();  // a newer preview replaces an older one still being indexed
    models_[0] = std::move(original);
    models_[1] = std::move(optimized);
    check_button_->setEnabled(false);
    differences_.clear();
    table_->setRowCount(0);
    check_label_->clear();
    legend_->setText(tr("Indexing both graphs…"));
    prepare_.setFuture(QtConcurrent::run([a = models_[0], b = models_[1], report] {
        Prepared p;
        for (int side = 0; side < 2; ++side) {
            auto index = std::make_shared<const GraphIndex>(side ? b : a);
            p.tree[side] = std::make_shared<const GroupTree>(*index);
            p.index[side] = std::move(index);
        }
        p.diff = diff_simplification(*a, *b, report);
        return p;
    }));
}

void SimplifyCompare::onPrepared() {
    Prepared p = prepare_.result();
    diff_ = std::move(p.diff);
    awaited_layouts_ = 2;
    for (int side = 0; side < 2; ++side) {
        scene(side)->setGraph(p.index[side], p.tree[side]);
        markNodes(side);
        titles_[side]->setText((side ? tr("Optimized: %n node(s)", nullptr, p.index[side]->size())
                                     : tr("Original: %n node(s)", nullptr, p.index[side]->size())));
    }
    legend_->setText(diffSummary());
    check_button_->setEnabled(true);
}

QString SimplifyCompare::diffSummary() const {
    auto chip = [](NodeFate fate, const QString& text) {
        return QStringLiteral("<span style='color:%1'>&#9632;</span> %2").arg(fate_colour(fate).name(), text);
    };
    return QStringList{chip(NodeFate::Removed, tr("%n removed", nullptr, diff_.count(false, NodeFate::Removed))),
                       chip(NodeFate::Fused, tr("%n fused", nullptr, diff_.count(false, NodeFate::Fused))),
                       chip(NodeFate::Rewritten, tr("%n rewritten", nullptr, diff_.count(true, NodeFate::Rewritten))),
                       chip(NodeFate::New, tr("%n new", nullptr, diff_.count(true, NodeFate::New))),
                       tr("%n unchanged", nullptr, diff_.count(true, NodeFate::Unchanged))}
        .join(QStringLiteral(" &nbsp; "));
}

void SimplifyCompare::markNodes(bool optimized) {
    const auto& side = optimized ? diff_.optimized : diff_.original;
    const auto& other = *models_[optimized ? 0 : 1];
    std::vector<NodeMark> marks(side.size());
    for (std::size_t i = 0; i < side.size(); ++i) {
        const NodeDiff& d = side[i];
        if (d.fate == NodeFate::Unchanged) continue;
        const QString pass = QString::fromStdString(d.pass);
        const QString reason = QString::fromStdString(d.reason);
        const QString twin = d.counterpart >= 0
            ? QString::fromStdString(other.graph.nodes()[static_cast<std::size_t>(d.counterpart)].name) : QString();
        NodeMark& m = marks[i];
        m.color = fate_colour(d.fate);
        switch (d.fate) {
        case NodeFate::Removed:
            m.tag = tr("removed");
            m.tooltip = tr("Removed by %1: %2").arg(pass, reason);
            break;
        case NodeFate::Fused: {
            m.tag = tr("fused");
            QStringList from;
            for (const auto& o : d.origins) from << QString::fromStdString(o);
            m.tooltip = optimized ? tr("Fused by %1 from: %2").arg(pass, from.join(QStringLiteral(", ")))
                                  : tr("Fused into %1 by %2").arg(twin, pass);
            if (!reason.isEmpty()) m.tooltip += QStringLiteral(" (") + reason + QLatin1Char(')');
            break;
        }
        case NodeFate::Rewritten:
            m.tag = tr("rewritten");
            m.tooltip = tr("Rewritten by %1: %2").arg(pass, reason);
            break;
        case NodeFate::New:
            m.tag = tr("new");
            m.tooltip = tr("Added by %1: %2").arg(pass, reason);
            break;
        case NodeFate::Unchanged: break;
        }
    }
    scene(optimized)->setNodeMarks(std::move(marks));
}

void SimplifyCompare::onLayout(bool optimized) {
    if (awaited_layouts_ <= 0) return;
    view(optimized)->fitAll();
    if (--awaited_layouts_ == 0) emit ready();
}

// Selecting a node reveals and selects its counterpart; the other side's own selection
// signal is then recognised and not followed back (the counterpart of a counterpart can differ).
void SimplifyCompare::follow(bool from_optimized, int node) {
    const int side = from_optimized ? 1 : 0;
    if (node >= 0 && node == expected_[side]) {
        expected_[side] = -1;
        return;
    }
    const auto& diffs = from_optimized ? diff_.optimized : diff_.original;
    if (node < 0 || node >= static_cast<int>(diffs.size())) return;
    const int twin = diffs[static_cast<std::size_t>(node)].counterpart;
    GraphScene* other = scene(!from_optimized);
    if (twin < 0 || !other->hasGraph()) return;
    if (other->selectedNode() == twin) return;
    expected_[1 - side] = twin;
    other->revealNode(twin);
}

void SimplifyCompare::runCheck() {
    if (!models_[0] || !models_[1] || checkRunning()) return;
    check_button_->setEnabled(false);
    check_label_->setText(tr("Running both graphs…"));
    check_.setFuture(QtConcurrent::run([a = models_[0], b = models_[1]] { return compare_outputs(a, b); }));
}

void SimplifyCompare::onCheckDone() {
    const auto result = check_.result();
    check_button_->setEnabled(true);
    if (!result) {
        const QString error = QString::fromStdString(result.error().what());
        check_label_->setText(tr("Check failed: %1").arg(error));
        emit checkFinished(false, error);
        return;
    }
    differences_ = *result;
    table_->setRowCount(static_cast<int>(differences_.size()));
    double worst = 0;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const auto& d = differences_[static_cast<std::size_t>(row)];
        set_cells(table_, row, {QString::fromStdString(d.output), QString::fromStdString(d.shape), d.max_abs, d.max_rel});
        worst = std::max(worst, d.max_abs);
    }
    check_label_->setText(worst <= kSameTolerance ? tr("Same outputs (max abs difference %1)").arg(worst, 0, 'g', 3)
                                                  : tr("Outputs differ: max abs difference %1").arg(worst, 0, 'g', 3));
    emit checkFinished(true, {});
}

}  // namespace wb::views
