// SPDX-License-Identifier: Apache-2.0
// Builds the Debian package with CPack and checks what it installs.
#include <QProcess>
#include <QTest>

#include "common/corpus.h"

namespace {

QString run(const QString& program, const QStringList& args, int* exit_code) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(600000)) {
        *exit_code = -1;
        return "timed out";
    }
    *exit_code = p.exitCode();
    return QString::fromLocal8Bit(p.readAll());
}

}  // namespace

class TestPackage : public QObject {
    Q_OBJECT
private slots:
    void debContainsBinariesDesktopFileAndTranslations() {
        const QString build = qEnvironmentVariable("WB_BUILD_DIR");
        QVERIFY2(!build.isEmpty(), "WB_BUILD_DIR is not set");
        const auto out = wb::test::temp_dir("deb");
        int code = 0;
        QString log = run("cpack", {"--config", build + "/CPackConfig.cmake", "-G", "DEB", "-B",
                                    QString::fromStdString(out.string())}, &code);
        QVERIFY2(code == 0, qPrintable("cpack failed:\n" + log));

        QString deb;
        for (const auto& entry : std::filesystem::directory_iterator(out))
            if (entry.path().extension() == ".deb") deb = QString::fromStdString(entry.path().string());
        QVERIFY2(!deb.isEmpty(), qPrintable("no .deb produced:\n" + log));

        QString contents = run("dpkg-deb", {"-c", deb}, &code);
        QCOMPARE(code, 0);
        for (const char* path : {"./usr/bin/tfjs-wb", "./usr/bin/tfjs-workbench",
                                 "./usr/share/applications/tfjs-workbench.desktop",
                                 "./usr/share/metainfo/io.github.tfjs_workbench.metainfo.xml",
                                 "./usr/share/icons/hicolor/scalable/apps/tfjs-workbench.svg",
                                 "./usr/share/man/man1/tfjs-wb.1",
                                 "./usr/share/tfjs-workbench/translations/tfjs-workbench_es.qm"})
            QVERIFY2(contents.contains(path), qPrintable(QString("missing %1 in:\n%2").arg(path, contents)));

        QString info = run("dpkg-deb", {"-f", deb, "Depends"}, &code);
        QCOMPARE(code, 0);
        QVERIFY2(info.contains("libqt6widgets6"), qPrintable("Depends lacks Qt: " + info));
        QVERIFY2(info.contains("qt6-qpa-plugins"), qPrintable(info));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
