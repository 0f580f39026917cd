// SPDX-License-Identifier: Apache-2.0
// Exports are atomic (issue #10): `tfjs-wb convert` is killed with SIGKILL at many points of a
// large export; afterwards the output folder is either absent (or its old content unchanged) or
// a complete, valid model — never half-written. Ctrl-C (SIGINT) is a stop request: the
// converter exits 1 and leaves no temporary sibling behind either (graph and .h5 routes).
#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <random>
#include <set>

#include "common/corpus.h"
#include "core/proto/graph.pb.h"

namespace fs = std::filesystem;

namespace {

// x[1,n] · W[n,n] + b: a 64 MiB weight so the export takes a measurable while (16 shards).
void write_big_graph(const fs::path& path, int n) {
    tensorflow::GraphDef g;
    auto* x = g.add_node();
    x->set_name("x");
    x->set_op("Placeholder");
    (*x->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
    auto* shape = (*x->mutable_attr())["shape"].mutable_shape();
    shape->add_dim()->set_size(1);
    shape->add_dim()->set_size(n);

    auto* w = g.add_node();
    w->set_name("w");
    w->set_op("Const");
    (*w->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
    auto* t = (*w->mutable_attr())["value"].mutable_tensor();
    t->set_dtype(tensorflow::DT_FLOAT);
    t->mutable_tensor_shape()->add_dim()->set_size(n);
    t->mutable_tensor_shape()->add_dim()->set_size(n);
    std::vector<float> values(static_cast<size_t>(n) * n);
    std::mt19937 rng(7);
    std::normal_distribution<float> dist(0.f, 0.05f);
    for (auto& v : values) v = dist(rng);
    t->set_tensor_content(std::string(reinterpret_cast<const char*>(values.data()), values.size() * 4));

    auto* mm = g.add_node();
    mm->set_name("out");
    mm->set_op("MatMul");
    mm->add_input("x");
    mm->add_input("w");
    (*mm->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
    (*mm->mutable_attr())["transpose_a"].set_b(false);
    (*mm->mutable_attr())["transpose_b"].set_b(false);
    std::ofstream out(path, std::ios::binary);
    QVERIFY(g.SerializeToOstream(&out));
}

QStringList convert_args(const fs::path& in, const fs::path& out) {
    return {"convert", "--input_format=tf_frozen_model", "--output_node_names=out",
            QString::fromStdString(in.string()), QString::fromStdString(out.string())};
}

// A complete export: model.json parses and the shards hold exactly the manifest's bytes.
bool complete_export(const fs::path& dir, std::string* why) {
    std::ifstream in(dir / "model.json");
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) { *why = "model.json missing or not JSON"; return false; }
    std::uintmax_t want = 0, have = 0;
    for (const auto& group : j["weightsManifest"]) {
        for (const auto& w : group["weights"]) {
            std::uintmax_t n = 4;
            for (const auto& d : w["shape"]) n *= d.get<std::uintmax_t>();
            want += n;
        }
        for (const auto& p : group["paths"]) {
            std::error_code ec;
            auto size = fs::file_size(dir / p.get<std::string>(), ec);
            if (ec) { *why = "shard missing: " + p.get<std::string>(); return false; }
            have += size;
        }
    }
    if (want != have) { *why = "shards hold " + std::to_string(have) + " of " + std::to_string(want) + " bytes"; return false; }
    return true;
}

// The names in a folder, hidden temporaries included.
std::set<std::string> entries(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

// Interrupts `tfjs-wb ARGS` with SIGINT at several points of a run that takes about full_ms;
// afterwards OUT is absent or complete and the folder holds nothing else new.
void interrupt_at_points(const QStringList& args, const fs::path& out, qint64 full_ms) {
    const QString cli = QString::fromStdString((wb::test::bin_dir() / "tfjs-wb").string());
    const fs::path parent = out.parent_path();
    int stopped = 0, killed_early = 0;
    for (int k = 1; k <= 4; ++k) {
        const auto before = entries(parent);
        QProcess p;
        p.start(cli, args);
        QVERIFY(p.waitForStarted());
        QTest::qWait(static_cast<int>(full_ms * k / 6));
        const qint64 pid = p.processId();
        if (p.state() != QProcess::NotRunning && pid > 0) ::kill(static_cast<pid_t>(pid), SIGINT);
        // waitForFinished() is false for a process that already ended during the wait above.
        if (p.state() != QProcess::NotRunning) QVERIFY(p.waitForFinished(60000));
        // A signal outside the handler's span (process start-up, a larger share of the run under
        // sanitizers, or after the final rename) ends the process by default.
        const bool early = p.exitStatus() != QProcess::NormalExit;
        if (early || p.exitCode() != 0) {
            ++stopped;
            killed_early += early;
            auto expected = before;
            if (fs::exists(out)) {
                // Only a signal after the final rename, once the handler is gone again, ends the
                // process with the output in place: then it is complete (renames are atomic).
                QVERIFY2(early, "a stopped conversion left its output");
                expected.insert(out.filename().string());
            }
            QCOMPARE(entries(parent), expected);  // no temporary left behind
        }
        fs::remove_all(out);
    }
    qInfo("SIGINT at 4 points of %s: %d stopped cleanly (%d outside the handler's span), %d had finished",
          qPrintable(args.value(1)), stopped, killed_early, 4 - stopped);
}

}  // namespace

class TestAtomicExport : public QObject {
    Q_OBJECT
private slots:
    void sigkillLeavesNothingHalfWritten() {
        const QString cli = QString::fromStdString((wb::test::bin_dir() / "tfjs-wb").string());
        const fs::path dir = wb::test::temp_dir("atomic");
        const fs::path big = dir / "big.pb";
        write_big_graph(big, 4096);

        // One complete run tells how long an export takes here.
        QElapsedTimer timer;
        timer.start();
        QProcess full;
        full.start(cli, convert_args(big, dir / "reference"));
        QVERIFY(full.waitForFinished(300000));
        QVERIFY2(full.exitCode() == 0, full.readAllStandardError().constData());
        const qint64 full_ms = timer.elapsed();
        std::string why;
        QVERIFY2(complete_export(dir / "reference", &why), why.c_str());

        int absent = 0, complete = 0, unchanged = 0;
        // Kill points spread over 0..1.33x the full export time, so the late ones see it finish.
        for (int k = 0; k < 12; ++k) {
            const fs::path out = dir / ("out" + std::to_string(k));
            const bool preexisting = k % 3 == 2;  // an old export that must survive intact
            if (preexisting) {
                fs::create_directories(out);
                std::ofstream(out / "old.txt") << "previous export";
            }
            QProcess p;
            p.start(cli, convert_args(big, out));
            QVERIFY(p.waitForStarted());
            QTest::qWait(static_cast<int>(full_ms * k / 9));
            // processId() is 0 once the process has ended, and kill(0, ...) would signal our
            // own process group: only kill a process that is still running.
            const qint64 pid = p.processId();
            if (p.state() != QProcess::NotRunning && pid > 0) ::kill(static_cast<pid_t>(pid), SIGKILL);
            p.waitForFinished(30000);

            if (!fs::exists(out)) { ++absent; continue; }
            if (preexisting && fs::exists(out / "old.txt") && !fs::exists(out / "model.json")) {
                QCOMPARE(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 1L);
                ++unchanged;
                continue;
            }
            QVERIFY2(complete_export(out, &why), qPrintable(QString("kill #%1 left a broken export: %2").arg(k).arg(why.c_str())));
            ++complete;
        }
        qInfo("atomic export: full export %lld ms; 12 kills -> %d absent, %d old content unchanged, %d complete, 0 partial",
              full_ms, absent, unchanged, complete);
    }

    void ctrlCRemovesTemporaries_data() {
        QTest::addColumn<bool>("keras");
        QTest::newRow("frozen graph → graph model") << false;
        QTest::newRow("layers model → keras .h5") << true;
    }

    void ctrlCRemovesTemporaries() {
        QFETCH(bool, keras);
        const fs::path dir = wb::test::temp_dir("ctrl_c");
        QStringList args;
        fs::path out;
        if (keras) {
            WB_REQUIRE_CORPUS();
            out = dir / "inception_v3.h5";  // 90 MB of float32 written through libhdf5
            args = {"convert", "--input_format=tfjs_layers_model", "--output_format=keras",
                    QString::fromStdString((wb::test::corpus_dir() / "tfjs/nsfwjs/inception_v3/model.json").string()),
                    QString::fromStdString(out.string())};
        } else {
            write_big_graph(dir / "big.pb", 4096);
            out = dir / "graph_model";
            args = convert_args(dir / "big.pb", out);
        }
        QElapsedTimer timer;
        timer.start();
        QProcess full;
        full.start(QString::fromStdString((wb::test::bin_dir() / "tfjs-wb").string()), args);
        QVERIFY(full.waitForFinished(300000));
        QVERIFY2(full.exitCode() == 0, full.readAllStandardError().constData());
        const qint64 full_ms = timer.elapsed();
        fs::remove_all(out);
        interrupt_at_points(args, out, full_ms);
    }
};

QTEST_GUILESS_MAIN(TestAtomicExport)
#include "tst_atomic_export.moc"
