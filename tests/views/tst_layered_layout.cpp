// SPDX-License-Identifier: Apache-2.0
#include <QTest>

#include "views/graph/layered_layout.h"

using wb::views::LayoutInput;
using wb::views::layered_layout;

class TstLayeredLayout : public QObject {
    Q_OBJECT
private:
    static LayoutInput boxes(int n) {
        LayoutInput in;
        in.boxes.assign(static_cast<std::size_t>(n), {100, 40});
        return in;
    }
    // No two boxes overlap.
    static void checkNoOverlap(const LayoutInput& in, const wb::views::LayoutOutput& out) {
        for (std::size_t a = 0; a < in.boxes.size(); ++a)
            for (std::size_t b = a + 1; b < in.boxes.size(); ++b) {
                const auto &pa = out.positions[a], &pb = out.positions[b];
                const bool apart = pa.x + in.boxes[a].width <= pb.x + 1e-6 || pb.x + in.boxes[b].width <= pa.x + 1e-6 ||
                                   pa.y + in.boxes[a].height <= pb.y + 1e-6 || pb.y + in.boxes[b].height <= pa.y + 1e-6;
                QVERIFY2(apart, qPrintable(QStringLiteral("boxes %1 and %2 overlap").arg(a).arg(b)));
            }
    }

private slots:
    void emptyInput() {
        const auto out = layered_layout({});
        QCOMPARE(out.positions.size(), std::size_t(0));
    }

    void chainGoesDown() {
        auto in = boxes(4);
        in.edges = {{0, 1}, {1, 2}, {2, 3}};
        const auto out = layered_layout(in);
        for (int i = 0; i + 1 < 4; ++i) QVERIFY(out.positions[i + 1].y > out.positions[i].y);
        // A chain is straight: every box in the same column.
        for (int i = 1; i < 4; ++i) QCOMPARE(out.positions[i].x, out.positions[0].x);
        QCOMPARE(out.routes.size(), std::size_t(3));
        QCOMPARE(out.routes[0].front().y, out.positions[0].y + 40);
        QCOMPARE(out.routes[0].back().y, out.positions[1].y);
    }

    void diamondAndLongEdge() {
        auto in = boxes(5);
        in.edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}, {0, 4}};
        const auto out = layered_layout(in);
        checkNoOverlap(in, out);
        QCOMPARE(out.positions[1].y, out.positions[2].y);
        // The long edge 0 → 4 bends through dummies: two dummies between them.
        QCOMPARE(out.routes[5].size(), std::size_t(4));
    }

    void sourcesSitNextToTheirConsumer() {
        auto in = boxes(5);
        in.edges = {{0, 1}, {1, 2}, {2, 3}, {4, 3}};  // 4 is a Const feeding layer 3
        const auto out = layered_layout(in);
        QCOMPARE(out.positions[4].y, out.positions[2].y);
    }

    void cyclesSelfLoopsAndDuplicates() {
        auto in = boxes(3);
        in.edges = {{0, 1}, {1, 2}, {2, 0}, {1, 1}, {0, 1}};
        const auto out = layered_layout(in);
        checkNoOverlap(in, out);
        QVERIFY(out.routes[3].empty());      // self-loop dropped
        QCOMPARE(out.routes[4].size(), out.routes[0].size());  // duplicate shares the route
        QVERIFY(!out.routes[2].empty());     // the back edge is still drawn
        QCOMPARE(out.routes[2].front().y, out.positions[2].y);  // leaves 2 from its top (reversed)
    }

    void wideFanOutHasNoOverlap() {
        auto in = boxes(200);
        for (int i = 1; i < 200; ++i) in.edges.push_back({i % 7, i});
        const auto out = layered_layout(in);
        checkNoOverlap(in, out);
        QVERIFY(out.width > 0 && out.height > 0);
    }
};

QTEST_GUILESS_MAIN(TstLayeredLayout)
#include "tst_layered_layout.moc"
