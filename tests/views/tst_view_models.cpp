// SPDX-License-Identifier: Apache-2.0
#include <QAbstractItemModelTester>
#include <QFile>
#include <QTest>
#include <numeric>

#include "common/corpus.h"
#include "synthetic_graph.h"
#include "views/graph/graph_index.h"
#include "views/models/op_histogram_model.h"
#include "views/models/property_model.h"
#include "views/models/unsupported_ops_model.h"
#include "views/models/weight_values_model.h"
#include "views/panels/search_query.h"
#include "views/panels/weight_stats.h"

using namespace wb;

namespace {
int node_of(const views::GraphIndex& index, const char* name) {
    return static_cast<int>(index.graph().find(name) - index.graph().nodes().data());
}
}  // namespace

class TstViewModels : public QObject {
    Q_OBJECT
    std::shared_ptr<const views::GraphIndex> index_ =
        std::make_shared<const views::GraphIndex>(test::synthetic_model(4, true));

private slots:
    void opHistogram() {
        views::OpHistogramModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setIndex(index_);
        // Const, Conv2D, BiasAdd, Relu: 4 each; Placeholder, MatrixInverse, Softmax: 1 each.
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.index(0, views::OpHistogramModel::Count).data().toInt(), 4);
        int total = 0;
        for (int r = 0; r < model.rowCount(); ++r) total += model.index(r, views::OpHistogramModel::Count).data().toInt();
        QCOMPARE(total, index_->size());
        model.setIndex(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void unsupportedOps() {
        views::UnsupportedOpsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setIndex(index_);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex op = model.index(0, 0);
        QCOMPARE(op.data().toString(), QStringLiteral("MatrixInverse"));
        QCOMPARE(model.rowCount(op), 1);
        const QModelIndex node = model.index(0, 0, op);
        QCOMPARE(node.data().toString(), QStringLiteral("block2/MatrixInverse"));
        QCOMPARE(node.data(views::UnsupportedOpsModel::NodeRole).toInt(), node_of(*index_, "block2/MatrixInverse"));
        QCOMPARE(model.parent(node), op);
    }

    void properties() {
        views::PropertyModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNode(index_, node_of(*index_, "block1/Conv2D"));
        QCOMPARE(model.value(QStringLiteral("Node"), QStringLiteral("Op")), QStringLiteral("Conv2D"));
        QCOMPARE(model.value(QStringLiteral("Attributes"), QStringLiteral("T")).isEmpty(), false);
        // Inputs name the producing tensors with their dtype.
        QCOMPARE(model.value(QStringLiteral("Inputs"), QStringLiteral("block0/Relu:0")), QStringLiteral("float32"));
        QVERIFY(model.value(QStringLiteral("Inputs"), QStringLiteral("block1/weights:0")).contains(QStringLiteral("[3,3,3,3]")));
        QVERIFY(model.value(QStringLiteral("Outputs"), QStringLiteral("block1/Conv2D:0")).contains(QStringLiteral("block1/BiasAdd")));
        model.setNode(index_, -1);
        QCOMPARE(model.rowCount(), 0);
    }

    void weightValuesArePaged() {
        views::WeightValuesModel model(50);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto* tensor = ir::attr_tensor(index_->node(node_of(*index_, "block0/weights")).attrs, "value");
        QVERIFY(tensor);
        model.setTensor(*tensor);
        QCOMPARE(model.pageCount(), 2);  // 81 values, 50 per page
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("[0, 0, 0, 0]"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("-3"));
        model.setPage(1);
        QCOMPARE(model.rowCount(), 31);
        QCOMPARE(model.index(30, 0).data().toString(), QStringLiteral("[2, 2, 2, 2]"));
    }

    void weightStatsAndNpy() {
        const auto* tensor = ir::attr_tensor(index_->node(node_of(*index_, "block0/weights")).attrs, "value");
        const auto stats = views::compute_weight_stats(*tensor, 7);
        QCOMPARE(stats.count, qint64(81));
        QCOMPARE(stats.min, -3.0);
        QCOMPARE(stats.max, 3.0);
        // values i % 7 - 3 for i < 81: 12 zeros (i % 7 == 3).
        QCOMPARE(stats.sparsity, 12.0 / 81.0);
        QCOMPARE(std::accumulate(stats.histogram.begin(), stats.histogram.end(), qint64(0)), qint64(81));
        const auto path = test::temp_dir("npy") / "w.npy";
        QVERIFY(views::write_npy(*tensor, path.string()).ok());
        QFile f(QString::fromStdString(path.string()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("\x93NUMPY"));
        const int header = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        QCOMPARE((10 + header) % 64, 0);
        QVERIFY(bytes.mid(10, header).contains("'shape': (3, 3, 3, 3)"));
        QCOMPARE(bytes.size(), 10 + header + 81 * 4);
    }

    void searchQueries() {
        using views::SearchQuery;
        QCOMPARE(SearchQuery::parse(QStringLiteral("op:Conv2D")).run(*index_).size(), std::size_t(4));
        QCOMPARE(SearchQuery::parse(QStringLiteral("op:conv2d block1")).run(*index_).size(), std::size_t(1));
        QCOMPARE(SearchQuery::parse(QStringLiteral("/block[12]\\/Relu$/")).run(*index_).size(), std::size_t(2));
        QCOMPARE(SearchQuery::parse(QStringLiteral("re:^block3/")).run(*index_).size(), std::size_t(4));
        QCOMPARE(SearchQuery::parse(QStringLiteral("dtype:float32 name:weights")).run(*index_).size(), std::size_t(4));
        QCOMPARE(SearchQuery::parse(QStringLiteral("relu")).run(*index_).size(), std::size_t(4));
        QVERIFY(!SearchQuery::parse(QStringLiteral("re:(")).valid());
        QVERIFY(!SearchQuery::parse(QStringLiteral("unsupported:maybe")).valid());
        QCOMPARE(SearchQuery::parse(QStringLiteral("unsupported:tfjs")).run(*index_).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TstViewModels)
#include "tst_view_models.moc"
