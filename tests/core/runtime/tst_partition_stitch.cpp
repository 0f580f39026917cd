// SPDX-License-Identifier: Apache-2.0
// DynamicPartition and (Parallel)DynamicStitch against hand-computed TensorFlow results; a
// partition then stitch by the partitioned positions gives the input back.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstPartitionStitch : public QObject {
    Q_OBJECT
private slots:
    void partitionThenStitchRoundTrips() {
        Graph g({constant("data", floats({4, 2}, {1, 2, 3, 4, 5, 6, 7, 8})), constant("p", ints({4}, {1, 0, 1, 1})),
                 constant("pos", ints({4}, {0, 1, 2, 3})), node("dp", "DynamicPartition", {"data", "p"}, {{"num_partitions", int64_t{2}}}),
                 node("ip", "DynamicPartition", {"pos", "p"}, {{"num_partitions", int64_t{2}}}),
                 node("st", "ParallelDynamicStitch", {"ip:0", "ip:1", "dp:0", "dp:1"}),
                 constant("bad", ints({4}, {0, 2, 0, 0})), node("dp_bad", "DynamicPartition", {"data", "bad"}, {{"num_partitions", int64_t{2}}})});
        auto out = g.run({"dp:0", "dp:1", "st"});
        expect_values(out[0], ir::Shape{1, 2}, {3, 4});
        expect_values(out[1], ir::Shape{3, 2}, {1, 2, 5, 6, 7, 8});
        expect_values(out[2], ir::Shape{4, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
        QVERIFY(!g.try_run({"dp_bad:0"}));
    }
    void stitchLaterWritesWin() {
        Graph g({constant("i0", ints({2}, {0, 2})), constant("i1", ints({1}, {2})), constant("d0", floats({2}, {1, 2})),
                 constant("d1", floats({1}, {9})), node("st", "DynamicStitch", {"i0", "i1", "d0", "d1"})});
        expect_values(g.run({"st"})[0], ir::Shape{3}, {1, 0, 9});
    }
};

QTEST_GUILESS_MAIN(TstPartitionStitch)
#include "tst_partition_stitch.moc"
