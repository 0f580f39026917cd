// SPDX-License-Identifier: Apache-2.0
// The export workflow end to end on the sample CNN: the dialog's options convert the frozen
// graph, the result reloads with wb::formats::read_model with the fetch and its
// fan-in; the command line names every option set; cancel leaves nothing behind. On corpus
// models (a frozen MLP, a Keras .h5 to layers and graph models): Verify reloads the export and
// matches the source within 1e-5, `tfjs-wb run` on the export reproduces the source's outputs,
// and the dialog's `tfjs-wb convert` command writes the same weights.
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <filesystem>

#include "common/corpus.h"
#include "formats/registry.h"
#include "runtime/tensor_io.h"
#include "views/panels/export_dialog.h"

using namespace wb;

namespace {
// Runs build/bin/tfjs-wb with `args`; false (and the stderr in the log) on failure.
bool run_cli(QStringList args) {
    QProcess p;
    p.start(QString::fromStdString((test::bin_dir() / "tfjs-wb").string()), args);
    const bool ok = p.waitForFinished(180000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!ok) qWarning() << "tfjs-wb" << args << p.readAllStandardError();
    return ok;
}

QByteArray file_bytes(const std::filesystem::path& path) {
    QFile f(QString::fromStdString(path.string()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every weight shard of two exports, byte for byte.
void compare_shards(const std::filesystem::path& a, const std::filesystem::path& b) {
    const QStringList shards = QDir(QString::fromStdString(a.string())).entryList({QStringLiteral("*.bin")}, QDir::Files, QDir::Name);
    QVERIFY(!shards.isEmpty());
    QCOMPARE(QDir(QString::fromStdString(b.string())).entryList({QStringLiteral("*.bin")}, QDir::Files, QDir::Name), shards);
    for (const QString& s : shards) QVERIFY(file_bytes(a / s.toStdString()) == file_bytes(b / s.toStdString()));
}

// Exports with the dialog, runs Verify (≤ 1e-5), then the dialog's own command into `dir`_cli.
void export_verify_and_replay(views::ExportDialog& dialog, const std::filesystem::path& dir) {
    std::filesystem::remove_all(dir);
    dialog.setOutputDir(QString::fromStdString(dir.string()));
    QSignalSpy done(&dialog, &views::ExportDialog::finished);
    dialog.start();
    QVERIFY(done.wait(180000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QSignalSpy verified(&dialog, &views::ExportDialog::verified);
    dialog.verify();
    QVERIFY(verified.wait(180000));
    QVERIFY2(verified.first().at(0).toBool(), qPrintable(verified.first().at(1).toString()));
    const views::VerifyResult* r = dialog.verifyResult();
    QVERIFY(r && !r->outputs.empty());
    QVERIFY(r->worst_abs() <= 1e-5);
    QCOMPARE(dialog.verifyTable()->rowCount(), static_cast<int>(r->outputs.size()));
    QCOMPARE(dialog.verifyTable()->item(0, 2)->data(Qt::DisplayRole).toDouble(), r->outputs[0].max_abs);

    // The equivalent command, as shown (no argument needs quoting here), into a second folder.
    const auto cli_dir = std::filesystem::path(dir.string() + "_cli");
    std::filesystem::remove_all(cli_dir);
    dialog.setOutputDir(QString::fromStdString(cli_dir.string()));
    QStringList args = dialog.commandLine().split(QLatin1Char(' '));
    QCOMPARE(args.takeFirst(), QStringLiteral("tfjs-wb"));
    QVERIFY(run_cli(args));
    compare_shards(dir, cli_dir);
    dialog.setOutputDir(QString::fromStdString(dir.string()));
}
}  // namespace


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

    void verifyAndRunReproduce() {
        WB_REQUIRE_CORPUS();
        const auto model = test::corpus_dir() / "frozen/tf-onnx/fc-layers/frozen.pb";
        const auto dir = test::temp_dir("export_verify") / "mlp";
        views::ExportDialog dialog;
        dialog.setSource(QString::fromStdString(model.string()));
        dialog.setOutputNodes(QStringLiteral("output"));
        export_verify_and_replay(dialog, dir);
        if (QTest::currentTestFailed()) return;
        // `tfjs-wb run` on the export, fed the inputs Verify used, gives the source model's outputs.
        const views::VerifyResult* r = dialog.verifyResult();
        const auto run_dir = test::temp_dir("export_verify") / "run";
        QVERIFY(runtime::write_tensor_set(run_dir, "inputs.json", r->inputs).ok());
        QVERIFY(run_cli({QStringLiteral("run"), QString::fromStdString((dir / "model.json").string()), QStringLiteral("--input"),
                         QString::fromStdString((run_dir / "inputs.json").string()), QStringLiteral("--out"),
                         QString::fromStdString((run_dir / "out").string())}));
        auto outputs = runtime::read_tensor_set(run_dir / "out" / "outputs.json");
        QVERIFY2(outputs.ok(), outputs ? "" : outputs.error().what().c_str());
        QCOMPARE(outputs->size(), r->expected.size());
        for (std::size_t i = 0; i < outputs->size(); ++i) {
            const ir::Tensor &got = (*outputs)[i].second, &want = r->expected[i].second;
            QCOMPARE(got.num_elements(), want.num_elements());
            for (int64_t k = 0; k < got.num_elements(); ++k)
                QVERIFY(std::abs(got.data<float>()[k] - want.data<float>()[k]) <= 1e-5);
        }
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/export_verify.png"));
    }

    void kerasRoutes() {
        WB_REQUIRE_CORPUS();
        const auto model = test::corpus_dir() / "keras_h5/face_classification/mini_XCEPTION_KDEF.hdf5";
        const auto dir = test::temp_dir("export_keras");  // a fresh folder per call
        views::ExportDialog dialog;
        dialog.setSource(QString::fromStdString(model.string()));
        QVERIFY(dialog.kerasRoute());
        QVERIFY(dialog.commandLine().startsWith(QStringLiteral("tfjs-wb convert --input_format=keras --output_format=tfjs_layers_model ")));
        export_verify_and_replay(dialog, dir / "layers");
        if (QTest::currentTestFailed()) return;
        auto layers = formats::read_model(dir / "layers" / "model.json");
        QVERIFY(layers.ok());
        QCOMPARE(QString::fromStdString(layers->format), QStringLiteral("tfjs_layers_model"));

        dialog.setOutputFormat(QStringLiteral("tfjs_graph_model"));
        QVERIFY(!dialog.kerasRoute());
        QVERIFY(dialog.commandLine().contains(QStringLiteral("--input_format=keras --output_format=tfjs_graph_model")));
        export_verify_and_replay(dialog, dir / "graph");
        if (QTest::currentTestFailed()) return;
        auto graph = formats::read_model(dir / "graph" / "model.json");
        QVERIFY(graph.ok());
        QCOMPARE(QString::fromStdString(graph->format), QStringLiteral("tfjs_graph_model"));
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
