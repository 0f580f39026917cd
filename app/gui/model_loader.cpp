// SPDX-License-Identifier: Apache-2.0
#include "model_loader.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>
#include <chrono>

#include "formats/registry.h"

namespace wb::gui {
namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// K copies of the graph side by side, each under its own scope: a big graph with real
// structure for benchmarks ("a synthetic 10,000-node graph built from corpus graphs").
void replicate(ir::Model& model, int copies) {
    std::vector<ir::Node> nodes;
    nodes.reserve(model.graph.size() * static_cast<std::size_t>(copies));
    for (int c = 0; c < copies; ++c) {
        const std::string prefix = "copy" + std::to_string(c) + "/";
        for (const auto& node : model.graph.nodes()) {
            ir::Node copy = node;
            copy.name = prefix + node.name;
            for (auto& input : copy.inputs) {
                auto ref = ir::parse_input(input);
                ref.node = prefix + ref.node;
                input = ir::format_input(ref);
            }
            nodes.push_back(std::move(copy));
        }
    }
    model.graph.nodes() = std::move(nodes);
    model.graph.reindex();
}
}  // namespace

ModelLoader::ModelLoader(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<LoadResult>::finished, this, [this] { emit finished(watcher_.result(), path_); });
}

ModelLoader::~ModelLoader() {
    stop_ = true;
    watcher_.waitForFinished();
}

void ModelLoader::load(const QString& path) {
    stop_ = true;
    watcher_.waitForFinished();
    stop_ = false;
    path_ = path;
    const int copies = replicate_;
    watcher_.setFuture(QtConcurrent::run([this, path, copies] {
        LoadResult result;
        auto start = Clock::now();
        Progress progress;
        progress.stop = &stop_;
        progress.on_progress = [this](double fraction, const std::string& stage) {
            emit this->progress(fraction, QString::fromStdString(stage));
        };
        auto model = formats::read_model(path.toStdString(), {}, progress);
        result.read_ms = ms_since(start);
        if (stop_) { result.cancelled = true; return result; }
        if (!model) {
            result.error = QString::fromStdString(model.error().what());
            return result;
        }
        if (copies > 1) replicate(model.value(), copies);
        emit this->progress(1.0, QCoreApplication::translate("wb::gui::ModelLoader", "Indexing the graph"));
        start = Clock::now();
        auto shared = std::make_shared<const ir::Model>(std::move(model).value());
        auto index = std::make_shared<const views::GraphIndex>(shared);
        result.tree = std::make_shared<const views::GroupTree>(*index);
        result.index = std::move(index);
        result.index_ms = ms_since(start);
        return result;
    }));
}

}  // namespace wb::gui
