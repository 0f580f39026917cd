// SPDX-License-Identifier: Apache-2.0
// NonMaxSuppression (v1) against a hand-worked case: three boxes, two overlapping with IoU 0.82
// (suppressed at the default 0.5, kept at 0.9), selected in score order.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstNmsV1 : public QObject {
    Q_OBJECT
private slots:
    void attributeThresholdSuppresses() {
        // Box 1 is box 0 shifted by 0.1 of its side: IoU = 0.9 / 1.1 ≈ 0.82.
        const auto boxes = floats({3, 4}, {0, 0, 1, 1, 0.1f, 0, 1.1f, 1, 5, 5, 6, 6});
        const auto scores = floats({3}, {0.9f, 0.95f, 0.5f});
        Graph g({constant("b", boxes), constant("s", scores), constant("n", scalar_int(3)),
                 node("dflt", "NonMaxSuppression", {"b", "s", "n"}),
                 node("loose", "NonMaxSuppression", {"b", "s", "n"}, {{"iou_threshold", 0.9f}})});
        auto out = g.run({"dflt", "loose"});
        expect_values(out[0], ir::Shape{2}, {1, 2});
        expect_values(out[1], ir::Shape{3}, {1, 0, 2});
    }
};

QTEST_GUILESS_MAIN(TstNmsV1)
#include "tst_nms_v1.moc"
