// SPDX-License-Identifier: Apache-2.0
// Runs the built `tfjs-wb` with arguments and captures its exit code and both streams (CLI tests).
#pragma once
#include <QProcess>
#include <QStringList>

#include <filesystem>
#include <string>

#include "common/corpus.h"

namespace wb::test {

struct Run {
    int code = -1;  // -1: did not finish in 120 s; -2: crashed
    std::string out;
    std::string err;
};

inline Run tfjs_wb(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QString::fromStdString((bin_dir() / "tfjs-wb").string()), args);
    Run r;
    if (!p.waitForFinished(120000)) return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput().toStdString();
    r.err = p.readAllStandardError().toStdString();
    return r;
}

inline QString q(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

}  // namespace wb::test
