// SPDX-License-Identifier: Apache-2.0
#include <QRectF>
#include <QTest>
#include <atomic>

#include "synthetic_graph.h"
#include "views/graph/graph_index.h"
#include "views/graph/group_tree.h"
#include "views/graph/layout_job.h"

using namespace wb;

class TstGroupTree : public QObject {
    Q_OBJECT
private slots:
    void scopesBecomeGroups() {
        views::GraphIndex index(test::synthetic_model(3, false));
        views::GroupTree tree(index);
        const auto& root = tree.group(tree.root());
        // input, output and three block groups at the top.
        QCOMPARE(root.items.size(), std::size_t(5));
        QCOMPARE(root.total_nodes, index.size());
        const int conv = index.graph().find("block1/Conv2D") - index.graph().nodes().data();
        const auto& block = tree.group(tree.group_of_node(conv));
        QCOMPARE(QString::fromStdString(block.full_path), QStringLiteral("block1"));
        QCOMPARE(block.total_nodes, 4);
        QCOMPARE(block.parent, tree.root());
    }

    void edgesAreLiftedToTheCommonGroup() {
        views::GraphIndex index(test::synthetic_model(3, false));
        views::GroupTree tree(index);
        // Top level: input → block0 → block1 → block2 → output.
        QCOMPARE(tree.group(tree.root()).edges.size(), std::size_t(4));
        // Inside a block: weights → Conv2D → BiasAdd → Relu.
        const int relu = index.graph().find("block0/Relu") - index.graph().nodes().data();
        QCOMPARE(tree.group(tree.group_of_node(relu)).edges.size(), std::size_t(3));
    }

    void unsupportedCountsReachEveryAncestor() {
        views::GraphIndex index(test::synthetic_model(4, true));
        views::GroupTree tree(index);
        QVERIFY(!index.style(index.graph().find("block2/MatrixInverse") - index.graph().nodes().data()).tfjs_supported);
        QCOMPARE(tree.group(tree.root()).tfjs_unsupported, 1);
        QCOMPARE(index.tfjs_unsupported_count(), 1);
    }

    void bigFlatGroupsAreSplit() {
        // 400 blocks at the top level → more than kMaxItems members → parts.
        views::GraphIndex index(test::synthetic_model(400, false));
        views::GroupTree tree(index);
        const auto& root = tree.group(tree.root());
        QVERIFY(static_cast<int>(root.items.size()) <= views::GroupTree::kMaxItems);
        int parts = 0, nodes = 0;
        for (int g = 0; g < tree.group_count(); ++g) {
            QVERIFY(static_cast<int>(tree.group(g).items.size()) <= views::GroupTree::kMaxItems);
            parts += tree.group(g).split_part;
        }
        QVERIFY(parts >= 4);
        for (const auto& item : root.items) nodes += item.is_group ? tree.group(item.id).total_nodes : 1;
        QCOMPARE(nodes, index.size());
        // Groups moved into a part sit one level below it (parts get larger ids than they hold).
        for (int g = 1; g < tree.group_count(); ++g) QCOMPARE(tree.group(g).depth, tree.group(tree.group(g).parent).depth + 1);
    }

    // Everything expanded, with split parts: a part is laid out after the groups inside it, so
    // the boxes it places are their expanded sizes and no two overlap.
    void expandedPartsDoNotOverlap() {
        views::GraphIndex index(test::synthetic_model(400, false));
        auto tree = std::make_shared<const views::GroupTree>(index);
        const auto groups = static_cast<std::size_t>(tree->group_count());
        views::LayoutRequest request{tree, std::vector<char>(groups, 1), {}, std::vector<char>(groups, 1)};
        std::atomic<bool> stop{false};
        const auto result = views::run_layout(request, stop);
        for (std::size_t g = 0; g < groups; ++g) {
            const auto& items = tree->group(static_cast<int>(g)).items;
            const auto& pos = result.cache[g]->layout.positions;
            std::vector<QRectF> boxes;
            for (std::size_t i = 0; i < items.size(); ++i) {
                const auto* child = items[i].is_group ? result.cache[static_cast<std::size_t>(items[i].id)].get() : nullptr;
                const QSizeF size = child ? QSizeF(child->width, child->height) : QSizeF(1, 1);
                boxes.emplace_back(QPointF(pos[i].x, pos[i].y), size);
            }
            for (std::size_t a = 0; a < boxes.size(); ++a)
                for (std::size_t b = a + 1; b < boxes.size(); ++b)
                    QVERIFY2(!boxes[a].adjusted(1, 1, -1, -1).intersects(boxes[b]),
                             qPrintable(QStringLiteral("group %1: items %2 and %3 overlap").arg(g).arg(a).arg(b)));
        }
    }

    void layoutIsIncremental() {
        views::GraphIndex index(test::synthetic_model(50, false));
        auto tree = std::make_shared<const views::GroupTree>(index);
        views::LayoutRequest request{tree, std::vector<char>(tree->group_count(), 0), {},
                                     std::vector<char>(tree->group_count(), 1)};
        request.expanded[tree->root()] = 1;
        std::atomic<bool> stop{false};
        auto first = views::run_layout(request, stop);
        QCOMPARE(first.groups_laid_out, 1);  // only the root: everything else is collapsed
        // Expand one block: that block and the root are laid out, nothing else.
        const int g = tree->group(tree->root()).items[5].id;
        QVERIFY(tree->group(tree->root()).items[5].is_group);
        request.cache = first.cache;
        std::fill(request.dirty.begin(), request.dirty.end(), 0);
        request.expanded[g] = 1;
        views::mark_dirty_up(*tree, tree->group(g).parent, request.dirty);
        auto second = views::run_layout(request, stop);
        QCOMPARE(second.groups_laid_out, 2);
        QVERIFY(second.cache[g] != nullptr);
        stop = true;
        QVERIFY(views::run_layout(request, stop).cancelled);
    }
};

QTEST_GUILESS_MAIN(TstGroupTree)
#include "tst_group_tree.moc"
