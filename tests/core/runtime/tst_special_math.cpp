// SPDX-License-Identifier: Apache-2.0
// Special functions against closed forms: digamma(1) = -γ, digamma(x+1) = digamma(x) + 1/x,
// P(1, x) = 1 - e^-x, Q(1, x) = e^-x, polygamma(1, 1) = zeta(2, 1) = π²/6, I_x(1, 1) = x,
// I_x(2, 1) = x², with broadcasting and float64.
#include <QTest>

#include <cmath>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {
constexpr double kEulerGamma = 0.57721566490153286;
constexpr double kPi2Over6 = 1.6449340668482264;
}  // namespace

class TstSpecialMath : public QObject {
    Q_OBJECT
private slots:
    void digamma() {
        Graph g({constant("x", tensor<double>(ir::DType::Float64, {3}, {1, 2, 3.5})), node("y", "Digamma", {"x"})});
        auto out = g.run({"y"})[0];
        QCOMPARE(out.dtype(), ir::DType::Float64);
        // digamma(3.5) = -γ - 2 ln 2 + 2 (1 + 1/3 + 1/5)
        expect_values(out, ir::Shape{3}, {-kEulerGamma, 1 - kEulerGamma, -kEulerGamma - 2 * std::log(2.0) + 2 * (1 + 1.0 / 3 + 1.0 / 5)}, 1e-12);
    }
    void incompleteGammaBroadcasts() {
        Graph g({constant("a", scalar_float(1.f)), constant("x", floats({3}, {0.5f, 1, 2})),
                 node("p", "Igamma", {"a", "x"}), node("q", "Igammac", {"a", "x"})});
        auto out = g.run({"p", "q"});
        expect_values(out[0], ir::Shape{3}, {1 - std::exp(-0.5), 1 - std::exp(-1.0), 1 - std::exp(-2.0)}, 1e-6);
        expect_values(out[1], ir::Shape{3}, {std::exp(-0.5), std::exp(-1.0), std::exp(-2.0)}, 1e-6);
    }
    void polygammaAndZeta() {
        Graph g({constant("n", floats({2}, {0, 1})), constant("x", scalar_float(1.f)), node("pg", "Polygamma", {"n", "x"}),
                 constant("s", scalar_float(2.f)), node("z", "Zeta", {"s", "x"})});
        auto out = g.run({"pg", "z"});
        expect_values(out[0], ir::Shape{2}, {-kEulerGamma, kPi2Over6}, 1e-5);
        expect_values(out[1], ir::Shape{}, {kPi2Over6}, 1e-5);
    }
    void betaincScalarsAndVectors() {
        Graph g({constant("a", floats({3}, {1, 2, 1})), constant("b", scalar_float(1.f)), constant("x", floats({3}, {0.3f, 0.3f, 0.9f})),
                 node("i", "Betainc", {"a", "b", "x"}), constant("bad", floats({2}, {1, 1})), node("i_bad", "Betainc", {"a", "bad", "x"})});
        expect_values(g.run({"i"})[0], ir::Shape{3}, {0.3, 0.09, 0.9}, 1e-6);
        QVERIFY(!g.try_run({"i_bad"}));
    }
};

QTEST_GUILESS_MAIN(TstSpecialMath)
#include "tst_special_math.moc"
