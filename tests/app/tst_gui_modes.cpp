// SPDX-License-Identifier: Apache-2.0
// The batch modes of tfjs-workbench, run as a user would: --bench-open and --screenshot.
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include "common/corpus.h"

class TstGuiModes : public QObject {
    Q_OBJECT
    QString exe_ = QString::fromStdString((wb::test::bin_dir() / "tfjs-workbench").string());
    QString sample_ = QString::fromStdString((wb::test::bin_dir() / "../samples/sample_cnn.pb").string());

private slots:
    void benchOpenPrintsOneJsonLine() {
        QProcess p;
        p.start(exe_, {QStringLiteral("--bench-open"), sample_});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput().trimmed();
        QCOMPARE(out.count('\n'), 0);
        const auto json = QJsonDocument::fromJson(out).object();
        for (const char* key : {"first_view_ms", "layout_ms", "max_ui_stall_ms"}) {
            QVERIFY2(json.contains(QLatin1String(key)), key);
            QVERIFY(json.value(QLatin1String(key)).toDouble() >= 0);
        }
        QVERIFY(json.value(QStringLiteral("nodes")).toInt() > 20);
    }

    void screenshotWritesAPicture() {
        const QString file = QString::fromStdString((wb::test::temp_dir("shot") / "shot.png").string());
        QProcess p;
        p.start(exe_, {QStringLiteral("--screenshot"), file, QStringLiteral("--window-size"), QStringLiteral("1000x700"), sample_});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const QImage image(file);
        QCOMPARE(image.size(), QSize(1000, 700));
    }
};

QTEST_GUILESS_MAIN(TstGuiModes)
#include "tst_gui_modes.moc"
