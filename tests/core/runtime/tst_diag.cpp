// SPDX-License-Identifier: Apache-2.0
// Diag, DiagPart and MatrixDiagPart against hand-written diagonals.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstDiag : public QObject {
    Q_OBJECT
private slots:
    void diagAndDiagPartAreInverse() {
        Graph g({constant("d", floats({2, 1}, {1, 2})), node("m", "Diag", {"d"}), node("back", "DiagPart", {"m"})});
        auto out = g.run({"m", "back"});
        expect_values(out[0], ir::Shape{2, 1, 2, 1}, {1, 0, 0, 2});
        expect_values(out[1], ir::Shape{2, 1}, {1, 2});
    }
    void matrixDiagPartOfBatchedRectangles() {
        Graph g({constant("m", ints({2, 2, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})), node("d", "MatrixDiagPart", {"m"}),
                 constant("v", floats({3}, {1, 2, 3})), node("bad", "MatrixDiagPart", {"v"})});
        expect_values(g.run({"d"})[0], ir::Shape{2, 2}, {1, 5, 7, 11});
        QVERIFY(!g.try_run({"bad"}));
    }
};

QTEST_GUILESS_MAIN(TstDiag)
#include "tst_diag.moc"
