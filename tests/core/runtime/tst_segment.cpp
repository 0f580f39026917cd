// SPDX-License-Identifier: Apache-2.0
// Segment reductions against hand-computed TensorFlow results: sorted Segment* (empty segments
// are 0), Unsorted* (negative ids dropped, empty segments hold the identity, ids of rank 2) and
// SparseSegment* (rows picked by indices).
#include <QTest>

#include <limits>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

Graph segment(const std::string& op, std::vector<int32_t> ids, std::vector<ir::Node> extra = {}, std::vector<std::string> more = {}) {
    std::vector<ir::Node> nodes = {constant("data", floats({3, 2}, {1, 2, 3, 4, 5, 6})),
                                   constant("ids", ints({static_cast<int64_t>(ids.size())}, ids))};
    std::vector<std::string> inputs = {"data"};
    if (op.starts_with("Sparse")) inputs.push_back("indices");
    inputs.push_back("ids");
    for (auto& m : more) inputs.push_back(m);
    for (auto& e : extra) nodes.push_back(std::move(e));
    nodes.push_back(node("out", op, inputs));
    return Graph(std::move(nodes));
}

}  // namespace

class TstSegment : public QObject {
    Q_OBJECT
private slots:
    void sortedSegmentsLeaveEmptyOnesZero() {
        const std::vector<std::pair<std::string, std::vector<double>>> cases = {
            {"SegmentSum", {4, 6, 0, 0, 5, 6}}, {"SegmentMean", {2, 3, 0, 0, 5, 6}}, {"SegmentProd", {3, 8, 0, 0, 5, 6}},
            {"SegmentMax", {3, 4, 0, 0, 5, 6}}, {"SegmentMin", {1, 2, 0, 0, 5, 6}}};
        for (const auto& [op, want] : cases) expect_values(segment(op, {0, 0, 2}).run({"out"})[0], ir::Shape{3, 2}, want);
        QVERIFY(!segment("SegmentSum", {1, 0, 2}).try_run({"out"}));  // ids must be sorted
    }
    void unsortedSegmentsDropNegativeIdsAndHoldTheIdentity() {
        const double lo = std::numeric_limits<float>::lowest(), hi = std::numeric_limits<float>::max();
        const std::vector<std::pair<std::string, std::vector<double>>> cases = {
            {"UnsortedSegmentSum", {5, 6, 0, 0, 1, 2, 0, 0}}, {"UnsortedSegmentProd", {5, 6, 1, 1, 1, 2, 1, 1}},
            {"UnsortedSegmentMax", {5, 6, lo, lo, 1, 2, lo, lo}}, {"UnsortedSegmentMin", {5, 6, hi, hi, 1, 2, hi, hi}}};
        for (const auto& [op, want] : cases)
            expect_values(segment(op, {2, -1, 0}, {constant("n", scalar_int(4))}, {"n"}).run({"out"})[0], ir::Shape{4, 2}, want);
        QVERIFY(!segment("UnsortedSegmentSum", {2, 4, 0}, {constant("n", scalar_int(4))}, {"n"}).try_run({"out"}));
    }
    void unsortedIdsMayCoverSeveralDimensions() {
        Graph g({constant("data", floats({2, 2}, {1, 2, 3, 4})), constant("ids", ints({2, 2}, {0, 1, 1, 0})),
                 constant("n", scalar_int(2)), node("out", "UnsortedSegmentSum", {"data", "ids", "n"})});
        expect_values(g.run({"out"})[0], ir::Shape{2}, {5, 5});
    }
    void sparseSegmentsPickRowsByIndex() {
        expect_values(segment("SparseSegmentMean", {0, 0, 1}, {constant("indices", ints({3}, {0, 2, 1}))}).run({"out"})[0],
                      ir::Shape{2, 2}, {3, 4, 3, 4});
        expect_values(segment("SparseSegmentSumWithNumSegments", {0, 0, 1},
                              {constant("indices", ints({3}, {0, 2, 1})), constant("n", scalar_int(3))}, {"n"})
                          .run({"out"})[0],
                      ir::Shape{3, 2}, {6, 8, 3, 4, 0, 0});
    }
};

QTEST_GUILESS_MAIN(TstSegment)
#include "tst_segment.moc"
