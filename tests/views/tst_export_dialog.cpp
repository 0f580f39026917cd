// SPDX-License-Identifier: Apache-2.0
// The export workflow end to end on the sample CNN: the dialog's options convert the frozen
// graph, the result reloads with wb::formats::read_model with the fetch and its
// fan-in; the command line names every option set; cancel leaves nothing behind.
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <filesystem>

#include "common/corpus.h"
#include "formats/registry.h"
#include "views/panels/export_dialog.h"

using namespace wb;


class TestExportDialog : public QObject {
    Q_OBJECT
    QString sample_;

private slots:
    void initTestCase() {
        sample_ = QString::fromStdString((test::bin_dir() / "../samples/sample_cnn.pb").string());
        QVERIFY2(QFile::exists(sample_), "build/samples/sample_cnn.pb missing (target wb_sample_model)");
    }

    void exportReloadsAndReproduces() {
        const auto dir = test::temp_dir("export_dialog") / "tfjs";
        std::filesystem::remove_all(dir);
        views::ExportDialog dialog;
        dialog.setSource(sample_);
        dialog.setOutputDir(QString::fromStdString(dir.string()));
        dialog.setOutputNodes(QStringLiteral("probabilities"));
        const QString command = dialog.commandLine();
        QVERIFY(command.startsWith(QStringLiteral("tfjs-wb convert --input_format=tf_frozen_model")));
        QVERIFY(command.contains(QStringLiteral("--output_node_names=probabilities")));
        QVERIFY(command.endsWith(QString::fromStdString(dir.string())));
        QSignalSpy done(&dialog, &views::ExportDialog::finished);
        // The sample holds a MatrixInverse TensorFlow.js cannot run: the converter's check names it.
        dialog.start();
        QVERIFY(done.wait(120000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY(done.takeFirst().at(1).toString().contains(QStringLiteral("whiten/MatrixInverse")));
        QVERIFY(!std::filesystem::exists(dir));
        dialog.setSkipOpCheck(true);
        QVERIFY(dialog.commandLine().contains(QStringLiteral(" --skip_op_check ")));
        dialog.start();
        QVERIFY(done.wait(120000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        // model.json, one shard, and the total row.
        QCOMPARE(dialog.fileTable()->rowCount(), 3);
        QCOMPARE(dialog.fileTable()->item(0, 0)->text(), QStringLiteral("group1-shard1of1.bin"));
        QCOMPARE(dialog.fileTable()->item(1, 0)->text(), QStringLiteral("model.json"));

        auto source = formats::read_model(sample_.toStdString());
        QVERIFY(source.ok());
        auto exported = formats::read_model(dir / "model.json");
        QVERIFY2(exported.ok(), exported ? "" : exported.error().what().c_str());
        // The converter kept the fetch and its fan-in; nothing was added.
        const ir::Node* out = exported->graph.find("probabilities");
        QVERIFY(out);
        QCOMPARE(QString::fromStdString(out->op), QStringLiteral("Softmax"));
        QVERIFY(exported->graph.size() > 1 && exported->graph.size() <= source->graph.size());
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/export.png"));
    }

    void quantizedCommandAndOptions() {
        views::ExportDialog dialog;
        dialog.setSource(sample_);
        dialog.setOutputDir(QStringLiteral("/tmp/out dir"));
        dialog.setQuantization(QStringLiteral("uint8"), QStringLiteral("conv*"));
        const QString command = dialog.commandLine();
        QVERIFY(command.contains(QStringLiteral("--quantize_uint8=conv*")));
        QVERIFY(command.endsWith(QStringLiteral("'/tmp/out dir'")));
        auto options = dialog.convertOptions();
        QVERIFY(options.ok());
        QVERIFY(static_cast<bool>(options->graph.weights.quantize));
    }

    void cancelLeavesNothing() {
        const auto dir = test::temp_dir("export_dialog") / "cancelled";
        std::filesystem::remove_all(dir);
        views::ExportDialog dialog;
        dialog.setSource(sample_);
        dialog.setOutputDir(QString::fromStdString(dir.string()));
        dialog.setOutputNodes(QStringLiteral("probabilities"));
        dialog.setSkipOpCheck(true);
        QSignalSpy done(&dialog, &views::ExportDialog::finished);
        dialog.start();
        dialog.cancel();
        QVERIFY(done.wait(60000));
        // Cancel may land after the last progress check on so small a model; either way the
        // output is all or nothing.
        if (!done.first().at(0).toBool()) QVERIFY(!std::filesystem::exists(dir / "model.json"));
        else QVERIFY(std::filesystem::exists(dir / "model.json"));
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_export_dialog.moc"
