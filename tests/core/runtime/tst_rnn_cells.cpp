// SPDX-License-Identifier: Apache-2.0
// LSTMBlockCell, BlockLSTM and GRUBlockCell on one-unit cells against the formulas written out
// here (lstm_ops.cc / gru_ops.cc): gate order [i, ci, f, o], forget_bias, cell_clip, steps past
// seq_len_max zero; GRU h = u·h_prev + (1-u)·tanh([x, r·h_prev]·w_c + b_c).
#include <QTest>

#include <cmath>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

double sig(double x) { return 1 / (1 + std::exp(-x)); }

// x = 1, h_prev = 0, w = [[1, 2, 0, -1], [0, 0, 0, 0]], b = 0, no peepholes.
std::vector<ir::Node> lstm_inputs(float cs_prev, ir::Shape x_shape, std::vector<float> x) {
    return {constant("x", floats(std::move(x_shape), std::move(x))), constant("cs", floats({1, 1}, {cs_prev})),
            constant("h", floats({1, 1}, {0})), constant("w", floats({2, 4}, {1, 2, 0, -1, 0, 0, 0, 0})),
            constant("p", floats({1}, {0})), constant("b", floats({4}, {0, 0, 0, 0})), constant("len", tensor<int64_t>(ir::DType::Int64, {}, {1}))};
}

std::vector<double> lstm_expected(double cs_prev, double clip) {
    const double i = sig(1), ci = std::tanh(2.0), f = sig(0 + 1.0), o = sig(-1);
    double cs = ci * i + cs_prev * f;
    if (clip > 0) cs = std::min(std::max(cs, -clip), clip);
    return {i, cs, f, o, ci, std::tanh(cs), std::tanh(cs) * o};
}

}  // namespace

class TstRnnCells : public QObject {
    Q_OBJECT
private slots:
    void lstmBlockCellGatesAndClip() {
        for (auto [cs_prev, clip] : std::vector<std::pair<float, float>>{{0.5f, -1.f}, {10.f, 3.f}}) {
            auto nodes = lstm_inputs(cs_prev, {1, 1}, {1});
            nodes.push_back(node("cell", "LSTMBlockCell", {"x", "cs", "h", "w", "p", "p", "p", "b"},
                                 {{"forget_bias", 1.f}, {"cell_clip", clip}, {"use_peephole", false}}));
            Graph g(std::move(nodes));
            const auto want = lstm_expected(cs_prev, clip);
            for (int k = 0; k < 7; ++k) expect_values(g.run({"cell:" + std::to_string(k)})[0], ir::Shape{1, 1}, {want[k]}, 1e-6);
        }
    }
    void blockLstmZeroesStepsPastSeqLenMax() {
        auto nodes = lstm_inputs(0.5f, {2, 1, 1}, {1, 1});
        nodes.push_back(node("seq", "BlockLSTM", {"len", "x", "cs", "h", "w", "p", "p", "p", "b"},
                             {{"forget_bias", 1.f}, {"cell_clip", -1.f}, {"use_peephole", false}}));
        Graph g(std::move(nodes));
        const auto want = lstm_expected(0.5, -1);
        for (int k = 0; k < 7; ++k) expect_values(g.run({"seq:" + std::to_string(k)})[0], ir::Shape{2, 1, 1}, {want[k], 0}, 1e-6);
    }
    void gruBlockCell() {
        Graph g({constant("x", floats({1, 1}, {1})), constant("h", floats({1, 1}, {0.5f})), constant("w_ru", floats({2, 2}, {1, -1, 2, 0})),
                 constant("w_c", floats({2, 1}, {1, 1})), constant("b_ru", floats({2}, {0, 0})), constant("b_c", floats({1}, {0})),
                 node("gru", "GRUBlockCell", {"x", "h", "w_ru", "w_c", "b_ru", "b_c"})});
        const double r = sig(2), u = sig(-1), c = std::tanh(1 + r * 0.5), h = u * 0.5 + (1 - u) * c;
        auto out = g.run({"gru:0", "gru:1", "gru:2", "gru:3"});
        const double want[4] = {r, u, c, h};
        for (int k = 0; k < 4; ++k) expect_values(out[k], ir::Shape{1, 1}, {want[k]}, 1e-6);
    }
};

QTEST_GUILESS_MAIN(TstRnnCells)
#include "tst_rnn_cells.moc"
