// SPDX-License-Identifier: Apache-2.0
// A graph view showing a model, laid out: what the heat overlay tests colour.
#pragma once
#include <QSignalSpy>
#include <memory>

#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"

namespace wb::test {

struct LaidOutGraph {
    views::GraphScene scene;
    views::GraphView view{&scene};

    // Shows `model` and waits for its first layout; false on timeout.
    bool show(std::shared_ptr<const ir::Model> model) {
        view.resize(1200, 800);
        auto index = std::make_shared<const views::GraphIndex>(std::move(model));
        QSignalSpy laid(&scene, &views::GraphScene::layoutFinished);
        scene.setGraph(index, std::make_shared<const views::GroupTree>(*index));
        return laid.wait(60000);
    }
};

}  // namespace wb::test
